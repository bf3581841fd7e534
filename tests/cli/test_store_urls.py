"""Store URLs (issue 16, item 12): an SQLite file only in a directory that exists (but the
default data directory, which sitlog creates), and PostgreSQL URLs with libpq's parameters."""

import json

import pytest
from typer.testing import CliRunner

from tests.conftest import PG_URL, Sitlog


def test_an_sqlite_store_in_a_missing_directory_is_refused_and_nothing_is_created(tmp_path):
    missing = tmp_path / "nonexistent" / "dir"
    ran = Sitlog(f"sqlite:///{missing / 'x.db'}")("state")
    assert (ran.exit_code, ran.stdout) == (1, "")
    assert ran.stderr == (f"error: cannot open SQLite store at {missing / 'x.db'}: the directory {missing} "
                          "does not exist (create it first, or give another path)\n")
    assert not missing.parent.exists()


def test_the_default_data_directory_is_created(tmp_path, monkeypatch):
    from sitlog.cli.main import app

    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    monkeypatch.delenv("SITLOG_DB", raising=False)
    ran = CliRunner().invoke(app, ["--operator", "tester", "init", "--format", "json"], prog_name="sitlog")
    assert ran.exit_code == 0, ran.stderr
    assert json.loads(ran.stdout)["url"] == f"sqlite:///{tmp_path / 'data' / 'sitlog' / 'sitlog.db'}"
    assert (tmp_path / "data" / "sitlog" / "sitlog.db").is_file()


@pytest.mark.postgres
def test_libpq_parameters_pass_through_and_secrets_stay_masked(pg_prefix):
    # trust authentication: the password is accepted and ignored, and must never be printed
    user_and_host = PG_URL.replace("postgresql://postgres@", "postgresql://postgres:hunter2@")
    url = (f"{user_and_host}?schema={pg_prefix}_urls&sslmode=disable&application_name=sitlog-desk"
           "&connect_timeout=3&keepalives=1&sslpassword=s3cret")
    sitlog = Sitlog(url)
    shown = json.loads(sitlog.ok("init --format json"))["url"]
    assert "hunter2" not in shown and "s3cret" not in shown
    assert shown.endswith("&sslmode=disable&application_name=sitlog-desk&connect_timeout=3&keepalives=1"
                          "&sslpassword=***")
    sitlog.ok("attack record --date 2026-02-05 --attacker russia --source AF --launched shahed=183")
    assert sitlog.events() == 2


@pytest.mark.postgres
def test_a_parameter_the_server_cannot_meet_is_one_line_without_the_password(pg_prefix):
    url = PG_URL.replace("postgresql://postgres@", "postgresql://postgres:hunter2@")
    ran = Sitlog(f"{url}?schema={pg_prefix}_tls&sslmode=require")("init")
    assert ran.exit_code == 1 and len(ran.stderr.splitlines()) == 1
    assert ran.stderr.startswith("error: cannot connect to PostgreSQL at ") and "SSL" in ran.stderr
    assert "hunter2" not in ran.stderr


@pytest.mark.parametrize(("query", "error"), [
    ("sslmode=require&sslmode=disable", "db: URL option 'sslmode' is given twice"),
    ("connect_timeout=soon", "db: connect_timeout='soon' is not a number of seconds"),
    ("colour=blue", "db: unknown URL option 'colour' (known: schema=NAME and libpq's"),
])
def test_bad_url_parameters_are_refused(query, error):
    ran = Sitlog(f"postgresql://u:hunter2@h/d?{query}")("init")
    assert ran.exit_code != 0 and ran.stderr.startswith(f"error: {error}")
    assert "hunter2" not in ran.stderr
