"""`sitlog exchange ...`: prisoner exchanges, from agreement to completion."""

import typer
from sitlog.cli import exchange_revisions
from sitlog.cli.choices import ExchangeStatusChoice
from sitlog.cli.context import read, report, write
from sitlog.cli.lazy_commands import LightGroup
from sitlog.cli.options import (
    AS_OF_OPTION,
    DATE_OPTION,
    HISTORY_OPTION,
    KNOWN_AT_OPTION,
    REPORTED_BY_OPTION,
    SOURCE_URL_OPTION,
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
    help="Prisoner exchanges: agreed, completed, postponed, cancelled.",
    epilog="Example: sitlog exchange show 2026-02-05 --format json",
    no_args_is_help=True,
    add_completion=False,
)

EXCHANGE_REF_ARGUMENT = typer.Argument(
    ..., metavar="DATE[/LABEL]",
    help="The exchange: the date of its agreement, plus a label if that day saw several (2026-02-05/second).",
)
_AS_WORDED = ' (a number, or as the source words it: "1,200", "about 300"; the text is kept)'
TOTAL = typer.Option(None, "--total", metavar="N", help="Prisoners in all, both sides together" + _AS_WORDED)
BY_UKRAINE = typer.Option(None, "--released-by-ukraine", metavar="N",
                          help="Prisoners Ukraine releases" + _AS_WORDED)
BY_RUSSIA = typer.Option(None, "--released-by-russia", metavar="N",
                         help="Prisoners Russia releases" + _AS_WORDED)
EXCHANGE_REASON = reason_option()


@app.command()
def agree(
    ctx: typer.Context,
    reference: str = EXCHANGE_REF_ARGUMENT,
    total: str = TOTAL,
    released_by_ukraine: str = BY_UKRAINE,
    released_by_russia: str = BY_RUSSIA,
    mediator: str = typer.Option(None, "--mediator", metavar="NAME", help="Who brokered it."),
    negotiation: str = typer.Option(None, "--negotiation", metavar="SLUG",
                                    help="The negotiation that agreed it (it must be recorded)."),
    source: str = REPORTED_BY_OPTION,
    source_url: str = SOURCE_URL_OPTION,
) -> None:
    """Record an agreed exchange: a total and/or the numbers each side releases.

    Example: sitlog exchange agree 2026-02-05 --total 314 --negotiation us-brokered-talks
    --mediator "United States" --source "Steve Witkoff"
    """
    from sitlog.domain.prisoner_exchange import Numbers

    numbers = Numbers.checked(total, released_by_ukraine, released_by_russia)
    report(write(ctx, lambda store: store.log.agree_exchange(
        reference, numbers=numbers, mediator=mediator, negotiation=negotiation,
        source=source_from_options(source, source_url))))


@app.command()
def complete(
    ctx: typer.Context,
    reference: str = EXCHANGE_REF_ARGUMENT,
    date: str = DATE_OPTION,
    total: str = TOTAL,
    released_by_ukraine: str = BY_UKRAINE,
    released_by_russia: str = BY_RUSSIA,
    source: str = REPORTED_BY_OPTION,
    source_url: str = SOURCE_URL_OPTION,
) -> None:
    """Record the exchange carried out, with the numbers actually released (they may differ).

    Example: sitlog exchange complete 2026-02-05 --date 2026-02-06 --released-by-ukraine 157
    --released-by-russia 157 --source "Coordination Headquarters"
    """
    from sitlog.domain.prisoner_exchange import Numbers

    completed_on = parse_required_date(date)
    numbers = Numbers.checked(total, released_by_ukraine, released_by_russia)
    report(write(ctx, lambda store: store.log.complete_exchange(
        reference, completed_on=completed_on, numbers=numbers,
        source=source_from_options(source, source_url))))


@app.command()
def postpone(ctx: typer.Context, reference: str = EXCHANGE_REF_ARGUMENT, date: str = DATE_OPTION,
             reason: str = EXCHANGE_REASON, source: str = REPORTED_BY_OPTION,
             source_url: str = SOURCE_URL_OPTION) -> None:
    """Record that an agreed exchange is postponed (it can still be completed later).

    Example: sitlog exchange postpone 2026-02-05 --date 2026-02-06 --reason "Lists not finalised"
    """
    on = parse_required_date(date)
    report(write(ctx, lambda store: store.log.postpone_exchange(
        reference, on=on, reason=reason, source=source_from_options(source, source_url))))


@app.command()
def cancel(ctx: typer.Context, reference: str = EXCHANGE_REF_ARGUMENT, date: str = DATE_OPTION,
           reason: str = EXCHANGE_REASON, source: str = REPORTED_BY_OPTION,
           source_url: str = SOURCE_URL_OPTION) -> None:
    """Record that an agreed exchange is cancelled (it can then no longer be completed).

    Example: sitlog exchange cancel 2026-02-05 --date 2026-02-07 --reason "Talks broke down"
    """
    on = parse_required_date(date)
    report(write(ctx, lambda store: store.log.cancel_exchange(
        reference, on=on, reason=reason, source=source_from_options(source, source_url))))


app.command("correct")(exchange_revisions.correct)
app.command("retract")(exchange_revisions.retract)


@app.command()
def show(
    ctx: typer.Context,
    reference: str = EXCHANGE_REF_ARGUMENT,
    as_of: str = AS_OF_OPTION,
    known_at: str = KNOWN_AT_OPTION,
    history: bool = HISTORY_OPTION,
    fmt: Format = FORMAT_OPTION,
) -> None:
    """One exchange: agreed and released numbers, their difference, the gap since the previous exchange.

    Example: sitlog exchange show 2026-02-05 --format json
    """
    day, moment = parse_time_travel(as_of, known_at)
    emit(fmt, read(ctx, lambda reader: reader.exchange(reference, as_of=day, known_at=moment,
                                                       with_history=history)))


@app.command("list")
def list_exchanges(
    ctx: typer.Context,
    status: ExchangeStatusChoice = typer.Option(None, "--status", help="Only exchanges with this status."),
    negotiation: str = typer.Option(None, "--negotiation", metavar="SLUG", help="Only this negotiation's."),
    as_of: str = AS_OF_OPTION,
    known_at: str = KNOWN_AT_OPTION,
    fmt: Format = FORMAT_OPTION,
) -> None:
    """Every exchange agreed, its status, numbers and the days since the previous exchange.

    Example: sitlog exchange list --as-of 2026-02-28 --format csv
    """
    day, moment = parse_time_travel(as_of, known_at)
    emit(fmt, read(ctx, lambda reader: reader.exchanges(
        status=status.value if status else None, negotiation=negotiation, as_of=day, known_at=moment)))
