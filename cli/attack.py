"""`sitlog attack record|casualties|correct|retract|show|list`"""

import typer
from sitlog.cli.attack_options import FIGURES_HELP
from sitlog.cli.context import read, report, write
from sitlog.cli.lazy_commands import LightGroup
from sitlog.cli.options import (
    HISTORY_OPTION,
    KNOWN_AT_OPTION,
    as_of_option,
    parse_optional_date,
    parse_time_travel,
    reason_option,
    source_option,
)
from sitlog.cli.render import FORMAT_OPTION, Format, emit

app = typer.Typer(
    # Plain help: rich markup would read DATE/ATTACKER[/LABEL] as a closing tag and crash.
    rich_markup_mode=None,
    cls=LightGroup,
    help="Attack reports: figures per source and weapon, casualties, corrections.",
    epilog="Example: sitlog attack show 2026-02-05/russia --format json",
    no_args_is_help=True,
    add_completion=False,
)

_WEAPON_FIGURE = "WEAPON=FIGURE"
# No square brackets in help texts: the help renderer reads them as markup.
ATTACK_REF_ARGUMENT = typer.Argument(
    ..., metavar="REFERENCE", help="DATE/ATTACKER or DATE/ATTACKER/LABEL, e.g. 2026-02-05/russia"
)
LAUNCHED = typer.Option(None, "--launched", metavar=_WEAPON_FIGURE,
                        help=f"Launched, per weapon. {FIGURES_HELP}")
DESTROYED = typer.Option(None, "--destroyed", metavar=_WEAPON_FIGURE,
                         help="Destroyed (shot down), per weapon.")
SUPPRESSED = typer.Option(None, "--suppressed", metavar=_WEAPON_FIGURE,
                          help="Lost to electronic warfare, per weapon.")
HIT = typer.Option(None, "--hit", metavar=_WEAPON_FIGURE, help="Reached a target, per weapon.")
STILL_ATTACKING = typer.Option(None, "--still-attacking", metavar=_WEAPON_FIGURE,
                               help="Still in the air, per weapon.")
CLAIMED_BY = source_option("Who says so, e.g. \"Ukrainian Air Force\".")
PUBLISHED_URL = typer.Option(None, "--url", metavar="URL", help="Where the source published it.")
REPORTED_AT = typer.Option(None, "--reported-at", metavar="TIMESTAMP", help="When it did.")
NOTE_OPTION = typer.Option(None, "--note", metavar="TEXT", help="Anything else worth keeping.")
START = typer.Option(None, "--start", metavar="TIMESTAMP",
                     help="When the attack began (ISO 8601; no offset = Kyiv time).")
END = typer.Option(None, "--end", metavar="TIMESTAMP",
                   help="When it ended (ISO 8601; no offset = Kyiv time).")
FORCE = typer.Option(False, "--force", help="Accept destroyed + suppressed > launched (recorded as such).")
CIVILIANS = typer.Option(None, "--civilians/--military", help="Whether the casualties are civilians.")
PLACE = typer.Option(None, "--place", metavar="NAME", help="Where, e.g. Kyiv.")
# Not required here: the use case's message says what a reason is for.
ATTACK_REASON = reason_option("Why (required; kept in the history).", required=False)
ATTACKS_AS_OF = as_of_option("Only attacks dated up to DATE.")


@app.command()
def record(
    ctx: typer.Context,
    date: str = typer.Option(None, "--date", metavar="DATE",
                             help="The day the night ended in Kyiv (default: from --end)."),
    attacker: str = typer.Option(None, "--attacker", metavar="NAME", help="Who attacked, e.g. russia."),
    label: str = typer.Option(None, "--label", metavar="NAME",
                              help="Tells apart two attacks of one day and attacker."),
    source_name: str = CLAIMED_BY,
    launched: list[str] = LAUNCHED,
    destroyed: list[str] = DESTROYED,
    suppressed: list[str] = SUPPRESSED,
    hit: list[str] = HIT,
    still_attacking: list[str] = STILL_ATTACKING,
    start: str = START,
    end: str = END,
    region: list[str] = typer.Option(None, "--region", metavar="NAME",
                                     help="A region or target named by the source (repeatable)."),
    url: str = PUBLISHED_URL,
    reported_at: str = REPORTED_AT,
    note: str = NOTE_OPTION,
    force: bool = FORCE,
) -> None:
    """Record what one source says about a night's attack; prints the attack's reference.

    Example: sitlog attack record --date 2026-02-05 --attacker russia --source "Ukrainian Air Force"
    --launched shahed=183 --destroyed shahed=156 --launched iskander-m=2
    """
    from sitlog.cli.attack_options import attack_source, parse_local_time, parse_weapon_figures

    given = parse_weapon_figures(launched=launched, destroyed=destroyed, suppressed=suppressed, hit=hit,
                                 still_attacking=still_attacking)
    said_by = attack_source(source_name, url, reported_at)
    report(write(ctx, lambda store: store.log.record_attack(
        date=parse_optional_date(date, "date"), attacker=attacker, label=label, source=said_by,
        figures=given, start=parse_local_time(start, "start"), end=parse_local_time(end, "end"),
        regions=region or (), note=note, force=force,
    )))


@app.command()
def casualties(
    ctx: typer.Context,
    reference: str = ATTACK_REF_ARGUMENT,
    source_name: str = CLAIMED_BY,
    place: str = PLACE,
    killed: str = typer.Option(None, "--killed", metavar="FIGURE", help="People killed (e.g. 3, ~10)."),
    injured: str = typer.Option(None, "--injured", metavar="FIGURE", help="People injured."),
    civilians: bool = CIVILIANS,
    url: str = PUBLISHED_URL,
    reported_at: str = REPORTED_AT,
    note: str = NOTE_OPTION,
) -> None:
    """Record the people killed or injured at one place, as one source reports them.

    Example: sitlog attack casualties 2026-02-05/russia --place Kyiv --injured 2 --source "Mayor of Kyiv"
    """
    from sitlog.cli.attack_options import attack_source, parse_count_figure

    said_by = attack_source(source_name, url, reported_at)
    report(write(ctx, lambda store: store.log.record_attack_casualties(
        reference, source=said_by, place=place, killed=parse_count_figure(killed, "killed"),
        injured=parse_count_figure(injured, "injured"), civilians=civilians, note=note,
    )))


@app.command()
def correct(
    ctx: typer.Context,
    reference: str = ATTACK_REF_ARGUMENT,
    source_name: str = CLAIMED_BY,
    launched: list[str] = LAUNCHED,
    destroyed: list[str] = DESTROYED,
    suppressed: list[str] = SUPPRESSED,
    hit: list[str] = HIT,
    still_attacking: list[str] = STILL_ATTACKING,
    place: str = typer.Option(None, "--place", metavar="NAME",
                              help="The place whose casualties are corrected."),
    killed: str = typer.Option(None, "--killed", metavar="FIGURE", help="Corrected number killed."),
    injured: str = typer.Option(None, "--injured", metavar="FIGURE", help="Corrected number injured."),
    civilians: bool = CIVILIANS,
    start: str = START,
    end: str = END,
    reason: str = ATTACK_REASON,
    force: bool = FORCE,
) -> None:
    """Correct a source's earlier figures or casualties, or the attack's period; the old values stay
    in the history.

    Example: sitlog attack correct 2026-02-05/russia --source "Ukrainian Air Force" --launched shahed=180
    --reason "the air force revised its post"
    """
    from sitlog.cli.attack_options import parse_count_figure, parse_local_time, parse_weapon_figures

    given = parse_weapon_figures(launched=launched, destroyed=destroyed, suppressed=suppressed, hit=hit,
                                 still_attacking=still_attacking)
    report(write(ctx, lambda store: store.log.correct_attack(
        reference, source=source_name, figures=given, place=place,
        killed=parse_count_figure(killed, "killed"), injured=parse_count_figure(injured, "injured"),
        civilians=civilians, start=parse_local_time(start, "start"), end=parse_local_time(end, "end"),
        reason=reason, force=force,
    )))


@app.command()
def retract(
    ctx: typer.Context,
    reference: str = ATTACK_REF_ARGUMENT,
    source_name: str = CLAIMED_BY,
    weapon: list[str] = typer.Option(None, "--weapon", metavar="WEAPON",
                                     help="Only this weapon's figures (repeatable)."),
    place: list[str] = typer.Option(None, "--place", metavar="NAME",
                                    help="Only the casualties at this place (repeatable)."),
    reason: str = ATTACK_REASON,
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
    reference: str = ATTACK_REF_ARGUMENT,
    history: bool = HISTORY_OPTION,
    as_of: str = ATTACKS_AS_OF,
    known_at: str = KNOWN_AT_OPTION,
    fmt: Format = FORMAT_OPTION,
) -> None:
    """One attack, per source: figures by weapon with category and interception rate, casualties by
    place, corrections and retractions.

    Example: sitlog attack show 2026-02-05/russia --history --format json
    """
    day, moment = parse_time_travel(as_of, known_at)
    emit(fmt, read(ctx, lambda reader: reader.attack(reference, as_of=day, known_at=moment,
                                                     with_history=history)))


@app.command("list")
def list_attacks(
    ctx: typer.Context,
    date_from: str = typer.Option(None, "--from", metavar="DATE", help="Attacks dated on or after DATE."),
    date_to: str = typer.Option(None, "--to", metavar="DATE", help="Attacks dated on or before DATE."),
    attacker: str = typer.Option(None, "--attacker", metavar="NAME", help="Only this attacker's attacks."),
    as_of: str = ATTACKS_AS_OF,
    known_at: str = KNOWN_AT_OPTION,
    fmt: Format = FORMAT_OPTION,
) -> None:
    """Attacks by date, with the sources that reported on each.

    Example: sitlog attack list --from 2026-02-01 --attacker russia --format json
    """
    start, stop = parse_optional_date(date_from, "from"), parse_optional_date(date_to, "to")
    day, moment = parse_time_travel(as_of, known_at)
    emit(fmt, read(ctx, lambda reader: reader.attacks(
        date_from=start, date_to=stop, attacker=attacker, as_of=day, known_at=moment)))
