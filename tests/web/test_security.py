"""Who may read, and what no response ever shows: the token rule, no CORS, no trace and no
password whatever the query, and a store that cannot be reached."""

import itertools
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from tests.conftest import Sitlog
from tests.web.conftest import TOKEN, client_of

PASSWORD = "pa55-Word-never-shown"


def test_with_a_token_every_request_needs_it(sitlog: Sitlog):
    with client_of(sitlog.url, token=TOKEN) as client:
        for path in ("/api/state", "/healthz", "/", "/trends", "/api/docs", "/api/openapi.json", "/nowhere"):
            for headers in ({}, {"Authorization": "Bearer wrong"}, {"Authorization": f"bearer {TOKEN}"},
                            {"Authorization": TOKEN}, {"Authorization": f"Bearer {TOKEN}x"},
                            {"Authorization": f"Basic {TOKEN}"}):
                refused = client.get(path, headers=headers)
                assert refused.status_code == 401, (path, headers)
                assert refused.json() == {"error": "unauthorised: send Authorization: Bearer <token>"}
                assert refused.headers["www-authenticate"] == 'Bearer realm="sitlog"'
        assert client.get("/api/state", headers={"Authorization": f"Bearer {TOKEN}"}).status_code == 200
        assert client.get("/healthz", headers={"Authorization": f"Bearer {TOKEN}"}).status_code == 200


def test_without_a_token_the_server_stays_on_this_machine(sitlog: Sitlog, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.delenv("SITLOG_API_TOKEN", raising=False)
    for host in ("0.0.0.0", "192.168.1.20", "::", "desk.example.org"):
        ran = sitlog(["serve", "--host", host])
        assert ran.exit_code == 1
        assert ran.stderr == (f"error: host: {host!r} is not a loopback address: set SITLOG_API_TOKEN so "
                              "that every request must carry it (Authorization: Bearer <token>)\n")
    monkeypatch.setenv("SITLOG_API_TOKEN", "short")
    ran = sitlog(["serve", "--host", "0.0.0.0"])
    assert (ran.exit_code, ran.stderr) == (
        1, "error: SITLOG_API_TOKEN: the token must be at least 16 printable ASCII characters\n")
    monkeypatch.delenv("SITLOG_API_TOKEN")
    ran = sitlog(["serve", "--port", "0"])
    assert ran.exit_code == 2 and "Invalid value for '--port'" in ran.stderr


def test_loopback_addresses():
    from sitlog.web.security import is_loopback

    assert all(map(is_loopback, ("127.0.0.1", "127.0.1.1", "::1", "[::1]", "localhost")))
    assert not any(map(is_loopback, ("0.0.0.0", "::", "10.0.0.1", "example.org", "")))


def test_no_cors(client: TestClient):
    origin = {"Origin": "https://elsewhere.example"}
    assert "access-control-allow-origin" not in client.get("/api/state", headers=origin).headers
    preflight = client.options("/api/state", headers={**origin, "Access-Control-Request-Method": "GET"})
    assert preflight.status_code == 405
    assert not any(name.startswith("access-control-") for name in preflight.headers)


_VALUES = [
    "", " ", "'", '"', "' OR 1=1 --", "1; DROP TABLE attacks", "%00", "\x00", "\u202e", "😀" * 10,
    "a" * 5000, "../../etc/passwd", "{{7*7}}", "${jndi:ldap://x}", "%s%s%s%n", "<script>alert(1)</script>",
    "9999-12-31T23:59:59-23:59", "0001-01-01T00:00:00+14:00", "2026-02-30", "2026-02-05T25:00", "-1",
    "99999999999999999999999", "1e308", "NaN", "true", "null", "[]", "{}", "2026-02-05/../../x",
    "\r\nX-Injected: 1", "%ff%fe", "\udcff",
]
_QUERIES = [
    "/api/state?as_of={v}", "/api/state?known_at={v}", "/api/attacks?from={v}&to={v}",
    "/api/attacks?attacker={v}",
    "/api/attacks/{v}", "/api/attacks/2026-02-05/russia?history={v}", "/api/negotiations?status={v}",
    "/api/negotiations/{v}", "/api/exchanges?negotiation={v}", "/api/exchanges/{v}?as_of={v}",
    "/api/estimates?series={v}&published_by={v}", "/api/estimates?subject={v}", "/api/entries?category={v}",
    "/api/entries/{v}", "/api/digest/{v}", "/api/digest/2026-02-05?known_at={v}", "/api/trends?end={v}",
    "/healthz?max_lag={v}", "/digest/{v}", "/digest?date={v}&known_at={v}", "/trends?known_at={v}",
    "/attacks/{v}", "/negotiations/{v}", "/exchanges/{v}", "/?known_at={v}",
]


def _hostile() -> list[str]:
    """200 requests: each kind of hostile value in each place a value goes, cycled."""
    from urllib.parse import quote

    pairs = zip(itertools.cycle(_QUERIES), itertools.chain.from_iterable(itertools.repeat(_VALUES)))
    return [query.format(v=quote(value, safe="", errors="surrogatepass")) for query, value
            in itertools.islice(pairs, 200)]


def test_no_response_to_hostile_queries_shows_a_trace_or_the_password(shared_morning: Sitlog):
    url = shared_morning.url.replace("postgresql://postgres@", f"postgresql://postgres:{PASSWORD}@")
    assert url != shared_morning.url or url.startswith("sqlite")
    queries = _hostile()
    assert len(set(queries)) == 200
    statuses = set()
    with client_of(url) as client:
        for query in queries:
            response = client.get(query, follow_redirects=False)
            statuses.add(response.status_code)
            assert response.status_code in (200, 303, 307, 404, 422), (query, response.text[:300])
            shown = response.text + "".join(f"{k}: {v}" for k, v in response.headers.items())
            assert "Traceback" not in shown and 'File "' not in shown, query
            assert PASSWORD not in shown, query
            if response.status_code >= 400 and query.startswith(("/api/", "/healthz")):
                [message] = response.json().values()
                assert "\n" not in message and len(message) < 400, query
    assert {200, 404, 422} <= statuses


@pytest.mark.parametrize("url", [
    f"postgresql://desk:{PASSWORD}@127.0.0.1:1/test",
    "sqlite:///{tmp}/a-file/sitlog.db",
])
def test_a_store_that_cannot_be_read_is_a_503(url: str, tmp_path: Path):
    (tmp_path / "a-file").write_text("not a folder")
    with client_of(url.format(tmp=tmp_path)) as client:
        health = client.get("/healthz")
        assert health.status_code == 503
        assert health.json()["status"] == "unavailable"
        assert health.json()["error"].startswith(("cannot connect to PostgreSQL at 127.0.0.1:1/test: ",
                                                  "cannot open SQLite store at "))
        for path in ("/api/state", "/api/digest/2026-02-05", "/", "/trends"):
            response = client.get(path)
            assert response.status_code == 503, path
            assert PASSWORD not in response.text and "Traceback" not in response.text


@pytest.mark.postgres
def test_a_postgresql_store_not_initialised_is_a_503(pg_prefix: str):
    from tests.conftest import PG_URL

    with client_of(f"{PG_URL}?schema={pg_prefix}_never_initialised") as client:
        health = client.get("/healthz")
        assert health.status_code == 503
        assert "run `sitlog init` first" in health.json()["error"]


def test_an_unexpected_failure_is_a_500_of_one_line_and_the_server_goes_on(sitlog: Sitlog, caplog):
    from sitlog.adapters.config import parse_store_url
    from sitlog.adapters.store import open_store

    sitlog.ok("attack record --date 2026-02-05 --attacker russia --source UAF --launched shahed=10")
    with client_of(sitlog.url) as client:
        assert client.get("/api/attacks").status_code == 200
        with open_store(parse_store_url(sitlog.url), "tester") as store, store.db.transaction() as tx:
            tx.execute("ALTER TABLE attacks RENAME TO attacks_away")  # a read table broken from outside
        broken = client.get("/api/attacks")
        assert broken.status_code == 500
        assert broken.json() == {"error": "internal error: the server could not answer (see its log)"}
        assert client.get("/attacks/2026-02-05/russia").status_code == 500  # a page: the same, as a page
        [logged, *_] = [r.getMessage() for r in caplog.records if r.name == "sitlog.web"]
        assert logged.startswith("error: GET /api/attacks: unexpected ") and "\n" not in logged
        with open_store(parse_store_url(sitlog.url), "tester") as store, store.db.transaction() as tx:
            tx.execute("ALTER TABLE attacks_away RENAME TO attacks")
        assert client.get("/api/attacks").status_code == 200  # the next read opens the store anew
