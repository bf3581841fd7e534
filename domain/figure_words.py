"""Figures as sources word them: "up to 140,000", "more than 40,000", "100,000-140,000".

Read into a qualifier and the numbers (``values.Figure.parse`` builds the figure). Words and
symbols map onto the qualifiers of the spec; a number may group its thousands with commas
(46,000), underscores or thin spaces, and a comma that does not group thousands (1,5) is refused
rather than read as 15.
"""

import re
from typing import NamedTuple

from sitlog.domain.errors import InvalidInput

# Longest first, so that "no more than" is not read as "more than".
_WORDS = (
    ("as many as", "up-to"), ("no more than", "up-to"), ("not more than", "up-to"), ("up to", "up-to"),
    ("at most", "up-to"), ("no fewer than", "at-least"), ("no less than", "at-least"),
    ("not less than", "at-least"), ("at least", "at-least"), ("more than", "more-than"),
    ("fewer than", "fewer-than"), ("less than", "fewer-than"), ("approximately", "about"),
    ("roughly", "about"), ("around", "about"), ("about", "about"), ("nearly", "nearly"),
    ("almost", "nearly"), ("over", "more-than"), ("under", "fewer-than"), ("exactly", "exact"),
    ("exact", "exact"),
)
_SYMBOLS = ((">=", "at-least"), ("≥", "at-least"), ("<=", "up-to"), ("≤", "up-to"), ("~", "about"),
            ("≈", "about"), (">", "more-than"), ("<", "fewer-than"))
_WORD = re.compile(r"(?P<word>" + "|".join(w.replace(" ", r"[ -]+") for w, _ in _WORDS) + r")\b[\s:]*")
_QUALIFIER_OF = {w: q for w, q in _WORDS}

# A whole number: plain digits, or groups of three after commas, underscores or thin spaces.
NUMBER = r"\d{1,3}(?:,\d{3})+|\d{1,3}(?:_\d{3})+|\d{1,3}(?:[\u00a0\u2009\u202f]\d{3})+|\d+"
_N = rf"(?:{NUMBER})"
_RANGE = re.compile(rf"(?:between\s+)?({_N})\s*(?:\.\.|-|–|—|\bto\b|\band\b)\s*({_N})")
_DOTS = re.compile(rf"({_N})\s*\.\.\s*({_N})\s*\.\.\s*({_N})")
_ONE = re.compile(_N)
_BAD_COMMA = re.compile(r"\d[\d,]*,\d[\d,]*")


class Worded(NamedTuple):
    """What the text says: a qualifier (a Qualifier's value) and one, two or three numbers."""

    qualifier: str
    numbers: list[int]


def read(text: str, field: str, example: str) -> Worded:
    """The qualifier and numbers ``text`` states; refused in one line naming ``field``."""
    rest = " ".join(text.split()).lower()
    qualifier = "exact"
    for symbol, q in _SYMBOLS:
        if rest.startswith(symbol):
            qualifier, rest = q, rest[len(symbol):].strip(" :")
            break
    else:
        if word := _WORD.match(rest):
            phrase = " ".join(word["word"].replace("-", " ").split())
            qualifier, rest = _QUALIFIER_OF[phrase], rest[word.end():]
    for pattern in (_ONE, _RANGE, _DOTS):
        if found := pattern.fullmatch(rest):
            return Worded(qualifier, [_number(n) for n in (found.groups() or (found.group(0),))])
    if _BAD_COMMA.search(rest):
        raise InvalidInput(
            f"{field}: {text!r} is not a figure (a comma only groups thousands, as in 46,000; "
            "sitlog records whole numbers)"
        )
    raise InvalidInput(f"{field}: {text!r} is not a figure (expected a non-negative whole number, {example})")


def _number(text: str) -> int:
    return int(re.sub(r"[,_\u00a0\u2009\u202f]", "", text))
