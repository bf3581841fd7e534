"""The rules a name obeys, so that one name cannot become two that look alike.

Names (sources, places, people, venues, attackers, ...) are keys: an invisible or a look-alike
character would make a second source that reads like the first, and get round the rule that a
source's figures are not overwritten without a correction. So a name holds no control, format
(zero-width, bidirectional) or separator characters, and no word in it mixes Latin, Cyrillic
and Greek letters (in the spirit of Unicode's mixed-script confusable detection, UTS #39).
Free text (notes, quotes, reasons) keeps whatever was typed.
"""

import unicodedata
from functools import lru_cache

from sitlog.domain.errors import InvalidInput
from sitlog.domain.text import quoted

# Unicode categories no name holds: controls, format characters (zero-width spaces and joiners,
# bidirectional controls, soft hyphens), line and paragraph separators, surrogates.
_INVISIBLE = {"Cc", "Cf", "Zl", "Zp", "Cs"}
# Scripts whose letters look alike: a word mixing them is a spoof or a slip of the keyboard.
_CONFUSABLE = ("LATIN", "CYRILLIC", "GREEK")

# What attackers are called in Ukrainian and Russian, as the desk's sources write them.
ATTACKER_ALIASES = {"росія": "russia", "россия": "russia", "рф": "russia",
                    "україна": "ukraine", "украина": "ukraine"}


def check_name(value: str, field: str) -> None:
    """Refuse ``value`` as a name when it holds an invisible character or a mixed-script word."""
    if value.isascii() and value.isprintable():
        return  # no control character, and every letter Latin: the common case, in a few ns
    fault = _fault(value)
    if fault:
        raise InvalidInput(f"{field}: {quoted(value)} {fault}")


@lru_cache(maxsize=8192)  # an import meets the same places, targets and sources row after row
def _fault(value: str) -> str | None:
    """What makes ``value`` no name (the error's words after the name), or None."""
    for char in value:
        if unicodedata.category(char) in _INVISIBLE:
            return f"contains {_describe(char)}; a name may not hold invisible or control characters"
    for word in _words(value):
        scripts: dict[str, list[str]] = {}
        for char in word:
            script = _script(char)
            if script:
                scripts.setdefault(script, []).append(char)
        if len(scripts) > 1:
            main, *others = sorted(scripts, key=lambda s: -len(scripts[s]))
            odd = scripts[others[0]][0]
            return f"mixes {main.title()} and {others[0].title()} ({odd} U+{ord(odd):04X})"
    return None


def _words(value: str) -> list[str]:
    return "".join(c if c.isalnum() else " " for c in value).split()


def _script(char: str) -> str | None:
    if not unicodedata.category(char).startswith("L"):
        return None
    first = unicodedata.name(char, "").split(" ")[0]
    return first if first in _CONFUSABLE else None


def _describe(char: str) -> str:
    name = unicodedata.name(char, "")
    return f"a {name.lower()} (U+{ord(char):04X})" if name else f"a control character (U+{ord(char):04X})"
