"""``sitlog serve``: check the settings, then run the application on uvicorn.

Settings reach uvicorn's worker processes through the environment (``--workers N`` starts N
processes, each calling ``app.from_environment``); the store URL goes there as ``SITLOG_DB``, as
the CLI reads it. Logs carry the store's masked URL only.
"""

import os
import sys

from sitlog.adapters.config import parse_store_url
from sitlog.web.app import DB_VARIABLE, THREADS_VARIABLE
from sitlog.web.security import TOKEN_VARIABLE, check_binding


def serve(*, host: str, port: int, workers: int, threads: int, db_url: str | None) -> None:
    token = os.environ.get(TOKEN_VARIABLE) or None
    check_binding(host, token)
    if db_url is not None:
        parse_store_url(db_url)  # a URL that cannot be read is refused now, not at the first request
        os.environ[DB_VARIABLE] = db_url
    os.environ[THREADS_VARIABLE] = str(threads)
    import uvicorn

    where = parse_store_url(db_url).masked_url if db_url else "the embedded store"
    print(f"sitlog serve: {where}, read-only, on {host}:{port}"
          f"{' (a token required)' if token else ''}", file=sys.stderr, flush=True)
    uvicorn.run("sitlog.web.app:from_environment", factory=True, host=host, port=port, workers=workers,
                log_level="info", server_header=False, proxy_headers=False)
