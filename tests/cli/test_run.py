"""`sitlog run FILE|-`: a morning's commands in one process, each line its own command."""

import json

from typer.testing import CliRunner

from tests.conftest import Sitlog

MORNING = "".join(line + "\n" for line in [
    "# The night that ended on 5 February 2026",
    'attack record --date 2026-02-05 --attacker russia --source "Ukrainian Air Force" --launched shahed=183 '
    "--destroyed shahed=156",
    "",
    'sitlog attack casualties 2026-02-05/russia --place Kyiv --injured 2 --source "Mayor of Kyiv"',
    'estimate record ukraine-military/killed --value "~55000" --as-of 2026-02-04 --reported 2026-02-04 '
    '--source "Volodymyr Zelenskyy"',
    "attack list --format csv",
])
FAILING = 'attack correct 2026-02-05/russia --source "Ukrainian Air Force" --launched shahed=180\n'


def test_a_file_of_commands_runs_line_by_line(sitlog, tmp_path):
    (tmp_path / "morning.sitlog").write_text(MORNING)
    ran = sitlog(f"run {tmp_path / 'morning.sitlog'}")
    assert ran.exit_code == 0, ran.stderr
    assert ran.stdout.splitlines() == [
        "2026-02-05/russia", "2026-02-05/russia", "ukraine-military/killed",
        "reference,date,attacker,label,start,end,sources",
        "2026-02-05/russia,2026-02-05,russia,,,,Ukrainian Air Force; Mayor of Kyiv",
    ]
    assert ran.stderr == "ran 4 lines: 4 ok, 0 failed\n"
    doc = json.loads(sitlog.ok("attack show 2026-02-05/russia --history --format json"))
    assert [h["operator"] for h in doc["history"]] == ["tester"] * 3  # the global --operator applies
    assert len(doc["history"]) == 3  # three commands, three events: each line its own transaction


def test_the_first_failing_line_stops_the_run_and_is_named(sitlog, tmp_path):
    (tmp_path / "morning.sitlog").write_text(MORNING.replace("\nsitlog attack", f"\n{FAILING}sitlog attack"))
    ran = sitlog(f"run {tmp_path / 'morning.sitlog'}")
    assert ran.exit_code == 1
    assert ran.stdout == "2026-02-05/russia\n"
    assert ran.stderr.splitlines() == [
        "error: line 4: reason: required (why is it corrected? --reason ...)",
        "ran 2 lines: 1 ok, 1 failed (stopped at line 4)",
    ]
    assert sitlog.events() == 2  # line 2's report (and no more)


def test_keep_going_runs_every_line_and_lists_every_failure(sitlog, tmp_path):
    lines = MORNING + FAILING + "attack show 2026-02-06/russia\nattack record --date\nexchange agree 'x\n"
    (tmp_path / "morning.sitlog").write_text(lines)
    ran = sitlog(f"run --keep-going {tmp_path / 'morning.sitlog'}")
    assert ran.exit_code == 1
    assert ran.stderr.splitlines() == [
        "error: line 7: reason: required (why is it corrected? --reason ...)",
        "error: line 8: attack 2026-02-06/russia not found",
        "error: line 9: Option '--date' requires an argument.",
        "error: line 10: cannot read the line (No closing quotation)",
        "ran 8 lines: 4 ok, 4 failed (lines 7, 8, 9, 10)",
    ]
    assert json.loads(sitlog.ok("estimate list --format json"))[0]["series"] == "ukraine-military/killed"


def test_commands_come_from_standard_input_with_a_dash(sitlog):
    ran = CliRunner().invoke(_app(), ["--db", sitlog.url, "--operator", "desk", "run", "-"], input=MORNING)
    assert ran.exit_code == 0, ran.stderr
    assert ran.stderr == "ran 4 lines: 4 ok, 0 failed\n"
    assert "2026-02-05/russia,2026-02-05,russia" in ran.stdout


def test_warnings_and_notes_name_their_line_and_a_file_cannot_run_another(sitlog, tmp_path):
    (tmp_path / "again.sitlog").write_text(MORNING.splitlines()[1] + "\n" + MORNING.splitlines()[1] + "\n"
                                           + "run other.sitlog\n")
    ran = sitlog(f"run --keep-going {tmp_path / 'again.sitlog'}")
    assert ran.stderr.splitlines() == [
        'line 2: nothing recorded: what "Ukrainian Air Force" says about 2026-02-05/russia is already in the '
        "log",
        "error: line 3: `sitlog run` cannot run inside a file of commands",
        "ran 3 lines: 2 ok, 1 failed (lines 3)",
    ]
    missing = str(tmp_path / "missing.sitlog")
    Sitlog(sitlog.url).refuses(f"run {missing}", f"file: cannot read {missing!r} (No such file or directory)")


def _app():
    from sitlog.cli.main import app

    return app
