"""How long a text an event may carry, and the rules a name obeys (``domain/names.py``).

Names (sources, weapons, places, attackers, series, venues, people, ...) become keys of the
read tables' indexes, and PostgreSQL refuses an index entry over about 2,700 bytes: a longer
name would be accepted by the log and then stop the projections. Free text (notes, reasons,
quotes, titles, addresses) is never a key, and gets a bound only to keep a log of reports.
Checked on every event a command decides, before it is saved; events already in the log are
read back as they are.
"""

from collections.abc import Iterable
from typing import Any

from sitlog.domain.errors import InvalidInput
from sitlog.domain.names import check_name

NAME_MAX = 200
TEXT_MAX = 10_000
# Fields (at any depth of an event) that hold free text; every other text is a name.
FREE_TEXT = frozenset({"note", "reason", "text", "statement", "title", "url", "before", "after", "overrides",
                       # a dataset's row keys join a date, a source and a weapon: never an index key
                       "keys"})
# A reference joins a date and up to two names (2026-02-05/russia/second): it holds what they may.
_COMPOSITE = {"reference": len("YYYY-MM-DD//") + 2 * NAME_MAX}
_LIBRARY_FIELDS = {"originator_id", "originator_version", "timestamp", "originator_topic"}
# Event fields whose option an operator knows by another name.
_OPTION = {"key": "series", "places": "place", "regions": "region", "parties": "party"}


def check_text_lengths(events: Iterable[Any]) -> None:
    """Refuse the first text longer than its field allows, or a name that breaks the name rules
    (invisible characters, mixed scripts), naming the field."""
    for event in events:
        _check(event.model_dump(mode="json", exclude=_LIBRARY_FIELDS), field="", parent="")


def _check(value: Any, field: str, parent: str) -> None:
    if isinstance(value, str):
        limit = TEXT_MAX if field in FREE_TEXT else _COMPOSITE.get(field, NAME_MAX)
        # A value's own "name" is reported under what it names (the source, the weapon...).
        label = parent if field == "name" and parent else field
        label = _OPTION.get(label, label).replace("_", "-")
        if len(value) > limit:
            kind = "text" if limit == TEXT_MAX else "name"
            raise InvalidInput(
                f"{label}: {value[:30]!r}... is {len(value):,} characters long; "
                f"sitlog records a {kind} of at most {limit:,}"
            )
        if limit != TEXT_MAX:
            check_name(value, label)
    elif isinstance(value, dict):
        for key, item in value.items():
            _check(item, key, field)
    elif isinstance(value, list | tuple):
        for item in value:
            _check(item, field, parent)
