"""The event store's PostgreSQL factory, with the libpq parameters of the store URL.

eventsourcing 9.5 connects with host, port, user, password and database only; a managed
PostgreSQL needs more (``sslmode=require``, a root certificate, ...). This factory is the
library's own, and adds the URL's parameters (``SITLOG_PG_PARAMS``, JSON, set by
``StoreConfig.library_env``) to the keyword arguments of its connection pool, which opens lazily.
"""

import json
from typing import Any

from eventsourcing import postgres


class PostgresFactory(postgres.PostgresFactory):
    def __init__(self, env: Any) -> None:
        super().__init__(env)
        extra = json.loads(self.env.get("SITLOG_PG_PARAMS") or "{}")
        kwargs = self.datastore.pool.kwargs
        assert isinstance(kwargs, dict)  # the library passes a dict (eventsourcing/postgres.py)
        kwargs.update(extra)
