"""The interface of a projection: tables, and one handler per event type, applied a batch at a time."""

from collections.abc import Callable, Sequence
from typing import Any, ClassVar

from pydantic_core import to_json
from sitlog.adapters.db import Tx
from sitlog.adapters.projections.rows import NewRows

Handler = Callable[[Any], None]


def json_text(value: Any) -> str:
    """Compact JSON, non-ASCII as is: pydantic's serialiser, several times faster than json.dumps."""
    return to_json(value).decode()


# A batch asks for each aggregate's id many times, and str(UUID) is slow. Keyed by the UUID's
# integer: a UUID's own hash is a Python-level method, several times slower than an int's.
_TEXTS: dict[int, str] = {}


def aggregate_id(event: Any) -> str:
    """The event's aggregate id as the read tables store it."""
    uuid = event.originator_id
    text = _TEXTS.get(uuid.int)
    if text is None:
        if len(_TEXTS) >= 1 << 16:  # bounded, for a long-running worker
            _TEXTS.clear()
        text = _TEXTS[uuid.int] = str(uuid)
    return text


class Projection:
    """A read model kept up to date from the event log.

    Subclasses declare ``name``, ``ddl`` (portable ``CREATE TABLE/INDEX IF NOT
    EXISTS`` statements), ``tables`` (emptied on rebuild), ``events`` (the events it
    applies: an aggregate's ``Event`` class) and ``handlers``
    mapping an event class to a function ``(event)``. A batch goes through three
    steps: ``prepare`` reads what the batch's events will need, in a few set-based
    queries; the handlers change rows in memory (``self.buffers``); ``flush`` writes
    them, in the transaction that also saves the position (on SQLite the first two run
    before it, and the runner checks that nothing they read has moved since).
    """

    name: ClassVar[str]
    # Bump when the tables or what handlers write change: `sitlog init` then rebuilds it.
    version: ClassVar[int] = 1
    ddl: ClassVar[tuple[str, ...]] = ()
    # (table, column, type) added after a release: the stores of that release gain them on upgrade.
    added_columns: ClassVar[tuple[tuple[str, str, str], ...]] = ()
    tables: ClassVar[tuple[str, ...]] = ()
    events: ClassVar[type]

    def handlers(self) -> dict[type, Handler]:
        raise NotImplementedError

    def __init__(self, buffers: Sequence[NewRows] = ()) -> None:
        self._dispatch = self.handlers()
        self.buffers = list(buffers)  # in flush order

    def prepare(self, tx: Tx, events: Sequence[Any]) -> None:
        """Before a batch: drop what a rolled-back batch left, load what ``events`` will read."""
        for buffer in self.buffers:
            buffer.clear()

    def apply(self, event: Any) -> None:
        handler = self._dispatch.get(type(event))
        if handler is not None:
            handler(event)

    def flush(self, tx: Tx) -> None:
        """At the end of a batch, in its transaction: write what the handlers changed."""
        for buffer in self.buffers:
            buffer.flush(tx)
