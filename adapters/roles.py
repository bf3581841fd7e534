"""Least privilege on PostgreSQL (``sitlog init --roles``): three roles per store's schema.

- ``<schema>_owner`` owns the schema and everything in it; only ``sitlog init`` (creating and
  upgrading tables) needs it. Like a superuser, an owner could disable the append-only triggers:
  nobody else can.
- ``<schema>_writer`` is what every other command runs as: it appends events (INSERT, and UPDATE
  on the events table only because the event store locks it, which PostgreSQL allows only with
  UPDATE: the append-only triggers refuse every update), appends links to the hash chain, and
  writes the read tables (the projections, their positions and health) and the snapshots (a cache
  of long aggregates' events, which it takes and replaces: ``snapshots.py``). It owns nothing, so it
  can neither drop nor disable a trigger, nor alter or drop a table; it may not DELETE or TRUNCATE
  the log or its chain.
- ``<schema>_reader`` reads: SELECT on every table of the schema (the read tables for the HTTP
  API and analysts, the log and its chain for ``sitlog verify`` and ``sitlog export``), nothing more.

The roles cannot log in: people and services log in as roles of their own made members of one of
them (``CREATE ROLE desk LOGIN PASSWORD '...' IN ROLE sitlog_writer``). ``--roles`` creates them
(which takes a superuser, or CREATEROLE) and then, at every ``sitlog init`` that finds them,
the ownership and grants are set again, for the tables an upgrade adds.
"""

from sitlog.adapters.chain import CHAIN_TABLE
from sitlog.adapters.db import Tx
from sitlog.adapters.errors import ConfigError

SUFFIXES = ("owner", "writer", "reader")


def names(schema: str) -> dict[str, str]:
    return {suffix: f"{schema}_{suffix}" for suffix in SUFFIXES}


def create(tx: Tx, schema: str) -> None:
    """Create the three roles (NOLOGIN) unless they exist."""
    existing = {row["rolname"] for row in tx.all("SELECT rolname FROM pg_roles WHERE rolname = ANY(:n)",
                                                  {"n": list(names(schema).values())})}
    for role in names(schema).values():
        if role not in existing:
            tx.execute(f'CREATE ROLE "{role}" NOLOGIN')


def exist(tx: Tx, schema: str) -> bool:
    return tx.one("SELECT 1 AS found FROM pg_roles WHERE rolname = :r",
                  {"r": names(schema)["writer"]}) is not None


def settle(tx: Tx, schema: str, events_table: str) -> None:
    """Give the schema and everything in it to the owner, and grant the writer and reader theirs."""
    role = names(schema)
    owner, writer, reader = f'"{role["owner"]}"', f'"{role["writer"]}"', f'"{role["reader"]}"'
    member = tx.scalar("SELECT pg_has_role(current_user, :r, 'MEMBER') AS m", {"r": role["owner"]})
    if not member:
        raise ConfigError(f"db: {role['owner']} must be granted to the user running `sitlog init` "
                          "(or run it as a superuser)")
    tx.execute(f'ALTER SCHEMA "{schema}" OWNER TO {owner}')
    for kind, sql in (
        ("TABLE", "SELECT c.relname AS name FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
                  "WHERE n.nspname = :s AND c.relkind IN ('r', 'p', 'v', 'm')"),
        ("SEQUENCE", "SELECT c.relname AS name FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
                     "WHERE n.nspname = :s AND c.relkind = 'S' AND NOT EXISTS (SELECT 1 FROM pg_depend d "
                     "WHERE d.objid = c.oid AND d.deptype IN ('a', 'i'))"),
        ("FUNCTION", "SELECT p.oid::regprocedure::text AS name FROM pg_proc p "
                     "JOIN pg_namespace n ON n.oid = p.pronamespace WHERE n.nspname = :s"),
        ("TYPE", "SELECT t.typname AS name FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace "
                 "WHERE n.nspname = :s AND t.typtype = 'c' AND NOT EXISTS "
                 "(SELECT 1 FROM pg_class c WHERE c.oid = t.typrelid AND c.relkind <> 'c')"),
    ):
        for row in tx.all(sql, {"s": schema}):
            name = row["name"] if kind == "FUNCTION" else f'"{schema}"."{row["name"]}"'
            tx.execute(f"ALTER {kind} {name} OWNER TO {owner}")
    tables = f'ALL TABLES IN SCHEMA "{schema}"'
    log, chain = f'"{schema}"."{events_table}"', f'"{schema}"."{CHAIN_TABLE}"'
    for statement in (
        f'REVOKE ALL ON SCHEMA "{schema}" FROM PUBLIC',
        f'GRANT USAGE ON SCHEMA "{schema}" TO {writer}, {reader}',
        f"REVOKE ALL ON {tables} FROM {writer}, {reader}",
        f"GRANT SELECT ON {tables} TO {reader}",
        f"GRANT SELECT, INSERT, UPDATE, DELETE ON {tables} TO {writer}",
        # The log: appended to, and locked (UPDATE; the triggers refuse any update); never deleted from.
        f"REVOKE DELETE ON {log} FROM {writer}",
        f"REVOKE UPDATE, DELETE ON {chain} FROM {writer}",
        f'GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA "{schema}" TO {writer}',
    ):
        tx.execute(statement)
