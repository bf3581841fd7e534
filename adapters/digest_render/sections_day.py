"""The digest's sections about the day itself: overnight attacks, diplomacy, prisoner exchanges."""

from sitlog.adapters.digest_render import words as w
from sitlog.adapters.digest_render.blocks import Block, Grid, Heading, Item, Items, Paragraph
from sitlog.adapters.read_models.base import shown
from sitlog.adapters.read_models.digest_parts import (
    Diplomacy,
    ExchangeDay,
    NegotiationDay,
    NightAttack,
    SourceReport,
)
from sitlog.adapters.read_models.entries import EntrySummary
from sitlog.adapters.read_models.exchanges import Agreement, Release

_MEASURES = ("launched", "destroyed", "suppressed", "hit", "still_attacking")
_FIGURE_COLUMNS = ("source", "weapon", "category", "launched", "destroyed", "suppressed", "hit",
                   "still attacking", "interception")


def attacks(night: list[NightAttack]) -> list[Block]:
    blocks: list[Block] = []
    for attack in night:
        blocks.append(Heading(3, f"{w.title(attack.attacker)}: {attack.reference}"))
        if attack.start or attack.end:
            start = attack.start.isoformat(timespec="minutes") if attack.start else "?"
            end = attack.end.isoformat(timespec="minutes") if attack.end else "?"
            blocks.append(Paragraph(f"The night from {start} to {end}."))
        blocks += _figures(attack.sources)
        if attack.side_by_side:
            names = list(dict.fromkeys(f.source for s in attack.side_by_side for f in s.figures))
            rows = []
            for s in attack.side_by_side:
                given = {f.source: f.value for f in s.figures}
                rows.append((s.category, s.measure.replace("_", " "),
                             *(w.count(given.get(name)) for name in names),
                             "yes" if s.agree else "no"))
            blocks += [Paragraph("Sources side by side (never summed):"),
                       Grid(("category", "measure", *names, "agree"), tuple(rows),
                            frozenset(range(2, 2 + len(names))))]
        casualties = [(c.place, s.source.name, w.figure(c.killed), w.figure(c.injured),
                       {True: "yes", False: "no", None: w.NONE}[c.civilians])
                      for s in attack.sources for c in s.casualties]
        if casualties:
            blocks += [Paragraph("Casualties, by place and source:"),
                       Grid(("place", "source", "killed", "injured", "civilians"), tuple(casualties),
                            frozenset({2, 3}))]
        details = [Item(s.source.name, detail) for s in attack.sources if (detail := _details(s))]
        if details:
            blocks.append(Items(tuple(details)))
    return blocks


def _figures(sources: list[SourceReport]) -> list[Block]:
    rows: list[tuple[str, ...]] = []
    for s in sources:
        for weapon in s.weapons:
            figures = (w.figure(getattr(weapon, m)) for m in _MEASURES)
            rows.append((s.source.name, weapon.weapon, weapon.category, *figures,
                         w.rate(weapon.interception_rate)))
        categories = [x.category for x in s.weapons]
        for totals in s.categories:
            if categories.count(totals.category) > 1:  # a category of several weapons: their total too
                counts = (w.count(getattr(totals, m)) for m in _MEASURES)
                rows.append((s.source.name, f"all {totals.category}", totals.category, *counts,
                             w.rate(totals.interception_rate)))
    if not rows:
        return []
    return [Paragraph("Weapons, per source:"), Grid(_FIGURE_COLUMNS, tuple(rows), frozenset(range(3, 9)))]


def _details(s: SourceReport) -> str:
    parts = []
    if s.regions:
        parts.append("regions " + ", ".join(s.regions))
    if s.reported_at:
        parts.append(f"reported at {s.reported_at.isoformat(timespec='minutes')}")
    if s.source.url:
        parts.append(s.source.url)
    parts += [f"note: {n.text}" for n in s.notes]
    return "; ".join(parts)


def diplomacy(day: Diplomacy) -> list[Block]:
    blocks: list[Block] = []
    for n in day.negotiations:
        blocks += _negotiation(n)
    if day.entries:
        blocks += [Heading(3, "Log entries"), entries(day.entries, with_category=False)]
    return blocks


def _negotiation(n: NegotiationDay) -> list[Block]:
    about = [f"mediator {n.mediator}" if n.mediator else "no mediator named",
             "parties " + (", ".join(n.parties) or w.NONE), f"status at the end of the day: {n.status}"]
    items = []
    for r in n.rounds:
        people = [p.name + (f" ({', '.join(x for x in (p.role, p.affiliation) if x)})"
                            if p.role or p.affiliation else "") for p in r.participants]
        day = f", day {r.day}" if r.day is not None else ""
        items.append(Item("Round", f"{r.venue}{day}; participants: {w.joined(people, 'not named')} "
                                   f"({w.sources(r.source, r.corroborated_by)})"))
    for s in n.statements:
        said = f"“{s.text}”" if s.kind == "quote" else f"(summary) {s.text}"
        # A month or a year lands on its last day: say the source gave no more.
        dated = f", dated {shown(s.date, s.date_precision)}" if s.date_precision != "day" else ""
        items.append(Item("Statement", f"{said}, {s.by}{dated} ({w.source(s.source)})"))
    for o in n.outcomes:
        linked = ""
        if o.exchange is not None:
            linked = f" (exchange {o.exchange.reference}: {w.count(o.exchange.total)} agreed)"
        items.append(Item(f"Outcome, {o.kind}", f"{o.text}{linked} ({w.source(o.source)})"))
    for i in n.issues:
        by = f", raised by {i.by}" if i.by else ""
        items.append(Item("Issue", f"{i.topic}{by} ({w.source(i.source)})"))
    for c in n.status_changes:
        items.append(Item("Status", c.status + (f": {c.reason}" if c.reason else "")))
    return [Heading(3, f"{n.title} ({n.slug})"), Paragraph("; ".join(about) + "."), Items(tuple(items))]


def entries(found: list[EntrySummary], *, with_category: bool) -> Items:
    """Each entry labelled by its time (and category), with its places and source."""
    items = []
    for e in found:
        label = ", ".join(x for x in (e.time, e.category if with_category else None) if x) or None
        places = f"places: {', '.join(e.places)}; " if e.places else ""
        corrected = " (corrected)" if e.status == "corrected" else ""
        items.append(Item(label, f"{e.text} ({places}{w.source(e.source)}){corrected}"))
    return Items(tuple(items))


def _numbers(part: Agreement | Release) -> str:
    """The numbers as the source worded them ("about 300 prisoners"), else as counted."""
    worded = part.wording.model_dump() if part.wording else {}
    given = (("Ukraine", "released_by_ukraine", part.released_by_ukraine),
             ("Russia", "released_by_russia", part.released_by_russia))
    sides = [f"{worded.get(name) or w.count(v)} by {side}" for side, name, v in given if v is not None]
    total = worded.get("total") or w.count(part.total)
    return f"{total} prisoners" + (f" ({', '.join(sides)})" if sides else "")


def exchanges(day: list[ExchangeDay]) -> list[Block]:
    items = []
    for x in day:
        a = x.agreed
        terms = [f"mediator {a.mediator}" if a.mediator else "",
                 f"negotiation {a.negotiation}" if a.negotiation else ""]
        items.append(Item(f"{x.reference}, {x.event}", f"agreed on {a.date}: {_numbers(a)}"
                          + "".join(f"; {t}" for t in terms if t)
                          + f" ({w.sources(a.source, a.corroborated_by)})"))
        if x.completed is not None:
            c = x.completed
            released = f"released on {c.date}: {_numbers(c)} ({w.sources(c.source, c.corroborated_by)})"
            items.append(Item(None, released + (f"; {x.difference.summary}" if x.difference else "")))
        for p in x.postponements:
            items.append(Item(None, f"postponed on {p.date}: {p.reason or 'no reason given'} "
                                    f"({w.source(p.source)})"))
        if x.cancelled is not None:
            c2 = x.cancelled
            items.append(Item(None, f"cancelled on {c2.date}: {c2.reason or 'no reason given'} "
                                    f"({w.source(c2.source)})"))
        previous = x.previous_completion
        since = x.since_previous.capitalize()
        if previous is not None:
            since += (f"; the previous exchange carried out: {previous.reference}, "
                      f"completed on {previous.completed_on}")
        items.append(Item(None, since + "."))
    return [Items(tuple(items))]
