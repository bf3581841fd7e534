"""`sitlog exchange ...`: prisoner exchanges, from agreement to completion."""

from typing import Any

import typer
from sitlog.cli.context import read, report, write
from sitlog.cli.options import (
    AS_OF,
    DATE,
    HISTORY,
    KNOWN_AT,
    SOURCE,
    SOURCE_URL,
    reason_option,
    source_of,
    when,
)
from sitlog.cli.render import FORMAT_OPTION, Format, emit, history_section, source_name
from sitlog.domain.clock import parse_date
from sitlog.domain.prisoner_exchange import ExchangeStatus, Numbers

app = typer.Typer(
    # Plain help: rich markup would read DATE/ATTACKER[/LABEL] as a closing tag and crash.
    rich_markup_mode=None,
    help="Prisoner exchanges: agreed, completed, postponed, cancelled.",
    no_args_is_help=True,
)

REFERENCE = typer.Argument(
    ..., metavar="DATE[/LABEL]",
    help="The exchange: the date of its agreement, plus a label if that day saw several (2026-02-05/second).",
)
TOTAL = typer.Option(None, "--total", metavar="N", help="Prisoners in all, both sides together.")
BY_UKRAINE = typer.Option(None, "--released-by-ukraine", metavar="N", help="Prisoners Ukraine releases.")
BY_RUSSIA = typer.Option(None, "--released-by-russia", metavar="N", help="Prisoners Russia releases.")
REASON = reason_option()


@app.command()
def agree(
    ctx: typer.Context,
    reference: str = REFERENCE,
    total: int = TOTAL,
    released_by_ukraine: int = BY_UKRAINE,
    released_by_russia: int = BY_RUSSIA,
    mediator: str = typer.Option(None, "--mediator", help="Who brokered it."),
    negotiation: str = typer.Option(None, "--negotiation", metavar="SLUG",
                                    help="The negotiation that agreed it (it must be recorded)."),
    source: str = SOURCE,
    source_url: str = SOURCE_URL,
) -> None:
    """Record an agreed exchange: a total and/or the numbers each side releases.

    Example: sitlog exchange agree 2026-02-05 --total 314 --negotiation us-brokered-talks
    --mediator "United States" --source "Steve Witkoff"
    """
    numbers = Numbers.checked(total, released_by_ukraine, released_by_russia)
    report(write(ctx, lambda store: store.log.agree_exchange(
        reference, numbers=numbers, mediator=mediator, negotiation=negotiation,
        source=source_of(source, source_url))))


@app.command()
def complete(
    ctx: typer.Context,
    reference: str = REFERENCE,
    date: str = DATE,
    total: int = TOTAL,
    released_by_ukraine: int = BY_UKRAINE,
    released_by_russia: int = BY_RUSSIA,
    source: str = SOURCE,
    source_url: str = SOURCE_URL,
) -> None:
    """Record the exchange carried out, with the numbers actually released (they may differ).

    Example: sitlog exchange complete 2026-02-05 --date 2026-02-06 --released-by-ukraine 157
    --released-by-russia 157 --source "Coordination Headquarters"
    """
    completed_on = parse_date(date)
    numbers = Numbers.checked(total, released_by_ukraine, released_by_russia)
    report(write(ctx, lambda store: store.log.complete_exchange(
        reference, completed_on=completed_on, numbers=numbers, source=source_of(source, source_url))))


@app.command()
def postpone(ctx: typer.Context, reference: str = REFERENCE, date: str = DATE, reason: str = REASON,
             source: str = SOURCE, source_url: str = SOURCE_URL) -> None:
    """Record that an agreed exchange is postponed (it can still be completed later).

    Example: sitlog exchange postpone 2026-02-05 --date 2026-02-06 --reason "Lists not finalised"
    """
    on = parse_date(date)
    report(write(ctx, lambda store: store.log.postpone_exchange(
        reference, on=on, reason=reason, source=source_of(source, source_url))))


@app.command()
def cancel(ctx: typer.Context, reference: str = REFERENCE, date: str = DATE, reason: str = REASON,
           source: str = SOURCE, source_url: str = SOURCE_URL) -> None:
    """Record that an agreed exchange is cancelled (it can then no longer be completed).

    Example: sitlog exchange cancel 2026-02-05 --date 2026-02-07 --reason "Talks broke down"
    """
    on = parse_date(date)
    report(write(ctx, lambda store: store.log.cancel_exchange(
        reference, on=on, reason=reason, source=source_of(source, source_url))))


@app.command()
def show(
    ctx: typer.Context,
    reference: str = REFERENCE,
    as_of: str = AS_OF,
    known_at: str = KNOWN_AT,
    history: bool = HISTORY,
    fmt: Format = FORMAT_OPTION,
) -> None:
    """One exchange: agreed and released numbers, their difference, the gap since the previous exchange.

    Example: sitlog exchange show 2026-02-05 --format json
    """
    from sitlog.adapters.queries.exchanges import exchange

    day, moment = when(as_of, known_at)
    doc = read(ctx, lambda tx: exchange(tx, reference, with_history=history, as_of=day, known_at=moment))
    emit(fmt, doc, sections(doc))


@app.command("list")
def list_(
    ctx: typer.Context,
    status: ExchangeStatus = typer.Option(None, "--status", help="Only exchanges with this status."),
    negotiation: str = typer.Option(None, "--negotiation", metavar="SLUG", help="Only this negotiation's."),
    as_of: str = AS_OF,
    known_at: str = KNOWN_AT,
    fmt: Format = FORMAT_OPTION,
) -> None:
    """Every exchange agreed, its status, numbers and the days since the previous exchange.

    Example: sitlog exchange list --as-of 2026-02-28 --format csv
    """
    from sitlog.adapters.queries.exchanges import exchanges

    day, moment = when(as_of, known_at)
    docs = read(ctx, lambda tx: exchanges(
        tx, status=status.value if status else None, negotiation=negotiation, as_of=day, known_at=moment))
    emit(fmt, docs, {"": [_row(doc) for doc in docs]})


def _row(doc: dict[str, Any]) -> dict[str, Any]:
    completed = doc["completed"] or {}
    return {
        "reference": doc["reference"],
        "status": doc["status"],
        "agreed_on": doc["agreed"]["date"],
        "agreed_total": doc["agreed"]["total"],
        "completed_on": completed.get("date"),
        "released_total": completed.get("total"),
        "difference": (doc["difference"] or {}).get("total"),
        "negotiation": doc["agreed"]["negotiation"],
        "days_since_previous": doc["days_since_previous"],
        "since_previous": doc["since_previous"],
    }


def sections(doc: dict[str, Any]) -> dict[str, list[dict[str, Any]]]:
    """The flat tables of ``show`` (table and csv formats)."""
    gap = doc["since_previous"]
    if doc["days_since_previous"] is not None:
        gap += f" ({doc['days_since_previous']} days)"
    previous = doc["previous_exchange"]
    summary = {
        "reference": doc["reference"], "status": doc["status"], "status_since": doc["status_since"],
        "mediator": doc["agreed"]["mediator"], "negotiation": doc["agreed"]["negotiation"],
        "since_previous": gap,
        "previous_exchange": f"{previous['reference']} ({previous['event']} {previous['date']})"
        if previous else None,
        "difference": (doc["difference"] or {}).get("summary"),
    }
    keys = ("date", "total", "released_by_ukraine", "released_by_russia")

    def sourced(first: dict[str, Any], part: dict[str, Any]) -> dict[str, Any]:
        return {**first, **part, "source": source_name(part["source"])}

    numbers = [sourced({"": "agreed"}, {k: doc["agreed"][k] for k in (*keys, "source")})]
    if doc["completed"]:
        numbers.append(sourced({"": "released"}, {k: doc["completed"][k] for k in (*keys, "source")}))
        numbers.append({"": "difference", "date": None, **{k: doc["difference"][k] for k in keys[1:]}})
    steps = [sourced({"step": "postponed"}, p) for p in doc["postponements"]]
    if doc["cancelled"]:
        steps.append(sourced({"step": "cancelled"}, doc["cancelled"]))
    return {
        "exchange": [{"field": k, "value": v} for k, v in summary.items()],
        "numbers": numbers,
        "postponed or cancelled": steps,
        **history_section(doc),
    }
