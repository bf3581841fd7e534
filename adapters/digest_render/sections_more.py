"""The digest's sections that look beyond the night: casualty estimates, trends, corrections."""

from sitlog.adapters.digest_render import words as w
from sitlog.adapters.digest_render.blocks import Block, Chart, Grid, Item, Items, Paragraph
from sitlog.adapters.read_models.digest import AttackerTrend, CorrectionItem, PeriodTotals
from sitlog.adapters.read_models.digest_parts import EstimateDay
from sitlog.adapters.read_models.estimates import ChangeSincePrevious

_BECAUSE = {
    "configured": "as configured",
    "preferred": "the desk's preferred source for this attacker",
    "most-nights": "the source with the most nights in the 60 days",
}


def estimates(day: list[EstimateDay]) -> list[Block]:
    items = []
    for d in day:
        e = d.estimate
        text = f"{w.claim(e)} as of {e.as_of} (reported {e.reported}; source: {e.source})"
        if e.statement:
            text += f": “{e.statement}”"
        if d.previous is not None:
            text += f". Previous: {w.claim(d.previous)} as of {d.previous.as_of}"
            if d.since_previous is not None:
                text += f", {_change(d.since_previous)}"
        else:
            text += ". No previous figure from this source"
        if d.others:
            others = [f"{o.source}: {w.claim(o)} as of {o.as_of}" for o in d.others]
            text += ". Other sources: " + "; ".join(others)
        items.append(Item(e.series, text + "."))
    return [Items(tuple(items))]


def _change(change: ChangeSincePrevious) -> str:
    if change.difference is None:
        return change.note or "change not computed"
    mark = "about " if change.approximate else ""
    percent = f" ({change.percent:+}%)" if change.percent is not None else ""
    return f"change {mark}{change.difference:+,}{percent}"


def _period(name: str, p: PeriodTotals) -> tuple[str, ...]:
    return (name, f"{p.start} to {p.end}", str(p.nights), w.count(p.launched), w.count(p.destroyed),
            w.rate(p.interception_rate))


def trends(found: list[AttackerTrend]) -> list[Block]:
    rows = []
    for t in found:
        for c in (t.last_7_days, t.last_30_days):
            percent = f" ({c.launched_change_percent:+}%)" if c.launched_change_percent is not None else ""
            rows += [(t.attacker, t.source, *_period(f"last {c.days} days", c.current),
                      w.signed(c.launched_change) + percent),
                     (t.attacker, t.source, *_period(f"previous {c.days} days", c.previous), "")]
    columns = ("attacker", "source", "period", "dates", "nights", "launched", "destroyed", "rate",
               "change in launched")
    largest = [Item(f"{t.attacker} ({t.source})",
                    f"{n.date}: {w.count(n.launched)} launched, {w.count(n.destroyed)} destroyed")
               for t in found if (n := t.largest_night) is not None]
    chosen = "; ".join(f"{t.attacker}: {t.source} ({_BECAUSE[t.chosen_because]})" for t in found)
    blocks: list[Block] = [
        Paragraph(f"Each attacker's nights from one primary source, never summed across sources: {chosen}."),
        Chart(tuple(found)),
        Grid(columns, tuple(rows), frozenset({4, 5, 6, 7, 8})),
    ]
    if largest:
        blocks += [Paragraph("The largest night of the last 30 days:"), Items(tuple(largest))]
    return blocks


def corrections(found: list[CorrectionItem]) -> list[Block]:
    items = []
    for c in found:
        whose = f"{c.source}: " if c.source else ""
        if c.kind == "corrected":
            what = "; ".join(f"{x.field} {x.before or w.NONE} → {x.after or w.NONE}" for x in c.changes)
        else:
            what = "withdrew " + (", ".join(c.withdrawn) if c.withdrawn else "all of it")
        label = f"{c.recorded_at_kyiv:%H:%M}, {c.kind} {c.record} {c.reference}"
        items.append(Item(label, f"{whose}{what}; by {c.operator}; why: {c.reason}"))
    return [Items(tuple(items))]
