"""Use cases of the casualty-estimate series (see domain/application.py for execute/find).

The series' module is imported when one of these runs: a command about another aggregate never
builds its classes.
"""

from collections.abc import Callable
from datetime import date
from typing import TYPE_CHECKING, Any

from sitlog.domain.errors import NotFound
from sitlog.domain.outcome import Outcome

if TYPE_CHECKING:
    from sitlog.domain.casualty_estimate import CasualtyEstimate
    from sitlog.domain.partial_date import PartialDate
    from sitlog.domain.relative_change import RelativeChange
    from sitlog.domain.values import Figure


class EstimateCommands:
    if TYPE_CHECKING:
        operator: str

        def execute(self, aggregate_id: Any, decide: Callable[[Any], Any]) -> bool: ...

    def record_estimate(
        self, series: str, *, source: str, reported: "date | PartialDate",
        as_of: "date | PartialDate | None" = None, figure: "Figure | None" = None,
        change: "RelativeChange | None" = None, url: str | None = None, statement: str | None = None,
    ) -> Outcome:
        """Record a source's figure (or relative change) for a date; a repeat is a no-op."""
        from sitlog.domain.casualty_estimate import Estimate, series_key

        key = series_key(series)
        estimate = Estimate.of(
            source=source, reported=reported, as_of=as_of, figure=figure, change=change, url=url,
            statement=statement,
        )
        return self._on_series(key, lambda s: s.record(estimate, operator=self.operator), create=True)

    def correct_estimate(
        self, series: str, *, source: str, as_of: "date | PartialDate", reason: str,
        figure: "Figure | None" = None, change: "RelativeChange | None" = None,
    ) -> Outcome:
        """Replace the figure a source gave for a date, saying why (the old one stays in history)."""
        from sitlog.domain.casualty_estimate import series_key

        return self._on_series(
            series_key(series),
            lambda s: s.correct(source, _day(as_of), figure, change, reason, operator=self.operator),
        )

    def retract_estimate(
        self, series: str, *, source: str, as_of: "date | PartialDate", reason: str
    ) -> Outcome:
        """Withdraw a source's estimate for a date, saying why."""
        from sitlog.domain.casualty_estimate import series_key

        return self._on_series(
            series_key(series), lambda s: s.retract(source, _day(as_of), reason, operator=self.operator)
        )

    def _on_series(
        self, key: str, act: "Callable[[CasualtyEstimate], Outcome]", *, create: bool = False
    ) -> Outcome:
        from sitlog.domain.casualty_estimate import CasualtyEstimate

        outcomes: list[Outcome] = []

        def decide(series: "CasualtyEstimate | None") -> "CasualtyEstimate":
            if series is None:
                if not create:
                    raise NotFound(f"no estimates for {key} yet (record one with `sitlog estimate record`)")
                series = CasualtyEstimate(key=key, operator=self.operator)
            outcomes.append(act(series))
            return series

        self.execute(CasualtyEstimate.create_id(key), decide)
        return outcomes[-1]


def _day(as_of: "date | PartialDate") -> date:
    """An estimate is found by the last day of the period its as-of date names."""
    from sitlog.domain.partial_date import PartialDate

    return as_of.day if isinstance(as_of, PartialDate) else as_of
