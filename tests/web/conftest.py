"""The web front end's fixtures: a store holding the morning of 5 February 2026 (on each backend),
and an HTTP client of the application over it (httpx, through FastAPI's TestClient: the whole
ASGI application, its middleware included, without a socket).

Nothing the web front end does writes: its tests read the morning shared by every test that only
reads it (``shared_morning``, tests/conftest.py); a test that writes beside the application uses a
store of its own (the ``sitlog`` fixture).
"""

from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient
from sitlog.web.app import create_app

from tests.conftest import Sitlog

TOKEN = "a-desk-token-of-32-characters-xx"


def client_of(url: str, token: str | None = None) -> TestClient:
    # raise_server_exceptions=False: a response is what a client would see, a 500 included.
    return TestClient(create_app(url, token=token, threads=2), raise_server_exceptions=False)


@pytest.fixture
def client(shared_morning: Sitlog) -> Iterator[TestClient]:
    """A client of the application over the shared morning."""
    with client_of(shared_morning.url) as opened:
        yield opened
