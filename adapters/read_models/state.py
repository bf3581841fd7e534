"""``sitlog state``: the whole picture at a date, as the log knew it at a moment."""

from pydantic import Field
from sitlog.adapters.read_models.base import Count, Day, ReadModel, RecordTime, Row, Section, Table
from sitlog.adapters.read_models.entries import EntryCounts
from sitlog.adapters.read_models.estimates import EstimateEntry
from sitlog.adapters.read_models.exchanges import ExchangesOverview
from sitlog.adapters.read_models.negotiations import NegotiationSummary
from sitlog.adapters.read_models.vocabulary import WeaponCategoryWord

WINDOWS = ("last_night", "last_7_days", "last_30_days", "all_time")


class WeaponTotals(ReadModel):
    """One source's totals for one weapon category over a window (null: never given)."""

    launched: Count | None
    destroyed: Count | None
    suppressed: Count | None
    hit: Count | None


class CasualtyTotals(ReadModel):
    killed: Count | None
    injured: Count | None


class WindowTotals(ReadModel):
    weapons: dict[WeaponCategoryWord, WeaponTotals] = Field(description="By weapon category.")
    casualties: CasualtyTotals | None


class AttackTotals(ReadModel):
    """What one source reported of one attacker's attacks, over windows ending on the date; a window
    in which it reported nothing is null. Sources are never summed together."""

    attacker: str
    source: str
    last_night: WindowTotals | None = Field(description="The attacks dated on the date itself.")
    last_7_days: WindowTotals | None
    last_30_days: WindowTotals | None
    all_time: WindowTotals | None


class TotalsRow(Row):
    attacker: str
    source: str
    window: str
    category: str = Field(description="A weapon category, or \"casualties\".")
    launched: int | None = None
    destroyed: int | None = None
    suppressed: int | None = None
    hit: int | None = None
    killed: int | None = None
    injured: int | None = None


class LatestEstimateRow(Row):
    series: str
    source: str
    as_of: Day
    figure: str


class OpenNegotiationRow(Row):
    slug: str
    status: str
    rounds: int
    last_round_on: Day | None


class RecentExchangeRow(Row):
    reference: str
    status: str
    agreed_on: Day
    agreed_total: int | None
    completed_on: Day | None
    released_total: int | None


class SinceLastExchangeRow(Row):
    last_exchange: str | None
    days_since: int | None
    agreed: int
    postponed: int
    completed: int
    cancelled: int


class EntryCountRow(Row):
    category: str = Field(description="A category of log entries, or \"total\".")
    entries: int


class StateReport(ReadModel):
    """``sitlog state``: per attacker and source, totals for the last night, 7 and 30 days and all time
    up to the date; the latest estimate of every source; open negotiations; exchanges; log entries."""

    as_of: Day
    known_at: RecordTime | None
    published_by: Day | None = Field(default=None, description="With --published-by: the estimates are "
                                                              "those reported on or before it.")
    attacks: list[AttackTotals]
    estimates: list[EstimateEntry] = Field(description="As in `estimate list`.")
    negotiations: list[NegotiationSummary] = Field(description="Open ones (not concluded), as in "
                                                               "`negotiation list`.")
    exchanges: ExchangesOverview
    entries: EntryCounts

    def table(self) -> Table:
        overview = self.exchanges
        shown = {x.reference: x for x in overview.pending + overview.last_30_days}
        last = overview.last
        return {
            "attacks": Section(TotalsRow, self._totals_rows()),
            "estimates": Section(LatestEstimateRow, [LatestEstimateRow(
                series=e.series, source=e.source, as_of=e.as_of, figure=e.text) for e in self.estimates]),
            "negotiations": Section(OpenNegotiationRow, [OpenNegotiationRow(
                slug=n.slug, status=n.status, rounds=n.round_count, last_round_on=n.last_round_on)
                for n in self.negotiations]),
            "exchanges": Section(RecentExchangeRow, [RecentExchangeRow(
                reference=x.reference, status=x.status, agreed_on=x.agreed.date, agreed_total=x.agreed.total,
                completed_on=x.completed.date if x.completed else None,
                released_total=x.completed.total if x.completed else None) for x in shown.values()]),
            "since last exchange": Section(SinceLastExchangeRow, [SinceLastExchangeRow(
                last_exchange=f"{last.reference} {last.event} {last.date}" if last else None,
                days_since=overview.days_since_last, **overview.counts.model_dump())]),
            "entries": Section(EntryCountRow, [EntryCountRow(category=category, entries=n)
                                               for category, n in self.entries.model_dump().items()]),
        }

    def _totals_rows(self) -> list[TotalsRow]:
        rows = []
        for a in self.attacks:
            for window in WINDOWS:
                totals: WindowTotals | None = getattr(a, window)
                if totals is None:
                    continue
                key = {"attacker": a.attacker, "source": a.source, "window": window}
                rows += [TotalsRow(**key, category=category, **values.model_dump())
                         for category, values in totals.weapons.items()]
                if totals.casualties is not None:
                    rows.append(TotalsRow(**key, category="casualties", **totals.casualties.model_dump()))
        return rows
