"""Initialised stores without running ``sitlog init`` for every test (the ``store_url`` fixture
of ``tests/conftest.py`` uses these when a test asks for an initialised store).

``init`` is slow: on PostgreSQL it runs some 170 statements of DDL (about a second on this
machine, more under load), and even on SQLite it builds every read table. So it runs once per
test process, into a template, and each test gets a copy:

- SQLite: a copy of the template's file (checkpointed, so the file alone is the store).
- PostgreSQL: creating a schema costs nearly as much as ``init`` itself (it is the DDL that is
  slow, however sent), so a test's schema is reused instead: after the test its rows are deleted
  and the template's rows (the projection versions) copied back, which takes milliseconds. A
  schema whose tables, columns, indexes, triggers, functions or sequences no longer match the
  template's (a test that dropped or added a table, say) is never reused: it is dropped with the
  others at the end of the session.

A test that needs a store already holding some history (the demo's week, say) gets it the same way
(``seeded`` in ``tests/conftest.py``): the history is written once per test process into a store of
its own, the seed, and each test gets a copy of the seed's file or of its rows.
"""

import shutil
import sqlite3
from collections.abc import Callable
from pathlib import Path
from typing import Any, NamedTuple

from sitlog.adapters.config import parse_store_url
from sitlog.adapters.store import open_store


class Seed(NamedTuple):
    """A history some tests start from: its name, and what writes it into the store at a URL."""

    name: str
    write: Callable[[str], None]


class SqliteTemplate:
    def __init__(self, directory: Path) -> None:
        self.path = directory / "template.db"
        self._seeds: dict[str, Path] = {}
        with open_store(parse_store_url(f"sqlite:///{self.path}"), "tester", initialise=True):
            pass
        _checkpoint(self.path)

    def copy_to(self, path: Path, seed: Seed | None = None) -> None:
        shutil.copyfile(self.path if seed is None else self._seeded(seed), path)
        for stale in (path.with_name(path.name + "-wal"), path.with_name(path.name + "-shm")):
            stale.unlink(missing_ok=True)

    def _seeded(self, seed: Seed) -> Path:
        if seed.name not in self._seeds:
            path = self.path.with_name(f"seed{len(self._seeds)}.db")
            shutil.copyfile(self.path, path)
            seed.write(f"sqlite:///{path}")
            _checkpoint(path)
            self._seeds[seed.name] = path
        return self._seeds[seed.name]


def _checkpoint(path: Path) -> None:
    with sqlite3.connect(path) as conn:  # everything into the file, nothing left in a WAL
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.close()


# What a schema is made of (its composite type is a relation too), with the schema's own name
# taken out (it appears in defaults, index definitions and function bodies).
_SHAPE = """
WITH rels AS MATERIALIZED (
    SELECT oid, relname, relkind FROM pg_class WHERE relnamespace = to_regnamespace(%(schema)s)
)
SELECT 'relation', r.relname, r.relkind::text FROM rels r
UNION ALL
SELECT 'column', r.relname, a.attnum::text || ' ' || a.attname || ' '
       || format_type(a.atttypid, a.atttypmod) || ' ' || a.attnotnull::text || ' '
       || coalesce(pg_get_expr(d.adbin, d.adrelid), '')
FROM rels r JOIN pg_attribute a ON a.attrelid = r.oid AND a.attnum > 0 AND NOT a.attisdropped
LEFT JOIN pg_attrdef d ON d.adrelid = r.oid AND d.adnum = a.attnum
UNION ALL
SELECT 'index', r.relname, pg_get_indexdef(r.oid) FROM rels r WHERE r.relkind = 'i'
UNION ALL
SELECT 'trigger', r.relname, t.tgname || ' ' || t.tgenabled::text || ' ' || pg_get_triggerdef(t.oid)
FROM rels r JOIN pg_trigger t ON t.tgrelid = r.oid AND NOT t.tgisinternal
UNION ALL
SELECT 'function', p.proname, pg_get_function_identity_arguments(p.oid) || ' ' || p.prosrc
FROM pg_proc p WHERE p.pronamespace = to_regnamespace(%(schema)s)
"""


class PostgresSchemas:
    """Initialised schemas named ``{prefix}_{n}``, one test at a time each: ``take()`` one,
    ``give_back()`` it after the test."""

    def __init__(self, conn: Any, url: str, prefix: str) -> None:
        self._conn, self._url, self._prefix = conn, url, prefix
        self._made = 0
        self._free: list[str] = []
        self._seeds: dict[str, str] = {}
        self.template = f"{prefix}_template"
        with open_store(parse_store_url(f"{url}?schema={self.template}"), "tester", initialise=True):
            pass
        self._shape = self._shape_of(self.template)
        rows = conn.execute(
            "SELECT c.relname, c.relkind FROM pg_class c WHERE c.relnamespace = to_regnamespace(%s) "
            "AND c.relkind IN ('r', 'S') ORDER BY c.relname", (self.template,)).fetchall()
        self._tables = [name for name, kind in rows if kind == "r"]
        self._sequences = [name for name, kind in rows if kind == "S"]
        self._filled = [table for table in self._tables
                        if conn.execute(f'SELECT 1 FROM "{self.template}"."{table}" LIMIT 1').fetchone()]

    def take(self) -> str:
        if self._free:
            return self._free.pop()
        self._made += 1
        schema = f"{self._prefix}_init{self._made}"
        with open_store(parse_store_url(f"{self._url}?schema={schema}"), "tester", initialise=True):
            pass
        return schema

    def give_back(self, schema: str) -> None:
        """Empty ``schema`` back to the template's state, if it still has the template's shape."""
        if self._shape_of(schema) == self._shape and self._copy(self.template, schema, self._filled):
            self._free.append(schema)

    def fill(self, schema: str, seed: Seed) -> None:
        """Make ``schema``, as ``take()`` gave it, hold the rows of ``seed``'s schema."""
        if seed.name not in self._seeds:
            source = self.take()
            seed.write(f"{self._url}?schema={source}")
            self._seeds[seed.name] = source
        if not self._copy(self._seeds[seed.name], schema, self._tables):
            raise RuntimeError(f"could not copy the seed {seed.name!r} into {schema}")

    def _copy(self, source: str, schema: str, tables: list[str]) -> bool:
        """Replace the rows of ``schema`` with those ``tables`` have in ``source``, and its sequences'
        values with ``source``'s; False if the schema could not be written (locked, say)."""
        import psycopg

        reset = [
            # A test that left a transaction open on the schema gives up the schema, not the run.
            "SET LOCAL lock_timeout = '2s'",
            # The events table refuses deletes (its triggers): a replica's role does not fire them.
            "SET LOCAL session_replication_role = replica",
        ]
        reset += [f'DELETE FROM "{schema}"."{table}"' for table in self._tables]
        reset += [f'INSERT INTO "{schema}"."{table}" SELECT * FROM "{source}"."{table}"' for table in tables]
        for sequence in self._sequences:
            reset.append(f"SELECT setval('\"{schema}\".\"{sequence}\"', last_value, is_called) "
                         f'FROM "{source}"."{sequence}"')
        try:
            with self._conn.transaction():
                self._conn.execute(";\n".join(reset))  # one round trip
        except psycopg.Error:
            return False
        return True

    def _shape_of(self, schema: str) -> list[tuple[str, ...]]:
        rows = self._conn.execute(_SHAPE, {"schema": schema}).fetchall()
        return sorted(tuple(str(value).replace(schema, "{schema}") for value in row) for row in rows)
