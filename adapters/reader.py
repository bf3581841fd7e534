"""The read facade: every question a front end asks the read side, answered with a read model.

Each call is one read-only transaction, so its answer is one consistent snapshot of the read
tables. Reads never load aggregates. What a reader should know about the tables it reads (a
projection stuck at an event, a rebuild under way) goes to the store's ``on_read_warning``.
Inputs are typed (dates, record times); references are parsed here, as the write side does.
A question imports its own queries and models only, when it is asked.
"""

from collections.abc import Callable, Hashable, Iterator, Mapping
from contextlib import contextmanager
from datetime import UTC, date, datetime
from typing import TYPE_CHECKING, TypeVar, cast
from uuid import UUID

from sitlog.adapters.kept_answers import KeptAnswers as KeptAnswers  # a server keeps its answers there

if TYPE_CHECKING:
    from pydantic import BaseModel
    from sitlog.adapters.db import Tx
    from sitlog.adapters.projections.health import ReadSide
    from sitlog.adapters.read_models.attacks import AttackDetail, AttackListing
    from sitlog.adapters.read_models.digest import DailyDigest
    from sitlog.adapters.read_models.entries import EntryListing, EntryShown
    from sitlog.adapters.read_models.estimates import EstimateListing, SeriesDetail
    from sitlog.adapters.read_models.exchanges import ExchangeListing, ExchangeShown
    from sitlog.adapters.read_models.health import ReadSideHealth
    from sitlog.adapters.read_models.negotiations import NegotiationDetail, NegotiationListing
    from sitlog.adapters.read_models.projections import ProjectionsStatus
    from sitlog.adapters.read_models.state import StateReport
    from sitlog.adapters.read_models.trends import TrendsReport
    from sitlog.adapters.store import Store

M = TypeVar("M", bound="BaseModel")


class Reader:
    """``store.reader``: the answers of the read side (see adapters/read_models)."""

    def __init__(self, store: "Store") -> None:
        self._store = store
        # Where answers are kept between calls (a server's, shared by its read threads); None: every
        # call reads the tables.
        self.answers: KeptAnswers | None = None

    @contextmanager
    def _snapshot(self) -> "Iterator[Tx]":
        with self._store.read() as tx:
            self._warn(self._store.read_side(tx))
            yield tx

    def _warn(self, side: "ReadSide") -> None:
        for message in self._store.read_side_warnings(side):
            self._store.on_read_warning(message)

    def _kept(self, question: Hashable, answer: "Callable[[Tx], M]") -> "M":
        """``answer(tx)`` in one snapshot, as ``_snapshot``; with ``answers``, the answer kept for
        ``question`` when the read tables are as they were when it was read (kept_answers.py).
        For questions whose answer is the read tables' alone (not the log's, not the clock's)."""
        if self.answers is None:
            with self._snapshot() as tx:
                return answer(tx)
        # The check alone says whether a kept answer holds: one statement, no transaction.
        with self._store.db.statements() as tx:
            side = self._store.read_side(tx)
        self._warn(side)
        found = None if side.failures or side.rebuilds else self.answers.get((question, side.stamp))
        if found is not None:
            return cast("M", found)
        with self._store.read() as tx:
            side = self._store.read_side(tx)  # the snapshot's own, which the answer is read in
            answer_read = answer(tx)
        if not (side.failures or side.rebuilds):
            self.answers.put((question, side.stamp), answer_read)
        return answer_read

    def attack(self, reference: str, *, as_of: date | None = None, known_at: datetime | None = None,
               with_history: bool = False) -> "AttackDetail":
        from sitlog.adapters.queries.attacks import show_attack

        with self._snapshot() as tx:
            return show_attack(tx, reference, as_of=as_of, known_at=known_at, with_history=with_history)

    def attacks(self, *, date_from: date | None = None, date_to: date | None = None,
                attacker: str | None = None, as_of: date | None = None,
                known_at: datetime | None = None) -> "AttackListing":
        from sitlog.adapters.queries.attacks import list_attacks
        from sitlog.adapters.read_models.attacks import AttackListing
        from sitlog.domain.attack_ref import slug

        who = slug(attacker, "attacker", "russia") if attacker is not None else None
        with self._snapshot() as tx:
            return AttackListing(list_attacks(tx, date_from=date_from, date_to=date_to, attacker=who,
                                              as_of=as_of, known_at=known_at))

    def negotiation(self, slug: str, *, as_of: date | None = None, known_at: datetime | None = None,
                    with_history: bool = False) -> "NegotiationDetail":
        from sitlog.adapters.queries.negotiations import negotiation

        with self._snapshot() as tx:
            return negotiation(tx, slug, as_of=as_of, known_at=known_at, with_history=with_history)

    def negotiations(self, *, status: str | None = None, as_of: date | None = None,
                     known_at: datetime | None = None) -> "NegotiationListing":
        from sitlog.adapters.queries.negotiations import negotiations
        from sitlog.adapters.read_models.negotiations import NegotiationListing

        with self._snapshot() as tx:
            return NegotiationListing(negotiations(tx, status=status, as_of=as_of, known_at=known_at))

    def exchange(self, reference: str, *, as_of: date | None = None, known_at: datetime | None = None,
                 with_history: bool = False) -> "ExchangeShown":
        from sitlog.adapters.queries.exchanges import exchange

        with self._snapshot() as tx:
            return exchange(tx, reference, as_of=as_of, known_at=known_at, with_history=with_history)

    def exchanges(self, *, status: str | None = None, negotiation: str | None = None,
                  as_of: date | None = None, known_at: datetime | None = None) -> "ExchangeListing":
        from sitlog.adapters.queries.exchanges import exchanges
        from sitlog.adapters.read_models.exchanges import ExchangeListing

        with self._snapshot() as tx:
            return ExchangeListing(exchanges(tx, status=status, negotiation=negotiation, as_of=as_of,
                                             known_at=known_at))

    def series(self, series: str, *, source: str | None = None, as_of: date | None = None,
               known_at: datetime | None = None) -> "SeriesDetail":
        """One series of casualty estimates (``estimate show``)."""
        from sitlog.adapters.queries.estimates import series_estimates

        with self._snapshot() as tx:
            return series_estimates(tx, series, source=source, as_of=as_of, known_at=known_at)

    def estimates(self, *, subject: str | None = None, source: str | None = None, as_of: date | None = None,
                  known_at: datetime | None = None, published_by: date | None = None) -> "EstimateListing":
        """The latest estimate of every source in every series (``estimate list``); with
        ``published_by``, of those reported on or before that date."""
        from sitlog.adapters.queries.estimates import latest_estimates
        from sitlog.adapters.read_models.estimates import EstimateListing

        with self._snapshot() as tx:
            return EstimateListing(latest_estimates(tx, subject=subject, source=source, as_of=as_of,
                                                    known_at=known_at, published_by=published_by))

    def entry(self, reference: str, *, as_of: date | None = None, known_at: datetime | None = None,
              with_history: bool = False) -> "EntryShown":
        """One log entry, by the reference ``entry add`` printed (``entry show``)."""
        from sitlog.adapters.queries.entries import entry

        with self._snapshot() as tx:
            return entry(tx, reference, as_of=as_of, known_at=known_at, with_history=with_history)

    def entries(self, *, date_from: date | None = None, date_to: date | None = None,
                category: str | None = None, source: str | None = None, as_of: date | None = None,
                known_at: datetime | None = None) -> "EntryListing":
        """The standing log entries, by date (``entry list``)."""
        from sitlog.adapters.queries.entries import entries
        from sitlog.adapters.read_models.entries import EntryListing

        with self._snapshot() as tx:
            return EntryListing(entries(tx, date_from=date_from, date_to=date_to, category=category,
                                        source=source, as_of=as_of, known_at=known_at))

    def entry_id(self, reference: str) -> UUID:
        """The id of the entry a short reference names, for a correction or a retraction (writes
        name entries by id: the reference is a prefix of it that only the read side can resolve)."""
        from sitlog.adapters.queries.entries import entry_id

        with self._snapshot() as tx:
            return UUID(entry_id(tx, reference))

    def state(self, as_of: date | None = None, known_at: datetime | None = None,
              published_by: date | None = None) -> "StateReport":
        """The whole picture on ``as_of`` (default: today in Kyiv), as the log knew it at ``known_at``;
        with ``published_by``, the estimates reported on or before that date."""
        from sitlog.adapters.queries.state import state_report
        from sitlog.domain.clock import today_in_kyiv

        day = as_of or today_in_kyiv()
        return self._kept(("state", day, known_at, published_by),
                          lambda tx: state_report(tx, day, known_at, published_by))

    def digest(self, day: date | None = None, *, known_at: datetime | None = None,
               primary_sources: Mapping[str, str] | None = None) -> "DailyDigest":
        """The daily digest of ``day`` as the log knew it at ``known_at``. Without ``known_at`` it is
        the log now, and the digest says which moment that was (asking again with that moment gives
        the same digest). The day defaults to the day of that moment in Kyiv. ``primary_sources``
        (attacker -> source) chooses the source of an attacker's trends."""
        from sitlog.adapters.queries.digest import daily_digest
        from sitlog.domain.attack_ref import slug
        from sitlog.domain.clock import KYIV

        chosen = {slug(attacker, "primary-source", "russia"): source
                  for attacker, source in (primary_sources or {}).items()}
        with self._snapshot() as tx:
            # Taken once the snapshot is open (the warnings above read the tables): every row it
            # shows was recorded before this moment.
            moment = known_at or datetime.now(UTC)
            return daily_digest(tx, day or moment.astimezone(KYIV).date(), known_at=known_at, moment=moment,
                                primary_sources=chosen)

    def projections_status(self) -> "ProjectionsStatus":
        """Each projection's position, lag and what stops it; the events set aside. It shows the
        read side's troubles itself, so it warns of none."""
        from sitlog.adapters.queries.projections import projections_status

        with self._store.read() as tx:
            return projections_status(tx, self._store.runner.positions(tx))

    def trends(self, end: date | None = None, *, known_at: datetime | None = None) -> "TrendsReport":
        """The 90 nights up to ``end`` (default: today in Kyiv) per attacker and weapon category, and
        every casualty-estimate series over time, per source (the dashboard's trends)."""
        from sitlog.adapters.queries.trends import trends_report
        from sitlog.domain.clock import today_in_kyiv

        with self._snapshot() as tx:
            return trends_report(tx, end or today_in_kyiv(), known_at)

    def health(self, max_lag: int | None = None) -> "ReadSideHealth":
        """Each projection's lag; on a PostgreSQL read replica, its replication lag too. The status is
        ``stuck`` when a projection cannot apply an event, ``lagging`` when one is more than
        ``max_lag`` events behind."""
        from sitlog.adapters.queries.projections import projections_status, replica_lag
        from sitlog.adapters.read_models.health import ReadSideHealth

        with self._store.read() as tx:
            status = projections_status(tx, self._store.runner.positions(tx))
            standby, lag = replica_lag(tx)
        positions = status.projections
        verdict = ("stuck" if any(p.stuck_at is not None for p in positions)
                   else "lagging" if max_lag is not None and any(p.lag > max_lag for p in positions)
                   else "ok")
        return ReadSideHealth(status=verdict,
                              store="postgresql" if self._store.config.is_postgres else "sqlite",
                              projections=positions,
                              replica=standby, replica_lag_seconds=lag, error=None)
