"""The text operators type: stray spaces squeezed out, and a required value refused when blank.

Every message about a missing value has one shape, ``FIELD: required (HINT)``, where the hint
says what the field wants and, where the CLI asks for it by an option, which one.
"""

import unicodedata

from sitlog.domain.errors import InvalidInput


def clean(text: str | None) -> str:
    """Operators paste names with stray spaces; one spelling keeps repeats recognisable."""
    return " ".join((text or "").split())


def folded(text: str) -> str:
    """``text`` as a key that ignores how it was typed: Unicode NFC, case folded, spaces squeezed.

    Two spellings that differ only in case, spacing or composed/decomposed accents fold alike.
    """
    nfc = unicodedata.normalize("NFC", text)
    return clean(unicodedata.normalize("NFC", nfc.casefold()))


def required(text: str | None, field: str, hint: str) -> str:
    """``text`` cleaned; missing or blank, refused in one line that names the field."""
    value = clean(text)
    if not value:
        raise missing(field, hint)
    return value


def missing(field: str, hint: str) -> InvalidInput:
    """The error for a required value that was not given (text or not)."""
    return InvalidInput(f"{field}: required ({hint})")
