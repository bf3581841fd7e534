"""`sitlog attack ...`"""

import typer

app = typer.Typer(
    help="Attack reports: figures per source and weapon, casualties, corrections.",
    no_args_is_help=True,
)
