"""The JSON API: ``GET /api/...``, each answer a read model serialised as the CLI's ``--format json``
prints it (the model's own JSON, so both front ends give the same), and ``GET /healthz``.

Every route parses its parameters (``params.py``), asks the read facade one question and returns
the model's JSON; FastAPI knows each route's model (``response_model``) for the OpenAPI document.
"""

from typing import Annotated

from fastapi import APIRouter, Query, Request
from fastapi.responses import JSONResponse, Response
from pydantic import BaseModel
from sitlog.adapters.read_models.attacks import AttackDetail, AttackListing
from sitlog.adapters.read_models.digest import DailyDigest
from sitlog.adapters.read_models.entries import EntryListing, EntryShown
from sitlog.adapters.read_models.estimates import EstimateListing, SeriesDetail
from sitlog.adapters.read_models.exchanges import ExchangeListing, ExchangeShown
from sitlog.adapters.read_models.health import ReadSideHealth
from sitlog.adapters.read_models.negotiations import NegotiationDetail, NegotiationListing
from sitlog.adapters.read_models.state import StateReport
from sitlog.adapters.read_models.trends import TrendsReport
from sitlog.domain.errors import SitlogError
from sitlog.web import params as p
from sitlog.web.errors import one_line
from sitlog.web.reads import Reads

router = APIRouter()

AsOf = Annotated[str | None, Query(description="What was true up to this date (YYYY-MM-DD), as known now.")]
KnownAt = Annotated[str | None, Query(description="What the log said at this moment (ISO 8601; no offset: "
                                                  "Kyiv time; a bare date: the end of that day in Kyiv).")]
History = Annotated[bool, Query(description="Also every event, with its record time and operator.")]
From = Annotated[str | None, Query(alias="from", description="On or after this date (YYYY-MM-DD).")]
To = Annotated[str | None, Query(alias="to", description="On or before this date (YYYY-MM-DD).")]
NEGOTIATION_STATUSES = ("open", "suspended", "concluded")
EXCHANGE_STATUSES = ("agreed", "postponed", "completed", "cancelled")
ENTRY_CATEGORIES = ("diplomacy", "military", "humanitarian", "political", "other")


def reads(request: Request) -> Reads:
    found = request.app.state.reads
    assert isinstance(found, Reads)
    return found


def as_json(model: BaseModel) -> Response:
    return Response(model.model_dump_json(), media_type="application/json")


@router.get("/api/state", response_model=StateReport, summary="The whole picture (sitlog state)")
async def state(request: Request, as_of: AsOf = None, known_at: KnownAt = None) -> Response:
    day, moment = p.day(as_of, "as_of"), p.moment(known_at)
    answer = await reads(request).ask(lambda reader: reader.state(day, moment))
    return Response(reads(request).json(answer), media_type="application/json")


@router.get("/api/attacks", response_model=AttackListing, summary="Attacks by date (sitlog attack list)")
async def attacks(request: Request,
                  date_from: From = None,
                  date_to: To = None,
                  attacker: Annotated[str | None, Query(description="Only this attacker's, e.g. russia.")]
                  = None,
                  as_of: AsOf = None, known_at: KnownAt = None) -> Response:
    start, end = p.day(date_from, "from"), p.day(date_to, "to")
    who, day, moment = p.text(attacker, "attacker"), p.day(as_of, "as_of"), p.moment(known_at)
    return as_json(await reads(request).ask(lambda reader: reader.attacks(
        date_from=start, date_to=end, attacker=who, as_of=day, known_at=moment)))


@router.get("/api/attacks/{reference:path}", response_model=AttackDetail,
            summary="One attack, per source (sitlog attack show)")
async def attack(request: Request, reference: str, history: History = False, as_of: AsOf = None,
                 known_at: KnownAt = None) -> Response:
    ref, day, moment = p.text(reference, "reference") or "", p.day(as_of, "as_of"), p.moment(known_at)
    return as_json(await reads(request).ask(lambda reader: reader.attack(
        ref, as_of=day, known_at=moment, with_history=history)))


@router.get("/api/negotiations", response_model=NegotiationListing,
            summary="Every negotiation (sitlog negotiation list)")
async def negotiations(request: Request,
                       status: Annotated[str | None, Query(description=" | ".join(NEGOTIATION_STATUSES))]
                       = None,
                       as_of: AsOf = None, known_at: KnownAt = None) -> Response:
    which = p.one_of(status, "status", NEGOTIATION_STATUSES)
    day, moment = p.day(as_of, "as_of"), p.moment(known_at)
    return as_json(await reads(request).ask(lambda reader: reader.negotiations(
        status=which, as_of=day, known_at=moment)))


@router.get("/api/negotiations/{slug}", response_model=NegotiationDetail,
            summary="One negotiation (sitlog negotiation show)")
async def negotiation(request: Request, slug: str, history: History = False, as_of: AsOf = None,
                      known_at: KnownAt = None) -> Response:
    name, day, moment = p.text(slug, "slug") or "", p.day(as_of, "as_of"), p.moment(known_at)
    return as_json(await reads(request).ask(lambda reader: reader.negotiation(
        name, as_of=day, known_at=moment, with_history=history)))


@router.get("/api/exchanges", response_model=ExchangeListing,
            summary="Every exchange (sitlog exchange list)")
async def exchanges(request: Request,
                    status: Annotated[str | None, Query(description=" | ".join(EXCHANGE_STATUSES))] = None,
                    negotiation: Annotated[str | None, Query(description="Only this negotiation's.")] = None,
                    as_of: AsOf = None, known_at: KnownAt = None) -> Response:
    which, of = p.one_of(status, "status", EXCHANGE_STATUSES), p.text(negotiation, "negotiation")
    day, moment = p.day(as_of, "as_of"), p.moment(known_at)
    return as_json(await reads(request).ask(lambda reader: reader.exchanges(
        status=which, negotiation=of, as_of=day, known_at=moment)))


@router.get("/api/exchanges/{reference:path}", response_model=ExchangeShown,
            summary="One exchange (sitlog exchange show)")
async def exchange(request: Request, reference: str, history: History = False, as_of: AsOf = None,
                   known_at: KnownAt = None) -> Response:
    ref, day, moment = p.text(reference, "reference") or "", p.day(as_of, "as_of"), p.moment(known_at)
    return as_json(await reads(request).ask(lambda reader: reader.exchange(
        ref, as_of=day, known_at=moment, with_history=history)))


@router.get("/api/estimates", response_model=EstimateListing | SeriesDetail,
            summary="Casualty estimates: every series (sitlog estimate list), or one (sitlog estimate show)")
async def estimates(request: Request,
                    series: Annotated[str | None, Query(description="One series, SUBJECT/MEASURE: its "
                                                                    "sources over time.")] = None,
                    subject: Annotated[str | None, Query(description="Without series: only this "
                                                                     "subject.")] = None,
                    published_by: Annotated[str | None, Query(description="Only this source.")] = None,
                    as_of: AsOf = None, known_at: KnownAt = None) -> Response:
    one, about = p.text(series, "series"), p.text(subject, "subject")
    source, day, moment = p.text(published_by, "published_by"), p.day(as_of, "as_of"), p.moment(known_at)
    if one is not None:
        return as_json(await reads(request).ask(lambda reader: reader.series(
            one, source=source, as_of=day, known_at=moment)))
    return as_json(await reads(request).ask(lambda reader: reader.estimates(
        subject=about, source=source, as_of=day, known_at=moment)))


@router.get("/api/entries", response_model=EntryListing, summary="Log entries (sitlog entry list)")
async def entries(request: Request,
                  date_from: From = None,
                  date_to: To = None,
                  category: Annotated[str | None, Query(description=" | ".join(ENTRY_CATEGORIES))] = None,
                  source: Annotated[str | None, Query(description="Only this source's.")] = None,
                  as_of: AsOf = None, known_at: KnownAt = None) -> Response:
    start, end = p.day(date_from, "from"), p.day(date_to, "to")
    which, said_by = p.one_of(category, "category", ENTRY_CATEGORIES), p.text(source, "source")
    day, moment = p.day(as_of, "as_of"), p.moment(known_at)
    return as_json(await reads(request).ask(lambda reader: reader.entries(
        date_from=start, date_to=end, category=which, source=said_by, as_of=day, known_at=moment)))


@router.get("/api/entries/{reference}", response_model=EntryShown,
            summary="One log entry (sitlog entry show)")
async def entry(request: Request, reference: str, history: History = False, as_of: AsOf = None,
                known_at: KnownAt = None) -> Response:
    ref, day, moment = p.text(reference, "reference") or "", p.day(as_of, "as_of"), p.moment(known_at)
    return as_json(await reads(request).ask(lambda reader: reader.entry(
        ref, as_of=day, known_at=moment, with_history=history)))


@router.get("/api/digest/{date}", response_model=DailyDigest, summary="The daily digest (sitlog digest)")
async def digest(request: Request, date: str, known_at: KnownAt = None) -> Response:
    day, moment = p.day(date, "date"), p.moment(known_at)
    return as_json(await reads(request).ask(lambda reader: reader.digest(day, known_at=moment)))


@router.get("/api/trends", response_model=TrendsReport,
            summary="The 90 nights up to a day per attacker and category; the estimate series over time")
async def trends(request: Request,
                 end: Annotated[str | None, Query(description="The last night (default: today in Kyiv).")]
                 = None,
                 known_at: KnownAt = None) -> Response:
    day, moment = p.day(end, "end"), p.moment(known_at)
    return as_json(await reads(request).ask(lambda reader: reader.trends(day, known_at=moment)))


@router.get("/healthz", response_model=ReadSideHealth,
            summary="Whether the store answers, and each projection's lag (503 when not healthy)")
async def healthz(request: Request,
                  max_lag: Annotated[int | None, Query(ge=0, description="Unhealthy (lagging) when a "
                                                                         "projection is more events "
                                                                         "behind than this.")] = None,
                  ) -> Response:
    try:
        health = await reads(request).ask(lambda reader: reader.health(max_lag))
    except Exception as error:
        from sitlog.adapters.store import describe_store_error

        reason = str(error) if isinstance(error, SitlogError) else describe_store_error(error)
        health = ReadSideHealth(status="unavailable", store=None, projections=[], replica=False,
                                replica_lag_seconds=None, error=one_line(reason or type(error).__name__))
    code = 200 if health.status == "ok" else 503
    return JSONResponse(health.model_dump(mode="json"), status_code=code)
