"""The ASGI application: the API and the dashboard over one pool of reads, behind the token when
there is one. ``create_app`` takes its settings; ``from_environment`` is what each of uvicorn's
worker processes calls (``sitlog serve`` passes the settings on in the environment)."""

import asyncio
import gc
import os
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from importlib.metadata import version

from fastapi import FastAPI
from sitlog.web import errors
from sitlog.web.reads import Reads
from sitlog.web.security import TOKEN_VARIABLE, BearerToken

DB_VARIABLE = "SITLOG_DB"
THREADS_VARIABLE = "SITLOG_SERVE_THREADS"
DEFAULT_THREADS = 4


def create_app(db_url: str | None, *, token: str | None = None, threads: int = DEFAULT_THREADS) -> FastAPI:
    reads = Reads(db_url, threads)

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        await asyncio.to_thread(reads.open)
        # What the server has built so far (modules, the application, the open stores) lives as
        # long as it does: out of the collector's sight, a full collection no longer goes through
        # it all (one took 60 ms on a loaded machine, every request in flight waiting on it).
        gc.collect()
        gc.freeze()
        yield
        reads.close()

    app = FastAPI(title="sitlog", version=version("sitlog"), lifespan=lifespan,
                  description="The read-only HTTP API of sitlog, an event-sourced incident log.",
                  docs_url=None, redoc_url=None, openapi_url="/api/openapi.json")
    app.state.reads = reads
    from sitlog.web import api, pages

    app.include_router(api.router)
    app.include_router(pages.router)
    errors.install(app)
    # The last added is the outermost: the token is checked before anything else runs.
    app.add_middleware(errors.LastResort)
    if token:
        app.add_middleware(BearerToken, token=token)
    return app


def from_environment() -> FastAPI:
    return create_app(os.environ.get(DB_VARIABLE) or None, token=os.environ.get(TOKEN_VARIABLE) or None,
                      threads=int(os.environ.get(THREADS_VARIABLE) or DEFAULT_THREADS))
