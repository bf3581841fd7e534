"""The chart of the HTML digest: the last 30 nights, launched against destroyed per night, one
panel per attacker (from its primary source), as inline SVG.

matplotlib is imported here only, when a chart is drawn, with no GUI backend (a ``Figure`` drawn
straight to SVG). Text stays text (``svg.fonttype: none``: the browser's sans-serif draws it, a
screen reader and a search find it), ids and metadata are fixed, so the same digest gives the
same SVG. Nothing is fetched from anywhere.
"""

import io
import re
from collections.abc import Iterator
from contextlib import contextmanager
from html import escape
from threading import Lock
from typing import TYPE_CHECKING

from sitlog.adapters.read_models.digest import AttackerTrend

if TYPE_CHECKING:
    from matplotlib.figure import Figure

LAUNCHED, DESTROYED = "#9aa5b1", "#1f5f99"
_DRAWING = Lock()


def chart_svg(trends: list[AttackerTrend], *, title: str, description: str) -> str:
    """An ``<svg>`` element (no XML prolog), with ``<title>`` and ``<desc>`` for assistive technology."""
    with drawing():
        from matplotlib.figure import Figure

        figure = Figure(figsize=(9, 2.6 * len(trends)), layout="constrained")
        axes = figure.subplots(len(trends), 1, squeeze=False)[:, 0]
        for ax, trend in zip(axes, trends, strict=True):
            _panel(ax, trend)
        return figure_svg(figure, title=title, description=description)


@contextmanager
def drawing() -> Iterator[None]:
    """matplotlib's settings for every chart of sitlog: text as text, fixed ids. They are global to
    the process, so a server's threads draw one chart at a time."""
    import matplotlib

    with _DRAWING, matplotlib.rc_context({"svg.fonttype": "none", "svg.hashsalt": "sitlog-digest",
                                          "font.family": "sans-serif", "font.size": 9,
                                          "date.epoch": "1970-01-01T00:00:00"}):
        yield


def figure_svg(figure: "Figure", *, title: str, description: str, ident: str = "chart") -> str:
    """A drawn figure as an ``<svg>`` element, its title and description named by ids starting
    ``ident`` (one page may hold several charts)."""
    buffer = io.StringIO()
    figure.savefig(buffer, format="svg", metadata={"Date": None, "Creator": None})
    svg = buffer.getvalue()
    svg = svg[svg.index("<svg"):]
    svg = re.sub(r"<svg ", f'<svg role="img" aria-labelledby="{ident}-title {ident}-desc" ', svg, count=1)
    opening_end = svg.index(">") + 1
    accessible = (f'<title id="{ident}-title">{escape(title)}</title>'
                  f'<desc id="{ident}-desc">{escape(description)}</desc>')
    return svg[:opening_end] + accessible + svg[opening_end:]


def _panel(ax: "object", trend: AttackerTrend) -> None:
    from matplotlib.axes import Axes

    assert isinstance(ax, Axes)
    positions = list(range(len(trend.nights)))
    launched = [n.launched or 0 for n in trend.nights]
    destroyed = [n.destroyed or 0 for n in trend.nights]
    ax.bar(positions, launched, width=0.8, color=LAUNCHED, label="launched")
    ax.bar(positions, destroyed, width=0.5, color=DESTROYED, label="destroyed")
    ax.set_title(f"{trend.attacker}: {trend.source}, the last 30 nights", loc="left")
    ax.set_ylabel("per night")
    ax.set_xlabel("night (the day it ended, Kyiv)")
    ticks = positions[::5] if positions[-1] in positions[::5] else [*positions[::5], positions[-1]]
    ax.set_xticks(ticks, [trend.nights[i].date.strftime("%d %b") for i in ticks])
    ax.set_xlim(-0.6, len(positions) - 0.4)
    ax.spines[["top", "right"]].set_visible(False)
    ax.legend(loc="upper left", frameon=False, ncols=2)
