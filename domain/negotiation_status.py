"""A negotiation's changes of status (suspended, resumed, concluded), and their corrections and
retractions.

Each change is kept under the number of the event that recorded it (``negotiation show`` prints it
in the status history; the opening is number 1 and is not a change). The status on any date is the
latest change up to it, so a correction of a change's date or stated reason, or a retraction of a
change, is refused when the changes would no longer follow each other: a resumption follows a
suspension, nothing follows a conclusion, no change comes before the opening. The decisions live
here, as a mixin of ``Negotiation``; the events and their ``@event`` methods live with the aggregate.
"""

from collections.abc import Callable
from datetime import date
from typing import Any

from sitlog.domain.base import Immutable
from sitlog.domain.errors import InvalidInput, RuleViolation
from sitlog.domain.log_entry_values import Change
from sitlog.domain.negotiation_values import NegotiationStatus
from sitlog.domain.text import clean, required

_WORD = {NegotiationStatus.OPEN: "resumption", NegotiationStatus.SUSPENDED: "suspension",
         NegotiationStatus.CONCLUDED: "conclusion"}


class StatusChange(Immutable):
    """A change of status as it stands: to what, on which date, the reason stated (optional for a
    resumption)."""

    item: int
    status: NegotiationStatus
    on: date
    reason: str | None

    @property
    def label(self) -> str:
        return f"status change {self.item} ({_WORD[self.status]} of {self.on})"


def check_sequence(opened_on: date, changes: list[StatusChange]) -> None:
    """Refused (naming the change at fault) unless the changes, by date, follow each other."""
    status = NegotiationStatus.OPEN
    for change in sorted(changes, key=lambda c: (c.on, c.item)):
        if change.on < opened_on:
            raise RuleViolation(
                f"date: the {change.label} would be before the negotiation opened on {opened_on}")
        if status is NegotiationStatus.CONCLUDED:
            raise RuleViolation(f"status: the {change.label} would follow the conclusion; nothing follows it")
        if change.status is NegotiationStatus.OPEN and status is not NegotiationStatus.SUSPENDED:
            raise RuleViolation(f"status: the {change.label} would not follow a suspension; only a "
                                "suspended negotiation resumes")
        if change.status is NegotiationStatus.SUSPENDED and status is NegotiationStatus.SUSPENDED:
            raise RuleViolation(f"status: the {change.label} would follow another suspension")
        status = change.status


class NegotiationStatusRevisions:
    """``Negotiation``'s corrections and retractions of its changes of status."""

    slug: str
    opened_on: date
    status_changes: dict[int, StatusChange]
    _status_corrected: Callable[..., None]
    _status_retracted: Callable[..., None]

    def status_change(self, item: int) -> StatusChange:
        found = self.status_changes.get(item)
        if found is None:
            held = ", ".join(str(n) for n in self.status_changes) or "none"
            raise RuleViolation(
                f"status-change: negotiation {self.slug} holds no status change {item} (its status "
                f"changes: {held}; see the status section of `sitlog negotiation show {self.slug}`)"
            )
        return found

    def correct_status(self, item: int, values: dict[str, Any], *, reason: str, operator: str) -> None:
        """Correct change ``item``'s ``date`` or its ``stated`` reason (``values`` by those names)."""
        reason = required(reason, "reason", "why is it corrected? --reason ...")
        old = self.status_change(item)
        for name in values:
            if name not in ("date", "stated"):
                raise InvalidInput(f"--{name}: a status change has no such field to correct (a status "
                                   "change takes --date, --status-reason)")
        stated = old.reason
        if "stated" in values:
            stated = clean(values["stated"]) or None
            if old.status is not NegotiationStatus.OPEN:
                stated = required(stated, "status-reason", f"why was it {old.status.value}?")
        new = old.model_copy(update={"on": values.get("date", old.on), "reason": stated})
        changes = tuple(
            Change(field=f"status change {item} {field}", before=None if a is None else str(a),
                   after=None if b is None else str(b))
            for field, a, b in (("date", old.on, new.on), ("reason", old.reason, new.reason)) if a != b)
        if not changes:
            return
        check_sequence(self.opened_on, [new if c.item == item else c for c in self.status_changes.values()])
        self._status_corrected(item=item, on=new.on, stated=new.reason, changes=changes, reason=reason,
                               operator=operator)

    def retract_status(self, item: int, *, reason: str, operator: str) -> None:
        """Withdraw change ``item`` (it stays in the log, and in reads known before the retraction)."""
        reason = required(reason, "reason", "why is it retracted? --reason ...")
        self.status_change(item)
        check_sequence(self.opened_on, [c for c in self.status_changes.values() if c.item != item])
        self._status_retracted(item=item, reason=reason, operator=operator)
