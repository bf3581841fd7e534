"""The layers of the house: the domain imports nothing outward; the front ends never import each
other; nothing imports the folders by their old top-level names."""

import ast
from pathlib import Path

import pytest
import sitlog.domain

ROOT = Path(sitlog.domain.__file__).parent.parent
# What the domain may import: the standard library, pydantic, and the library's domain model.
LIBRARY = ("eventsourcing.domain", "eventsourcing.application")
# The application service translates the library's errors (a write conflict) into the domain's.
SERVICE_LIBRARY = (*LIBRARY, "eventsourcing.persistence")
DRIVERS = {"psycopg", "psycopg_pool", "sqlite3", "typer", "rich", "fastapi", "starlette", "matplotlib"}


def _imports(folder: str) -> list[tuple[str, str]]:
    found = []
    for path in (ROOT / folder).rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text())):
            if isinstance(node, ast.Import):
                found += [(path.name, alias.name) for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
                found.append((path.name, node.module))
    return found


def test_the_domain_imports_nothing_outward():
    offenders = [
        (file, name) for file, name in _imports("domain")
        if name.split(".")[0] in DRIVERS
        or name.startswith(("sitlog.adapters", "sitlog.cli", "sitlog.web"))
        or (name.startswith("eventsourcing")
            and name not in (SERVICE_LIBRARY if file == "application.py" else LIBRARY))
    ]
    assert offenders == []


def test_the_web_never_imports_the_cli():
    assert [(f, n) for f, n in _imports("web") if n.startswith("sitlog.cli")] == []


def test_the_cli_reaches_the_web_only_to_start_a_server():
    """``sitlog serve`` starts the web front end: its module, and no other, imports the server, and
    only inside the command (``--help`` imports nothing of FastAPI)."""
    assert [(f, n) for f, n in _imports("cli") if n.startswith("sitlog.web")] == [
        ("serve.py", "sitlog.web.server")]
    module = ast.parse((ROOT / "cli" / "serve.py").read_text())
    top_level = [node for node in module.body if isinstance(node, (ast.Import, ast.ImportFrom))]
    assert all(not (node.module or "").startswith("sitlog.web") for node in top_level
               if isinstance(node, ast.ImportFrom))


@pytest.mark.parametrize("folder", ["domain", "adapters", "cli", "web"])
def test_nothing_imports_the_old_top_level_names(folder):
    old = ("domain", "adapters", "cli", "web")
    assert [(f, n) for f, n in _imports(folder) if n.split(".")[0] in old] == []


# The CLI's doors into the adapters: the store (whose ``log`` is the application facade), the read
# facade and its models, the errors they raise, and the digest's renderings (shared with the web
# front end). Never the queries, projections or SQL.
CLI_MAY_IMPORT = ("sitlog.adapters.store", "sitlog.adapters.reader", "sitlog.adapters.read_models",
                  "sitlog.adapters.errors", "sitlog.adapters.digest_render")


def test_the_cli_goes_through_the_facades_only():
    offenders = [(f, n) for f, n in _imports("cli")
                 if n.startswith("sitlog.adapters") and not n.startswith(CLI_MAY_IMPORT)]
    assert offenders == []


# The web front end's: the same, and the store URL's parsing (``serve`` refuses a bad --db at once).
WEB_MAY_IMPORT = (*CLI_MAY_IMPORT, "sitlog.adapters.config")


def test_the_web_goes_through_the_facades_only():
    imported = _imports("web")
    assert any(n.startswith("sitlog.adapters.reader") or n == "sitlog.adapters.store" for _, n in imported)
    offenders = [(f, n) for f, n in imported
                 if n.startswith("sitlog.adapters") and not n.startswith(WEB_MAY_IMPORT)]
    assert offenders == []
