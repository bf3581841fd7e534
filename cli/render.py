"""One renderer for every command that prints data: ``--format table|json|csv``.

A command hands over an answer of the read side (a read model, ``sitlog.adapters.read_models``):
``json`` prints the model's own JSON, the documented and stable shape (its JSON Schema is in
docs/reference/schemas); ``table`` and ``csv`` print its ``table()`` sections, whose columns are
the fields of each section's row model, the same whatever the data. Data goes to stdout;
everything else to stderr. Nothing heavy is imported until something is printed.
"""

import re
from collections.abc import Callable, Mapping, Sequence
from datetime import datetime
from enum import StrEnum
from typing import TYPE_CHECKING, Protocol

import typer

if TYPE_CHECKING:
    from sitlog.adapters.read_models.base import Section


_NUMBER = re.compile(r"[+-]?\d+(?:\.\d+)?%?")


class Format(StrEnum):
    table = "table"
    json = "json"
    csv = "csv"


FORMAT_OPTION = typer.Option(Format.table, "--format", "-f", help="Output format.")


class Answer(Protocol):
    """What the renderer needs of a read model."""

    def model_dump_json(self, *, indent: int | None = None) -> str: ...

    def table(self) -> "Mapping[str, Section]": ...


def emit(fmt: Format, answer: Answer) -> None:
    if fmt is Format.json:
        typer.echo(answer.model_dump_json(indent=2))
    elif fmt is Format.csv:
        _csv(answer.table())
    else:
        _tables(answer.table())


def _columns(sections: "Sequence[Section]") -> list[str]:
    columns: dict[str, None] = {}
    for section in sections:
        columns.update(dict.fromkeys(section.row.model_fields))
    return list(columns)


def _cells(section: "Section", moment: "Callable[[datetime], str] | None" = None) -> list[dict[str, str]]:
    """Each row's cells as text: its JSON values, "" for null; instants through ``moment`` if given
    (tables), else as in the JSON (CSV: ISO 8601 with their offset)."""
    cells = []
    for row in section.rows:
        values = row.model_dump()
        cells.append({k: "" if v is None else moment(values[k]) if moment and isinstance(values[k], datetime)
                      else str(v) for k, v in row.model_dump(mode="json").items()})
    return cells


def on_screen(instant: datetime) -> str:
    """An instant as a table shows it: Kyiv time with its offset, to the minute, the second or the
    microsecond as it has them (2026-02-05 08:00+02:00, 2026-02-05 09:41:12.503118+02:00). Typed
    back to --known-at (or any option that takes a time), it is the same instant."""
    from zoneinfo import ZoneInfo

    local = instant.astimezone(ZoneInfo("Europe/Kyiv"))
    spec = "microseconds" if local.microsecond else "seconds" if local.second else "minutes"
    return local.isoformat(sep=" ", timespec=spec)


def visible(text: str, keep: str = "") -> str:
    """``text`` with its control and format characters (terminal escape codes, bidirectional
    overrides, zero-width spaces) shown as ``\\uXXXX``: stored text never drives the terminal.
    Free text keeps them in the log and in JSON; only what is printed for people is escaped."""
    if text.isprintable():
        return text
    return "".join(c if c.isprintable() or c in keep else f"\\u{ord(c):04x}" for c in text)


def _csv(sections: "Mapping[str, Section]") -> None:
    import csv
    import sys

    # One CSV for every section: a "section" column says which, unless the answer is one table.
    named = len(sections) > 1 or any(sections)
    columns = (["section"] if named else []) + _columns(list(sections.values()))
    writer = csv.DictWriter(sys.stdout, fieldnames=columns, restval="", lineterminator="\n")
    writer.writeheader()
    for name, section in sections.items():
        for cells in _cells(section):
            writer.writerow(({"section": name} if named else {}) | _csv_cells(cells))


def _csv_cells(cells: dict[str, str]) -> dict[str, str]:
    return {column: _inert(visible(text, keep="\n\t")) for column, text in cells.items()}


# A spreadsheet runs a cell that starts with one of these as a formula (OWASP, "CSV Injection").
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _inert(cell: str) -> str:
    """A cell a spreadsheet cannot run: one that would start a formula gets a leading ``'``, as
    OWASP advises; a plain number (``-5``, ``+31%``, ``-4.5``) stays a number."""
    if cell.startswith(_FORMULA_START) and not _NUMBER.fullmatch(cell):
        return "'" + cell
    return cell


def _tables(sections: "Mapping[str, Section]") -> None:
    import sys

    from rich.console import Console
    from rich.table import Table

    # Piped output keeps whole lines instead of wrapping at 80 columns.
    # Data is printed as it is: never read as markup or emoji codes.
    console = Console(width=None if sys.stdout.isatty() else 200, highlight=False, markup=False, emoji=False)
    for name, section in sections.items():
        if not section.rows:
            console.print(f"{name}: (none)" if name else "(none)")
            continue
        table = Table(title=name or None, title_justify="left", show_lines=False)
        columns = list(section.row.model_fields)
        for column in columns:
            table.add_column(column.replace("_", " "))
        for cells in _cells(section, on_screen):
            table.add_row(*(visible(cells[c], keep="\n") for c in columns))
        console.print(table)
