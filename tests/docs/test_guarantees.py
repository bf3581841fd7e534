"""docs/guarantees.md: every promise names tests that prove it, and every test it names exists."""

import ast
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PROMISES = ("Append-only", "Exactly-once read side", "Tamper evidence", "Concurrency", "Crashes",
            "Outages", "Hostile input", "Secrets")
_NAMED = re.compile(r"`(tests/[\w/]+\.py)::(test_\w+)`")


def _sections() -> dict[str, str]:
    text = (ROOT / "docs" / "guarantees.md").read_text()
    parts = re.split(r"^## (.+)$", text, flags=re.M)
    return dict(zip(parts[1::2], parts[2::2], strict=True))


def test_every_promise_names_at_least_one_test():
    sections = _sections()
    assert [name for name in PROMISES if not _NAMED.search(sections.get(name, ""))] == []


def test_every_test_named_exists():
    missing = []
    for path, name in _NAMED.findall((ROOT / "docs" / "guarantees.md").read_text()):
        file = ROOT / path
        nodes = ast.walk(ast.parse(file.read_text())) if file.is_file() else iter(())
        defined = {node.name for node in nodes if isinstance(node, ast.FunctionDef)}
        if name not in defined:
            missing.append(f"{path}::{name}")
    assert missing == []
