"""What any Typer command pays before its own work: `attack record`'s 16 options parsed, one pydantic
model built, eventsourcing's SQLite module imported, and nothing recorded (docs/performance.md,
"Start-up"). Time it against the issue's floor, in interleaved pairs, e.g.

    python bench/typer_floor.py record --date 2026-01-05 --attacker russia --launched shahed=100
    python -c "import typer, pydantic, eventsourcing.sqlite"

Typer turns every option's value through a pydantic TypeAdapter (importing most of pydantic), and
the first model makes pydantic look for plugins (importing importlib.metadata): `import pydantic`
alone does neither.
"""

import eventsourcing.sqlite  # noqa: F401
import pydantic
import typer

app = typer.Typer(add_completion=False)


@app.command()
def record(
    date: str = typer.Option(None, "--date"), attacker: str = typer.Option(None, "--attacker"),
    label: str = typer.Option(None, "--label"), source: str = typer.Option(None, "--source"),
    launched: list[str] = typer.Option(None, "--launched"),
    destroyed: list[str] = typer.Option(None, "--destroyed"),
    suppressed: list[str] = typer.Option(None, "--suppressed"), hit: list[str] = typer.Option(None, "--hit"),
    still: list[str] = typer.Option(None, "--still-attacking"), start: str = typer.Option(None, "--start"),
    end: str = typer.Option(None, "--end"), region: list[str] = typer.Option(None, "--region"),
    url: str = typer.Option(None, "--url"), reported_at: str = typer.Option(None, "--reported-at"),
    note: str = typer.Option(None, "--note"), force: bool = typer.Option(False, "--force"),
) -> None:
    class Claim(pydantic.BaseModel):
        weapon: str
        figure: str

    claims = [Claim(weapon=text.partition("=")[0], figure=text.partition("=")[2]) for text in launched or ()]
    print(date, attacker, len(claims))


@app.command()
def other() -> None:
    """A second command, so that `record` is chosen by name as sitlog's are."""


if __name__ == "__main__":
    app()
