"""The lowest versions pyproject.toml admits are the ones CI tests (.ci/lowest.txt)."""

import re
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
_FLOOR = re.compile(r"([A-Za-z0-9_.-]+)(?:\[([a-z,]+)\])?>=([0-9.]+)")
# Tools CI runs from the main venv only, at their newest.
_TOOLS = {"ruff", "mypy"}


def _floors() -> dict[str, str]:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    floors = {}
    for requirement in [*project["dependencies"], *project["optional-dependencies"]["test"]]:
        match = _FLOOR.match(requirement)
        assert match, f"{requirement}: no floor (>=)"
        name, extras, version = match.groups()
        if name in _TOOLS:
            continue
        floors[name] = version
        if extras == "binary":  # psycopg[binary] brings psycopg-binary of the same version
            floors[f"{name}-binary"] = version
    return floors


def _pins() -> dict[str, str]:
    lines = (ROOT / ".ci" / "lowest.txt").read_text().splitlines()
    return dict(line.split("==") for line in lines if line and not line.startswith("#"))


def _release(version: str) -> tuple[int, ...]:
    """``2.6``, ``2.6.0``: the same release."""
    parts = [int(part) for part in version.split(".")]
    while parts and parts[-1] == 0:
        parts.pop()
    return tuple(parts)


def test_every_floor_is_pinned_for_the_lowest_versions_pass():
    floors, pins = _floors(), _pins()
    assert pins.keys() == floors.keys()
    for name, floor in floors.items():
        assert _release(pins[name]) == _release(floor), f"{name}: floor {floor}, pinned {pins[name]}"
