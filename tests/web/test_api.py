"""The JSON API against a real store on both backends: every endpoint answers with the JSON the
CLI prints with ``--format json`` (one read model, two front ends), and the ways a request fails."""

import json
from datetime import date

import pytest
from fastapi.testclient import TestClient

from tests.conftest import Sitlog

KNOWN_AT = "2026-02-05T12:00:00+02:00"

# (the API's path, the same question to the CLI)
SAME_ANSWERS = [
    ("/api/state?as_of=2026-02-05", "state --as-of 2026-02-05"),
    (f"/api/state?as_of=2026-02-05&known_at={KNOWN_AT.replace('+', '%2B')}",
     f"state --as-of 2026-02-05 --known-at {KNOWN_AT}"),
    ("/api/attacks", "attack list"),
    ("/api/attacks?from=2026-02-01&to=2026-02-05&attacker=russia",
     "attack list --from 2026-02-01 --to 2026-02-05 --attacker russia"),
    ("/api/attacks/2026-02-05/russia", "attack show 2026-02-05/russia"),
    ("/api/attacks/2026-02-05/russia?history=true", "attack show 2026-02-05/russia --history"),
    ("/api/attacks/2026-02-05/russia?known_at=2026-02-05T09:00", "attack show 2026-02-05/russia "
                                                                 "--known-at 2026-02-05T09:00"),
    ("/api/negotiations", "negotiation list"),
    ("/api/negotiations?status=open&as_of=2026-02-05", "negotiation list --status open --as-of 2026-02-05"),
    ("/api/negotiations/us-brokered-talks?history=true", "negotiation show us-brokered-talks --history"),
    ("/api/exchanges", "exchange list"),
    ("/api/exchanges?status=completed", "exchange list --status completed"),
    ("/api/exchanges/2026-02-05", "exchange show 2026-02-05"),
    ("/api/exchanges/2025-08-29?history=true", "exchange show 2025-08-29 --history"),
    ("/api/estimates", "estimate list"),
    ("/api/estimates?published_by=CSIS", "estimate list --source CSIS"),
    ("/api/estimates?series=ukraine-military/killed", "estimate show ukraine-military/killed"),
    ("/api/estimates?series=ukraine-military/killed&published_by=CSIS",
     "estimate show ukraine-military/killed --source CSIS"),
    ("/api/entries", "entry list"),
    ("/api/entries?category=diplomacy&from=2026-02-05", "entry list --category diplomacy --from 2026-02-05"),
    (f"/api/digest/2026-02-05?known_at={KNOWN_AT.replace('+', '%2B')}",
     f"digest 2026-02-05 --known-at {KNOWN_AT} --format json"),
]


def test_every_endpoint_answers_with_the_json_of_the_cli(shared_morning: Sitlog, client: TestClient):
    for path, command in SAME_ANSWERS:
        response = client.get(path)
        assert response.status_code == 200, (path, response.text)
        assert response.headers["content-type"] == "application/json"
        cli = shared_morning.ok(command if "--format" in command else f"{command} --format json")
        assert response.json() == json.loads(cli), path
    # An entry, by the reference the list gives.
    [entry, *_] = client.get("/api/entries").json()
    shown = client.get(f"/api/entries/{entry['reference']}?history=true")
    command = f"entry show {entry['reference']} --history --format json"
    assert shown.json() == json.loads(shared_morning.ok(command))


def test_the_digest_and_the_trends_hold_the_days_facts(client: TestClient):
    digest = client.get("/api/digest/2026-02-05").json()
    assert digest["date"] == "2026-02-05"
    # Asked again at the moment it names, it is the same digest.
    again = client.get("/api/digest/2026-02-05", params={"known_at": digest["known_at"]}).json()
    assert again == digest
    trends = client.get("/api/trends", params={"end": "2026-02-05"}).json()
    assert (trends["start"], trends["end"]) == ("2025-11-08", "2026-02-05")
    [russia, ukraine] = trends["attackers"]
    assert (russia["attacker"], russia["source"], ukraine["source"]) == (
        "russia", "Ukrainian Air Force", "Russian Ministry of Defence")
    drones = next(c for c in russia["categories"] if c["category"] == "attack-drone")
    assert drones["nights"][-1] == {"date": "2026-02-05", "launched": 180, "destroyed": 156}
    assert [n["date"] for n in drones["nights"]][:2] == ["2025-12-20", "2026-01-10"]
    [killed] = [s for s in trends["series"] if s["series"] == "ukraine-military/killed"]
    assert {line["source"]: [p["text"] for p in line["points"]] for line in killed["sources"]} == {
        "CSIS": ["<=140000"], "Volodymyr Zelenskyy": [">46000", "~55000"]}
    # Relative claims have no level to draw.
    assert all(s["series"] != "ukraine-civilians/casualties" for s in trends["series"])
    before = client.get("/api/trends", params={"end": "2026-02-05", "known_at": "2026-02-05T09:00"}).json()
    drones = next(c for c in before["attackers"][0]["categories"] if c["category"] == "attack-drone")
    assert drones["nights"][-1]["launched"] == 183  # before the correction of 09:40


def test_healthz_says_each_projections_lag(client: TestClient):
    response = client.get("/healthz")
    assert response.status_code == 200
    health = response.json()
    assert health["status"] == "ok" and health["error"] is None and health["replica"] is False
    assert {p["projection"] for p in health["projections"]} >= {"attacks", "negotiations", "exchanges"}
    assert all(p["lag"] == 0 for p in health["projections"])
    assert client.get("/healthz?max_lag=0").status_code == 200
    assert client.get("/healthz?max_lag=-1").status_code == 422


def test_a_projection_behind_the_log_is_lagging(sitlog: Sitlog):
    from sitlog.adapters.config import parse_store_url
    from sitlog.adapters.store import open_store

    from tests.web.conftest import client_of

    with client_of(sitlog.url) as client:
        assert client.get("/healthz?max_lag=0").status_code == 200
        with open_store(parse_store_url(sitlog.url), "tester") as store:  # a write, with no catch-up
            store.log.add_entry(on=date(2026, 2, 6), category="other", text="later", source="Reuters")
        lagging = client.get("/healthz?max_lag=0")
        assert lagging.status_code == 503
        assert lagging.json()["status"] == "lagging"
        assert any(p["lag"] == 1 for p in lagging.json()["projections"])
        assert client.get("/healthz").status_code == 200  # no bound asked: reachable is healthy


@pytest.mark.parametrize(("path", "error"), [
    ("/api/state?as_of=yesterday", "as_of: 'yesterday' is not a date (expected YYYY-MM-DD)"),
    ("/api/state?known_at=soon",
     "known_at: 'soon' is not an ISO 8601 timestamp (e.g. 2026-02-05T08:00+02:00)"),
    ("/api/attacks?from=2026-13-01", "from: '2026-13-01' is not a date (expected YYYY-MM-DD)"),
    ("/api/attacks/2026-02-05/russia?history=perhaps",
     "history: Input should be a valid boolean, unable to interpret input (got 'perhaps')"),
    ("/api/negotiations?status=paused", "status: 'paused' is not one of open, suspended, concluded"),
    ("/api/entries?category=weather",
     "category: 'weather' is not one of diplomacy, military, humanitarian, political, other"),
    ("/api/digest/05-02-2026", "date: '05-02-2026' is not a date (expected YYYY-MM-DD)"),
    ("/healthz?max_lag=many",
     "max_lag: Input should be a valid integer, unable to parse string as an integer (got 'many')"),
])
def test_a_bad_parameter_is_a_422_of_one_line_naming_it(sitlog: Sitlog, path: str, error: str):
    from tests.web.conftest import client_of

    with client_of(sitlog.url) as client:
        response = client.get(path)
    assert (response.status_code, response.json()) == (422, {"error": error})


def test_an_unknown_reference_is_a_404(sitlog: Sitlog):
    from tests.web.conftest import client_of

    with client_of(sitlog.url) as client:
        for path, error in [
            ("/api/attacks/2026-02-05/russia", "attack 2026-02-05/russia not found"),
            ("/api/negotiations/secret-talks", "negotiation secret-talks not found"),
            ("/api/exchanges/2026-02-05", "exchange 2026-02-05 not found"),
            ("/api/estimates?series=nobody/killed",
             "no estimates for nobody/killed (see `sitlog estimate list`)"),
            ("/api/nothing-here", "Not Found"),
        ]:
            response = client.get(path)
            assert (response.status_code, response.json()) == (404, {"error": error}), path
        assert client.get("/attacks/2026-02-05/russia").status_code == 404  # the page too
        assert "attack 2026-02-05/russia not found" in client.get("/attacks/2026-02-05/russia").text


def test_it_only_reads(client: TestClient):
    from sitlog.web import api, pages

    routes = [*api.router.routes, *pages.router.routes]
    assert len(routes) > 20
    assert {m for route in routes for m in getattr(route, "methods", None) or ()} == {"GET"}
    assert client.post("/api/state").status_code == 405
    assert client.delete("/api/attacks/2026-02-05/russia").status_code == 405


def test_the_openapi_document_names_the_read_models(client: TestClient):
    document = client.get("/api/openapi.json").json()
    paths, models = set(document["paths"]), set(document["components"]["schemas"])
    assert {"/api/state", "/api/attacks/{reference}", "/api/digest/{date}", "/healthz"} <= paths
    assert {"StateReport", "DailyDigest", "AttackDetail", "TrendsReport"} <= models
    page = client.get("/api/docs")
    assert page.status_code == 200 and "GET /api/digest/{date}" in page.text
    assert "<script" not in page.text  # rendered here, nothing fetched from a CDN


def test_the_state_asked_again_follows_the_log(sitlog: Sitlog):
    from tests.web.conftest import client_of

    path, command = "/api/state?as_of=2026-02-06", "state --as-of 2026-02-06 --format json"
    sitlog.ok('attack record --date 2026-02-06 --attacker russia --source "Ukrainian Air Force" '
              "--launched shahed=40")
    with client_of(sitlog.url) as client:
        before = client.get(path).json()
        assert client.get(path).json() == before  # the second answer is the one kept (web/reads.py)
        sitlog.ok('entry add --date 2026-02-06 --category other --source Reuters --text "later"')
        after = client.get(path).json()
        assert after != before and after == json.loads(sitlog.ok(command))
        sitlog.ok("projections rebuild")  # the tables emptied and built again: the same answer
        assert client.get(path).json() == after
