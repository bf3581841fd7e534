"""The web front end's fixtures: a store holding the morning of 5 February 2026 (on each backend),
and an HTTP client of the application over it (httpx, through FastAPI's TestClient: the whole
ASGI application, its middleware included, without a socket)."""

from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient
from sitlog.web.app import create_app

from tests.conftest import Sitlog
from tests.digest_morning import log_the_morning

TOKEN = "a-desk-token-of-32-characters-xx"


@pytest.fixture
def morning(sitlog: Sitlog, monkeypatch: pytest.MonkeyPatch) -> Sitlog:
    log_the_morning(sitlog, monkeypatch)
    monkeypatch.undo()  # the application's clock is the real one again
    return sitlog


def client_of(url: str, token: str | None = None) -> TestClient:
    # raise_server_exceptions=False: a response is what a client would see, a 500 included.
    return TestClient(create_app(url, token=token, threads=2), raise_server_exceptions=False)


@pytest.fixture
def client(morning: Sitlog) -> Iterator[TestClient]:
    with client_of(morning.url) as opened:
        yield opened
