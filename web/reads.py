"""Reads for a server: each on a thread of a fixed pool, each thread with its own open store.

A store's connections belong to the thread that opened them (SQLite's must), and opening one is
most of what a short read costs, so a thread opens its store on its first read and keeps it. The
pool bounds the connections of a server process: ``threads`` stores, whatever the load. A store
whose read failed other than with an answer (the database went away, a statement failed) is closed
and opened anew by the thread's next read, so a server outlives the database's outages. The
answers that depend on the read tables alone are kept while the tables stay as they were, for
every thread (adapters/kept_answers.py): the same state asked again costs one round trip.
"""

import asyncio
import logging
import threading
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from contextlib import suppress
from typing import TYPE_CHECKING, TypeVar

from sitlog.adapters.reader import KeptAnswers
from sitlog.adapters.store import open_store_at
from sitlog.domain.errors import InvalidInput, NotFound

if TYPE_CHECKING:
    from pydantic import BaseModel
    from sitlog.adapters.reader import Reader
    from sitlog.adapters.store import Store

T = TypeVar("T")
log = logging.getLogger("sitlog.web")


class Reads:
    def __init__(self, db_url: str | None, threads: int = 4) -> None:
        self._db_url = db_url
        self._threads = threads
        self._executor = ThreadPoolExecutor(threads, thread_name_prefix="sitlog-read")
        self._local = threading.local()
        self._stores: set[Store] = set()
        self._lock = threading.Lock()
        # One for all the threads: an answer read on one is served by all (adapters/kept_answers.py).
        self._answers = KeptAnswers()

    async def ask(self, question: "Callable[[Reader], T]") -> T:
        """The answer of ``question`` (one read transaction), asked on a thread of the pool."""
        return await asyncio.get_running_loop().run_in_executor(self._executor, self._ask, question)

    def open(self) -> None:
        """Open every thread's store now, before the first request: a store opened under load
        held every other read up while it was built. One that cannot be opened now is tried again
        by its thread's first read, which answers with the reason (the server outlives outages)."""
        everyone, one_at_a_time = threading.Barrier(self._threads, timeout=30), threading.Lock()

        def open_one() -> None:
            with suppress(threading.BrokenBarrierError):
                everyone.wait()  # each on a thread of its own: the pool starts one per waiting task
            # One after the other: stores opened at once on a new SQLite file raced to create it
            # (one saw the log's table and not yet the read side's, and failed).
            with one_at_a_time, suppress(Exception):
                self._store()

        for opening in [self._executor.submit(open_one) for _ in range(self._threads)]:
            opening.result()

    def _store(self) -> "Store":
        store: Store | None = getattr(self._local, "store", None)
        if store is None:
            store = open_store_at(self._db_url, None)
            store.on_read_warning = log.warning
            store.reader.answers = self._answers
            self._local.store = store
            with self._lock:
                self._stores.add(store)
        return store

    def json(self, answer: "BaseModel") -> str:
        """The answer's JSON, as its ``model_dump_json()``; a kept answer's is made once."""
        return self._answers.json(answer)

    def _ask(self, question: "Callable[[Reader], T]") -> T:
        store = self._store()
        try:
            return question(store.reader)
        except (InvalidInput, NotFound):  # an answer: the store is fine
            raise
        except BaseException:
            self._local.store = None
            self._close(store)
            raise

    def _close(self, store: "Store") -> None:
        with self._lock:
            self._stores.discard(store)
        with suppress(Exception):  # a broken connection, or one another thread opened: gone either way
            store.close()

    def close(self) -> None:
        self._executor.shutdown(wait=True)
        for store in list(self._stores):
            self._close(store)
