"""`sitlog negotiation ...`"""

import typer

app = typer.Typer(
    help="Negotiation tracks: rounds, participants, statements, outcomes.",
    no_args_is_help=True,
)
