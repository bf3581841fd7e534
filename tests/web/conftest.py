"""The web front end's fixtures: a store holding the morning of 5 February 2026 (on each backend),
and an HTTP client of the application over it (httpx, through FastAPI's TestClient: the whole
ASGI application, its middleware included, without a socket).

Logging the morning takes some thirty commands (a second or more on PostgreSQL), and nothing the
web front end does writes: so the tests that only read share one morning per backend and test
process (``read_only_morning``, ``shared_morning``, ``client``); a test that writes beside the
application uses a store of its own (the ``sitlog`` fixture).
"""

from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient
from sitlog.web.app import create_app

from tests.conftest import Sitlog
from tests.digest_morning import log_the_morning

TOKEN = "a-desk-token-of-32-characters-xx"


@pytest.fixture(scope="session", params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def read_only_morning(request: pytest.FixtureRequest,
                      tmp_path_factory: pytest.TempPathFactory) -> Iterator[Sitlog]:
    """One morning per backend and test process, for the tests that only read (checked after
    each of them: the log holds as many events as when it was logged)."""
    schemas = None
    if request.param == "sqlite":
        path = tmp_path_factory.mktemp("morning") / "sitlog.db"
        request.getfixturevalue("sqlite_template").copy_to(path)
        url = f"sqlite:///{path}"
    else:
        from tests.conftest import PG_URL

        schemas = request.getfixturevalue("pg_schemas")
        schema = schemas.take()
        url = f"{PG_URL}?schema={schema}"
    sitlog = Sitlog(url)
    with pytest.MonkeyPatch.context() as patch:
        log_the_morning(sitlog, patch)
    yield sitlog
    if schemas is not None:
        schemas.give_back(schema)


@pytest.fixture
def shared_morning(read_only_morning: Sitlog) -> Iterator[Sitlog]:
    """The shared morning; the test that used it must have left the log as it found it."""
    events = read_only_morning.events()
    yield read_only_morning
    assert read_only_morning.events() == events, "a test of the shared morning wrote to its log"


def client_of(url: str, token: str | None = None) -> TestClient:
    # raise_server_exceptions=False: a response is what a client would see, a 500 included.
    return TestClient(create_app(url, token=token, threads=2), raise_server_exceptions=False)


@pytest.fixture
def client(shared_morning: Sitlog) -> Iterator[TestClient]:
    """A client of the application over the shared morning."""
    with client_of(shared_morning.url) as opened:
        yield opened
