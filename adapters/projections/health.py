"""What stands in the read side's way, kept beside its positions: projections stopped at an
event they cannot apply, rebuilds under way (or interrupted), and events an operator set aside.

A failure is noted when a catch-up stops at an event (after its batch was rolled back), and
forgotten once the projection has passed that event: after a fix, or once the event is set aside.
A rebuild is noted when it empties a projection's tables, and forgotten once the projection is
back at the head the rebuild started from. ``sitlog projections status`` shows all three;
every read warns while a failure or a rebuild stands.
"""

from dataclasses import dataclass
from datetime import datetime

from sitlog.adapters.db import Row, Tx, ts_text

FAILURES_TABLE = "sitlog_projection_failures"
REBUILDS_TABLE = "sitlog_projection_rebuilds"
SKIPPED_TABLE = "sitlog_skipped_events"
DDL = (
    f"CREATE TABLE IF NOT EXISTS {FAILURES_TABLE} (projection TEXT PRIMARY KEY, "
    "event BIGINT NOT NULL, cause TEXT NOT NULL, failed_at TEXT NOT NULL)",
    f"CREATE TABLE IF NOT EXISTS {REBUILDS_TABLE} (projection TEXT PRIMARY KEY, "
    "target BIGINT NOT NULL, started_at TEXT NOT NULL)",
    f"CREATE TABLE IF NOT EXISTS {SKIPPED_TABLE} (position BIGINT PRIMARY KEY, "
    "reason TEXT NOT NULL, operator TEXT NOT NULL, skipped_at TEXT NOT NULL)",
)


@dataclass(frozen=True)
class Failure:
    projection: str
    event: int  # the position of the event it cannot apply
    cause: str
    failed_at: str


@dataclass(frozen=True)
class Rebuild:
    projection: str
    target: int  # the head of the log when it started: done once the projection is there
    started_at: str


@dataclass(frozen=True)
class Skipped:
    position: int
    reason: str
    operator: str
    skipped_at: str


def note_failure(tx: Tx, projection: str, event: int, cause: str, now: datetime) -> None:
    tx.execute(
        f"INSERT INTO {FAILURES_TABLE} (projection, event, cause, failed_at) "
        "VALUES (:projection, :event, :cause, :at) ON CONFLICT (projection) DO UPDATE "
        "SET event = excluded.event, cause = excluded.cause, failed_at = excluded.failed_at",
        {"projection": projection, "event": event, "cause": cause, "at": ts_text(now)},
    )


def note_rebuild(tx: Tx, projection: str, target: int, now: datetime) -> None:
    tx.execute(
        f"INSERT INTO {REBUILDS_TABLE} (projection, target, started_at) VALUES (:projection, :target, :at) "
        "ON CONFLICT (projection) DO UPDATE SET target = excluded.target, started_at = excluded.started_at",
        {"projection": projection, "target": target, "at": ts_text(now)},
    )


def failures(tx: Tx) -> list[Failure]:
    rows = tx.all(f"SELECT projection, event, cause, failed_at FROM {FAILURES_TABLE} ORDER BY projection")
    return [Failure(r["projection"], int(r["event"]), r["cause"], r["failed_at"]) for r in rows]


def rebuilds(tx: Tx) -> list[Rebuild]:
    rows = tx.all(f"SELECT projection, target, started_at FROM {REBUILDS_TABLE} ORDER BY projection")
    return [Rebuild(r["projection"], int(r["target"]), r["started_at"]) for r in rows]


@dataclass(frozen=True)
class ReadSide:
    """What every read checks first, read in one round trip (a reader over the network pays each):
    the projections' positions (by name), their failures and their rebuilds; and, for a reader that
    keeps answers, what else the read tables' rows follow from: how many events are set aside and
    the version of each projection's code that built its tables."""

    positions: dict[str, int]
    failures: list[Failure]
    rebuilds: list[Rebuild]
    skipped: int
    versions: dict[str, int]

    @property
    def stamp(self) -> tuple[object, ...]:
        """Equal stamps, equal read tables: a projection's rows are a function of the events it has
        applied (its position, less the events set aside, which are only ever added) and of its
        code's version. Meaningful only with no failure or rebuild standing (a rebuild's tables
        are on their way back to where they were)."""
        return tuple(sorted(self.positions.items())), self.skipped, tuple(sorted(self.versions.items()))


def read_side(tx: Tx, tracking_table: str, versions_table: str) -> ReadSide:
    rows = tx.all(
        "SELECT 'position' AS kind, projection, position AS n, NULL AS cause, NULL AS noted_at "
        f"FROM {tracking_table} "
        f"UNION ALL SELECT 'failure', projection, event, cause, failed_at FROM {FAILURES_TABLE} "
        f"UNION ALL SELECT 'rebuild', projection, target, NULL, started_at FROM {REBUILDS_TABLE} "
        f"UNION ALL SELECT 'skipped', '', COUNT(*), NULL, NULL FROM {SKIPPED_TABLE} "
        f"UNION ALL SELECT 'version', projection, version, NULL, NULL FROM {versions_table} "
        "ORDER BY kind, projection"
    )
    kinds = ("position", "failure", "rebuild", "skipped", "version")
    by_kind: dict[str, list[Row]] = {kind: [] for kind in kinds}
    for row in rows:
        by_kind[row["kind"]].append(row)
    return ReadSide(
        positions={r["projection"]: int(r["n"]) for r in by_kind["position"]},
        failures=[Failure(r["projection"], int(r["n"]), r["cause"], r["noted_at"])
                  for r in by_kind["failure"]],
        rebuilds=[Rebuild(r["projection"], int(r["n"]), r["noted_at"]) for r in by_kind["rebuild"]],
        skipped=sum(int(r["n"]) for r in by_kind["skipped"]),
        versions={r["projection"]: int(r["n"]) for r in by_kind["version"]},
    )


def skipped(tx: Tx) -> list[Skipped]:
    rows = tx.all(f"SELECT position, reason, operator, skipped_at FROM {SKIPPED_TABLE} ORDER BY position")
    return [Skipped(int(r["position"]), r["reason"], r["operator"], r["skipped_at"]) for r in rows]


def skipped_between(tx: Tx, start: int, last: int) -> frozenset[int]:
    """The positions set aside in (start, last]: a batch leaves them out."""
    rows = tx.tuples(f"SELECT position FROM {SKIPPED_TABLE} WHERE position > :start AND position <= :last",
                     {"start": start, "last": last})
    return frozenset(int(row[0]) for row in rows)


def skip(tx: Tx, position: int, reason: str, operator: str, now: datetime) -> None:
    tx.execute(
        f"INSERT INTO {SKIPPED_TABLE} (position, reason, operator, skipped_at) "
        "VALUES (:position, :reason, :operator, :at)",
        {"position": position, "reason": reason, "operator": operator, "at": ts_text(now)},
    )


def settle(tx: Tx, positions: dict[str, int]) -> None:
    """Forget the failures and rebuilds that the projections have left behind them."""
    for name, position in positions.items():
        tx.execute(f"DELETE FROM {FAILURES_TABLE} WHERE projection = :name AND event <= :position",
                   {"name": name, "position": position})
        tx.execute(f"DELETE FROM {REBUILDS_TABLE} WHERE projection = :name AND target <= :position",
                   {"name": name, "position": position})
