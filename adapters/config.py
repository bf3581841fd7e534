"""Configuration: the --db URL, turned into the library's environment; password masking."""

import getpass
import json
import os
import re
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import parse_qs, unquote, urlsplit

from sitlog.adapters.errors import ConfigError

DEFAULT_SCHEMA = "sitlog"
_IDENTIFIER = re.compile(r"[a-z_][a-z0-9_]{0,62}")
# libpq's connection parameters a URL may carry besides schema=NAME, passed to every connection
# (sitlog's own and the event store's): TLS, timeouts, the name in pg_stat_activity, keepalives.
LIBPQ_PARAMS = frozenset({
    "sslmode", "sslrootcert", "sslcert", "sslkey", "sslpassword", "sslcrl", "sslcrldir", "sslsni",
    "sslnegotiation", "ssl_min_protocol_version", "ssl_max_protocol_version", "channel_binding",
    "require_auth", "gssencmode", "krbsrvname", "connect_timeout", "application_name", "keepalives",
    "keepalives_idle", "keepalives_interval", "keepalives_count", "tcp_user_timeout",
    "target_session_attrs", "passfile",
})
_SECRET_PARAMS = frozenset({"sslpassword"})
CONNECT_TIMEOUT = "5"  # seconds, unless the URL says connect_timeout=N


@dataclass(frozen=True)
class StoreConfig:
    """Where the log lives: an SQLite file, or a schema in a PostgreSQL database."""

    kind: str  # "sqlite" or "postgresql"
    path: Path | None = None
    host: str = "127.0.0.1"
    port: int = 5432
    user: str = ""
    password: str = ""
    dbname: str = ""
    schema: str = DEFAULT_SCHEMA
    params: tuple[tuple[str, str], ...] = ()  # libpq parameters from the URL (LIBPQ_PARAMS)

    @property
    def is_postgres(self) -> bool:
        return self.kind == "postgresql"

    @property
    def masked_url(self) -> str:
        """The URL with any password replaced by ***, safe to print or log."""
        if not self.is_postgres:
            return f"sqlite:///{self.path}"
        secret = ":***" if self.password else ""
        params = "".join(f"&{k}={'***' if k in _SECRET_PARAMS else v}" for k, v in self.params)
        return (
            f"postgresql://{self.user}{secret}@{self.host}:{self.port}/{self.dbname}"
            f"?schema={self.schema}{params}"
        )

    @property
    def connect_params(self) -> dict[str, str]:
        """The libpq parameters every connection takes (a connect timeout always)."""
        return {"connect_timeout": CONNECT_TIMEOUT, **dict(self.params)}

    @property
    def location(self) -> str:
        if not self.is_postgres:
            return str(self.path)
        return f"{self.host}:{self.port}/{self.dbname}"

    def library_env(self, create_tables: bool = False) -> dict[str, str]:
        """Settings for the eventsourcing library (passed explicitly, never via os.environ)."""
        from sitlog.adapters.cipher import library_settings

        env = {
            "MAPPER_TOPIC": "sitlog.adapters.mapper:PydanticMapper",
            "TRANSCODER_TOPIC": "sitlog.adapters.mapper:JSONBytes",
            "CREATE_TABLE": "y" if create_tables else "n",
            # Snapshots of the aggregates whose histories grow long (adapters/snapshots.py).
            "IS_SNAPSHOTTING_ENABLED": "y",
            **library_settings(),  # SITLOG_CIPHER_KEY: encryption at rest (adapters/cipher.py)
        }
        # Recorders that chain each event they insert, in its transaction (adapters/chain.py).
        if not self.is_postgres:
            return env | {
                "PERSISTENCE_MODULE": "sitlog.adapters.sqlite_factory:SQLiteFactory",
                "SQLITE_DBNAME": str(self.path),
                "APPLICATION_RECORDER_TOPIC": "sitlog.adapters.chained_sqlite:ChainedSQLiteRecorder",
            }
        return env | {
            "PERSISTENCE_MODULE": "sitlog.adapters.pg_factory:PostgresFactory",
            "SITLOG_PG_PARAMS": json.dumps(self.connect_params),
            "APPLICATION_RECORDER_TOPIC": "sitlog.adapters.chained_postgres:ChainedPostgresRecorder",
            "POSTGRES_DBNAME": self.dbname,
            "POSTGRES_HOST": self.host,
            "POSTGRES_PORT": str(self.port),
            "POSTGRES_USER": self.user,
            "POSTGRES_PASSWORD": self.password,
            "POSTGRES_SCHEMA": self.schema,
            "POSTGRES_CONNECT_TIMEOUT": self.connect_params["connect_timeout"],
            # A CLI process is short-lived and single-threaded: one connection is enough.
            "POSTGRES_POOL_SIZE": "1",
            "POSTGRES_MAX_OVERFLOW": "1",
        }


def default_store_path() -> Path:
    """The embedded store's file in the user's data directory (created on first use)."""
    from platformdirs import user_data_dir

    return Path(user_data_dir("sitlog")) / "sitlog.db"


def default_store_url() -> str:
    return f"sqlite:///{default_store_path()}"


def default_operator() -> str:
    try:
        return getpass.getuser()
    except Exception:  # no user name in a bare container: still record something honest
        return os.environ.get("USER", "unknown")


def parse_store_url(url: str) -> StoreConfig:
    """``sqlite:///path.db`` or ``postgresql://user[:password]@host[:port]/db[?schema=NAME]``."""
    url = url.strip()
    parts = urlsplit(url)
    if parts.scheme == "sqlite":
        # SQLAlchemy's convention: sqlite:///relative.db, sqlite:////absolute/path.db
        path = unquote(parts.path)[1:]
        if parts.netloc or not path:
            raise ConfigError(f"db: {url!r} is not an SQLite URL (expected sqlite:///path/to/file.db)")
        return StoreConfig(kind="sqlite", path=Path(path))
    if parts.scheme in ("postgresql", "postgres"):
        return _parse_postgres(url)
    raise ConfigError(
        f"db: {_mask(url)!r} is not a store URL (expected sqlite:///FILE or postgresql://USER@HOST/DB)"
    )


# scheme://[userinfo@]host[:port]/db[?query]. The user information runs to the last "@" that is
# followed by a host and a database: a password typed with "/", "#", "?", "@" or ":" unescaped
# is still the password (a URL parser would end it at the first "/", and print the rest).
_POSTGRES = re.compile(
    r"(?P<scheme>[a-z]+)://(?:(?P<userinfo>.*)@)?(?P<host>[^@/?#]*)(?P<path>/[^?#@]+)(?:\?(?P<query>[^@#]*))?",
    re.DOTALL)


def _parse_postgres(url: str) -> StoreConfig:
    match = _POSTGRES.fullmatch(url)
    if not match:
        raise ConfigError(f"db: {_mask(url)!r} needs a host and a database name")
    user, _, password = (match["userinfo"] or "").partition(":")
    hostport = urlsplit(f"//{match['host']}")
    try:
        port = hostport.port or 5432
    except ValueError:
        raise ConfigError(f"db: bad port in {_mask(url)!r}") from None
    dbname = unquote(match["path"].lstrip("/"))
    if not hostport.hostname or not dbname:
        raise ConfigError(f"db: {_mask(url)!r} needs a host and a database name")
    query = parse_qs(match["query"] or "", keep_blank_values=True)
    unknown = set(query) - {"schema"} - LIBPQ_PARAMS
    if unknown:
        raise ConfigError(
            f"db: unknown URL option {sorted(unknown)[0]!r} (known: schema=NAME and libpq's "
            "sslmode, sslrootcert, sslcert, sslkey, connect_timeout, application_name, keepalives..., "
            "target_session_attrs, ...)"
        )
    repeated = sorted(name for name, values in query.items() if len(values) > 1)
    if repeated:
        raise ConfigError(f"db: URL option {repeated[0]!r} is given twice")
    timeout = query.get("connect_timeout", ["5"])[0]
    if not timeout.isdigit():
        raise ConfigError(f"db: connect_timeout={timeout!r} is not a number of seconds")
    schema = query.get("schema", [DEFAULT_SCHEMA])[0]
    if not _IDENTIFIER.fullmatch(schema):
        raise ConfigError(f"db: schema {schema!r} must be a lower-case SQL identifier")
    return StoreConfig(
        kind="postgresql",
        host=hostport.hostname,
        port=port,
        user=unquote(user) or default_operator(),
        password=unquote(password),
        dbname=dbname,
        schema=schema,
        params=tuple((name, values[0]) for name, values in query.items() if name != "schema"),
    )


def _mask(url: str) -> str:
    """``url`` as it may be printed: any password replaced by ***, found as ``_parse_postgres``
    finds it (or, in a URL it cannot parse, everything between "//" and the last "@")."""
    match = _POSTGRES.fullmatch(url)
    if match and match["userinfo"] is not None:
        start, end = match.span("userinfo")
    else:
        scheme_end, at = url.find("//"), url.rfind("@")
        if scheme_end < 0 or at < scheme_end:
            return url
        start, end = scheme_end + 2, at
    user, colon, _ = url[start:end].partition(":")
    return f"{url[:start]}{user}{':***' if colon else ''}{url[end:]}"
