"""Every command and group documents itself: --help works, shows an example, and says what each
option takes."""

import pytest

from tests.cli.command_tree import command_tree
from tests.conftest import Sitlog

COMMANDS = [path for path, _ in command_tree()]


@pytest.mark.parametrize("command", COMMANDS, ids=lambda path: " ".join(path) or "sitlog")
def test_every_command_and_group_has_help_with_an_example(command, tmp_path):
    ran = Sitlog(f"sqlite:///{tmp_path}/unused.db")([*command, "--help"])
    assert ran.exit_code == 0, ran.stderr
    assert "Example:" in ran.stdout
    assert not (tmp_path / "unused.db").exists()  # help never opens the store


# What a placeholder may say: what the option takes, in the words of the help.
PLACEHOLDERS = {"NAME", "DATE", "TIMESTAMP", "WEAPON=FIGURE", "WEAPON", "FIGURE", "REFERENCE", "URL",
                "TEXT", "N", "SLUG", "DATE[/LABEL]", "SUBJECT/MEASURE", "SUBJECT", "PERCENT", "PERIOD",
                "NAME|ROLE|AFFILIATION", "SECONDS", "POSITION", "PATH", "HH:MM", "FILE",
                "ATTACKER=SOURCE", "HASH", "ADDRESS", "PORT"}


def test_every_option_and_argument_says_what_it_takes():
    vague = []
    for path, command in command_tree():
        for param in command.params:
            if getattr(param, "is_flag", False) or param.type_descriptor.is_choice:
                continue
            if param.metavar not in PLACEHOLDERS:
                vague.append((" ".join(path), param.name, param.metavar))
    assert vague == []


def test_the_version(tmp_path):
    from importlib.metadata import version

    assert Sitlog(f"sqlite:///{tmp_path}/unused.db").ok("--version") == f"sitlog {version('sitlog')}\n"


def test_the_root_lists_each_command_with_the_first_paragraph_of_its_own_help():
    from sitlog.cli.main import SitlogRoot

    for path, command in command_tree():
        if len(path) == 1:
            first_paragraph = " ".join(command.help.split("\n\n")[0].split())
            assert SitlogRoot.modules[path[0]][1] == first_paragraph, path[0]


def test_the_root_and_the_groups_take_only_text_and_flags():
    """Their values are taken as given, not converted (cli/lazy_commands.py)."""
    for path, command in command_tree():
        if len(path) == 0 or hasattr(command, "commands"):
            assert {p.name: p.type_descriptor.annotation for p in command.params
                    if p.type_descriptor.annotation not in (str, bool)} == {}, path
