"""A light start-up: the help of the root, of every group and of every command imports no
database driver, no eventsourcing, no pydantic, no rich and nothing of the domain or the
adapters, nor the web front end (issue 14: ``--help`` costs about what importing Typer does).
A write imports the aggregate it decides on, and no other (issue 19)."""

import json
import subprocess
import sys
from pathlib import Path

from tests.cli.command_tree import command_tree

HEAVY = ("psycopg", "psycopg_pool", "sqlite3", "eventsourcing", "pydantic", "pydantic_core", "rich",
         "sitlog.domain", "sitlog.adapters",
         # sitlog serve's: imported when a server starts, never by a help
         "sitlog.web", "fastapi", "starlette", "uvicorn", "jinja2", "httpx")

# Runs each command line in one fresh process, one after the other, and says after each which
# heavy modules are loaded: the first command line that loads one is the one to blame.
PROBE = """
import contextlib, io, json, sys
from sitlog.cli.main import app
from typer.main import get_command

heavy = tuple(sys.argv[2:])
for args in json.loads(sys.argv[1]):
    with contextlib.redirect_stdout(io.StringIO()), contextlib.suppress(SystemExit):
        get_command(app).main(args=args, prog_name="sitlog")
    loaded = sorted(m for m in sys.modules if m in heavy or m.startswith(tuple(h + "." for h in heavy)))
    print(json.dumps([args, loaded]))
"""


def _heavy_modules_after(command_lines: list[list[str]],
                         heavy: tuple[str, ...] = HEAVY) -> dict[str, list[str]]:
    ran = subprocess.run([sys.executable, "-c", PROBE, json.dumps(command_lines), *heavy],
                         capture_output=True, text=True, timeout=120, check=True)
    return {" ".join(args): loaded for args, loaded in map(json.loads, ran.stdout.splitlines())}


def test_no_help_imports_a_driver_the_library_pydantic_or_the_domain():
    lines = [[*path, "--help"] for path, _ in command_tree()]
    loaded = _heavy_modules_after(lines)
    assert list(loaded) == [" ".join(line) for line in lines]  # every one ran
    assert {line: modules for line, modules in loaded.items() if modules} == {}


def test_a_group_without_a_command_and_the_version_are_light_too():
    loaded = _heavy_modules_after([["attack"], ["--version"], ["projections"]])
    assert {line: modules for line, modules in loaded.items() if modules} == {}


def test_the_installed_command_imports_none_of_them():
    """``python -X importtime $(which sitlog) --help``, as the issue measures it."""
    script = Path(sys.executable).with_name("sitlog")
    ran = subprocess.run([sys.executable, "-X", "importtime", str(script), "--help"],
                         capture_output=True, text=True, timeout=60, check=True)
    imported = {line.rsplit("|", 1)[-1].strip() for line in ran.stderr.splitlines() if "|" in line}
    assert "sitlog.cli.main" in imported and "Commands:" in ran.stdout
    assert sorted(m for m in imported if m in HEAVY or m.startswith(tuple(h + "." for h in HEAVY))) == []


# Every module of the aggregates other than the attack, and every projection (a write whose read
# side is at the log's head applies nothing): what a repeated attack report has no use for.
OTHER_AGGREGATES = tuple(
    f"sitlog.domain.{name}" for name in (
        "aggregates", "negotiation", "negotiation_values", "negotiation_records", "negotiation_additions",
        "negotiation_revisions", "prisoner_exchange", "exchange_values", "exchange_revisions",
        "casualty_estimate", "log_entry", "log_entry_values", "dataset",
    )
) + tuple(f"sitlog.adapters.projections.{name}" for name in
          ("attacks", "negotiations", "exchanges", "estimates", "entries"))


def test_an_attack_report_again_imports_no_other_aggregate_nor_a_projection(sitlog):
    report = ["attack", "record", "--date", "2026-01-05", "--attacker", "russia", "--source",
              "Ukrainian Air Force", "--launched", "shahed=100"]
    sitlog.ok(report)
    events = sitlog.events()
    line = ["--db", sitlog.url, "--operator", "tester", *report]
    loaded = _heavy_modules_after([line], ("sitlog.domain.attack", *OTHER_AGGREGATES))
    assert loaded == {" ".join(line): ["sitlog.domain.attack"]}  # the attack's own, and only it
    assert sitlog.events() == events  # a no-op, as measured
