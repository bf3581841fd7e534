"""The domain stays pure: it imports nothing from adapters/, cli/, drivers or Typer."""

import ast
from pathlib import Path

import domain

FORBIDDEN = {"adapters", "cli", "psycopg", "psycopg_pool", "sqlite3", "typer", "rich"}


def test_domain_imports_nothing_outward():
    offenders = []
    for path in Path(domain.__file__).parent.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text())):
            names = []
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module:
                names = [node.module]
            offenders += [f"{path.name}: {n}" for n in names if n.split(".")[0] in FORBIDDEN]
    assert offenders == []
