"""``sitlog verify``: recompute the hash chain (``chain.py``) from the stored events, in the log's
order, and name the first position where the log and its chain part.

The events and the links are read side by side, a window of positions at a time, up to the
head each had when the verification began (one statement reads both, so they agree: an event and
its link are committed together). At each position:

- an event and a link: the event's seal is recomputed from its stored bytes. Not the seal of the
  link: the event was *altered*, or, if its seal is the link of another position, *moved* there
  (the log was reordered). Then the link is recomputed from the one before it: not the stored
  link, the chain itself was altered.
- a link without an event: the event was *deleted*.
- an event without a link: the event was *inserted* behind sitlog's back.
"""

from dataclasses import dataclass

from sitlog.adapters.chain import CHAIN_TABLE, GENESIS, link, seal
from sitlog.adapters.db import Database, Tx
from sitlog.adapters.errors import LogTampered
from sitlog.adapters.log_table import EVENTS_TABLE, POSITION
from sitlog.domain.errors import InvalidInput

WINDOW = 20_000  # positions read at a time


@dataclass(frozen=True)
class Verified:
    events: int
    first: int | None  # the first and last positions verified (None: no event)
    last: int | None
    head: bytes  # the link of the last event verified (of the one before ``start`` if none)
    head_at: int | None  # where the head given to check against was found


def verify(db: Database, start: int = 1, head: str | None = None) -> Verified:
    """Verify the log from ``start``; raise ``LogTampered`` at the first break, or if ``head`` (a
    link noted earlier, in hex) is not in the chain."""
    expected = _hex(head) if head is not None else None
    with db.transaction(write=False) as tx:
        table, position = EVENTS_TABLE[tx.dialect], POSITION[tx.dialect]
        row = tx.one(f"SELECT (SELECT MAX({position}) FROM {table}) AS events, "
                     f"(SELECT MAX(position) FROM {CHAIN_TABLE}) AS links")
        assert row is not None
        end = max(int(row["events"] or 0), int(row["links"] or 0))
        before = tx.one(f"SELECT position, link FROM {CHAIN_TABLE} WHERE position < :start "
                        "ORDER BY position DESC LIMIT 1", {"start": start})
    previous = bytes(before["link"]) if before else GENESIS
    head_at = int(before["position"]) if before and previous == expected else None
    count, first, last = 0, None, None
    # PostgreSQL sends an id's 16 bytes as they are (no UUID object per row); SQLite stores hex.
    ident = "uuid_send(originator_id)" if db.dialect == "postgresql" else "originator_id"
    low = start
    while low <= end:
        high = min(low + WINDOW - 1, end)
        with db.transaction(write=False) as tx:
            bounds = {"low": low, "high": high}
            events = tx.tuples(f"SELECT {position}, {ident}, originator_version, topic, state FROM {table} "
                               f"WHERE {position} BETWEEN :low AND :high ORDER BY {position}", bounds)
            links = tx.tuples(f"SELECT position, seal, link FROM {CHAIN_TABLE} "
                              "WHERE position BETWEEN :low AND :high ORDER BY position", bounds)
            # Both in the log's order; a longer one is dealt with after the loop.
            for event, chained in zip(events, links, strict=False):
                at = event[0]
                if at != chained[0]:  # the lower of the two is where they part
                    raise _unpaired(min(at, chained[0]), at < chained[0], count)
                sealed = seal(event[1], event[2], event[3], bytes(event[4]))
                if sealed != bytes(chained[1]):
                    raise _broken(at, count, _altered_or_moved(tx, at, sealed))
                previous = link(previous, sealed)
                if previous != bytes(chained[2]):
                    raise _broken(at, count, "the chain itself was altered there (its link does not "
                                             "follow from the one before)")
                count += 1
                if first is None:
                    first = at
                if previous == expected:
                    head_at = at
            if len(events) != len(links):  # one ran out: the other's next position has no partner
                extra = events[len(links)][0] if len(events) > len(links) else links[len(events)][0]
                raise _unpaired(extra, len(events) > len(links), count)
            if events:
                last = events[-1][0]
        low = high + 1
    if expected is not None and head_at is None:
        raise LogTampered(
            f"head: {head} is not a link of the chain verified ({count:,} events from position "
            f"{start}): the log it stood for was rewritten, or it is another store's")
    return Verified(count, first, last, previous, head_at)


def _unpaired(at: int, event_only: bool, verified: int) -> LogTampered:
    if event_only:
        return _broken(at, verified, "the event there has no link: it was inserted behind sitlog's back")
    return _broken(at, verified, "the event there was deleted (its link remains)")


def _altered_or_moved(tx: Tx, at: int, sealed: bytes) -> str:
    row = tx.one(f"SELECT position FROM {CHAIN_TABLE} WHERE seal = :seal AND position <> :at "
                 "ORDER BY position LIMIT 1", {"seal": sealed, "at": at})
    if row is not None:
        return f"the event there was chained at position {row['position']}: the log was reordered"
    return "the event there was altered (its stored bytes no longer match its seal)"


def _broken(at: int, verified: int, what: str) -> LogTampered:
    return LogTampered(f"the log was tampered with at position {at}: {what} "
                       f"({verified:,} events verified before it)")


def _hex(text: str) -> bytes:
    try:
        value = bytes.fromhex(text.strip())
    except ValueError:
        value = b""
    if len(value) != 32:
        raise InvalidInput(f"head: {text!r} is not a head hash (64 hexadecimal digits)")
    return value
