"""`sitlog negotiation ...`: a negotiation track, its rounds, statements, outcomes and issues."""

import typer
from sitlog.cli import negotiation_revisions
from sitlog.cli.choices import NegotiationStatusChoice, OutcomeKindChoice
from sitlog.cli.context import read, report, write
from sitlog.cli.help_texts import PARTICIPANT_SYNTAX
from sitlog.cli.lazy_commands import LightGroup
from sitlog.cli.options import (
    AS_OF_OPTION,
    DATE_OPTION,
    HISTORY_OPTION,
    KNOWN_AT_OPTION,
    REPORTED_BY_OPTION,
    SOURCE_URL_OPTION,
    parse_partial_date,
    parse_required_date,
    parse_time_travel,
    reason_option,
    source_from_options,
)
from sitlog.cli.render import FORMAT_OPTION, Format, emit

app = typer.Typer(
    # Plain help: rich markup would read DATE/ATTACKER[/LABEL] as a closing tag and crash.
    rich_markup_mode=None,
    cls=LightGroup,
    help="Negotiation tracks: rounds, participants, statements, outcomes.",
    epilog="Example: sitlog negotiation show us-brokered-talks --format json",
    no_args_is_help=True,
    add_completion=False,
)

SLUG_ARGUMENT = typer.Argument(..., metavar="SLUG", help="The negotiation's slug, e.g. us-brokered-talks.")


@app.command("open")
def open_negotiation(
    ctx: typer.Context,
    slug: str = SLUG_ARGUMENT,
    title: str = typer.Option(..., "--title", metavar="TEXT", help="A human title for the track."),
    mediator: str = typer.Option(None, "--mediator", metavar="NAME",
                                 help="Who mediates (e.g. United States)."),
    party: list[str] = typer.Option(None, "--party", metavar="NAME", help="A party; repeat for each."),
    date: str = DATE_OPTION,
    source: str = REPORTED_BY_OPTION,
    source_url: str = SOURCE_URL_OPTION,
) -> None:
    """Open a negotiation track (a repeat with the same details is a no-op).

    Example: sitlog negotiation open us-brokered-talks --title "US-brokered Russia-Ukraine talks"
    --mediator "United States" --party Ukraine --party Russia --date 2026-01-23
    """
    opened_on = parse_required_date(date)
    report(write(ctx, lambda store: store.log.open_negotiation(
        slug, title=title, opened_on=opened_on, mediator=mediator, parties=party or (),
        source=source_from_options(source, source_url))))


@app.command("round")
def hold_round(
    ctx: typer.Context,
    slug: str = SLUG_ARGUMENT,
    date: str = DATE_OPTION,
    venue: str = typer.Option(..., "--venue", metavar="NAME", help="Where the round was held."),
    day: int = typer.Option(None, "--day", metavar="N", help="Day number within the round (1, 2, ...)."),
    participant: list[str] = typer.Option(
        None, "--participant", metavar="NAME|ROLE|AFFILIATION",
        help=f"Someone who took part; repeat for each. Syntax: {PARTICIPANT_SYNTAX}.",
    ),
    source: str = REPORTED_BY_OPTION,
    source_url: str = SOURCE_URL_OPTION,
) -> None:
    """Record a round (a day of talks) and who took part.

    The same round (date, venue, day) recorded again is a no-op; new participants are added to it.

    Example: sitlog negotiation round us-brokered-talks --date 2026-02-05 --venue "Abu Dhabi" --day 2
    --participant "Steve Witkoff|US special envoy|United States" --participant "Jared Kushner||United States"
    """
    from sitlog.domain.negotiation_values import Participant

    held_on = parse_required_date(date)
    people = [Participant.parse(text) for text in participant or ()]
    report(write(ctx, lambda store: store.log.hold_round(
        slug, held_on=held_on, venue=venue, day=day, participants=people,
        source=source_from_options(source, source_url))))


@app.command()
def statement(
    ctx: typer.Context,
    slug: str = SLUG_ARGUMENT,
    date: str = typer.Option(..., "--date", metavar="DATE",
                             help="When it was said: YYYY-MM-DD, or YYYY-MM or YYYY when the source gives "
                                  "only a month or a year (ordered by the period's last day)."),
    by: str = typer.Option(..., "--by", metavar="NAME", help="Who said it."),
    text: str = typer.Option(..., "--text", metavar="TEXT",
                             help="The quote (or, with --summary, a summary)."),
    summary: bool = typer.Option(False, "--summary", help="TEXT summarises; it is not a quote."),
    source: str = REPORTED_BY_OPTION,
    source_url: str = SOURCE_URL_OPTION,
) -> None:
    """Record a statement about the talks: who, a quote or a summary, when, and the source.

    The date may be a month (2025-02) or a year (2025) when the source gives no more; it is shown as
    typed and ordered by the period's last day.

    Example: sitlog negotiation statement us-brokered-talks --date 2026-02-05 --by "Steve Witkoff"
    --text "detailed and productive" --source "Steve Witkoff"
    """
    from sitlog.domain.negotiation_values import StatementKind

    made_on = parse_partial_date(date)
    kind = StatementKind.SUMMARY if summary else StatementKind.QUOTE
    report(write(ctx, lambda store: store.log.record_statement(
        slug, made_on=made_on, by=by, text=text, kind=kind, source=source_from_options(source, source_url))))


@app.command()
def outcome(
    ctx: typer.Context,
    slug: str = SLUG_ARGUMENT,
    date: str = DATE_OPTION,
    kind: OutcomeKindChoice = typer.Option(..., "--kind", help="agreement, no-breakthrough or other."),
    text: str = typer.Option(..., "--text", metavar="TEXT", help="What came out of it."),
    exchange: str = typer.Option(None, "--exchange", metavar="DATE[/LABEL]",
                                 help="A prisoner exchange this outcome agreed (it must be recorded)."),
    source: str = REPORTED_BY_OPTION,
    source_url: str = SOURCE_URL_OPTION,
) -> None:
    """Record an outcome of the talks, optionally linked to a prisoner exchange.

    Example: sitlog negotiation outcome us-brokered-talks --date 2026-02-05 --kind agreement
    --text "Agreed to exchange 314 prisoners" --exchange 2026-02-05
    """
    from sitlog.domain.negotiation_values import OutcomeKind

    reached_on = parse_required_date(date)
    report(write(ctx, lambda store: store.log.record_outcome(
        slug, reached_on=reached_on, kind=OutcomeKind(kind.value), text=text, exchange=exchange,
        source=source_from_options(source, source_url))))


@app.command()
def issue(
    ctx: typer.Context,
    slug: str = SLUG_ARGUMENT,
    date: str = DATE_OPTION,
    topic: str = typer.Option(..., "--topic", metavar="TEXT", help="The issue raised."),
    by: str = typer.Option(None, "--by", metavar="NAME", help="Who raised it."),
    source: str = REPORTED_BY_OPTION,
    source_url: str = SOURCE_URL_OPTION,
) -> None:
    """Record an issue raised in or about the talks.

    Example: sitlog negotiation issue us-brokered-talks --date 2026-02-05
    --topic "Future control of the Donbas" --by "Volodymyr Zelenskyy"
    """
    raised_on = parse_required_date(date)
    report(write(ctx, lambda store: store.log.raise_issue(
        slug, raised_on=raised_on, topic=topic, by=by, source=source_from_options(source, source_url))))


@app.command()
def suspend(ctx: typer.Context, slug: str = SLUG_ARGUMENT, date: str = DATE_OPTION,
            reason: str = reason_option()) -> None:
    """Record that the talks are suspended.

    Example: sitlog negotiation suspend us-brokered-talks --date 2026-03-01 --reason "Delegation recalled"
    """
    on = parse_required_date(date)
    report(write(ctx, lambda store: store.log.suspend_negotiation(slug, on=on, reason=reason)))


@app.command()
def resume(ctx: typer.Context, slug: str = SLUG_ARGUMENT, date: str = DATE_OPTION,
           reason: str = reason_option("Why (optional).", required=False)) -> None:
    """Record that suspended talks resume.

    Example: sitlog negotiation resume us-brokered-talks --date 2026-03-15
    """
    on = parse_required_date(date)
    report(write(ctx, lambda store: store.log.resume_negotiation(slug, on=on, reason=reason)))


@app.command()
def close(ctx: typer.Context, slug: str = SLUG_ARGUMENT, date: str = DATE_OPTION,
          reason: str = reason_option("Why: a settlement, a breakdown...")) -> None:
    """Conclude the track: after this it takes no new rounds, statements, outcomes or issues.

    Example: sitlog negotiation close us-brokered-talks --date 2026-06-30 --reason "Settlement signed"
    """
    on = parse_required_date(date)
    report(write(ctx, lambda store: store.log.conclude_negotiation(slug, on=on, reason=reason)))


app.command("correct")(negotiation_revisions.correct)
app.command("retract")(negotiation_revisions.retract)


@app.command()
def show(
    ctx: typer.Context,
    slug: str = SLUG_ARGUMENT,
    as_of: str = AS_OF_OPTION,
    known_at: str = KNOWN_AT_OPTION,
    history: bool = HISTORY_OPTION,
    fmt: Format = FORMAT_OPTION,
) -> None:
    """Everything about one negotiation, with its number of rounds and the date of the last one.

    Example: sitlog negotiation show us-brokered-talks --format json
    """
    day, moment = parse_time_travel(as_of, known_at)
    emit(fmt, read(ctx, lambda reader: reader.negotiation(slug, as_of=day, known_at=moment,
                                                          with_history=history)))


@app.command("list")
def list_negotiations(
    ctx: typer.Context,
    status: NegotiationStatusChoice = typer.Option(None, "--status",
                                                   help="Only negotiations with this status."),
    as_of: str = AS_OF_OPTION,
    known_at: str = KNOWN_AT_OPTION,
    fmt: Format = FORMAT_OPTION,
) -> None:
    """Every negotiation with its status and its last round.

    Example: sitlog negotiation list --status open --as-of 2026-02-05
    """
    day, moment = parse_time_travel(as_of, known_at)
    emit(fmt, read(ctx, lambda reader: reader.negotiations(
        status=status.value if status else None, as_of=day, known_at=moment)))
