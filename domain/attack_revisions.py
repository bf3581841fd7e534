"""A source revising its claims on an attack: what it adds may overwrite nothing; a correction
or a retraction applies only to what it currently claims."""

from collections.abc import Callable, Iterable, Mapping
from typing import TypeVar

from sitlog.domain.attack_claims import WEAPON_MEASURES, CorrectedValue, Counts, value_text
from sitlog.domain.errors import RuleViolation

Clash = tuple[str, str, str, str]  # measure, subject, as recorded, as now given
CountsT = TypeVar("CountsT", bound=Counts)


def conflicts(old: Counts | None, new: Counts, subject: str) -> list[Clash]:
    """The values ``new`` would overwrite in ``old`` (values not yet given are additions)."""
    if old is None:
        return []
    return [
        (m, subject, value_text(getattr(old, m)) or "", value_text(v) or "")
        for m, v in new.given().items()
        if getattr(old, m) is not None and getattr(old, m) != v
    ]


def merged(current: Mapping[str, CountsT], given: Iterable[CountsT]) -> tuple[list[CountsT], list[Clash]]:
    """``given`` added to the current counts of the same subject: the counts that change, and
    the values it would overwrite (refused by the caller)."""
    results: list[CountsT] = []
    clashes: list[Clash] = []
    for new in given:
        old = current.get(new.key)
        clashes += conflicts(old, new, new.subject)
        result = old.with_figures(new.given()) if old else new
        if result != old:
            results.append(result)
    return results, clashes


def corrected(
    current: Mapping[str, CountsT], given: Iterable[CountsT], missing: Callable[[CountsT], str]
) -> tuple[list[CountsT], list[CorrectedValue]]:
    """``given`` laid over the current counts of the same subject (one with none is refused with
    the message ``missing`` makes): the counts that change, and every value changed."""
    results: list[CountsT] = []
    changes: list[CorrectedValue] = []
    for new in given:
        old = current.get(new.key)
        if old is None:
            raise RuleViolation(missing(new))
        result = old.with_figures(new.given())
        changes += old.changes_to(result, old.subject)
        if result != old:
            results.append(result)
    return results, changes


def chosen(
    current: Mapping[str, CountsT], asked: Iterable[tuple[str, str]], missing: Callable[[str], str]
) -> tuple[CountsT, ...]:
    """The current counts ``asked`` for as (key, name as typed); one not current is refused."""
    asked = list(asked)
    for key, name in asked:
        if key not in current:
            raise RuleViolation(missing(name))
    return tuple(current[key] for key, _ in asked)


def correct_command(reference: str, source: str, clashes: list[Clash]) -> str:
    """The ``sitlog attack correct`` command that would make the refused change."""
    parts = [f"sitlog attack correct {reference}", f'--source "{source}"']
    for measure, subject, _, new in clashes:
        if measure in WEAPON_MEASURES:
            parts.append(f'--{measure.replace("_", "-")} "{subject}={new}"')
            continue
        if f'--place "{subject}"' not in parts:
            parts.append(f'--place "{subject}"')
        if measure == "civilians":
            parts.append("--civilians" if new == "yes" else "--military")
        else:
            parts.append(f'--{measure} "{new}"')
    return "`" + " ".join([*parts, '--reason "..."']) + "`"


def overwrite_message(reference: str, source: str, clashes: list[Clash]) -> str:
    said = "; ".join(f"{measure} {subject}: {old}, not {new}" for measure, subject, old, new in clashes)
    return (
        f'"{source}" already reported other figures on {reference} ({said}); nothing is '
        f"overwritten: to change them use {correct_command(reference, source, clashes)}"
    )
