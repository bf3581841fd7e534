"""Docs that cannot drift: every ``sitlog`` command in a fenced ``sh`` block of the README and
of ``docs/`` runs, in the order written, against a fresh store per file, and succeeds.

A line that starts with ``sitlog`` is a command (a trailing ``\\`` continues it; ``# ...`` ends it);
other lines of a block (installing, ``export``, ``docker compose``) are not sitlog's and are
left alone. ``--db URL`` in an example is replaced by the test's store, so examples may show a
PostgreSQL URL. Examples that are meant to fail, or that only show a command's shape, belong in
``text`` blocks. Examples run in a temporary folder holding a copy of ``docs/examples/`` (small
files for the examples of ``sitlog import`` and ``sitlog run``), as ``examples/``.
"""

import re
import shlex
import shutil
from pathlib import Path

import pytest

from tests.conftest import Sitlog

ROOT = Path(__file__).resolve().parents[2]
_BLOCK = re.compile(r"^```sh\n(.*?)^```", re.M | re.S)


def commands(markdown: str) -> list[tuple[int, list[str]]]:
    """(line number, argv after ``sitlog``) of every sitlog command in the ``sh`` blocks."""
    found = []
    for block in _BLOCK.finditer(markdown):
        first_line = markdown.count("\n", 0, block.start(1)) + 1
        lines = block.group(1).splitlines()
        i = 0
        while i < len(lines):
            number, text = first_line + i, lines[i]
            while text.endswith("\\") and i + 1 < len(lines):
                i += 1
                text = text[:-1] + " " + lines[i].strip()
            i += 1
            words = shlex.split(text, comments=True)
            if words[:1] == ["sitlog"]:
                found.append((number, _without_db(words[1:])))
    return found


def _documents() -> list[Path]:
    """The README and every page of docs/ that shows a sitlog command."""
    pages = [ROOT / "README.md", *sorted((ROOT / "docs").rglob("*.md"))]
    return [page for page in pages if commands(page.read_text())]


def _without_db(args: list[str]) -> list[str]:
    out, skip = [], False
    for arg in args:
        if skip:
            skip = False
        elif arg == "--db":
            skip = True
        elif not arg.startswith("--db="):
            out.append(arg)
    return out


DOCS = _documents()


def test_the_guides_show_examples():
    shown = {d.relative_to(ROOT).as_posix() for d in DOCS}
    assert shown >= {"README.md", "docs/guide.md", "docs/operations.md"}


@pytest.mark.parametrize("doc", DOCS, ids=[str(d.relative_to(ROOT)) for d in DOCS])
def test_every_example_runs(doc, tmp_path, monkeypatch):
    examples = commands(doc.read_text())
    shutil.copytree(ROOT / "docs" / "examples", tmp_path / "examples")
    monkeypatch.chdir(tmp_path)  # examples that write files write them here
    sitlog = Sitlog(f"sqlite:///{tmp_path / 'examples.db'}")
    for number, args in examples:
        ran = sitlog(args)
        assert ran.exit_code == 0, f"{doc.name}:{number}: sitlog {shlex.join(args)}\n{ran.stderr}"


def test_the_parser_reads_continued_lines_and_comments():
    text = ("```sh\n# a comment\nsitlog attack list --db postgresql://u@h/d \\\n  --format json  # trailing\n"
            "export SITLOG_DB=x\n```\n```text\nsitlog not run\n```\n")
    assert commands(text) == [(3, ["attack", "list", "--format", "json"])]
