"""`sitlog negotiation ...`: a negotiation track, its rounds, statements, outcomes and issues."""

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
from sitlog.domain.negotiation_values import (
    PARTICIPANT_SYNTAX,
    NegotiationStatus,
    OutcomeKind,
    Participant,
    StatementKind,
)

app = typer.Typer(
    # Plain help: rich markup would read DATE/ATTACKER[/LABEL] as a closing tag and crash.
    rich_markup_mode=None,
    help="Negotiation tracks: rounds, participants, statements, outcomes.",
    no_args_is_help=True,
)

SLUG = typer.Argument(..., metavar="SLUG", help="The negotiation's slug, e.g. us-brokered-talks.")


@app.command("open")
def open_(
    ctx: typer.Context,
    slug: str = SLUG,
    title: str = typer.Option(..., "--title", help="A human title for the track."),
    mediator: str = typer.Option(None, "--mediator", help="Who mediates (e.g. United States)."),
    party: list[str] = typer.Option(None, "--party", metavar="PARTY", help="A party; repeat for each."),
    date: str = DATE,
    source: str = SOURCE,
    source_url: str = SOURCE_URL,
) -> None:
    """Open a negotiation track (a repeat with the same details is a no-op).

    Example: sitlog negotiation open us-brokered-talks --title "US-brokered Russia-Ukraine talks"
    --mediator "United States" --party Ukraine --party Russia --date 2026-01-23
    """
    opened_on = parse_date(date)
    report(write(ctx, lambda store: store.log.open_negotiation(
        slug, title=title, opened_on=opened_on, mediator=mediator, parties=party or (),
        source=source_of(source, source_url))))


@app.command("round")
def round_(
    ctx: typer.Context,
    slug: str = SLUG,
    date: str = DATE,
    venue: str = typer.Option(..., "--venue", help="Where the round was held."),
    day: int = typer.Option(None, "--day", help="Day number within the round (1, 2, ...)."),
    participant: list[str] = typer.Option(
        None, "--participant", metavar="NAME|ROLE|AFFILIATION",
        help=f"Someone who took part; repeat for each. Syntax: {PARTICIPANT_SYNTAX}.",
    ),
    source: str = SOURCE,
    source_url: str = SOURCE_URL,
) -> None:
    """Record a round (a day of talks) and who took part.

    The same round (date, venue, day) recorded again is a no-op; new participants are added to it.

    Example: sitlog negotiation round us-brokered-talks --date 2026-02-05 --venue "Abu Dhabi" --day 2
    --participant "Steve Witkoff|US special envoy|United States" --participant "Jared Kushner||United States"
    """
    held_on = parse_date(date)
    people = [Participant.parse(text) for text in participant or ()]
    report(write(ctx, lambda store: store.log.hold_round(
        slug, held_on=held_on, venue=venue, day=day, participants=people,
        source=source_of(source, source_url))))


@app.command()
def statement(
    ctx: typer.Context,
    slug: str = SLUG,
    date: str = DATE,
    by: str = typer.Option(..., "--by", help="Who said it."),
    text: str = typer.Option(..., "--text", help="The quote (or, with --summary, a summary)."),
    summary: bool = typer.Option(False, "--summary", help="TEXT summarises; it is not a quote."),
    source: str = SOURCE,
    source_url: str = SOURCE_URL,
) -> None:
    """Record a statement about the talks: who, a quote or a summary, when, and the source.

    Example: sitlog negotiation statement us-brokered-talks --date 2026-02-05 --by "Steve Witkoff"
    --text "detailed and productive" --source "Steve Witkoff"
    """
    made_on = parse_date(date)
    kind = StatementKind.SUMMARY if summary else StatementKind.QUOTE
    report(write(ctx, lambda store: store.log.record_statement(
        slug, made_on=made_on, by=by, text=text, kind=kind, source=source_of(source, source_url))))


@app.command()
def outcome(
    ctx: typer.Context,
    slug: str = SLUG,
    date: str = DATE,
    kind: OutcomeKind = typer.Option(..., "--kind", help="agreement, no-breakthrough or other."),
    text: str = typer.Option(..., "--text", help="What came out of it."),
    exchange: str = typer.Option(None, "--exchange", metavar="DATE[/LABEL]",
                                 help="A prisoner exchange this outcome agreed (it must be recorded)."),
    source: str = SOURCE,
    source_url: str = SOURCE_URL,
) -> None:
    """Record an outcome of the talks, optionally linked to a prisoner exchange.

    Example: sitlog negotiation outcome us-brokered-talks --date 2026-02-05 --kind agreement
    --text "Agreed to exchange 314 prisoners" --exchange 2026-02-05
    """
    reached_on = parse_date(date)
    report(write(ctx, lambda store: store.log.record_outcome(
        slug, reached_on=reached_on, kind=kind, text=text, exchange=exchange,
        source=source_of(source, source_url))))


@app.command()
def issue(
    ctx: typer.Context,
    slug: str = SLUG,
    date: str = DATE,
    topic: str = typer.Option(..., "--topic", help="The issue raised."),
    by: str = typer.Option(None, "--by", help="Who raised it."),
    source: str = SOURCE,
    source_url: str = SOURCE_URL,
) -> None:
    """Record an issue raised in or about the talks.

    Example: sitlog negotiation issue us-brokered-talks --date 2026-02-05
    --topic "Future control of the Donbas" --by "Volodymyr Zelenskyy"
    """
    raised_on = parse_date(date)
    report(write(ctx, lambda store: store.log.raise_issue(
        slug, raised_on=raised_on, topic=topic, by=by, source=source_of(source, source_url))))


@app.command()
def suspend(ctx: typer.Context, slug: str = SLUG, date: str = DATE, reason: str = reason_option()) -> None:
    """Record that the talks are suspended.

    Example: sitlog negotiation suspend us-brokered-talks --date 2026-03-01 --reason "Delegation recalled"
    """
    on = parse_date(date)
    report(write(ctx, lambda store: store.log.suspend_negotiation(slug, on=on, reason=reason)))


@app.command()
def resume(ctx: typer.Context, slug: str = SLUG, date: str = DATE,
           reason: str = reason_option("Why (optional).", required=False)) -> None:
    """Record that suspended talks resume.

    Example: sitlog negotiation resume us-brokered-talks --date 2026-03-15
    """
    on = parse_date(date)
    report(write(ctx, lambda store: store.log.resume_negotiation(slug, on=on, reason=reason)))


@app.command()
def close(ctx: typer.Context, slug: str = SLUG, date: str = DATE,
          reason: str = reason_option("Why: a settlement, a breakdown...")) -> None:
    """Conclude the track: after this it takes no new rounds, statements, outcomes or issues.

    Example: sitlog negotiation close us-brokered-talks --date 2026-06-30 --reason "Settlement signed"
    """
    on = parse_date(date)
    report(write(ctx, lambda store: store.log.conclude_negotiation(slug, on=on, reason=reason)))


@app.command()
def show(
    ctx: typer.Context,
    slug: str = SLUG,
    as_of: str = AS_OF,
    known_at: str = KNOWN_AT,
    history: bool = HISTORY,
    fmt: Format = FORMAT_OPTION,
) -> None:
    """Everything about one negotiation, with its number of rounds and the date of the last one.

    Example: sitlog negotiation show us-brokered-talks --format json
    """
    from sitlog.adapters.queries.negotiations import negotiation

    day, moment = when(as_of, known_at)
    doc = read(ctx, lambda tx: negotiation(tx, slug, with_history=history, as_of=day, known_at=moment))
    emit(fmt, doc, sections(doc))


@app.command("list")
def list_(
    ctx: typer.Context,
    status: NegotiationStatus = typer.Option(None, "--status", help="Only negotiations with this status."),
    as_of: str = AS_OF,
    known_at: str = KNOWN_AT,
    fmt: Format = FORMAT_OPTION,
) -> None:
    """Every negotiation with its status and its last round.

    Example: sitlog negotiation list --status open --as-of 2026-02-05
    """
    from sitlog.adapters.queries.negotiations import negotiations

    day, moment = when(as_of, known_at)
    rows = read(ctx, lambda tx: negotiations(
        tx, status=status.value if status else None, as_of=day, known_at=moment))
    emit(fmt, rows, {"": [{**row, "parties": ", ".join(row["parties"])} for row in rows]})


def sections(doc: dict[str, Any]) -> dict[str, list[dict[str, Any]]]:
    """The flat tables of ``show`` (table and csv formats)."""
    keys = ("slug", "title", "mediator", "parties", "opened_on", "status", "status_since", "status_reason",
            "round_count", "meeting_days", "last_round_on")
    return {
        "negotiation": [{"field": k, "value": doc[k]} for k in keys],
        "rounds": [{"date": r["date"], "venue": r["venue"], "day": r["day"],
                    "participants": len(r["participants"]), "source": source_name(r["source"])}
                   for r in doc["rounds"]],
        "participants": [
            {"date": r["date"], "venue": r["venue"], "day": r["day"], "name": p["name"], "role": p["role"],
             "affiliation": p["affiliation"], "source": source_name(p["source"])}
            for r in doc["rounds"] for p in r["participants"]
        ],
        "statements": [{**s, "source": source_name(s["source"])} for s in doc["statements"]],
        "outcomes": [{**o, "exchange": (o["exchange"] or {}).get("reference"),
                      "source": source_name(o["source"])} for o in doc["outcomes"]],
        "issues": [{**i, "source": source_name(i["source"])} for i in doc["issues"]],
        "exchanges": doc["exchanges"],
        "status": doc["status_history"],
        **history_section(doc),
    }
