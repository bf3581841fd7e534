"""`sitlog attack record|casualties|correct|retract|show|list`"""

import typer
from sitlog.adapters.queries import attacks as queries
from sitlog.cli.attack_options import FIGURES_HELP, figure, figures, moment, show_sections, source
from sitlog.cli.context import read, report, write
from sitlog.cli.options import (
    HISTORY,
    KNOWN_AT,
    as_of_option,
    optional_date,
    reason_option,
    source_option,
    when,
)
from sitlog.cli.render import FORMAT_OPTION, Format, emit
from sitlog.domain.attack_ref import AttackRef, slug

app = typer.Typer(
    # Plain help: rich markup would read DATE/ATTACKER[/LABEL] as a closing tag and crash.
    rich_markup_mode=None,
    help="Attack reports: figures per source and weapon, casualties, corrections.",
    no_args_is_help=True,
)

_W = "W=FIGURE"
# No square brackets in help texts: the help renderer reads them as markup.
REFERENCE = typer.Argument(
    ..., metavar="REF", help="DATE/ATTACKER or DATE/ATTACKER/LABEL, e.g. 2026-02-05/russia"
)
LAUNCHED = typer.Option(None, "--launched", metavar=_W, help=f"Launched, per weapon. {FIGURES_HELP}")
DESTROYED = typer.Option(None, "--destroyed", metavar=_W, help="Destroyed (shot down), per weapon.")
SUPPRESSED = typer.Option(None, "--suppressed", metavar=_W, help="Lost to electronic warfare, per weapon.")
HIT = typer.Option(None, "--hit", metavar=_W, help="Reached a target, per weapon.")
STILL = typer.Option(None, "--still-attacking", metavar=_W, help="Still in the air, per weapon.")
SOURCE = source_option("Who says so, e.g. \"Ukrainian Air Force\".", metavar=None)
URL = typer.Option(None, "--url", help="Where the source published it.")
REPORTED_AT = typer.Option(None, "--reported-at", metavar="TIMESTAMP", help="When it did.")
NOTE = typer.Option(None, "--note", help="Anything else worth keeping.")
START = typer.Option(None, "--start", help="When the attack began (ISO 8601; no offset = Kyiv time).")
END = typer.Option(None, "--end", help="When it ended (ISO 8601; no offset = Kyiv time).")
FORCE = typer.Option(False, "--force", help="Accept destroyed + suppressed > launched (recorded as such).")
CIVILIANS = typer.Option(None, "--civilians/--military", help="Whether the casualties are civilians.")
# Not required here: the use case's message says what a reason is for.
REASON = reason_option("Why (required; kept in the history).", required=False)
AS_OF = as_of_option("Only attacks dated up to DATE.")


@app.command()
def record(
    ctx: typer.Context,
    date: str = typer.Option(None, "--date", help="The day the night ended in Kyiv (default: from --end)."),
    attacker: str = typer.Option(None, "--attacker", help="Who attacked, e.g. russia."),
    label: str = typer.Option(None, "--label", help="Tells apart two attacks of one day and attacker."),
    source_name: str = SOURCE,
    launched: list[str] = LAUNCHED,
    destroyed: list[str] = DESTROYED,
    suppressed: list[str] = SUPPRESSED,
    hit: list[str] = HIT,
    still_attacking: list[str] = STILL,
    start: str = START,
    end: str = END,
    region: list[str] = typer.Option(None, "--region", help="A region or target named by the source."),
    url: str = URL,
    reported_at: str = REPORTED_AT,
    note: str = NOTE,
    force: bool = FORCE,
) -> None:
    """Record what one source says about a night's attack; prints the attack's reference.

    Example: sitlog attack record --date 2026-02-05 --attacker russia --source "Ukrainian Air Force"
    --launched shahed=183 --destroyed shahed=156 --launched iskander-m=2
    """
    given = figures(launched=launched, destroyed=destroyed, suppressed=suppressed, hit=hit,
                    still_attacking=still_attacking)
    said_by = source(source_name, url, reported_at)
    report(write(ctx, lambda store: store.log.record_attack(
        date=optional_date(date, "date"), attacker=attacker, label=label, source=said_by, figures=given,
        start=moment(start, "start"), end=moment(end, "end"), regions=region or (), note=note, force=force,
    )))


@app.command()
def casualties(
    ctx: typer.Context,
    reference: str = REFERENCE,
    source_name: str = SOURCE,
    place: str = typer.Option(None, "--place", help="Where, e.g. Kyiv."),
    killed: str = typer.Option(None, "--killed", metavar="FIGURE", help="People killed (e.g. 3, ~10)."),
    injured: str = typer.Option(None, "--injured", metavar="FIGURE", help="People injured."),
    civilians: bool = CIVILIANS,
    url: str = URL,
    reported_at: str = REPORTED_AT,
    note: str = NOTE,
) -> None:
    """Record the people killed or injured at one place, as one source reports them.

    Example: sitlog attack casualties 2026-02-05/russia --place Kyiv --injured 2 --source "Mayor of Kyiv"
    """
    said_by = source(source_name, url, reported_at)
    report(write(ctx, lambda store: store.log.record_attack_casualties(
        reference, source=said_by, place=place, killed=figure(killed, "killed"),
        injured=figure(injured, "injured"), civilians=civilians, note=note,
    )))


@app.command()
def correct(
    ctx: typer.Context,
    reference: str = REFERENCE,
    source_name: str = SOURCE,
    launched: list[str] = LAUNCHED,
    destroyed: list[str] = DESTROYED,
    suppressed: list[str] = SUPPRESSED,
    hit: list[str] = HIT,
    still_attacking: list[str] = STILL,
    place: str = typer.Option(None, "--place", help="The place whose casualties are corrected."),
    killed: str = typer.Option(None, "--killed", metavar="FIGURE", help="Corrected number killed."),
    injured: str = typer.Option(None, "--injured", metavar="FIGURE", help="Corrected number injured."),
    civilians: bool = CIVILIANS,
    start: str = START,
    end: str = END,
    reason: str = REASON,
    force: bool = FORCE,
) -> None:
    """Correct a source's earlier figures or casualties, or the attack's period; the old values stay
    in the history.

    Example: sitlog attack correct 2026-02-05/russia --source "Ukrainian Air Force" --launched shahed=180
    --reason "the air force revised its post"
    """
    given = figures(launched=launched, destroyed=destroyed, suppressed=suppressed, hit=hit,
                    still_attacking=still_attacking)
    report(write(ctx, lambda store: store.log.correct_attack(
        reference, source=source_name, figures=given, place=place, killed=figure(killed, "killed"),
        injured=figure(injured, "injured"), civilians=civilians, start=moment(start, "start"),
        end=moment(end, "end"), reason=reason, force=force,
    )))


@app.command()
def retract(
    ctx: typer.Context,
    reference: str = REFERENCE,
    source_name: str = SOURCE,
    weapon: list[str] = typer.Option(None, "--weapon", help="Only this weapon's figures (repeatable)."),
    place: list[str] = typer.Option(None, "--place", help="Only the casualties at this place (repeatable)."),
    reason: str = REASON,
) -> None:
    """Withdraw a source's claim on an attack (all of it, or some weapons or places); nothing is deleted.

    Example: sitlog attack retract 2026-02-05/ukraine --source "Russian Ministry of Defence"
    --reason "claim withdrawn"
    """
    report(write(ctx, lambda store: store.log.retract_attack_claim(
        reference, source=source_name, reason=reason, weapons=weapon or (), places=place or (),
    )))


@app.command()
def show(
    ctx: typer.Context,
    reference: str = REFERENCE,
    history: bool = HISTORY,
    as_of: str = AS_OF,
    known_at: str = KNOWN_AT,
    fmt: Format = FORMAT_OPTION,
) -> None:
    """One attack, per source: figures by weapon with category and interception rate, casualties by
    place, corrections and retractions.

    Example: sitlog attack show 2026-02-05/russia --history --format json
    """
    ref = str(AttackRef.parse(reference))
    day, at = when(as_of, known_at)
    doc = read(ctx, lambda tx: queries.show_attack(tx, ref, as_of=day, known_at=at, with_history=history))
    emit(fmt, doc, show_sections(doc))


@app.command("list")
def list_attacks(
    ctx: typer.Context,
    date_from: str = typer.Option(None, "--from", metavar="DATE", help="Attacks dated on or after DATE."),
    date_to: str = typer.Option(None, "--to", metavar="DATE", help="Attacks dated on or before DATE."),
    attacker: str = typer.Option(None, "--attacker", help="Only this attacker's attacks."),
    as_of: str = AS_OF,
    known_at: str = KNOWN_AT,
    fmt: Format = FORMAT_OPTION,
) -> None:
    """Attacks by date, with the sources that reported on each.

    Example: sitlog attack list --from 2026-02-01 --attacker russia --format json
    """
    who = slug(attacker, "attacker", "russia") if attacker is not None else None
    start, stop = optional_date(date_from, "from"), optional_date(date_to, "to")
    day, at = when(as_of, known_at)
    rows = read(ctx, lambda tx: queries.list_attacks(
        tx, date_from=start, date_to=stop, attacker=who, as_of=day, known_at=at))
    emit(fmt, rows)

