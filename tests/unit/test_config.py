import pytest

from adapters.config import parse_store_url
from adapters.errors import ConfigError


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
        ("postgresql://u@h/d?sslmode=require", "unknown URL option 'sslmode'"),
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
