"""The root of ``sitlog``: global options, and the commands and command groups composed.

Each command module is named here and loaded when it is called (``lazy_commands.py``): the
root's help imports none of them, and the help of a group or command only its own module.
"""

import typer
from sitlog.cli.context import Settings
from sitlog.cli.lazy_commands import LazyRoot


class SitlogRoot(LazyRoot):
    # name: the module whose ``app`` it is, and the line the root's help lists it with (the first
    # sentence of its own help: tests/cli/test_help.py checks that they agree).
    modules = {
        "init": ("sitlog.cli.store", "Create or upgrade the store (idempotent) and say what it holds."),
        "state": ("sitlog.cli.state", "Per attacker and source: totals by weapon category for the last "
                                      "night, 7 days, 30 days and all time up to the date; the latest "
                                      "estimate of every source; open negotiations; exchanges; log "
                                      "entries by category."),
        "digest": ("sitlog.cli.digest", "The daily digest: the night's attacks, the day's diplomacy, "
                                        "prisoner exchanges, casualty estimates and log entries, each fact "
                                        "with its source; the trends of the last 7 and 30 nights; the "
                                        "corrections and retractions recorded that day."),
        "demo": ("sitlog.cli.demo", "Log a real week (the nights of 29 January to 5 February 2026 as "
                                    "Ukraine's air force reported them, the day's talks in Abu Dhabi, an "
                                    "exchange, casualty estimates, log entries) into a fresh SQLite store, "
                                    "then print the digest of 5 February 2026."),
        "attack": ("sitlog.cli.attack", "Attack reports: figures per source and weapon, casualties, "
                                        "corrections."),
        "negotiation": ("sitlog.cli.negotiation", "Negotiation tracks: rounds, participants, statements, "
                                                  "outcomes."),
        "exchange": ("sitlog.cli.exchange", "Prisoner exchanges: agreed, completed, postponed, cancelled."),
        "estimate": ("sitlog.cli.estimate", "Casualty estimates: competing sources over time."),
        "entry": ("sitlog.cli.entry", "Log entries: any other dated fact (a visit, a report, a statement), "
                                      "by category and source."),
        "import": ("sitlog.cli.importing", "Import a file: the Massive Missile Attacks CSV "
                                           "(missile-attacks-csv), the General Staff's personnel losses "
                                           "(general-staff-personnel), or another sitlog's export "
                                           "(sitlog-jsonl)."),
        "export": ("sitlog.cli.export", "Write every event of the log as JSON Lines, one event a line (its "
                                        "position, aggregate, version, type, record time, operator and "
                                        "data), as a stream: nothing is lost, and `sitlog import FILE --kind "
                                        "sitlog-jsonl` copies it into another store."),
        "run": ("sitlog.cli.run", "Run a file of sitlog commands in one process: one command a line (as "
                                  "typed after `sitlog`), # for comments, shell quoting; each line is its "
                                  "own command, with its own transaction."),
        "verify": ("sitlog.cli.verify", "Recompute the log's hash chain from its stored events: the events "
                                        "verified and the head hash, or the first position where the log "
                                        "was altered, deleted, inserted or reordered (exit 1)."),
        "serve": ("sitlog.cli.serve", "The read-only HTTP API and dashboard: JSON under /api (the same as "
                                      "--format json; reference at /api/docs), /healthz, and the digest and "
                                      "trends as pages."),
        "projections": ("sitlog.cli.projections", "The read tables: lag, catch-up, rebuild, following the "
                                                  "log, setting an event aside."),
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
