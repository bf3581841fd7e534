"""`sitlog estimate record|correct|retract|show|list`: casualty estimates by source over time."""

from typing import TYPE_CHECKING

import typer
from sitlog.cli.context import read, report, write
from sitlog.cli.help_texts import CHANGE_SYNTAX, FIGURE_SYNTAX
from sitlog.cli.lazy_commands import LightGroup
from sitlog.cli.options import (
    KNOWN_AT_OPTION,
    PUBLISHED_BY_OPTION,
    as_of_option,
    parse_optional_date,
    parse_partial_date,
    parse_time_travel,
    reason_option,
    source_option,
)
from sitlog.cli.render import FORMAT_OPTION, Format, emit

if TYPE_CHECKING:
    from sitlog.domain.relative_change import RelativeChange
    from sitlog.domain.values import Figure

app = typer.Typer(
    # Plain help: rich markup would read DATE/ATTACKER[/LABEL] as a closing tag and crash.
    rich_markup_mode=None,
    cls=LightGroup,
    help="Casualty estimates: competing sources over time.",
    epilog="Example: sitlog estimate show ukraine-military/killed --format json",
    no_args_is_help=True,
    add_completion=False,
)

SERIES_ARGUMENT = typer.Argument(..., metavar="SUBJECT/MEASURE",
                                 help="The series, e.g. ukraine-military/killed.")
VALUE = typer.Option(None, "--value", metavar="FIGURE", help=f"The figure: {FIGURE_SYNTAX}.")
CHANGE = typer.Option(
    None, "--change", metavar="PERCENT", help=f"Instead of --value, a relative claim: {CHANGE_SYNTAX}."
)
PERIOD = typer.Option(None, "--period", metavar="PERIOD", help="With --change: the period it is about.")
BASELINE = typer.Option(
    None, "--baseline", metavar="PERIOD", help="With --change: the earlier period it is compared with."
)
ESTIMATED_BY = source_option("Who gave the estimate, e.g. CSIS.", required=True)
WHICH_ESTIMATE = typer.Option(..., "--as-of", metavar="DATE", help="Which estimate: the date it refers to.")
ESTIMATE_REASON = reason_option()
ONLY_SOURCE = source_option("Only this source.")
ESTIMATES_AS_OF = as_of_option("Only estimates referring to dates up to DATE.")


@app.command()
def record(
    ctx: typer.Context,
    series: str = SERIES_ARGUMENT,
    value: str | None = VALUE,
    change: str | None = CHANGE,
    period: str | None = PERIOD,
    baseline: str | None = BASELINE,
    as_of: str | None = as_of_option(
        "The date the figure refers to (\"by the end of last year\": 2025-12-31; \"early 2025\": 2025-02; "
        "YYYY-MM or YYYY when the source gives only a month or a year); with --change it defaults to the "
        "end of --period."
    ),
    reported: str = typer.Option(..., "--reported", metavar="DATE",
                                 help="The date it was published (YYYY-MM-DD, YYYY-MM or YYYY)."),
    source: str = ESTIMATED_BY,
    url: str | None = typer.Option(None, "--url", metavar="URL", help="Where it was published."),
    statement: str | None = typer.Option(None, "--statement", metavar="TEXT", help="The words quoted."),
) -> None:
    """Record a source's estimate for a series: a figure, or a relative change between two periods.

    A count takes --value and --as-of (the date it refers to). A relative claim ("civilian
    casualties rose 31% in 2025 compared with 2024") takes --change +31% --period 2025 --baseline 2024
    and refers by default to the end of its period. The same estimate (source, as-of date, figure)
    twice is a no-op; a different figure from the same source for the same date is refused: use
    `sitlog estimate correct`.

    Example: sitlog estimate record ukraine-military/killed --value "~55000" --as-of 2026-02-04
    --reported 2026-02-04 --source "Volodymyr Zelenskyy" --statement "about 55,000 soldiers killed"
    """
    figure, claim = _figure_or_change(value, change, period, baseline)
    day = parse_partial_date(as_of, "as-of") if as_of is not None else None
    published = parse_partial_date(reported, "reported")
    report(write(ctx, lambda store: store.log.record_estimate(
        series, source=source, reported=published, as_of=day, figure=figure, change=claim, url=url,
        statement=statement,
    )))


@app.command()
def correct(
    ctx: typer.Context,
    series: str = SERIES_ARGUMENT,
    source: str = ESTIMATED_BY,
    as_of: str = WHICH_ESTIMATE,
    value: str | None = VALUE,
    change: str | None = CHANGE,
    period: str | None = PERIOD,
    baseline: str | None = BASELINE,
    reason: str = ESTIMATE_REASON,
) -> None:
    """Replace the figure a source gave for a date; the old one stays in the history.

    The estimate is named by --source and --as-of (for a relative claim: the end of its period);
    the new figure is a --value or a --change with --period and --baseline.

    Example: sitlog estimate correct ukraine-military/killed --source CSIS --as-of 2025-12-31
    --value 100000..140000 --reason "the report gives a range"
    """
    figure, claim = _figure_or_change(value, change, period, baseline)
    day = parse_partial_date(as_of, "as-of")
    report(write(ctx, lambda store: store.log.correct_estimate(
        series, source=source, as_of=day, figure=figure, change=claim, reason=reason
    )))


@app.command()
def retract(
    ctx: typer.Context, series: str = SERIES_ARGUMENT, source: str = ESTIMATED_BY,
    as_of: str = WHICH_ESTIMATE, reason: str = ESTIMATE_REASON,
) -> None:
    """Withdraw a source's estimate for a date (it stays in the history, marked retracted).

    Example: sitlog estimate retract russia-military/killed --source "Russian Ministry of Defence"
    --as-of 2022-09-21 --reason "entered under the wrong series"
    """
    day = parse_partial_date(as_of, "as-of")
    report(write(ctx, lambda store: store.log.retract_estimate(
        series, source=source, as_of=day, reason=reason
    )))


@app.command()
def show(
    ctx: typer.Context,
    series: str = SERIES_ARGUMENT,
    source: str | None = ONLY_SOURCE,
    as_of: str | None = ESTIMATES_AS_OF,
    known_at: str | None = KNOWN_AT_OPTION,
    fmt: Format = FORMAT_OPTION,
) -> None:
    """One series: the latest estimate of every source, and each source's history with its changes.

    Example: sitlog estimate show ukraine-military/killed --format json
    """
    day, moment = parse_time_travel(as_of, known_at)
    emit(fmt, read(ctx, lambda reader: reader.series(series, source=source, as_of=day, known_at=moment)))


@app.command("list")
def list_estimates(
    ctx: typer.Context,
    subject: str | None = typer.Option(None, "--subject", metavar="SUBJECT",
                                       help="Only this subject, e.g. ukraine-military."),
    source: str | None = ONLY_SOURCE,
    as_of: str | None = ESTIMATES_AS_OF,
    known_at: str | None = KNOWN_AT_OPTION,
    published_by: str | None = PUBLISHED_BY_OPTION,
    fmt: Format = FORMAT_OPTION,
) -> None:
    """Across series: the latest estimate of every source in every series.

    Example: sitlog estimate list --as-of 2025-12-31 --format csv
    """
    day, moment = parse_time_travel(as_of, known_at)
    published = parse_optional_date(published_by, "published-by")
    emit(fmt, read(ctx, lambda reader: reader.estimates(subject=subject, source=source, as_of=day,
                                                        known_at=moment, published_by=published)))


def _figure_or_change(
    value: str | None, change: str | None, period: str | None, baseline: str | None
) -> "tuple[Figure | None, RelativeChange | None]":
    """``--value``, or ``--change`` with ``--period`` and ``--baseline``."""
    from sitlog.domain.relative_change import RelativeChange
    from sitlog.domain.values import Figure

    figure = Figure.parse(value, field="value") if value is not None else None
    return figure, RelativeChange.parse(change, period, baseline)
