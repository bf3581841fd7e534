"""`sitlog exchange correct|retract`: corrections and retractions of an exchange's agreement,
completion and cancellation, or of the whole exchange."""

import typer
from sitlog.cli.context import report, write
from sitlog.cli.options import parse_optional_date, reason_option

EXCHANGE_REF_ARGUMENT = typer.Argument(
    ..., metavar="DATE[/LABEL]",
    help="The exchange: the date of its agreement, plus a label if that day saw several (2026-02-05/second).",
)
COMPLETION = typer.Option(False, "--completion", help="The completion, not the agreement.")
CANCELLATION = typer.Option(False, "--cancellation", help="The cancellation, not the agreement.")
POSTPONEMENT = typer.Option(None, "--postponement", metavar="DATE",
                            help="The postponement recorded on DATE, not the agreement.")


def _step(completion: bool, cancellation: bool) -> list[str]:
    return [name for name, given in (("completion", completion), ("cancellation", cancellation)) if given]


def correct(
    ctx: typer.Context,
    reference: str = EXCHANGE_REF_ARGUMENT,
    completion: bool = COMPLETION,
    cancellation: bool = CANCELLATION,
    postponement: str = POSTPONEMENT,
    total: str = typer.Option(None, "--total", metavar="N",
                              help='The corrected total, both sides together (as worded: "about 300").'),
    released_by_ukraine: str = typer.Option(None, "--released-by-ukraine", metavar="N",
                                            help="The corrected number Ukraine releases (or released)."),
    released_by_russia: str = typer.Option(None, "--released-by-russia", metavar="N",
                                           help="The corrected number Russia releases (or released)."),
    mediator: str = typer.Option(None, "--mediator", metavar="NAME",
                                 help='The agreement\'s corrected mediator ("" for none).'),
    negotiation: str = typer.Option(None, "--negotiation", metavar="SLUG",
                                    help="The agreement's corrected negotiation (it must be recorded)."),
    date: str = typer.Option(None, "--date", metavar="DATE",
                             help="The completion's or the cancellation's corrected date."),
    cancellation_reason: str = typer.Option(None, "--cancellation-reason", metavar="TEXT",
                                            help="The cancellation's corrected stated reason."),
    postponement_reason: str = typer.Option(None, "--postponement-reason", metavar="TEXT",
                                            help="The postponement's corrected stated reason."),
    reason: str = reason_option("Why it is corrected (kept in the history)."),
) -> None:
    """Correct an exchange's agreement (numbers, mediator, negotiation), or with --completion its
    completion (date, numbers released), with --cancellation its cancellation (date, stated
    reason), with --postponement DATE that postponement (date, stated reason); the old values stay in
    the history.

    Example: sitlog exchange correct 2026-02-05 --total 314 --reason "341 was a typo"
    """
    from sitlog.domain.errors import InvalidInput

    if cancellation_reason is not None and postponement_reason is not None:
        raise InvalidInput("--cancellation-reason and --postponement-reason: one step at a time")
    # Each reason belongs to its step: a reason given for the other step named is a slip, not a wish.
    if cancellation_reason is not None and not cancellation:
        raise InvalidInput("--cancellation-reason: a cancellation's stated reason; name the cancellation "
                           "with --cancellation")
    if postponement_reason is not None and postponement is None:
        raise InvalidInput("--postponement-reason: a postponement's stated reason; name the postponement "
                           "with --postponement DATE")
    stated = cancellation_reason if cancellation_reason is not None else postponement_reason
    given = {"total": total, "released_by_ukraine": released_by_ukraine,
             "released_by_russia": released_by_russia, "mediator": mediator, "negotiation": negotiation,
             "date": parse_optional_date(date, "date"), "stated": stated}
    values = {name: value for name, value in given.items() if value is not None}
    postponed_on = parse_optional_date(postponement, "postponement")
    report(write(ctx, lambda store: store.log.correct_exchange(
        reference, steps=_step(completion, cancellation), values=values, reason=reason,
        postponed_on=postponed_on)))


def retract(
    ctx: typer.Context,
    reference: str = EXCHANGE_REF_ARGUMENT,
    completion: bool = COMPLETION,
    cancellation: bool = CANCELLATION,
    postponement: str = POSTPONEMENT,
    reason: str = reason_option("Why it is retracted (kept in the history)."),
) -> None:
    """Withdraw an exchange's completion (--completion), cancellation (--cancellation) or a
    postponement (--postponement DATE), or, with none named, the whole exchange; it stays in the
    history, and in reads known before the retraction.

    Example: sitlog exchange retract 2026-02-05 --cancellation --reason "the exchange went ahead"
    """
    postponed_on = parse_optional_date(postponement, "postponement")
    report(write(ctx, lambda store: store.log.retract_exchange(
        reference, steps=_step(completion, cancellation), reason=reason, postponed_on=postponed_on)))
