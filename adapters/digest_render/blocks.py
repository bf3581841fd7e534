"""What a digest is made of, whatever it is written as: headings, paragraphs, labelled items,
tables and the chart of the trends."""

from dataclasses import dataclass, field

from sitlog.adapters.read_models.digest import AttackerTrend


@dataclass(frozen=True)
class Heading:
    level: int
    text: str


@dataclass(frozen=True)
class Paragraph:
    text: str


@dataclass(frozen=True)
class Item:
    """One line of a list: an optional label (shown strong) and its text."""

    label: str | None
    text: str


@dataclass(frozen=True)
class Items:
    items: tuple[Item, ...]


@dataclass(frozen=True)
class Grid:
    """A table: its columns, its rows (text cells), and which columns hold numbers."""

    columns: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    numeric: frozenset[int] = field(default_factory=frozenset)


@dataclass(frozen=True)
class Chart:
    """The last 30 nights of each attacker's trend (drawn in HTML; Markdown has the tables)."""

    trends: tuple[AttackerTrend, ...]


Block = Heading | Paragraph | Items | Grid | Chart
