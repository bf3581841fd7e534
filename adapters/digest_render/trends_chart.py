"""The dashboard's trend charts, as inline SVG (drawn as the digest's chart is, ``chart.py``):

- the nights of the last 90 days, one panel per attacker and weapon category, launched against
  destroyed per night, from the attacker's primary source;
- every casualty-estimate series over time, one panel per series and one line per source: a figure
  is a point on its source's line, a range a band from low to high (its best estimate, if any, on
  the line), so where the sources disagree is seen at a glance. Sources are never averaged.
"""

from datetime import date, timedelta

from sitlog.adapters.digest_render.chart import DESTROYED, LAUNCHED, drawing, figure_svg
from sitlog.adapters.read_models.trends import AttackerNights, EstimatePoint, SeriesTrend

_EPOCH = date(1970, 1, 1)
# One colour per source of a series (matplotlib's tab10, colour-blind-friendlier than the default cycle).
_SOURCES = ("#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b", "#e377c2", "#7f7f7f",
            "#bcbd22", "#17becf")


def nights_svg(attackers: list[AttackerNights], *, start: date, end: date) -> str:
    panels = [(a, c) for a in attackers for c in a.categories]
    days = (end - start).days + 1
    title = f"Launched and destroyed per night, the {days} days to {end}, by attacker and weapon category"
    who = "; ".join(f"{a.attacker} ({a.source})" for a in attackers)
    description = (f"Bar charts, one panel per attacker and weapon category: {who}. Each night's launched "
                   "(light bars) and destroyed (dark bars).")
    with drawing():
        from matplotlib.figure import Figure

        figure = Figure(figsize=(9, 2.2 * len(panels)), layout="constrained")
        axes = figure.subplots(len(panels), 1, squeeze=False)[:, 0]
        for ax, (attacker, trend) in zip(axes, panels, strict=True):
            when = _days([n.date for n in trend.nights])
            ax.bar(when, [n.launched or 0 for n in trend.nights], width=0.8, color=LAUNCHED, label="launched")
            ax.bar(when, [n.destroyed or 0 for n in trend.nights], width=0.5, color=DESTROYED,
                   label="destroyed")
            ax.set_title(f"{attacker.attacker}, {trend.category}: {attacker.source}", loc="left")
            ax.set_ylabel("per night")
            # Every panel shows the whole period, a night where it falls in it.
            first, last = _days([start, end])
            ax.set_xlim(first - 0.6, last + 0.6)
            ax.xaxis_date()
            ax.spines[["top", "right"]].set_visible(False)
            ax.legend(loc="upper left", frameon=False, ncols=2)
        return figure_svg(figure, title=title, description=description, ident="nights")


def estimates_svg(series: list[SeriesTrend]) -> str:
    title = "Casualty estimates over time, one line per source"
    description = ("Line charts, one panel per series: " + "; ".join(
        f"{s.series} ({', '.join(line.source for line in s.sources)})" for s in series)
        + ". A range is drawn as a band from its low to its high figure.")
    with drawing():
        from matplotlib.figure import Figure

        figure = Figure(figsize=(9, 2.8 * len(series)), layout="constrained")
        axes = figure.subplots(len(series), 1, squeeze=False)[:, 0]
        for ax, trend in zip(axes, series, strict=True):
            for i, line in enumerate(trend.sources):
                _source_line(ax, line.source, line.points, _SOURCES[i % len(_SOURCES)])
            ax.set_title(trend.series, loc="left")
            ax.xaxis_date()
            ax.yaxis.set_major_formatter(lambda value, _: f"{value:,.0f}")
            ax.spines[["top", "right"]].set_visible(False)
            ax.legend(loc="upper left", frameon=False, fontsize=8)
        return figure_svg(figure, title=title, description=description, ident="estimates")


# A figure's qualifier as its marker: a bound points the way the truth lies.
_MARKERS = {"up-to": "v", "fewer-than": "v", "at-least": "^", "more-than": "^"}


def _source_line(ax: "object", source: str, points: list[EstimatePoint], colour: str) -> None:
    from matplotlib.axes import Axes

    assert isinstance(ax, Axes)
    level = [(p.as_of, p.value if p.value is not None else p.best) for p in points]
    shown = [(day, value) for day, value in level if value is not None]
    ax.plot(_days([d for d, _ in shown]), [v for _, v in shown], color=colour, label=source)
    for p in points:
        point = p.value if p.value is not None else p.best
        if point is not None:
            ax.plot(_days([p.as_of]), [point], color=colour, linestyle="none", markersize=5,
                    marker=_MARKERS.get(p.qualifier or "", "o"))
    ranges = [p for p in points if p.low is not None and p.high is not None]
    if len(ranges) > 1:  # one band through the source's ranges
        ax.fill_between(_days([p.as_of for p in ranges]), [p.low or 0 for p in ranges],
                        [p.high or 0 for p in ranges], color=colour, alpha=0.2, linewidth=0)
    for p in ranges:
        # Each range also as a bar a few days wide, so that a range of one date is visible at all.
        ax.fill_between(_days([p.as_of - timedelta(days=4), p.as_of + timedelta(days=4)]), [p.low or 0] * 2,
                        [p.high or 0] * 2, color=colour, alpha=0.3, linewidth=0)


def _days(days: list[date]) -> list[float]:
    """Dates as matplotlib's numbers, which its axes take: days since its default epoch, 1970-01-01
    (``date.epoch``, which ``drawing()`` sets)."""
    return [float((day - _EPOCH).days) for day in days]
