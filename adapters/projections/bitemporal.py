"""Bitemporal rows: each row carries the record-time interval during which it was current.

Every read table has ``recorded_from`` (the record time of the event that made
the row true) and ``recorded_to`` (the record time of the event that replaced
or withdrew it; NULL while current). Nothing is updated in place except the
closing of ``recorded_to``, so "what did the log say at T" is an indexed read.
"""

from collections.abc import Mapping
from datetime import date, datetime
from typing import Any

from adapters.db import Tx, ts_text

BITEMPORAL_COLUMNS = "recorded_from TEXT NOT NULL, recorded_to TEXT"


def known_at_clause(known_at: datetime | None, alias: str = "") -> tuple[str, dict[str, str]]:
    """SQL condition and params: the row is current (``known_at`` None) or was current then."""
    p = f"{alias}." if alias else ""
    if known_at is None:
        return f"{p}recorded_to IS NULL", {}
    return (
        f"{p}recorded_from <= :known_at AND ({p}recorded_to IS NULL OR {p}recorded_to > :known_at)",
        {"known_at": ts_text(known_at)},
    )


def when(
    valid: str, as_of: date | None, known_at: datetime | None, alias: str = ""
) -> tuple[str, dict[str, Any]]:
    """The rows known at ``known_at`` (or now) whose valid date ``valid`` is up to ``as_of``."""
    clause, params = known_at_clause(known_at, alias)
    if as_of is not None:
        clause += f" AND {valid} <= :as_of"
        params = {**params, "as_of": as_of.isoformat()}
    return clause, params


def close_current(tx: Tx, table: str, key: Mapping[str, Any], at: datetime) -> None:
    """End the current row(s) for ``key`` at record time ``at``."""
    where = " AND ".join(f"{column} = :{column}" for column in key)
    # Clocks of different writers may disagree slightly; never end a row before it began.
    tx.execute(
        f"UPDATE {table} SET recorded_to = CASE WHEN recorded_from > :at THEN recorded_from "
        f"ELSE :at END WHERE {where} AND recorded_to IS NULL",
        {**key, "at": ts_text(at)},
    )


def insert_current(tx: Tx, table: str, row: Mapping[str, Any], at: datetime) -> None:
    columns = [*row, "recorded_from"]
    tx.execute(
        f"INSERT INTO {table} ({', '.join(columns)}) "
        f"VALUES ({', '.join(':' + c for c in columns)})",
        {**row, "recorded_from": ts_text(at)},
    )


def replace_current(
    tx: Tx, table: str, key: Mapping[str, Any], values: Mapping[str, Any], at: datetime
) -> None:
    """Make ``key`` + ``values`` the current row for ``key`` from ``at`` on."""
    close_current(tx, table, key, at)
    insert_current(tx, table, {**key, **values}, at)
