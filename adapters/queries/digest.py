"""``sitlog digest``: the daily digest, put together from its sections' queries (``digest_*.py``),
all in the caller's one read transaction, over the read tables only.

``known_at`` None reads the current rows (the fast path, on the indexes of current rows);
``moment`` is then the moment the digest was made, taken once the transaction's snapshot is
open, so that asking again with ``known_at=moment`` reads the same rows.
"""

from collections.abc import Mapping
from datetime import date, datetime

from sitlog.adapters.db import Tx
from sitlog.adapters.queries.digest_attacks import night_attacks
from sitlog.adapters.queries.digest_corrections import corrections_of_the_day
from sitlog.adapters.queries.digest_diplomacy import negotiations_of_the_day
from sitlog.adapters.queries.digest_estimates import estimates_of_the_day
from sitlog.adapters.queries.digest_exchanges import exchanges_of_the_day
from sitlog.adapters.queries.digest_trends import trends
from sitlog.adapters.queries.entries import entries as log_entries
from sitlog.adapters.read_models.digest import DailyDigest
from sitlog.adapters.read_models.digest_parts import Diplomacy

DIPLOMACY = "diplomacy"


def daily_digest(tx: Tx, day: date, *, known_at: datetime | None, moment: datetime,
                 primary_sources: Mapping[str, str] | None = None) -> DailyDigest:
    """The digest of ``day`` as the log knew it at ``known_at`` (None: now, which is ``moment``)."""
    # The day's standing entries (retracted ones left out), by time (those without one first).
    entries = log_entries(tx, date_from=day, date_to=day, known_at=known_at)
    return DailyDigest(
        date=day,
        known_at=moment,
        time_zone="Europe/Kyiv",
        attacks=night_attacks(tx, day, known_at),
        diplomacy=Diplomacy(negotiations=negotiations_of_the_day(tx, day, known_at),
                            entries=[e for e in entries if e.category == DIPLOMACY]),
        exchanges=exchanges_of_the_day(tx, day, known_at),
        estimates=estimates_of_the_day(tx, day, known_at),
        entries=[e for e in entries if e.category != DIPLOMACY],
        trends=trends(tx, day, known_at, primary_sources),
        corrections=corrections_of_the_day(tx, day, moment),
    )
