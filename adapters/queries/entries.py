"""Reading log entries from their read tables, as of a date and as known at a moment.

An operator names an entry by its short reference (``e-3f9a1c02``), which ``entry_id`` resolves
through the index on ``log_entries.reference``; a longer prefix of the id tells apart two entries
whose short references happen to be the same.
"""

import json
from datetime import date, datetime
from typing import Any

from sitlog.adapters.db import Row, Tx, ts_text
from sitlog.adapters.projections.bitemporal import known_at_clause, up_to, when
from sitlog.adapters.projections.entries import CHANGES, COUNTS, ENTRIES
from sitlog.adapters.queries.history import history
from sitlog.adapters.queries.negotiations import qualified
from sitlog.adapters.read_models.common import FieldChange, SourceRef
from sitlog.adapters.read_models.entries import (
    EntryChange,
    EntryCounts,
    EntryShown,
    EntrySummary,
)
from sitlog.domain.errors import InvalidInput, NotFound
from sitlog.domain.log_entry_values import (
    REFERENCE_DIGITS,
    REFERENCE_PREFIX,
    EntryCategory,
    parse_entry_reference,
)
from sitlog.domain.text import folded, spelling


def entry_id(tx: Tx, reference: str) -> str:
    """The id of the entry ``reference`` names (as ever recorded, whatever its status)."""
    digits = parse_entry_reference(reference)
    rows = tx.all(
        f"SELECT entry_id, entry_date, source FROM {ENTRIES} WHERE reference = :reference "
        "ORDER BY entry_id, recorded_from",
        {"reference": REFERENCE_PREFIX + digits[:REFERENCE_DIGITS]},
    )
    # Each id's latest row, for its date and source.
    matches = {row["entry_id"]: row for row in rows if row["entry_id"].replace("-", "").startswith(digits)}
    if not matches:
        raise NotFound(f"entry {REFERENCE_PREFIX}{digits} not found (see `sitlog entry list`)")
    if len(matches) > 1:
        ids = [key.replace("-", "") for key in matches]
        length = next(n for n in range(len(digits) + 1, 33) if len({i[:n] for i in ids}) == len(ids))
        listed = ", ".join(f'{REFERENCE_PREFIX}{key.replace("-", "")[:length]} ({row["entry_date"]}, '
                           f'"{row["source"]}")' for key, row in matches.items())
        raise InvalidInput(f"entry: {REFERENCE_PREFIX}{digits} names {len(matches)} entries: {listed}; "
                           "give one of these longer references")
    [found] = matches
    return str(found)


def entry(
    tx: Tx, reference: str, *, as_of: date | None = None, known_at: datetime | None = None,
    with_history: bool = False,
) -> EntryShown:
    """One entry as it stands (or stood), with its corrections and retraction."""
    key = entry_id(tx, reference)
    clause, params = when("entry_date", as_of, known_at)
    row = tx.one(f"SELECT * FROM {ENTRIES} WHERE entry_id = :id AND {clause}", {**params, "id": key})
    if row is None:
        short = REFERENCE_PREFIX + key.replace("-", "")[:REFERENCE_DIGITS]
        raise NotFound(qualified(f"entry {short} not found", as_of, known_at))
    since = {"known_at": ts_text(known_at)} if known_at else {}
    changes = tx.all(
        f"SELECT kind, changes, reason, operator, recorded_at FROM {CHANGES} WHERE entry_id = :id "
        f"{'AND recorded_at <= :known_at ' if known_at else ''}ORDER BY version", {"id": key, **since})
    return EntryShown(
        **_summary(row),
        corrections=[EntryChange(kind=c["kind"], changes=[FieldChange(**f) for f in json.loads(c["changes"])],
                                 reason=c["reason"], recorded_at=c["recorded_at"], operator=c["operator"])
                     for c in changes],
        history=history(tx, key, "entries", known_at) if with_history else None,
    )


def entries(
    tx: Tx, *, date_from: date | None = None, date_to: date | None = None, category: str | None = None,
    source: str | None = None, as_of: date | None = None, known_at: datetime | None = None,
) -> list[EntrySummary]:
    """The standing entries (retracted ones left out) dated up to ``as_of``, by date and time."""
    clause, params = when("entry_date", as_of, known_at)
    for condition, name, value in (
        ("entry_date >= :date_from", "date_from", date_from.isoformat() if date_from else None),
        ("entry_date <= :date_to", "date_to", date_to.isoformat() if date_to else None),
        ("category = :category", "category", EntryCategory.parse(category).value if category else None),
        # Rows written before names folded punctuation hold the older key (text.spelling).
        ("source_key IN (:source_key, :source_spelling)", "source_key",
         folded(source) if source is not None else None),
    ):
        if value is not None:
            clause, params = f"{clause} AND {condition}", {**params, name: value}
    if source is not None:
        params["source_spelling"] = spelling(source)
    rows = tx.all(f"SELECT * FROM {ENTRIES} WHERE {clause} AND status <> 'retracted' "
                  "ORDER BY entry_date, COALESCE(entry_time, ''), reference", params)
    return [EntrySummary(**_summary(row)) for row in rows]


def _summary(row: Row) -> dict[str, Any]:
    """The fields of an ``EntrySummary``."""
    return {
        "reference": row["reference"], "date": row["entry_date"], "time": row["entry_time"],
        "date_precision": row["date_precision"] or "day",
        "category": row["category"], "text": row["text"],
        "source": SourceRef(name=row["source"], url=row["source_url"]), "places": json.loads(row["places"]),
        "reported_at": row["reported_at"], "status": row["status"], "recorded_at": row["recorded_from"],
        "operator": row["operator"],
    }


def entry_counts(tx: Tx, as_of: date, known_at: datetime | None = None) -> EntryCounts:
    """The standing entries dated up to ``as_of`` by category: the counts of the years before its
    year, of the months of its year before its month, and of the days of its month up to it."""
    current, params = known_at_clause(known_at)
    periods, more = up_to(as_of)
    counts = dict.fromkeys((c.value for c in EntryCategory), 0)
    for row in tx.all(f"SELECT category, SUM(entries) AS n FROM {COUNTS} WHERE {periods} AND {current} "
                      "GROUP BY category", {**params, **more}):
        counts[row["category"]] += int(row["n"])
    return EntryCounts(**counts, total=sum(counts.values()))
