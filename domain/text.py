"""The text operators type: stray spaces squeezed out, and a required value refused when blank.

Every message about a missing value has one shape, ``FIELD: required (HINT)``, where the hint
says what the field wants and, where the CLI asks for it by an option, which one.
"""

import unicodedata
from functools import lru_cache

from sitlog.domain.errors import InvalidInput

# How much of a value an error message quotes: enough to recognise it, never a screenful.
QUOTE_MAX = 80


def clean(text: str | None) -> str:
    """Operators paste names with stray spaces and decomposed accents; one spelling (Unicode NFC,
    spaces squeezed) keeps repeats recognisable."""
    return " ".join(unicodedata.normalize("NFC", text or "").split())


# Dots and apostrophes join what they sit in ("U.N." is "UN", "Kyiv’s" is "Kyiv's", "мʼята" is
# "м'ята"); any other punctuation separates ("Abu-Dhabi" is "Abu Dhabi").
_FOLDED = dict.fromkeys(".'’‘`´ʼ", "")


# Cached: the same few hundred names (sources, places, weapons) are folded again for every row of
# an import, and folding walks the text a character at a time.
@lru_cache(maxsize=8192)
def folded(text: str) -> str:
    """``text`` as a key that ignores how it was typed: Unicode compatibility forms (NFKC), case,
    punctuation and spacing. "Abu-Dhabi", "abu  dhabi" and "ABU DHABI" fold alike, and so do the
    composed and decomposed spellings of "Київ". The one key for names: sources, places, people,
    venues, series. Never an id's key: ids derive from their own frozen keys (see ``spelling``).
    """
    text = unicodedata.normalize("NFKC", unicodedata.normalize("NFKC", text).casefold())
    return " ".join("".join(_FOLDED.get(c, c) if not unicodedata.category(c).startswith("P") or c in _FOLDED
                            else " " for c in text).split())


def spelling(text: str) -> str:
    """The key of release 0.x: NFC, case folded, spaces squeezed (punctuation kept).

    Frozen: the ids of log entries derive from it, and an existing store must keep finding them.
    """
    return clean(unicodedata.normalize("NFC", unicodedata.normalize("NFC", text).casefold()))


def quoted(value: str) -> str:
    """``value`` as an error message quotes it: in quotes, invisible and control characters
    escaped (never sent raw to the terminal), cut to a readable length."""
    cut = value if len(value) <= QUOTE_MAX else value[:QUOTE_MAX] + "…"
    shown = "".join(c if c.isprintable() or c == " " else f"\\u{ord(c):04x}" for c in cut)
    return f'"{shown}"'


def required(text: str | None, field: str, hint: str) -> str:
    """``text`` cleaned; missing or blank, refused in one line that names the field."""
    value = clean(text)
    if not value:
        raise missing(field, hint)
    return value


def missing(field: str, hint: str) -> InvalidInput:
    """The error for a required value that was not given (text or not)."""
    return InvalidInput(f"{field}: required ({hint})")
