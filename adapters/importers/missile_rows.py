"""One row of the "Massive Missile Attacks on Ukraine" CSV, read into what sitlog records.

Two schemas are read: the current one (``time_start, time_end, model, launch_place, target,
target_main, launched, destroyed, not_reach_goal, still_attacking, border_crossing, is_shahed,
num_hit_location, num_fall_fragment_location, carrier, turbojet, turbojet_destroyed, affected
region, destroyed_details, launched_details, launch_place_details, source``) and the older one
(``time_start, time_end, model, launch_place, target, carrier, launched, destroyed, source``):
a column the file lacks is read as empty. Times are Kyiv time, as the dataset writes them.
"""

import ast
import re
from dataclasses import dataclass
from datetime import date, datetime
from functools import lru_cache

from sitlog.domain.clock import KYIV, within_range
from sitlog.domain.errors import InvalidInput
from sitlog.domain.names import check_name
from sitlog.domain.text import clean
from sitlog.domain.text_limits import NAME_MAX
from sitlog.domain.values import MAX_COUNT
from sitlog.domain.weapons import Weapon, resolve

REQUIRED = ("time_end", "model", "launched", "destroyed", "source")
# The dataset's columns -> sitlog's measures (SPEC §5).
MEASURES = {"launched": "launched", "destroyed": "destroyed", "not_reach_goal": "suppressed",
            "num_hit_location": "hit", "still_attacking": "still_attacking"}

# The accounts of the `source` column (Facebook pages or Telegram channels) -> the source's name.
ACCOUNTS = {
    "kpszsu": "Ukrainian Air Force",
    "pvkpivden": "Air Command South",
    "pvkzahid": "Air Command West",
    "pvkshid": "Air Command East",
    # Beyond the four: the fifth air command, and pages whose names the desk's other
    # imports and reports already use (every other account is kept by its own name).
    "pvkcenter": "Air Command Center",
    "generalstaff.ua": "General Staff of the Armed Forces of Ukraine",
    "cincafu": "Commander-in-Chief of the Armed Forces of Ukraine",
}
_FACEBOOK = ("posts", "videos", "photos", "permalink.php")

_resolve = lru_cache(maxsize=1024)(resolve)  # a file names a few dozen models, thousands of times
_TIME = re.compile(r"(\d{4}-\d{2}-\d{2})(?:[ T](\d{1,2}):(\d{2})(?::\d{2})?)?")
_NAN = re.compile(r"(?<![\w'])NaN(?![\w'])")
_AND = re.compile(r"\s+and\s+")


@dataclass(frozen=True, slots=True)
class AttackRow:
    """A row as sitlog reads it: its night, who said it, about which weapon, with what figures."""

    line: int
    night: date
    start: datetime | None
    end: datetime | None
    source: str
    url: str | None
    model: str  # as the file names it
    weapon: Weapon
    counts: dict[str, int]  # measure -> count
    splits: dict[str, dict[str, int]]  # measure -> (part of a combined model -> count)
    regions: tuple[str, ...]
    details: str  # what else the row says, for the note


def parse_row(line: int, row: dict[str, str]) -> AttackRow:
    """The row at ``line``; InvalidInput, naming the column, when it cannot be read."""
    cell = {k: (v or "").strip() for k, v in row.items() if k is not None}
    end_text, start_text = cell.get("time_end", ""), cell.get("time_start", "")
    if not end_text:
        raise InvalidInput("time_end: empty (the night is dated by the day it ended)")
    night, end = _moment(end_text, "time_end")
    start = _moment(start_text, "time_start")[1] if start_text else None
    if start and end and start > end:
        raise InvalidInput(f"time_start: {start_text!r} is after time_end {end_text!r}")
    model = _name(cell.get("model", ""), "model")
    weapon = _resolve(model)
    counts = {m: n for column, m in MEASURES.items()
              if (n := _count(cell.get(column, ""), column)) is not None}
    if not counts:
        raise InvalidInput("launched, destroyed: no figures in the row")
    source, url = source_of(cell.get("source", ""))
    parts = weapon.name.split(" and ")
    splits = {m: split for m, column in (("launched", "launched_details"), ("destroyed", "destroyed_details"))
              if (split := _split(cell.get(column, ""), parts, counts.get(m)))}
    regions = [_name(region, "region") for region in (
        *_literal_list(cell.get("affected region", "")), *_and(cell.get("target", "")),
        *_and(cell.get("target_main", "")))]
    return AttackRow(line=line, night=night, start=start, end=end, source=source, url=url, model=model,
                     weapon=weapon, counts=counts, splits=splits, regions=tuple(dict.fromkeys(regions)),
                     details=_details(cell, start_text, end_text, url, splits))


def source_of(text: str) -> tuple[str, str | None]:
    """The source's name and the post's URL, from ``kpszsu/posts/...`` (a Facebook page),
    ``https://t.me/kpszsu/44624`` (a Telegram channel) or another address."""
    text = text.strip()
    if not text:
        raise InvalidInput("source: empty (whose post is it?)")
    if re.match(r"https?://", text):
        url = text
        host, _, path = text.split("://", 1)[1].partition("/")
        account = path.split("/")[0] if host.endswith(("t.me", "facebook.com")) and path else host
    else:
        account, _, rest = text.partition("/")
        on_facebook = account == "watch" or "." not in account or rest.split("/")[0] in _FACEBOOK
        url = f"https://www.facebook.com/{text}" if on_facebook else f"https://{text}"
        if account == "watch":  # a Facebook video, which names no page
            account = "Facebook video"
    return _name(ACCOUNTS.get(account.casefold(), account), "source"), url


def _moment(text: str, column: str) -> tuple[date, datetime | None]:
    """``2026-02-07 08:30`` (also ``2023-05-16 3:30``) or a bare date: the day and, when the time
    is given, the moment in Kyiv."""
    match = _TIME.fullmatch(text)
    try:
        if not match:
            raise ValueError
        day = date.fromisoformat(match.group(1))
        if match.group(2) is None:
            return within_range(day, column, text), None
        moment = datetime.combine(day, datetime.min.time()).replace(
            hour=int(match.group(2)), minute=int(match.group(3)), tzinfo=KYIV)
    except ValueError:
        raise InvalidInput(f"{column}: {text!r} is not a time (expected YYYY-MM-DD HH:MM)") from None
    return within_range(day, column, text), moment


def _count(text: str, column: str) -> int | None:
    """A count as the dataset writes it (``101.0``); empty is None."""
    if not text or text.lower() == "nan":
        return None
    try:
        number = float(text)
    except ValueError:
        number = -1.0
    if not (number.is_integer() and 0 <= number <= MAX_COUNT):
        raise InvalidInput(f"{column}: {text!r} is not a count (a whole number from 0 to {MAX_COUNT:,})")
    return int(number)


def _name(text: str, column: str) -> str:
    """A name as the commands take one: NFC, spaces squeezed, bounded, and refused when it holds an
    invisible character or a word that mixes scripts (domain/names.py): the batch writer is told the
    importer checked its names, so the events' walk does not."""
    name = clean(text)
    if not name:
        raise InvalidInput(f"{column}: empty")
    if len(name) > NAME_MAX:
        raise InvalidInput(f"{column}: {name[:30]!r}... is longer than {NAME_MAX} characters")
    check_name(name, column)
    return name


@lru_cache(maxsize=4096)  # the same details come back row after row
def _literal(text: str) -> object:
    """A Python literal as the dataset writes its dicts and lists (NaN for a missing number): the
    simple ones read by a pattern (compiling each with ``ast`` was a tenth of an import), others
    by ``ast.literal_eval``."""
    if not text or text == "{}":
        return None
    if _DICT.fullmatch(text):
        return {_unquote(k): _scalar(v) for k, v in _ITEM.findall(text)}
    if _LIST.fullmatch(text):
        return [_unquote(v) for v in _STRING.findall(text)]
    try:
        return ast.literal_eval(_NAN.sub("None", text))
    except (ValueError, SyntaxError, MemoryError, RecursionError):
        raise InvalidInput(f"details: {text[:60]!r} is not a list or a dictionary") from None


_STR = r"'(?:[^'\\]|\\.)*'"
_VALUE = rf"(?:{_STR}|-?\d+(?:\.\d+)?|NaN|None)"
_ITEM = re.compile(rf"\s*({_STR})\s*:\s*({_VALUE})\s*(?:,|(?=}}))")
_DICT = re.compile(rf"\{{(?:\s*{_STR}\s*:\s*{_VALUE}\s*,)*(?:\s*{_STR}\s*:\s*{_VALUE}\s*)?,?\s*\}}")
_STRING = re.compile(_STR)
_LIST = re.compile(rf"\[(?:\s*{_STR}\s*,)*(?:\s*{_STR}\s*)?,?\s*\]")


def _unquote(text: str) -> str:
    return re.sub(r"\\(.)", r"\1", text[1:-1])


def _scalar(text: str) -> object:
    if text.startswith("'"):
        return _unquote(text)
    if text in ("NaN", "None"):
        return None
    number = float(text)
    return int(number) if number.is_integer() and "." not in text else number


def _literal_list(text: str) -> list[str]:
    value = _literal(text)
    return [" ".join(str(v).split()) for v in value if v] if isinstance(value, list) else []


def _and(text: str) -> list[str]:
    return [part for part in _AND.split(text) if part] if text else []


def _split(text: str, parts: list[str], total: int | None) -> dict[str, int] | None:
    """A combined model's count per part (``{'X-101/X-555': 50, 'Kalibr': 12}``), when the details
    name exactly its parts and add up to its total; None otherwise (the details say something
    else, such as the directions of the air commands: the note keeps them)."""
    value = _literal(text)
    if len(parts) < 2 or total is None or not isinstance(value, dict):
        return None
    counts = {_resolve(str(k)).name: v for k, v in value.items()}
    if set(counts) != set(parts) or not all(isinstance(v, int) and v >= 0 for v in counts.values()):
        return None
    return counts if sum(counts.values()) == total else None


def _details(cell: dict[str, str], start: str, end: str, url: str | None,
             splits: dict[str, dict[str, int]]) -> str:
    """What the row says besides its figures and regions, as one line of the note."""
    said = [f"{start or '?'} to {end}"]
    for column, label in (("launch_place", "launched from"), ("carrier", "carrier"),
                          ("num_fall_fragment_location", "fragments fell at (locations)"),
                          ("is_shahed", "of which Shahed-type (not decoys)"), ("turbojet", "jet-powered"),
                          ("turbojet_destroyed", "jet-powered destroyed")):
        if cell.get(column) and cell[column].lower() != "nan":
            said.append(f"{label} {_number_text(cell[column])}")
    for column, label in (("border_crossing", "crossed the border from"),
                          ("launched_details", "launched per model"),
                          ("destroyed_details", "destroyed per model or direction"),
                          ("launch_place_details", "launch places per model")):
        value = _literal(cell.get(column, ""))
        measure = column.removesuffix("_details")
        if isinstance(value, dict) and value and measure not in splits:
            pairs = ", ".join(f"{k} {_number_text(str(v))}" for k, v in value.items() if v is not None)
            if pairs:
                said.append(f"{label}: {' '.join(pairs.split())}")
    if url:
        said.append(f"post {url}")
    return f"{cell.get('model', '').strip()}: " + "; ".join(said)


def _number_text(text: str) -> str:
    return text[:-2] if text.endswith(".0") else text
