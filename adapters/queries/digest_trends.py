"""The digest's trends: per attacker, the last 7 and 30 nights against the 7 and 30 before them,
the largest night of the last 30 days, and those 30 nights for the chart.

Sources are never summed together, so each attacker's trend is one source's: its **primary
source**, chosen by this rule (documented in the guide):

1. the source given for the attacker with ``--primary-source ATTACKER=SOURCE``, if any;
2. else the desk's preferred source for that attacker (``PREFERRED``: the Ukrainian Air Force for
   ``russia``), if it reported a night in the 60 days compared;
3. else the source with the most nights in those 60 days, ties broken by name.

A night is a day on which the source gave launched or destroyed figures for the attacker; its
figures are the source's daily summary, all weapon categories added up. One query over at most
60 days of daily summaries answers it all.
"""

from collections.abc import Mapping, Sized
from datetime import date, datetime, timedelta

from sitlog.adapters.db import Tx
from sitlog.adapters.projections.bitemporal import known_at_clause
from sitlog.adapters.projections.summaries import CASUALTIES, DAILY, as_int
from sitlog.adapters.queries.attacks import interception_rate
from sitlog.adapters.read_models.digest import AttackerTrend, Night, PeriodComparison, PeriodTotals
from sitlog.domain.text import folded

PREFERRED = {"russia": "Ukrainian Air Force"}
"""The source a desk reads first for an attacker, when it reported in the period."""

Nights = dict[date, Night]


def _key(name: str) -> str:
    return folded(name)


def trends(tx: Tx, day: date, known_at: datetime | None,
           primary_sources: Mapping[str, str] | None = None) -> list[AttackerTrend]:
    """One trend per attacker with a night in the 60 days up to ``day``, by attacker."""
    clause, params = known_at_clause(known_at)
    start = day - timedelta(days=59)
    by_source: dict[str, dict[str, Nights]] = {}
    for row in tx.all(
        f"SELECT day, attacker, source, SUM(launched) AS launched, SUM(destroyed) AS destroyed FROM {DAILY} "
        f"WHERE day >= :start AND day <= :day AND category <> '{CASUALTIES}' AND {clause} "
        "GROUP BY day, attacker, source", {**params, "start": start.isoformat(), "day": day.isoformat()},
    ):
        launched, destroyed = as_int(row["launched"]), as_int(row["destroyed"])
        if launched is None and destroyed is None:
            continue
        night = date.fromisoformat(row["day"])
        by_source.setdefault(row["attacker"], {}).setdefault(row["source"], {})[night] = Night(
            date=night, launched=launched, destroyed=destroyed)
    configured = {attacker.casefold(): source for attacker, source in (primary_sources or {}).items()}
    found = []
    for attacker, sources in sorted(by_source.items()):
        source, because = primary_source(attacker, sources, configured)
        found.append(_trend(attacker, source, because, sources.get(source, {}), day))
    return found


def primary_source(attacker: str, sources: Mapping[str, Sized],
                   configured: Mapping[str, str]) -> tuple[str, str]:
    """The primary source of ``attacker`` (as the log spells it) and why it was chosen; ``sources``:
    each source's nights, ``configured``: attacker (case-folded) -> source."""
    spelled = {_key(name): name for name in sources}
    if attacker in configured:
        wanted = configured[attacker]
        return spelled.get(_key(wanted), wanted), "configured"
    preferred = PREFERRED.get(attacker)
    if preferred is not None and _key(preferred) in spelled:
        return spelled[_key(preferred)], "preferred"
    return min(sources, key=lambda name: (-len(sources[name]), name)), "most-nights"


def _trend(attacker: str, source: str, because: str, nights: Nights, day: date) -> AttackerTrend:
    last_30 = [nights.get(day - timedelta(days=back)) or Night(date=day - timedelta(days=back), launched=None,
                                                                destroyed=None) for back in range(29, -1, -1)]
    reported = [n for n in last_30 if n.launched is not None or n.destroyed is not None]
    largest = max(reported, key=lambda n: (n.launched is not None, n.launched or n.destroyed or 0, n.date),
                  default=None)
    return AttackerTrend(
        attacker=attacker, source=source, chosen_because=because,
        last_7_days=_compare(nights, day, 7), last_30_days=_compare(nights, day, 30),
        largest_night=largest, nights=last_30,
    )


def _compare(nights: Nights, day: date, length: int) -> PeriodComparison:
    current = _period(nights, day - timedelta(days=length - 1), day)
    previous = _period(nights, day - timedelta(days=2 * length - 1), day - timedelta(days=length))
    launched = _minus(current.launched, previous.launched)
    percent = (round(launched * 100 / previous.launched, 1)
               if launched is not None and previous.launched else None)
    return PeriodComparison(days=length, current=current, previous=previous, launched_change=launched,
                            launched_change_percent=percent,
                            destroyed_change=_minus(current.destroyed, previous.destroyed))


def _period(nights: Nights, start: date, end: date) -> PeriodTotals:
    within = [n for n in nights.values() if start <= n.date <= end]
    launched = _sum([n.launched for n in within])
    destroyed = _sum([n.destroyed for n in within])
    return PeriodTotals(start=start, end=end, nights=len(within), launched=launched, destroyed=destroyed,
                        interception_rate=interception_rate(launched, destroyed))


def _sum(values: list[int | None]) -> int | None:
    given = [v for v in values if v is not None]
    return sum(given) if given else None


def _minus(a: int | None, b: int | None) -> int | None:
    return a - b if a is not None and b is not None else None
