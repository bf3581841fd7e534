"""The rows of an attack's tables (``attack show`` and ``attack list`` in table and CSV form)."""

from sitlog.adapters.read_models.base import Day, LocalTime, RecordTime, Row


class AttackRow(Row):
    reference: str
    date: Day
    attacker: str
    label: str | None
    start: LocalTime | None
    end: LocalTime | None


class SourceRow(Row):
    source: str
    url: str | None
    reported_at: LocalTime | None
    regions: str
    notes: int


class NoteRow(Row):
    source: str
    recorded_at: RecordTime
    claim: str
    note: str


class FigureRow(Row):
    source: str
    weapon: str
    category: str
    launched: str | None
    destroyed: str | None
    suppressed: str | None
    hit: str | None
    still_attacking: str | None
    interception: str | None
    overrides: str


class CasualtyRow(Row):
    source: str
    place: str
    killed: str | None
    injured: str | None
    civilians: str | None


class CorrectionRow(Row):
    source: str | None
    subject: str
    measure: str
    before: str | None
    after: str | None
    reason: str
    recorded_at: RecordTime
    operator: str


class RetractionRow(Row):
    source: str
    weapons: str
    places: str
    reason: str
    recorded_at: RecordTime
    operator: str


class AttackSummaryRow(AttackRow):
    sources: str
