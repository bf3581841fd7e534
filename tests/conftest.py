"""Fixtures shared by every tier: real stores on SQLite and PostgreSQL, and a CLI runner.

PostgreSQL tests read SITLOG_TEST_PG (default postgresql://postgres@127.0.0.1:5432/test),
work in schemas named after a random prefix per test process (each xdist worker has its own)
and drop them all at the end.
A test that asks for ``store`` or ``sitlog`` gets an initialised store without running
``sitlog init`` (a copy or a reused schema: ``tests/fresh_stores.py``).
Without a server they skip with the reason, except under CI, where they fail.
"""

import itertools
import json
import os
import secrets
import shlex
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from sitlog.adapters.config import parse_store_url
from sitlog.adapters.store import Store, open_store
from sitlog.cli import samples
from typer.testing import CliRunner

PG_URL = os.environ.get("SITLOG_TEST_PG", "postgresql://postgres@127.0.0.1:5432/test")
SAMPLE = Path(samples.__file__).parent / "2026-02-05.sitlog"  # the demo's week of commands
# A commit on the shared server returns before its WAL is flushed to disk (libpq reads PGOPTIONS, in
# this process and in the sitlog processes tests start): nothing a test checks depends on a commit
# outliving a crash of that server, which no test stops, and the suite spends a tenth less time
# waiting for fsync. A server a test stops is its own and keeps synchronous commits (own_postgres).
os.environ.setdefault("PGOPTIONS", "-c synchronous_commit=off")
_schemas = itertools.count(1)


@pytest.fixture(scope="session")
def pg_prefix() -> Iterator[str]:
    import psycopg

    config = parse_store_url(PG_URL)
    try:
        conn = psycopg.connect(
            host=config.host, port=config.port, user=config.user,
            password=config.password or None, dbname=config.dbname,
            autocommit=True, connect_timeout=3,
        )
    except psycopg.OperationalError as e:
        reason = f"no PostgreSQL at {config.location} ({str(e).strip().splitlines()[0]})"
        if os.environ.get("CI"):
            pytest.fail(f"{reason}: PostgreSQL tests must run under CI", pytrace=False)
        pytest.skip(reason)
    prefix = f"sitlog_test_{secrets.token_hex(4)}"
    yield prefix
    rows = conn.execute(
        "SELECT nspname FROM pg_namespace WHERE nspname LIKE %s", (prefix + "%",)
    ).fetchall()
    for (schema,) in rows:
        conn.execute(f'DROP SCHEMA "{schema}" CASCADE')
    conn.close()


@pytest.fixture(scope="session")
def pg_schemas(pg_prefix: str) -> Iterator[Any]:
    """Initialised PostgreSQL schemas, reused from test to test (``tests/fresh_stores.py``)."""
    import psycopg

    from tests.fresh_stores import PostgresSchemas

    config = parse_store_url(PG_URL)
    with psycopg.connect(host=config.host, port=config.port, user=config.user,
                         password=config.password or None, dbname=config.dbname,
                         autocommit=True) as conn:
        yield PostgresSchemas(conn, PG_URL, pg_prefix)


@pytest.fixture(scope="session")
def sqlite_template(tmp_path_factory: pytest.TempPathFactory) -> Any:
    """An initialised SQLite store that tests copy (``tests/fresh_stores.py``)."""
    from tests.fresh_stores import SqliteTemplate

    return SqliteTemplate(tmp_path_factory.mktemp("template"))


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def store_url(request: pytest.FixtureRequest, tmp_path) -> Iterator[str]:
    """The URL of a fresh store on each backend: empty, or, for a test that uses the ``store`` or
    ``sitlog`` fixture, already initialised (as ``sitlog init`` leaves it, without running it)."""
    initialised = {"store", "sitlog"} & set(request.fixturenames)
    if initialised:
        with initialised_store(request, tmp_path, request.param) as url:
            yield url
    elif request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'sitlog.db'}"
    else:
        yield f"{PG_URL}?schema={request.getfixturevalue('pg_prefix')}_{next(_schemas)}"


@contextmanager
def initialised_store(request: pytest.FixtureRequest, folder: Path, backend: str) -> Iterator[str]:
    """The URL of an initialised store (``tests/fresh_stores.py``): on SQLite a copy of the template
    in ``folder``, on PostgreSQL a schema taken from the reused ones and given back after."""
    if backend == "sqlite":
        path = folder / "sitlog.db"
        request.getfixturevalue("sqlite_template").copy_to(path)
        yield f"sqlite:///{path}"
        return
    schemas = request.getfixturevalue("pg_schemas")
    schema = schemas.take()
    yield f"{PG_URL}?schema={schema}"
    schemas.give_back(schema)


_others = itertools.count(1)


@pytest.fixture
def other_store_url(request: pytest.FixtureRequest, store_url: str, tmp_path) -> str:
    """A second empty store on the backend of ``store_url``, for a copy or a clean run beside it.
    On PostgreSQL a schema of its own, never derived from ``store_url``'s name: that schema is
    emptied and reused by later tests, and a name derived from it would keep their data."""
    if store_url.startswith("postgresql"):
        return f"{PG_URL}?schema={request.getfixturevalue('pg_prefix')}_other{next(_others)}"
    return f"sqlite:///{tmp_path / 'other.db'}"


@pytest.fixture
def store(store_url: str) -> Iterator[Store]:
    """An initialised store, opened as the operator ``tester``."""
    with open_store(parse_store_url(store_url), "tester") as opened:
        yield opened


@dataclass
class Ran:
    exit_code: int
    stdout: str
    stderr: str


class Sitlog:
    """Runs ``sitlog`` commands in-process against one store, as an operator would type them."""

    def __init__(self, url: str, operator: str = "tester") -> None:
        self.url = url
        self.operator = operator
        self._runner = CliRunner()

    def __call__(self, command: str | list[str]) -> Ran:
        from sitlog.cli.main import app

        args = shlex.split(command) if isinstance(command, str) else command
        result = self._runner.invoke(app, ["--db", self.url, "--operator", self.operator, *args],
                                     prog_name="sitlog")
        return Ran(result.exit_code, result.stdout, result.stderr)

    def ok(self, command: str | list[str]) -> str:
        ran = self(command)
        assert ran.exit_code == 0, f"{command!r} failed: {ran.stderr or ran.stdout}"
        return ran.stdout

    def refuses(self, command: str | list[str], error: str) -> None:
        """The command fails with exactly ``error: <error>`` on one line, exit 1, and writes nothing."""
        before = self.events()
        ran = self(command)
        assert (ran.exit_code, ran.stderr, ran.stdout) == (1, f"error: {error}\n", "")
        assert self.events() == before

    def events(self) -> int:
        with open_store(parse_store_url(self.url), "tester") as opened:
            return opened.info().events


@pytest.fixture
def sitlog(store_url: str) -> Sitlog:
    """Runs sitlog commands against an initialised store."""
    return Sitlog(store_url)


def seeded(request: pytest.FixtureRequest, sitlog: "Sitlog", name: str,
           write: Callable[["Sitlog"], None]) -> "Sitlog":
    """``sitlog``'s store (the test's own, initialised) made to hold what ``write`` logs into an
    initialised store: ``write`` runs once per backend and test process, into a store of its own, the
    seed, and each test that names the same seed gets a copy of it (``tests/fresh_stores.py``)."""
    from tests.fresh_stores import Seed

    seed = Seed(name, lambda url: write(Sitlog(url, sitlog.operator)))
    config = parse_store_url(sitlog.url)
    if config.is_postgres:
        request.getfixturevalue("pg_schemas").fill(config.schema, seed)
    else:
        assert config.path is not None
        request.getfixturevalue("sqlite_template").copy_to(config.path, seed)
    return sitlog


def demo_week(request: pytest.FixtureRequest, sitlog: "Sitlog") -> "Sitlog":
    """``sitlog``'s store holding the demo's week (``SAMPLE``), as ``sitlog run`` logs it."""
    return seeded(request, sitlog, "the demo's week", lambda seed: seed.ok(["run", str(SAMPLE)]))


@contextmanager
def store_of_its_own(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory,
                     backend: str) -> Iterator[Sitlog]:
    """A ``Sitlog`` on an initialised store outside the ``store_url`` fixture, for a fixture of a
    wider scope that fills it once for the tests that only read it (or only try to write to it)."""
    with initialised_store(request, tmp_path_factory.mktemp("shared"), backend) as url:
        yield Sitlog(url)


@pytest.fixture(scope="session", params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def read_only_morning(request: pytest.FixtureRequest,
                      tmp_path_factory: pytest.TempPathFactory) -> Iterator[Sitlog]:
    """The morning of 5 February 2026 (tests/digest_morning.py) logged once per backend and test
    process, for the tests that only read it: logging it takes some thirty commands, a second or
    more on PostgreSQL. Ask for ``shared_morning``, which checks that the test wrote nothing."""
    from tests.digest_morning import log_the_morning

    with store_of_its_own(request, tmp_path_factory, request.param) as sitlog:
        with pytest.MonkeyPatch.context() as patch:
            log_the_morning(sitlog, patch)
        yield sitlog


@pytest.fixture
def shared_morning(read_only_morning: Sitlog) -> Iterator[Sitlog]:
    """The shared morning; the test that used it must have left the log as it found it."""
    events = read_only_morning.events()
    yield read_only_morning
    assert read_only_morning.events() == events, "a test of the shared morning wrote to its log"


@pytest.fixture(scope="module")
def own_postgres() -> Iterator[Any]:
    """A PostgreSQL server this module's tests may stop and start (``tests/own_postgres.py``)."""
    from tests.own_postgres import OwnPostgres

    try:
        server = OwnPostgres()
    except RuntimeError as e:
        if os.environ.get("CI"):
            pytest.fail(f"{e}: the outage tests must run under CI", pytrace=False)
        pytest.skip(str(e))
    with pytest.MonkeyPatch.context() as patch:
        # An immediate stop must not take commits the test saw succeed: synchronous ones here.
        patch.delenv("PGOPTIONS", raising=False)
        server.start()
        yield server
        server.remove()


def doc(sitlog: "Sitlog", command: str) -> Any:
    """What ``command`` prints with ``--format json``, parsed."""
    return json.loads(sitlog.ok(f"{command} --format json"))


def moment() -> str:
    """Now, as an instant strictly between the events recorded before and after the call."""
    time.sleep(0.01)
    now = datetime.now(UTC).isoformat()
    time.sleep(0.01)
    return now
