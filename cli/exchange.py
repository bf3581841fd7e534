"""`sitlog exchange ...`"""

import typer

app = typer.Typer(
    help="Prisoner exchanges: agreed, completed, cancelled.",
    no_args_is_help=True,
)
