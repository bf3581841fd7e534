import json

import pytest

from tests.conftest import Sitlog


def test_help_lists_every_command_group(tmp_path):
    out = Sitlog(f"sqlite:///{tmp_path}/x.db").ok("--help")
    for group in ("init", "attack", "negotiation", "exchange", "estimate", "projections"):
        assert group in out


def test_init_is_idempotent_and_reports_the_store(store_url):
    sitlog = Sitlog(store_url)
    first = json.loads(sitlog.ok("init --format json"))
    second = json.loads(sitlog.ok("init --format json"))
    assert first == second
    assert first["events"] == 0
    assert first["kind"] in ("sqlite", "postgresql")
    assert first["url"].startswith(first["kind"])


def test_the_embedded_store_is_created_on_first_use(tmp_path):
    path = tmp_path / "sitlog.db"  # in a directory that exists (test_store_urls.py: one that does not)
    out = Sitlog(f"sqlite:///{path}").ok("projections status --format csv")
    assert path.exists()
    # Fixed columns: those of both sections (projections, then skipped events), whatever the data.
    assert out.splitlines()[0] == ("section,projection,position,head,lag,stuck_at,cause,rebuilding_to,"
                                   "reason,operator,skipped_at")


def test_a_bad_url_is_one_line_and_exit_1(tmp_path):
    ran = Sitlog("mysql://u:secret@h/d")("init")
    assert ran.exit_code == 1
    assert ran.stderr == "error: db: 'mysql://u:***@h/d' is not a store URL (expected " \
        "sqlite:///FILE or postgresql://USER@HOST/DB)\n"


def test_a_stopped_server_is_one_line_and_exit_1():
    ran = Sitlog("postgresql://postgres:pw@127.0.0.1:5999/sitlog")("init")
    assert ran.exit_code == 1
    assert ran.stderr == "error: cannot connect to PostgreSQL at 127.0.0.1:5999/sitlog: connection refused\n"


@pytest.mark.postgres
def test_an_uninitialised_postgres_schema_says_to_run_init(pg_prefix):
    from tests.conftest import PG_URL

    ran = Sitlog(f"{PG_URL}?schema={pg_prefix}_never")("projections status")
    assert ran.exit_code == 1
    assert "run `sitlog init` first" in ran.stderr
    assert ran.stderr.count("\n") == 1


@pytest.mark.parametrize(("command", "option"), [
    ("init --format xml", "--format"),
    ("projections catch-up --batch 0", "--batch"),
    # A batch too large to be a LIMIT (it once surfaced as an OverflowError from the driver).
    (f"projections catch-up --batch {10**23}", "--batch"),
])
def test_usage_errors_are_one_line_and_exit_2(sitlog, command, option):
    ran = sitlog(command)
    assert ran.exit_code == 2
    assert ran.stderr.startswith(f"error: Invalid value for '{option}'")
    assert ran.stderr.count("\n") == 1


def test_projection_status_shows_every_projection_at_zero_lag(sitlog):
    rows = json.loads(sitlog.ok("projections status --format json"))["projections"]
    names = {row["projection"] for row in rows}
    assert names == {"attacks", "negotiations", "exchanges", "estimates", "entries"}
    assert all(row["lag"] == 0 for row in rows)


def test_rebuild_refuses_an_unknown_projection(sitlog):
    ran = sitlog("projections rebuild nonsense")
    assert ran.exit_code == 2
    assert "unknown projection 'nonsense'" in ran.stderr


def test_a_write_whose_projection_fails_says_it_was_recorded(sitlog, monkeypatch):
    from sitlog.adapters.projections.exchanges import ExchangeProjection

    def broken(self: ExchangeProjection) -> dict:
        return dict.fromkeys(handlers(self), lambda event: 1 / 0)

    handlers = ExchangeProjection.handlers
    monkeypatch.setattr(ExchangeProjection, "handlers", broken)
    before = sitlog.events()
    ran = sitlog("exchange agree 2026-02-05 --total 314")
    # The event is safe in the log: the command succeeded, and says what the read side could not do.
    assert (ran.exit_code, ran.stdout) == (0, "2026-02-05\n")
    assert ran.stderr == (
        "warning: recorded in the log, but the read tables cannot show it yet: projection exchanges cannot "
        f"apply event {before + 1} of the log (ZeroDivisionError: division by zero); its tables stay at "
        f"event {before}: fix the cause, then `sitlog projections catch-up`, or set the event aside: "
        f"`sitlog projections skip {before + 1} --reason ...`\n"
    )
    assert sitlog.events() == before + 1
    [row] = [r for r in json.loads(sitlog.ok("projections status --format json"))["projections"]
             if r["projection"] == "exchanges"]
    assert (row["stuck_at"], row["cause"]) == (before + 1, "ZeroDivisionError: division by zero")

    monkeypatch.undo()
    sitlog.ok("projections catch-up")
    assert json.loads(sitlog.ok("exchange show 2026-02-05 --format json"))["agreed"]["total"] == 314


@pytest.mark.parametrize("password", ["S3cr3t-Pa55/x", "pa#ss", "pa?ss=1", "p@ss@word", "pa:ss:wd",
                                      "p%2Fa%40s%23s%3F"])
@pytest.mark.parametrize("command", ["init", "state", "projections status"])
def test_a_password_in_the_url_is_never_printed_when_the_server_cannot_be_reached(password, command):
    ran = Sitlog(f"postgresql://postgres:{password}@127.0.0.1:5999/test")(command)
    assert (ran.exit_code, ran.stdout) == (1, "")
    assert ran.stderr == "error: cannot connect to PostgreSQL at 127.0.0.1:5999/test: connection refused\n"
