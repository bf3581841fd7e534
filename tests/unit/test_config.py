import pytest
from sitlog.adapters.config import parse_store_url
from sitlog.adapters.errors import ConfigError


def test_sqlite_url_follows_the_three_and_four_slash_convention():
    assert str(parse_store_url("sqlite:///relative/log.db").path) == "relative/log.db"
    assert str(parse_store_url("sqlite:////var/lib/sitlog.db").path) == "/var/lib/sitlog.db"


def test_postgres_url_with_defaults():
    config = parse_store_url("postgresql://desk@db.example:6543/incidents")
    assert (config.user, config.host, config.port, config.dbname, config.schema) == (
        "desk", "db.example", 6543, "incidents", "sitlog",
    )


def test_postgres_schema_option():
    assert parse_store_url("postgresql://u@h/d?schema=desk_a").schema == "desk_a"


def test_password_is_masked_everywhere_it_could_be_printed():
    config = parse_store_url("postgresql://desk:hunter2@h:5432/d")
    assert config.password == "hunter2"
    assert "hunter2" not in config.masked_url
    assert "desk:***@h:5432/d" in config.masked_url


@pytest.mark.parametrize(
    ("url", "fragment"),
    [
        ("mysql://u@h/d", "is not a store URL"),
        ("postgresql://u@h/", "needs a host and a database name"),
        ("postgresql://u@h/d?schema=Bad-Name", "schema 'Bad-Name'"),
        ("postgresql://u@h/d?sslmod=require", "unknown URL option 'sslmod'"),
        ("postgresql://u@h:notaport/d", "bad port"),
        ("sqlite://", "is not an SQLite URL"),
    ],
)
def test_bad_urls_are_refused_with_the_field_named(url, fragment):
    with pytest.raises(ConfigError, match=fragment) as caught:
        parse_store_url(url)
    assert str(caught.value).startswith("db: ")


def test_a_bad_url_never_echoes_its_password():
    with pytest.raises(ConfigError) as caught:
        parse_store_url("mysql://u:topsecret@h/d")
    assert "topsecret" not in str(caught.value)


# Passwords as people type them into URLs: with the characters that end a part of a URL, and
# percent-escaped. Each is the password, is never printed, and the error is the right one.
PASSWORDS = {
    "S3cr3t-Pa55/x": "S3cr3t-Pa55/x",
    "pa#ss": "pa#ss",
    "pa?ss=1": "pa?ss=1",
    "p@ss@word": "p@ss@word",
    "pa:ss:wd": "pa:ss:wd",
    "p%2Fa%40s%23s%3F": "p/a@s#s?",
    "a/b#c?d@e:f": "a/b#c?d@e:f",
}


@pytest.mark.parametrize("typed", PASSWORDS)
def test_a_password_with_url_delimiters_is_the_password_and_is_never_shown(typed):
    url = f"postgresql://postgres:{typed}@127.0.0.1:5999/test?schema=desk"
    config = parse_store_url(url)
    assert (config.user, config.password, config.host, config.port, config.dbname, config.schema) == (
        "postgres", PASSWORDS[typed], "127.0.0.1", 5999, "test", "desk")
    assert config.masked_url == "postgresql://postgres:***@127.0.0.1:5999/test?schema=desk"


@pytest.mark.parametrize("typed", PASSWORDS)
@pytest.mark.parametrize(("tail", "error"), [
    ("@127.0.0.1:99999/test", "bad port in 'postgresql://postgres:***@127.0.0.1:99999/test'"),
    ("@127.0.0.1:port/test", "bad port in 'postgresql://postgres:***@127.0.0.1:port/test'"),
    ("@127.0.0.1:5432/", "'postgresql://postgres:***@127.0.0.1:5432/' needs a host and a database name"),
    ("@/test", "'postgresql://postgres:***@/test' needs a host and a database name"),
])
def test_a_bad_url_with_such_a_password_names_the_fault_and_hides_the_password(typed, tail, error):
    with pytest.raises(ConfigError) as caught:
        parse_store_url(f"postgresql://postgres:{typed}{tail}")
    assert str(caught.value) == f"db: {error}"
    for secret in {typed, PASSWORDS[typed], *PASSWORDS[typed].split("/"), *typed.split("/")} - {""}:
        if len(secret) > 2:
            assert secret not in str(caught.value).replace("127.0.0.1", "")
