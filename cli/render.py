"""One renderer for every command that prints data: ``--format table|json|csv``.

A command hands over a JSON-ready ``document`` (what ``json`` prints, the
documented and stable shape) and flat ``sections`` of rows (what ``table``
and ``csv`` print). Data goes to stdout; everything else to stderr.
"""

import csv
import json
import sys
from enum import StrEnum
from typing import Any

import typer


class Format(StrEnum):
    table = "table"
    json = "json"
    csv = "csv"


FORMAT_OPTION = typer.Option(Format.table, "--format", "-f", help="Output format.")

Rows = list[dict[str, Any]]


def source_name(source: dict[str, Any] | None) -> str | None:
    """A source in a table cell: its name (the URL stays in the JSON)."""
    return source["name"] if source else None


def history_section(document: dict[str, Any]) -> dict[str, Rows]:
    """The ``history`` table, when ``show --history`` put one in the document."""
    return {"history": document["history"]} if "history" in document else {}


def emit(fmt: Format, document: Any, sections: dict[str, Rows] | None = None) -> None:
    if fmt is Format.json:
        typer.echo(json.dumps(document, indent=2, ensure_ascii=False, default=str))
        return
    if sections is None:
        sections = {"": document if isinstance(document, list) else [document]}
    if fmt is Format.csv:
        _csv(sections)
    else:
        _tables(sections)


def _columns(rows: Rows) -> list[str]:
    columns: dict[str, None] = {}
    for row in rows:
        columns.update(dict.fromkeys(row))
    return list(columns)


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, (list, tuple)):
        return "; ".join(_cell(v) for v in value)
    if isinstance(value, dict):
        return json.dumps(value, ensure_ascii=False, default=str)
    return str(value)


def _csv(sections: dict[str, Rows]) -> None:
    named = len(sections) > 1 or any(sections)
    rows = [({"section": name} if named else {}) | row for name, rs in sections.items() for row in rs]
    writer = csv.DictWriter(sys.stdout, fieldnames=_columns(rows), lineterminator="\n")
    writer.writeheader()
    for row in rows:
        writer.writerow({k: _cell(v) for k, v in row.items()})


def _tables(sections: dict[str, Rows]) -> None:
    from rich.console import Console
    from rich.table import Table

    # Piped output keeps whole lines instead of wrapping at 80 columns.
    console = Console(width=None if sys.stdout.isatty() else 200, highlight=False)
    for name, rows in sections.items():
        table = Table(title=name or None, title_justify="left", show_lines=False)
        columns = _columns(rows)
        for column in columns:
            table.add_column(column.replace("_", " "))
        for row in rows:
            table.add_row(*(_cell(row.get(c)) for c in columns))
        if not rows:
            console.print(f"{name}: (none)" if name else "(none)")
        else:
            console.print(table)
