"""Every command documents itself: --help works and shows an example."""

import pytest
from sitlog.cli.main import app
from typer.main import get_command

from tests.conftest import Sitlog


def _commands():
    root = get_command(app)
    for name, group in root.commands.items():
        subcommands = getattr(group, "commands", None)
        if subcommands is None:
            yield [name]
        else:
            yield from ([name, sub] for sub in subcommands)


@pytest.mark.parametrize("command", list(_commands()), ids=" ".join)
def test_every_command_has_help_with_an_example(command, tmp_path):
    ran = Sitlog(f"sqlite:///{tmp_path}/unused.db")([*command, "--help"])
    assert ran.exit_code == 0, ran.stderr
    assert "Example:" in ran.stdout
    assert not (tmp_path / "unused.db").exists()  # help never opens the store
