"""Least privilege on PostgreSQL (issue 18): `sitlog init --roles` makes an owner, a writer and a
reader role per schema. The writer records, keeps the read side and verifies; it cannot change
history, nor drop or disable the triggers that keep it append-only. The reader only reads.

Against the shared server: the roles are named after this test's own schema, with members of
their own to log in as, and all are dropped at the end (the server's settings are never touched).
"""

import json
from collections.abc import Iterator

import psycopg
import pytest
from sitlog.adapters.config import parse_store_url
from sitlog.adapters.roles import names

from tests.conftest import PG_URL, Sitlog, _schemas

pytestmark = pytest.mark.postgres

RECORD = ("attack record --date 2026-02-05 --attacker russia --source 'Ukrainian Air Force' "
          "--launched shahed=183 --destroyed shahed=156")


def _admin() -> psycopg.Connection:
    config = parse_store_url(PG_URL)
    return psycopg.connect(host=config.host, port=config.port, user=config.user, dbname=config.dbname,
                           password=config.password or None, autocommit=True)


@pytest.fixture
def desk(pg_prefix: str) -> Iterator[dict[str, Sitlog]]:
    """A store initialised with --roles by the superuser; Sitlog runners logged in as a member of
    each role (trust authentication: no password)."""
    schema = f"{pg_prefix}_{next(_schemas)}"
    url = f"{PG_URL}?schema={schema}"
    role = names(schema)
    logins = {suffix: f"{schema}_{suffix[0]}1" for suffix in role}
    admin = _admin()
    try:
        Sitlog(url).ok("init --roles")
        for suffix, login in logins.items():
            admin.execute(f'CREATE ROLE "{login}" LOGIN IN ROLE "{role[suffix]}"')
        config = parse_store_url(url)
        yield {suffix: Sitlog(f"postgresql://{login}@{config.host}:{config.port}/{config.dbname}"
                              f"?schema={schema}", operator=suffix)
               for suffix, login in logins.items()}
    finally:
        admin.execute(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE')
        for name in [*logins.values(), *role.values()]:
            admin.execute(f'DROP ROLE IF EXISTS "{name}"')
        admin.close()


def _as(sitlog: Sitlog, sql: str) -> str:
    """Run ``sql`` as the runner's login; the error PostgreSQL answers, or "" if it was allowed."""
    config = parse_store_url(sitlog.url)
    with psycopg.connect(host=config.host, port=config.port, user=config.user, dbname=config.dbname,
                         autocommit=True) as conn:
        conn.execute(f'SET search_path TO "{config.schema}"')
        try:
            conn.execute(sql)
        except psycopg.Error as e:
            return str(e).splitlines()[0]
    return ""


def test_the_writer_records_keeps_the_read_side_and_verifies(desk):
    writer = desk["writer"]
    writer.ok(RECORD)
    writer.ok("attack correct 2026-02-05/russia --source 'Ukrainian Air Force' --destroyed shahed=157 "
              "--reason 'revised tally'")
    writer.ok("projections rebuild")
    assert "157" in writer.ok("attack show 2026-02-05/russia --format json")
    assert writer.ok("verify --format json")
    ran = writer("init")  # upgrades are the owner's
    assert ran.exit_code == 1 and ran.stderr.startswith("error: ") and ran.stderr.count("\n") == 1


def test_the_writer_copies_a_log_in_bulk_and_the_reader_cannot(desk, tmp_path):
    """``import --kind sitlog-jsonl`` appends with one COPY a batch under the library's lock
    (adapters/log_append.py): the writer's grants allow it, the reader's refusal is one line."""
    original = Sitlog(f"sqlite:///{tmp_path / 'original.db'}")
    original.ok("init")
    original.ok(RECORD)
    original.ok(f"export --out {tmp_path / 'log.jsonl'}")
    ran = desk["reader"](f"import {tmp_path / 'log.jsonl'} --kind sitlog-jsonl")
    assert ran.exit_code == 1 and "permission denied" in ran.stderr and ran.stderr.count("\n") == 1
    assert desk["reader"].events() == 0
    writer = desk["writer"]
    writer.ok(f"import {tmp_path / 'log.jsonl'} --kind sitlog-jsonl")
    assert writer.events() > original.events()  # the copy's own note besides
    state = "state --as-of 2026-02-05 --format json"
    assert writer.ok(state) == original.ok(state)
    assert writer.ok("verify --format json")


FORBIDDEN = [
    "UPDATE sitlog_events SET topic = topic",
    "DELETE FROM sitlog_events",
    "TRUNCATE sitlog_events",
    "ALTER TABLE sitlog_events DISABLE TRIGGER sitlog_append_only",
    "ALTER TABLE sitlog_events DISABLE TRIGGER ALL",
    "DROP TRIGGER sitlog_append_only ON sitlog_events",
    "DROP TRIGGER sitlog_no_truncate ON sitlog_events",
    "DROP FUNCTION sitlog_refuse_change() CASCADE",
    "CREATE OR REPLACE FUNCTION sitlog_refuse_change() RETURNS trigger LANGUAGE plpgsql AS "
    "$$ BEGIN RETURN NEW; END $$",
    "DROP TABLE sitlog_events",
    "ALTER TABLE sitlog_events RENAME TO old_events",
    "SET session_replication_role = replica",
    "UPDATE sitlog_chain SET link = seal",
    "DELETE FROM sitlog_chain",
    "ALTER TABLE sitlog_chain DISABLE TRIGGER ALL",
    "DROP TABLE sitlog_chain",
    "CREATE TRIGGER sneak BEFORE INSERT ON sitlog_events FOR EACH ROW "
    "EXECUTE FUNCTION sitlog_refuse_change()",
]


def test_the_writer_cannot_change_history_nor_the_triggers(desk):
    writer = desk["writer"]
    writer.ok(RECORD)
    before = writer.ok("verify --format json")
    for sql in FORBIDDEN:
        refused = _as(writer, sql)
        assert refused, f"the writer was allowed: {sql}"
        assert any(why in refused for why in ("append-only", "permission denied", "must be owner")), refused
    assert writer.ok("verify --format json") == before
    assert _as(writer, "SELECT 1 FROM sitlog_events") == ""


def test_the_writer_records_into_a_long_series_through_its_snapshots(desk, monkeypatch):
    """Snapshots (adapters/snapshots.py) are the writer's to read, take and replace; the reader's
    SELECT is all it had before."""
    from sitlog.adapters.snapshots import INTERVAL_ENV

    monkeypatch.setenv(INTERVAL_ENV, "3")
    writer = desk["writer"]
    estimate = ("estimate record russia-military/personnel-losses --source 'General Staff' --value {} "
                "--as-of {} --reported {}")
    for day in range(1, 9):
        writer.ok(estimate.format(1000 + day, f"2026-01-0{day}", f"2026-01-0{day}"))
    assert _as(writer, "SELECT originator_version FROM sitlog_snapshots") == ""
    with _admin() as admin:
        versions = admin.execute(f'SELECT originator_version FROM "{parse_store_url(writer.url).schema}".'
                                 "sitlog_snapshots").fetchall()
    assert versions == [(9,)]  # taken at 3, 6 and 9 (each replacing the one before)
    events = writer.events()
    again = writer(estimate.format(1004, "2026-01-04", "2026-01-04"))
    assert again.exit_code == 0 and "nothing recorded" in again.stderr and writer.events() == events
    ran = writer(estimate.format(1005, "2026-01-04", "2026-01-04"))
    assert ran.exit_code == 1 and "already has 1004" in ran.stderr
    assert "permission denied" in _as(desk["reader"], "DELETE FROM sitlog_snapshots")


def test_the_reader_reads_and_verifies_but_writes_nothing(desk):
    desk["writer"].ok(RECORD)
    reader = desk["reader"]
    assert "183" in reader.ok("attack show 2026-02-05/russia --format json")
    assert reader.ok("verify --format json")
    from tests.web.conftest import client_of

    with client_of(reader.url) as client:  # the server's reads, the answers it keeps included
        state = json.loads(reader.ok("state --as-of 2026-02-05 --format json"))
        assert [client.get("/api/state?as_of=2026-02-05").json() for _ in range(2)] == [state, state]
    before = reader.events()
    ran = reader(RECORD.replace("2026-02-05", "2026-02-06"))
    assert ran.exit_code == 1 and "permission denied" in ran.stderr and ran.stderr.count("\n") == 1
    for sql in ("INSERT INTO sitlog_chain VALUES (99, '', '')", "DELETE FROM attacks",
                "UPDATE sitlog_projection_tracking SET position = 0"):
        assert "permission denied" in _as(reader, sql)
    assert desk["writer"].events() == reader.events() == before


def test_the_owner_owns_everything_and_init_again_keeps_the_grants(desk):
    owner = desk["owner"]
    owner.ok("init")
    desk["writer"].ok(RECORD)
    config = parse_store_url(owner.url)
    with _admin() as admin:
        owners = admin.execute(
            "SELECT DISTINCT pg_get_userbyid(c.relowner) FROM pg_class c JOIN pg_namespace n "
            "ON n.oid = c.relnamespace WHERE n.nspname = %s", (config.schema,)).fetchall()
    assert owners == [(names(config.schema)["owner"],)]


def test_roles_are_refused_for_an_embedded_store(tmp_path):
    ran = Sitlog(f"sqlite:///{tmp_path / 'a.db'}")("init --roles")
    assert ran.exit_code == 1 and ran.stderr.startswith("error: roles: only a PostgreSQL store has roles")


def test_the_compose_files_roles_and_logins_work_together(own_postgres):
    """docker-compose.yml runs sitlog as `sitlog_app`, which docker/initdb's script makes a member
    of the writer role; `admin` runs `init --roles` as the superuser. The same steps, on a server
    of the test's own (the script's role names are fixed)."""
    import os
    import re
    import subprocess
    from pathlib import Path

    root = Path(__file__).resolve().parents[2]
    compose = (root / "docker-compose.yml").read_text()
    assert re.search(r"^\s+SITLOG_DB: postgresql://sitlog_app:", compose, re.M)
    config = parse_store_url(own_postgres.url)
    env = os.environ | {"POSTGRES_USER": "postgres", "POSTGRES_DB": "postgres", "SITLOG_APP_PASSWORD": "x",
                        "SITLOG_WEB_PASSWORD": "y",
                        "PGHOST": "127.0.0.1", "PGPORT": str(config.port)}
    subprocess.run(["sh", str(root / "docker/initdb/10-sitlog-roles.sh")], env=env, check=True,
                   capture_output=True, timeout=60)
    Sitlog(f"{own_postgres.url}?schema=sitlog").ok("init --roles")
    app = Sitlog(f"postgresql://sitlog_app:x@127.0.0.1:{config.port}/postgres?schema=sitlog")
    app.ok(RECORD)
    assert "183" in app.ok("attack show 2026-02-05/russia --format json")
    assert "permission denied" in _as(app, "DELETE FROM sitlog_events")
    # the api service's login reads, and writes nothing
    assert re.search(r"^\s+SITLOG_DB: postgresql://sitlog_web:", compose, re.M)
    web = Sitlog(f"postgresql://sitlog_web:y@127.0.0.1:{config.port}/postgres?schema=sitlog")
    assert "183" in web.ok("attack show 2026-02-05/russia --format json")
    refused = web(RECORD.replace("2026-02-05", "2026-02-06"))
    assert refused.exit_code == 1 and "permission denied" in refused.stderr
