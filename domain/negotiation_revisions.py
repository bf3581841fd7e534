"""Correcting and retracting what a negotiation records: its own details (title, mediator,
parties), and a round, statement, outcome or issue named by its number (``negotiation show``).

The decisions live here, as a mixin of ``Negotiation``; the events, and the ``@event`` methods
that apply them, live with the aggregate. A correction that changes nothing records nothing; one
that names a record the negotiation does not hold (or no longer holds) is refused, naming the
numbers it does hold.
"""

from collections.abc import Callable
from datetime import date
from typing import Any, ClassVar

from sitlog.domain.errors import InvalidInput, RuleViolation
from sitlog.domain.negotiation_records import Change, Record, RoundRecord, StatementRecord, changes
from sitlog.domain.negotiation_values import Participant, check_round, checked_parties
from sitlog.domain.partial_date import PartialDate, Precision
from sitlog.domain.text import clean, folded, required

REASON_HINT = "why is it corrected? --reason ..."


class Details(Record):
    """The negotiation's own details, as a record, to diff a correction of them."""

    what: ClassVar[str] = "negotiation"
    correctable: ClassVar[tuple[str, ...]] = ("title", "mediator", "parties")
    dated: ClassVar[str] = ""
    title: str
    mediator: str | None
    parties: tuple[str, ...]


class NegotiationRevisions:
    """``Negotiation``'s corrections and retractions (see the module's docstring)."""

    slug: str
    title: str
    mediator: str | None
    parties: tuple[str, ...]
    opened_on: date
    records: dict[int, Record]
    # The aggregate's @event methods (declared with its events).
    _corrected: Callable[..., None]
    _round_corrected: Callable[..., None]
    _statement_corrected: Callable[..., None]
    _outcome_corrected: Callable[..., None]
    _issue_corrected: Callable[..., None]
    _record_retracted: Callable[..., None]

    def correct_details(self, values: dict[str, Any], *, reason: str, operator: str) -> None:
        """Correct the title, mediator or parties (``values`` by those names)."""
        reason, values = required(reason, "reason", REASON_HINT), dict(values)
        before = Details(item=0, title=self.title, mediator=self.mediator, parties=self.parties)
        if "title" in values:
            values["title"] = required(values["title"], "title", "what the track is called, --title ...")
        if "mediator" in values:
            values["mediator"] = clean(values["mediator"]) or None
        if "parties" in values:
            values["parties"] = checked_parties(tuple(values["parties"]))
        after = before.revised(values)
        found = changes(before, after, Details.correctable)
        if found:
            self._corrected(title=after.title, mediator=after.mediator, parties=after.parties,
                            changes=found, reason=reason, operator=operator)

    def correct_record(
        self, item: int, values: dict[str, Any], *, reason: str, operator: str,
        add: tuple[Participant, ...] = (), remove: tuple[str, ...] = (), change: tuple[Participant, ...] = (),
    ) -> None:
        """Correct record ``item``: ``values`` by the names of its ``correctable`` fields; for a round,
        participants to ``add``, to ``remove`` (by name) and whose role and affiliation ``change``."""
        reason, values = required(reason, "reason", REASON_HINT), dict(values)
        old = self.record(item)
        precision = self._date_precision(old, values)
        for name in ("venue", "by", "text", "topic"):
            if name in values and name in old.correctable and not (name == "by" and old.what == "issue"):
                values[name] = required(values[name], name, f"the corrected {name}, --{name} ...")
        if "by" in values and old.what == "issue":
            values["by"] = clean(values["by"]) or None
        new = old.revised(values)
        if precision is not None and isinstance(new, StatementRecord):
            new = new.model_copy(update={"made_on_precision": precision})
        if isinstance(new, RoundRecord):
            new = new.model_copy(update={"participants": _seated(new, add, remove, change)})
            check_round(new.day, new.participants)
            self._refuse_same_round(new)
        elif add or remove or change:
            raise InvalidInput(f"participant: a {old.what} has no participants (only a round has)")
        if new.what != "round" and "date" in values and values["date"] < self.opened_on:
            raise RuleViolation(
                f"date: {values['date']} is before the negotiation opened on {self.opened_on}")
        found = old.changes_to(new)
        if not found:
            return
        fields = new.model_dump(exclude={"item", "source", "corroborated_by"})
        apply = {"round": self._round_corrected, "statement": self._statement_corrected,
                 "outcome": self._outcome_corrected, "issue": self._issue_corrected}[new.what]
        apply(item=item, **fields, changes=found, reason=reason, operator=operator)

    def _refuse_same_round(self, new: RoundRecord) -> None:
        """A round is the negotiation's round on a date and day: one corrected onto another's date and
        day would make the two one round, which the log cannot tell apart."""
        other = next((r for r in self.records.values() if isinstance(r, RoundRecord)
                      and r.item != new.item and r.same_round(new.held_on, new.day)), None)
        if other is not None:
            day = f" --day {new.day}" if new.day is not None else " (no day number)"
            raise RuleViolation(
                f"round: round {new.item} cannot take --date {new.held_on}{day}: that is round {other.item}, "
                f"the {other.describe()}; if they are one round, retract one (`sitlog negotiation retract "
                f'{self.slug} --round {new.item} --reason "..."`)'
            )

    @staticmethod
    def _date_precision(old: Record, values: dict[str, Any]) -> Precision | None:
        """A corrected date given at a precision (``values["date"]`` becomes its last day): a month or
        a year only for a statement, whose source may give no more; any other record is dated by day."""
        given = values.get("date")
        if not isinstance(given, PartialDate):
            return None
        if given.precision is not Precision.DAY and not isinstance(old, StatementRecord):
            raise InvalidInput(f"date: {str(given)!r} is not a full date (a {old.what} is dated YYYY-MM-DD; "
                               "only a statement may be dated by a month or a year)")
        values["date"] = given.day
        return given.precision

    def retract_record(self, item: int, *, reason: str, operator: str) -> None:
        """Withdraw record ``item`` (it stays in the log, and in reads known before the retraction)."""
        reason = required(reason, "reason", "why is it retracted? --reason ...")
        old = self.record(item)
        self._record_retracted(record=old.what, item=item, reason=reason, operator=operator)

    def record(self, item: int, kind: str | None = None) -> Record:
        """Record ``item`` as it stands (a ``kind`` if given); refused if there is none (any more)."""
        found = self.records.get(item)
        if found is None or kind not in (None, found.what):
            held = ", ".join(r.label for r in self.records.values()) or "none"
            raise RuleViolation(
                f"{kind or 'record'}: negotiation {self.slug} holds no {kind or 'record'} {item} "
                f"(its records: {held}; see `sitlog negotiation show {self.slug}`)"
            )
        return found

    def _apply_correction(self, item: int, **fields: Any) -> None:
        """Replace record ``item``'s fields (the record keeps its number, source and corroborations)."""
        self.records[item] = self.records[item].model_copy(update=fields)


def _seated(
    round_: RoundRecord, add: tuple[Participant, ...], remove: tuple[str, ...],
    change: tuple[Participant, ...],
) -> tuple[Participant, ...]:
    """The round's participants with those named in ``remove`` gone, those in ``change`` given their
    new role and affiliation, and ``add`` appended."""
    people = {p.key: p for p in round_.participants}
    for name in remove:
        if folded(name) not in people:
            raise RuleViolation(f"participant: {name!r} is not recorded in {round_.describe()}")
        del people[folded(name)]
    for p in change:
        if p.key not in people:
            raise RuleViolation(
                f"participant: {p.name!r} is not recorded in {round_.describe()}; add them with "
                "--add-participant"
            )
        people[p.key] = people[p.key].model_copy(update={"role": p.role, "affiliation": p.affiliation})
    for p in add:
        if p.key in people:
            raise RuleViolation(f"participant: {p.name!r} is already recorded in {round_.describe()}")
        people[p.key] = p
    return tuple(people.values())


__all__ = ["Change", "NegotiationRevisions"]
