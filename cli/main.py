"""The root of ``sitlog``: global options, and the commands and command groups composed.

Each command module is named here and loaded when it is called (``lazy_commands.py``): the
help and the parsing of a command line import Typer and the CLI's own light modules only.
"""

import typer
from sitlog.cli.context import Settings
from sitlog.cli.lazy_commands import LazyRoot


class SitlogRoot(LazyRoot):
    modules = {
        "init": "sitlog.cli.store",
        "state": "sitlog.cli.state",
        "demo": "sitlog.cli.demo",
        "attack": "sitlog.cli.attack",
        "negotiation": "sitlog.cli.negotiation",
        "exchange": "sitlog.cli.exchange",
        "estimate": "sitlog.cli.estimate",
        "projections": "sitlog.cli.projections",
    }


app = typer.Typer(
    # Plain help: rich markup would read DATE/ATTACKER[/LABEL] as a closing tag and crash.
    rich_markup_mode=None,
    cls=SitlogRoot,
    help="sitlog: an event-sourced incident log for conflict-monitoring desks.",
    # \b keeps the line as it is (the help rewraps paragraphs).
    epilog="\b\nExample: sitlog demo --keep /tmp/demo.db && sitlog --db sqlite:////tmp/demo.db attack list",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    add_completion=True,
)


def _print_version(value: bool) -> None:
    if value:
        from importlib.metadata import version

        typer.echo(f"sitlog {version('sitlog')}")
        raise typer.Exit()


@app.callback()
def main(
    ctx: typer.Context,
    db: str = typer.Option(
        None,
        "--db",
        envvar="SITLOG_DB",
        metavar="URL",
        help="sqlite:///path.db or postgresql://user[:password]@host[:port]/db[?schema=NAME] "
        "(default: an SQLite file in your data directory).",
        show_default=False,
    ),
    operator: str = typer.Option(
        None,
        "--operator",
        envvar="SITLOG_OPERATOR",
        metavar="NAME",
        help="Who is recording (default: your OS user name).",
        show_default=False,
    ),
    version: bool = typer.Option(
        False, "--version", is_eager=True, callback=_print_version, help="Print sitlog's version and exit."
    ),
) -> None:
    ctx.obj = Settings(db_url=db, operator=operator)


def run() -> None:
    app()
