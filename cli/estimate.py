"""`sitlog estimate ...`"""

import typer

app = typer.Typer(
    help="Casualty estimates: competing sources over time.",
    no_args_is_help=True,
)
