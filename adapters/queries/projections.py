"""How far the projections have applied the log, and what stops them (``projections status``)."""

from sitlog.adapters.db import Tx
from sitlog.adapters.log_table import EVENTS_TABLE, POSITION
from sitlog.adapters.projections import health
from sitlog.adapters.read_models.projections import ProjectionPosition, ProjectionsStatus, SetAsideEvent


def projections_status(tx: Tx, positions: dict[str, int]) -> ProjectionsStatus:
    """``positions``: each projection's position in this transaction (``Runner.positions``)."""
    table, position = EVENTS_TABLE[tx.dialect], POSITION[tx.dialect]
    head = int(tx.scalar(f"SELECT MAX({position}) AS head FROM {table}") or 0)
    stuck = {f.projection: f for f in health.failures(tx)}
    rebuilding = {r.projection: r.target for r in health.rebuilds(tx)}
    return ProjectionsStatus(
        projections=[ProjectionPosition(
            projection=name, position=at, head=head, lag=max(head - at, 0),
            stuck_at=stuck[name].event if name in stuck else None,
            cause=stuck[name].cause if name in stuck else None,
            rebuilding_to=rebuilding.get(name),
        ) for name, at in positions.items()],
        skipped=[SetAsideEvent(position=s.position, reason=s.reason, operator=s.operator,
                               skipped_at=s.skipped_at) for s in health.skipped(tx)],
    )


def replica_lag(tx: Tx) -> tuple[bool, float | None]:
    """Whether the database is a PostgreSQL standby, and the age in seconds of the last transaction it
    replayed (None on a primary, on SQLite, or on a standby that has replayed nothing yet)."""
    if tx.dialect != "postgresql":
        return False, None
    row = tx.one("SELECT pg_is_in_recovery() AS standby, "
                 "EXTRACT(EPOCH FROM now() - pg_last_xact_replay_timestamp()) AS lag")
    assert row is not None
    standby = bool(row["standby"])
    return standby, float(row["lag"]) if standby and row["lag"] is not None else None
