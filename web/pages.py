"""The dashboard: server-rendered pages (Jinja2), charts as inline SVG, nothing fetched from
anywhere (no scripts, fonts or style sheets from a network: desks may be offline).

- ``/`` and ``/digest/{date}``: the digest of a day (the digest's own HTML rendering), a form to
  pick the day and the moment of the log, links to the day's attacks, negotiations and exchanges;
- ``/trends``: the 90 nights per attacker and category, and the estimate series, one line a source;
- ``/attacks/{ref}``, ``/negotiations/{slug}``, ``/exchanges/{ref}``: the ``show`` of each, its
  tables as the CLI prints them, with its history of events (corrections included);
- ``/api/docs``: the API's reference, rendered from its OpenAPI document.
"""

from collections.abc import Mapping
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from fastapi.templating import Jinja2Templates
from sitlog.adapters.digest_render.html import STYLE
from sitlog.adapters.read_models.base import Section
from sitlog.web import params as p
from sitlog.web.api import reads

router = APIRouter()
templates = Jinja2Templates(directory=Path(__file__).parent / "templates")
templates.env.globals["style"] = STYLE


def page(request: Request, template: str, code: int = 200, **context: Any) -> HTMLResponse:
    return templates.TemplateResponse(request, template, context, status_code=code)


def render_error(request: Request, status: int, message: str) -> Response:
    return page(request, "error.html", status, message=message, status=status)


def _query(**values: str | None) -> str:
    given = {k: v for k, v in values.items() if v}
    return f"?{urlencode(given)}" if given else ""


@router.get("/", response_class=HTMLResponse, include_in_schema=False)
async def today(request: Request, known_at: str | None = None) -> Response:
    return await _digest_page(request, None, known_at)


@router.get("/digest", include_in_schema=False)
async def pick_a_day(date: str | None = None, known_at: str | None = None) -> Response:
    """The date picker's form: to the page of the day chosen."""
    day = p.day(date, "date")
    p.moment(known_at)  # refused here, with its message, rather than on the next page
    target = f"/digest/{day}" if day else "/"
    return RedirectResponse(target + _query(known_at=known_at), status_code=303)


@router.get("/digest/{date}", response_class=HTMLResponse, include_in_schema=False)
async def digest_of(request: Request, date: str, known_at: str | None = None) -> Response:
    return await _digest_page(request, date, known_at)


async def _digest_page(request: Request, date: str | None, known_at: str | None) -> Response:
    from sitlog.adapters.digest_render.html import render_body

    day, moment = p.day(date, "date"), p.moment(known_at)
    digest = await reads(request).ask(lambda reader: reader.digest(day, known_at=moment))
    links = ([("attack", a.reference, f"/attacks/{a.reference}") for a in digest.attacks]
             + [("negotiation", n.title, f"/negotiations/{n.slug}") for n in digest.diplomacy.negotiations]
             + [("exchange", x.reference, f"/exchanges/{x.reference}") for x in digest.exchanges])
    return page(request, "digest.html", digest=digest, body=render_body(digest), links=links,
                known_at=known_at or "", shown_at=digest.known_at.isoformat(timespec="seconds"))


@router.get("/trends", response_class=HTMLResponse, include_in_schema=False)
async def trends(request: Request, end: str | None = None, known_at: str | None = None) -> Response:
    from sitlog.adapters.digest_render.trends_chart import estimates_svg, nights_svg

    day, moment = p.day(end, "end"), p.moment(known_at)
    report = await reads(request).ask(lambda reader: reader.trends(day, known_at=moment))
    drawn = any(a.categories for a in report.attackers)
    nights = nights_svg(report.attackers, start=report.start, end=report.end) if drawn else None
    series = estimates_svg(report.series) if report.series else None
    return page(request, "trends.html", report=report, nights=nights, series=series, end=end or "",
                known_at=known_at or "")


@router.get("/attacks/{reference:path}", response_class=HTMLResponse, include_in_schema=False)
async def attack(request: Request, reference: str, as_of: str | None = None,
                 known_at: str | None = None) -> Response:
    ref, day, moment = p.text(reference, "reference") or "", p.day(as_of, "as_of"), p.moment(known_at)
    shown = await reads(request).ask(lambda reader: reader.attack(ref, as_of=day, known_at=moment,
                                                                  with_history=True))
    return _record(request, f"Attack {shown.reference}", shown.table(), f"/api/attacks/{ref}")


@router.get("/negotiations/{slug}", response_class=HTMLResponse, include_in_schema=False)
async def negotiation(request: Request, slug: str, as_of: str | None = None,
                      known_at: str | None = None) -> Response:
    name, day, moment = p.text(slug, "slug") or "", p.day(as_of, "as_of"), p.moment(known_at)
    shown = await reads(request).ask(lambda reader: reader.negotiation(name, as_of=day, known_at=moment,
                                                                       with_history=True))
    return _record(request, f"Negotiation: {shown.title}", shown.table(), f"/api/negotiations/{name}")


@router.get("/exchanges/{reference:path}", response_class=HTMLResponse, include_in_schema=False)
async def exchange(request: Request, reference: str, as_of: str | None = None,
                   known_at: str | None = None) -> Response:
    ref, day, moment = p.text(reference, "reference") or "", p.day(as_of, "as_of"), p.moment(known_at)
    shown = await reads(request).ask(lambda reader: reader.exchange(ref, as_of=day, known_at=moment,
                                                                    with_history=True))
    return _record(request, f"Prisoner exchange {shown.reference}", shown.table(), f"/api/exchanges/{ref}")


def _record(request: Request, title: str, sections: "Mapping[str, Section[Any]]", api: str) -> Response:
    tables = [(name, [column.replace("_", " ") for column in section.row.model_fields],
               [["" if v is None else str(v) for v in row.model_dump(mode="json").values()]
                for row in section.rows])
              for name, section in sections.items()]
    return page(request, "record.html", title=title, tables=tables, api=api + "?history=true")


@router.get("/api/docs", response_class=HTMLResponse, include_in_schema=False)
async def api_docs(request: Request) -> Response:
    document = request.app.openapi()
    routes = [(path, operation) for path, methods in document["paths"].items()
              for _, operation in methods.items()]
    return page(request, "api_docs.html", routes=routes, version=document["info"]["version"])
