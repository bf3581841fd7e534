"""The dashboard's pages, server-rendered: the digest of a day with its controls and links, the
trends, and the show of each record with its history; nothing fetched from anywhere."""

import re

from fastapi.testclient import TestClient


def _self_contained(html: str) -> None:
    assert "<script" not in html and "<link" not in html
    assert not re.search(r'(src|href)="(https?:)?//', html)  # nothing from another host


def test_the_digest_of_a_day_with_its_controls_and_links(client: TestClient):
    page = client.get("/digest/2026-02-05")
    assert page.status_code == 200 and page.headers["content-type"].startswith("text/html")
    html = page.text
    _self_contained(html)
    assert '<input type="date" name="date" value="2026-02-05">' in html
    assert 'name="known_at"' in html
    for link in ('href="/attacks/2026-02-05/russia"', 'href="/attacks/2026-02-05/ukraine"',
                 'href="/negotiations/us-brokered-talks"', 'href="/exchanges/2026-02-05"'):
        assert link in html
    assert "<svg" in html and 'id="chart-title"' in html  # the digest's chart, inline
    for fact in ("183 → 180", "314 prisoners", "Abu Dhabi", "detailed and productive"):
        assert fact in html
    assert client.get("/").status_code == 200  # today's


def test_the_date_picker_leads_to_the_day_as_known_then(client: TestClient):
    picked = client.get("/digest", params={"date": "2026-02-05", "known_at": "2026-02-05T09:00"},
                        follow_redirects=False)
    assert picked.status_code == 303
    assert picked.headers["location"] == "/digest/2026-02-05?known_at=2026-02-05T09%3A00"
    before = client.get(picked.headers["location"]).text
    assert "183 → 180" not in before and "<td class=\"n\">183</td>" in before  # before the correction
    assert client.get("/digest", params={"date": "5 Feb"}).status_code == 422


def test_the_trends(client: TestClient):
    page = client.get("/trends", params={"end": "2026-02-05"})
    assert page.status_code == 200
    html = page.text
    _self_contained(html)
    assert 'id="nights-title"' in html and 'id="estimates-title"' in html
    assert "russia, attack-drone: Ukrainian Air Force" in html  # a panel's title, as text
    assert "ukraine-military/killed" in html and "CSIS" in html and "Volodymyr Zelenskyy" in html
    assert "Nights from 2025-11-08 to 2026-02-05" in html


def test_each_record_with_its_history(client: TestClient):
    attack = client.get("/attacks/2026-02-05/russia").text
    _self_contained(attack)
    assert "Attack.FiguresCorrected" in attack and "the air force revised its post" in attack
    negotiation = client.get("/negotiations/us-brokered-talks").text
    assert "Negotiation: US-brokered Russia-Ukraine talks" in negotiation
    assert "Negotiation.RoundHeld" in negotiation
    exchange = client.get("/exchanges/2026-02-05").text
    assert "Prisoner exchange 2026-02-05" in exchange and "PrisonerExchange.Agreed" in exchange
    assert client.get("/exchanges/2030-01-01").status_code == 404


def test_what_a_page_shows_of_a_request_is_escaped(sitlog):
    from tests.web.conftest import client_of

    with client_of(sitlog.url) as client:
        page = client.get("/negotiations/<script>alert(1)")
    assert page.status_code == 422
    assert "&lt;script&gt;alert(1)" in page.text
    assert "<script" not in page.text
