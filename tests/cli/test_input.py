"""Input that cannot mislead (issue 16, item 8), on SQLite and PostgreSQL: a comma that groups no
thousands, a single-valued option given twice, an overlong value in an error, CSV cells a
spreadsheet would run."""

import pytest
from sitlog.cli.render import _inert

RECORD = "attack record --date 2026-02-05 --attacker russia --launched shahed=183"


def refused_as_usage(sitlog, command: str, error: str) -> None:
    before = sitlog.events()
    ran = sitlog(command)
    assert (ran.exit_code, ran.stderr.splitlines(), ran.stdout) == (2, [f"error: {error}"], "")
    assert sitlog.events() == before


@pytest.mark.parametrize(("repeated", "option"), [
    ("--date 2026-02-06", "--date"),
    ('--source "Russian Ministry of Defence"', "--source"),
    ("--attacker ukraine", "--attacker"),
])
def test_a_single_valued_option_given_twice_is_refused(sitlog, repeated, option):
    refused_as_usage(sitlog, f'{RECORD} --source "Ukrainian Air Force" {repeated}',
                     f"{option}: given twice; it takes one value (see 'sitlog attack record --help')")


def test_a_flag_and_its_opposite_are_one_option_given_twice(sitlog):
    sitlog.ok(f'{RECORD} --source "Ukrainian Air Force"')
    refused_as_usage(sitlog, 'attack casualties 2026-02-05/russia --place Kyiv --killed 1 --source Mayor '
                             "--civilians --military",
                     "--civilians / --military: given twice; it takes one value "
                     "(see 'sitlog attack casualties --help')")


def test_a_repeatable_option_may_be_repeated(sitlog):
    sitlog.ok(f'{RECORD} --launched iskander-m=2 --region Kyiv --region Kharkiv --source AF')


def test_a_repeated_option_is_refused_in_a_file_of_commands_too(sitlog, tmp_path):
    (tmp_path / "morning.sitlog").write_text(f'{RECORD} --source AF --source "Mayor of Kyiv"\n')
    ran = sitlog(f"run {tmp_path / 'morning.sitlog'}")
    assert ran.exit_code != 0
    assert "--source: given twice; it takes one value" in ran.stderr
    assert sitlog.events() == 0


def test_a_value_quoted_in_an_error_is_cut_to_a_readable_length(sitlog):
    reference = "2026-02-05/" + "x" * 100_000
    before = sitlog.events()
    ran = sitlog(["attack", "show", reference])
    assert ran.exit_code == 1
    [line] = ran.stderr.splitlines()
    assert line == f"error: attack 2026-02-05/{'x' * 69}… not found"
    assert sitlog.events() == before


def test_a_quoted_value_is_cut_to_80_characters(sitlog):
    ran = sitlog(["attack", "show", "x" * 100_000])
    assert ran.stderr == f"error: reference: '{'x' * 80}…' is not an attack reference (expected " \
                         "DATE/ATTACKER[/LABEL], e.g. 2026-02-05/russia)\n"


def test_csv_cells_a_spreadsheet_would_run_are_neutralised(sitlog):
    sitlog.ok([*RECORD.split(), "--source", "Air Force", "--note", '=HYPERLINK("http://x.example","click")'])
    csv = sitlog.ok("attack show 2026-02-05/russia --format csv")
    assert ''''=HYPERLINK(""http://x.example"",""click"")''' in csv
    assert ',=HYPERLINK' not in csv and ',"=HYPERLINK' not in csv


@pytest.mark.parametrize(("cell", "written"), [
    ("=1+1", "'=1+1"), ("+1-1", "'+1-1"), ("-cmd|' /C calc'!A0", "'-cmd|' /C calc'!A0"),
    ("@SUM(A1)", "'@SUM(A1)"),
    ("-5", "-5"), ("+31%", "+31%"), ("-4.5", "-4.5"), ("Kyiv", "Kyiv"),
])
def test_which_cells_are_neutralised(cell, written):
    assert _inert(cell) == written
