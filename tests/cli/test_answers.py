"""What the data commands print is their read model's: the JSON parses back into the model, and
the CSV columns are fixed by the model, whatever the data."""

import csv
import io
import json

import pytest
from sitlog.adapters.read_models.schemas import ANSWERS

from tests.conftest import Sitlog

MODELS = {command.removeprefix("sitlog "): model for command, model in ANSWERS.values()}


@pytest.fixture(scope="module")
def desk(tmp_path_factory) -> Sitlog:
    """A store holding the demo's week (cli/samples/2026-02-05.sitlog), and an exchange carried out."""
    path = tmp_path_factory.mktemp("desk") / "desk.db"
    Sitlog(f"sqlite:///{tmp_path_factory.mktemp('unused')}/x.db").ok(f"demo --keep {path}")
    desk = Sitlog(f"sqlite:///{path}")
    desk.ok('exchange agree 2026-02-06 --total 10 --source "Coordination Headquarters"')
    desk.ok('exchange complete 2026-02-06 --date 2026-02-07 --released-by-ukraine 5 --released-by-russia 5 '
            '--source "Coordination Headquarters"')
    return desk


def _with_refs(desk: Sitlog, command: str) -> str:
    """``command`` with {entry} and {other_entry} replaced by the desk's two log entries."""
    entries = [e["reference"] for e in json.loads(desk.ok("entry list --format json"))]
    return command.format(entry=entries[0], other_entry=entries[1])


def _model(command: str):
    return next(model for prefix, model in MODELS.items() if command.startswith(prefix))


READS = [
    "attack show 2026-02-05/russia", "attack show 2026-02-05/russia --history", "attack list",
    "negotiation show us-brokered-talks --history", "negotiation list",
    "exchange show 2026-02-05 --history", "exchange list", "estimate show ukraine-military/killed",
    "estimate list", "entry show {entry} --history", "entry list", "state --as-of 2026-02-05",
    "projections status", "init",
]


@pytest.mark.parametrize("command", READS)
def test_the_json_is_the_read_models_own(desk, command):
    printed = desk.ok(f"{_with_refs(desk, command)} --format json")
    answer = _model(command).model_validate_json(printed)  # no key missing, none unknown
    assert answer.model_dump_json(indent=2) + "\n" == printed


def _header(sitlog: Sitlog, command: str) -> list[str]:
    return next(csv.reader(io.StringIO(sitlog.ok(f"{command} --format csv"))))


# Two answers of one command over different data: the columns are the same.
SAME_COLUMNS = [
    ("attack show 2026-02-05/russia", "attack show 2026-02-05/ukraine"),
    ("exchange show 2026-02-05", "exchange show 2026-02-06"),
    ("estimate show ukraine-military/killed", "estimate show russia-military/killed"),
    ("state --as-of 2026-02-05", "state --as-of 2020-01-01"),
    ("attack list", "attack list --attacker nobody"),
    ("negotiation list", "negotiation list --status concluded"),
    ("exchange list", "exchange list --status cancelled"),
    ("estimate list", "estimate list --source nobody"),
    ("entry show {entry}", "entry show {other_entry}"),
    ("entry list", "entry list --category military"),
]


@pytest.mark.parametrize(("one", "other"), SAME_COLUMNS, ids=[pair[0] for pair in SAME_COLUMNS])
def test_csv_columns_do_not_depend_on_the_data(desk, one, other):
    assert _header(desk, _with_refs(desk, one)) == _header(desk, _with_refs(desk, other))


def test_an_empty_store_prints_the_same_columns(desk, tmp_path):
    empty = Sitlog(f"sqlite:///{tmp_path}/empty.db")
    empty.ok("init")
    for command in ("state --as-of 2026-02-05", "attack list", "negotiation list", "exchange list",
                    "estimate list", "entry list", "projections status"):
        assert _header(empty, command) == _header(desk, command), command
