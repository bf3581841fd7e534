"""``sitlog projections run``: keep the read side up to date, through outages of the database."""

import time
from collections.abc import Callable
from typing import Any

from sitlog.adapters.db import is_outage
from sitlog.adapters.errors import StoreUnavailable
from sitlog.adapters.projections.stops import one_line


def follow(runner: Any, stop: Callable[[], bool], poll: float, batch: int,
           progress: Callable[[int], None] | None, say: Callable[[str], None]) -> int:
    """Catch up, then wait for the log to move, until ``stop()``; returns events applied.

    On PostgreSQL it wakes on the NOTIFY the library sends after each insert, and also polls
    every ``poll`` seconds, because a lost notification must not stall a follower (eventsourcing
    issue #305). When the database goes away it waits for it and goes on (``say`` gets one line
    when it goes and one when it is back); a projection that stops on an event stops the follower.
    """
    done = 0
    channel = getattr(runner.log.recorder, "channel_name", "")
    while not stop():
        try:
            done += runner.catch_up(batch, progress, stop)
            if not stop():
                runner.db.wait_for_notification(channel, poll)
        except Exception as error:
            if not (isinstance(error, StoreUnavailable) or is_outage(error)):
                raise
            _wait_for_the_database(runner.db, error, stop, say)
    return done


def _wait_for_the_database(db: Any, outage: Exception, stop: Callable[[], bool],
                           say: Callable[[str], None]) -> None:
    """Reconnect with backoff (0.5 s doubling to 30 s)."""
    say(f"the database went away ({one_line(outage)}); retrying until it is back")
    delay = 0.5
    while not _sleep(delay, stop):
        try:
            db.reconnect()
        except StoreUnavailable:
            delay = min(delay * 2, 30.0)
            continue
        say("the database is back: following the log again")
        return


def _sleep(seconds: float, stop: Callable[[], bool]) -> bool:
    """Sleep, waking early to stop; returns whether to stop."""
    deadline = time.monotonic() + seconds
    while not stop():
        left = deadline - time.monotonic()
        if left <= 0:
            return False
        time.sleep(min(0.05, left))
    return True


