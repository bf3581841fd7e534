"""`sitlog negotiation correct|retract`: corrections and retractions of a negotiation's details
and of its rounds, statements, outcomes and issues (named by the number `negotiation show` prints)."""

from typing import Any

import typer
from sitlog.cli.context import report, write
from sitlog.cli.help_texts import PARTICIPANT_SYNTAX
from sitlog.cli.options import parse_partial_date, reason_option

SLUG_ARGUMENT = typer.Argument(..., metavar="SLUG", help="The negotiation's slug, e.g. us-brokered-talks.")


def _record(kind: str) -> Any:
    return typer.Option(None, f"--{kind}", metavar="N",
                        help=f"The {kind} to correct or retract, by its number in `negotiation show`.")


ROUND, STATEMENT, OUTCOME, ISSUE = (_record(k) for k in ("round", "statement", "outcome", "issue"))
STATUS_CHANGE = typer.Option(
    None, "--status-change", metavar="N",
    help="The change of status (suspension, resumption, conclusion) to correct or retract, by its number "
         "in the status section of `negotiation show`.")


def _chosen(round_: int | None, statement: int | None, outcome: int | None,
            issue: int | None, status_change: int | None = None) -> list[tuple[str, int]]:
    named = {"round": round_, "statement": statement, "outcome": outcome, "issue": issue,
             "status-change": status_change}
    return [(kind, n) for kind, n in named.items() if n is not None]


def correct(
    ctx: typer.Context,
    slug: str = SLUG_ARGUMENT,
    round_: int = ROUND,
    statement: int = STATEMENT,
    outcome: int = OUTCOME,
    issue: int = ISSUE,
    status_change: int = STATUS_CHANGE,
    title: str = typer.Option(None, "--title", metavar="TEXT", help="The negotiation's corrected title."),
    mediator: str = typer.Option(None, "--mediator", metavar="NAME",
                                 help='The corrected mediator ("" for none).'),
    party: list[str] = typer.Option(None, "--party", metavar="NAME",
                                    help="The corrected parties, all of them; repeat for each."),
    date: str = typer.Option(None, "--date", metavar="DATE",
                             help="The record's corrected date (a statement's may be YYYY-MM or YYYY)."),
    venue: str = typer.Option(None, "--venue", metavar="NAME", help="A round's corrected venue."),
    day: int = typer.Option(None, "--day", metavar="N", help="A round's corrected day number."),
    add_participant: list[str] = typer.Option(
        None, "--add-participant", metavar="NAME|ROLE|AFFILIATION",
        help=f"Someone missing from the round; repeat for each. Syntax: {PARTICIPANT_SYNTAX}."),
    remove_participant: list[str] = typer.Option(
        None, "--remove-participant", metavar="NAME", help="Someone wrongly listed in the round."),
    participant: list[str] = typer.Option(
        None, "--participant", metavar="NAME|ROLE|AFFILIATION",
        help="Someone in the round whose role and affiliation are corrected (as given: a part left "
             "empty is cleared)."),
    by: str = typer.Option(None, "--by", metavar="NAME",
                           help="A statement's or an issue's corrected author."),
    text: str = typer.Option(None, "--text", metavar="TEXT",
                             help="A statement's or an outcome's corrected text."),
    kind: str = typer.Option(None, "--kind", metavar="TEXT",
                             help="An outcome's corrected kind (agreement, no-breakthrough, other) or a "
                                  "statement's (quote, summary)."),
    exchange: str = typer.Option(None, "--exchange", metavar="DATE[/LABEL]",
                                 help="An outcome's corrected exchange (it must be recorded)."),
    topic: str = typer.Option(None, "--topic", metavar="TEXT", help="An issue's corrected topic."),
    status_reason: str = typer.Option(None, "--status-reason", metavar="TEXT",
                                      help="A status change's corrected stated reason."),
    reason: str = reason_option("Why it is corrected (kept in the history)."),
) -> None:
    """Correct a negotiation's title, mediator or parties, or one of its rounds, statements, outcomes,
    issues or changes of status (named by its number in `negotiation show`); the old values stay in
    the history.

    Example: sitlog negotiation correct us-brokered-talks --statement 5 --text "constructive"
    --reason "misquoted"
    """
    from sitlog.domain.negotiation_values import Participant

    given = {"title": title, "mediator": mediator, "parties": tuple(party) if party else None,
             "date": parse_partial_date(date) if date is not None else None, "venue": venue, "day": day,
             "by": by, "text": text,
             "kind": kind, "exchange": exchange, "topic": topic, "stated": status_reason}
    values = {name: value for name, value in given.items() if value is not None}
    add = [Participant.parse(p, "add-participant") for p in add_participant or ()]
    change = [Participant.parse(p) for p in participant or ()]
    report(write(ctx, lambda store: store.log.correct_negotiation(
        slug, records=_chosen(round_, statement, outcome, issue, status_change), values=values, add=add,
        remove=remove_participant or (), change=change, reason=reason)))


def retract(
    ctx: typer.Context,
    slug: str = SLUG_ARGUMENT,
    round_: int = ROUND,
    statement: int = STATEMENT,
    outcome: int = OUTCOME,
    issue: int = ISSUE,
    status_change: int = STATUS_CHANGE,
    reason: str = reason_option("Why it is retracted (kept in the history)."),
) -> None:
    """Withdraw a round, statement, outcome, issue or change of status (named by its number in
    `negotiation show`); it stays in the history, and in reads known before the retraction.

    Example: sitlog negotiation retract us-brokered-talks --issue 7 --reason "raised in another track"
    """
    report(write(ctx, lambda store: store.log.retract_negotiation_record(
        slug, records=_chosen(round_, statement, outcome, issue, status_change), reason=reason)))



