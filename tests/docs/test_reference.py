"""The committed command reference is what the commands say of themselves."""

from pathlib import Path

from sitlog.cli.reference import reference

COMMITTED = Path(__file__).resolve().parents[2] / "docs" / "reference" / "commands.md"


def test_the_command_reference_is_generated_from_the_code():
    assert COMMITTED.read_text() == reference(), (
        "docs/reference/commands.md is out of date: run "
        "`python -m sitlog.cli.reference docs/reference/commands.md` and commit it")
