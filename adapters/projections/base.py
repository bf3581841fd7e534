"""The interface of a projection: tables, and one handler per event type."""

from collections.abc import Callable
from typing import Any, ClassVar

from adapters.db import Tx

Handler = Callable[[Tx, Any], None]


class Projection:
    """A read model kept up to date from the event log.

    Subclasses declare ``name``, ``ddl`` (portable ``CREATE TABLE/INDEX IF NOT
    EXISTS`` statements), ``tables`` (emptied on rebuild) and ``handlers``
    mapping an event class to a function ``(tx, event)``. Handlers only write
    rows: the runner commits them together with the tracking position.
    """

    name: ClassVar[str]
    # Bump when the tables or what handlers write change: `sitlog init` then rebuilds it.
    version: ClassVar[int] = 1
    ddl: ClassVar[tuple[str, ...]] = ()
    tables: ClassVar[tuple[str, ...]] = ()

    def handlers(self) -> dict[type, Handler]:
        raise NotImplementedError

    def __init__(self) -> None:
        self._dispatch = self.handlers()

    def start_batch(self) -> None:
        """Before each batch: drop anything buffered by a batch that was rolled back."""

    def end_batch(self, tx: Tx) -> None:
        """At the end of each batch, in its transaction: write what was buffered."""

    def apply(self, tx: Tx, event: Any) -> None:
        handler = self._dispatch.get(type(event))
        if handler is not None:
            handler(tx, event)
