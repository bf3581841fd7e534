"""The root of ``sitlog``: global options, and the command groups composed."""

import typer
from sitlog.adapters.config import default_operator
from sitlog.cli import attack, demo, estimate, exchange, negotiation, projections, state, store
from sitlog.cli.context import Settings
from sitlog.cli.errors import SitlogGroup

app = typer.Typer(
    # Plain help: rich markup would read DATE/ATTACKER[/LABEL] as a closing tag and crash.
    rich_markup_mode=None,
    cls=SitlogGroup,
    help="sitlog: an event-sourced incident log for conflict-monitoring desks.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    add_completion=False,
)


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
        help="Who is recording (default: your OS user name).",
        show_default=False,
    ),
) -> None:
    ctx.obj = Settings(db_url=db, operator=operator or default_operator())


store.register(app)
state.register(app)
demo.register(app)
app.add_typer(attack.app, name="attack")
app.add_typer(negotiation.app, name="negotiation")
app.add_typer(exchange.app, name="exchange")
app.add_typer(estimate.app, name="estimate")
app.add_typer(projections.app, name="projections")


def run() -> None:
    app()
