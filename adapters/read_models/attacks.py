"""Attacks as the read side answers for them: ``attack show`` (per source) and ``attack list``."""

from pydantic import Field, RootModel
from sitlog.adapters.read_models.attack_rows import (
    AttackRow,
    AttackSummaryRow,
    CasualtyRow,
    CorrectionRow,
    FigureRow,
    NoteRow,
    RetractionRow,
    SourceRow,
)
from sitlog.adapters.read_models.base import (
    Count,
    Day,
    LocalTime,
    ReadModel,
    RecordTime,
    Section,
    Table,
    joined,
)
from sitlog.adapters.read_models.common import OptionalHistory, ShowsHistory
from sitlog.adapters.read_models.vocabulary import QualifierWord, WeaponCategoryWord


class StatedCount(ReadModel):
    """A figure as one number with a qualifier ("about 95")."""

    text: str = Field(description="As written in the inline syntax, e.g. ~95.")
    wording: str | None = Field(description="The figure as typed, when worded otherwise than `text` "
                                            "(up to 140,000, 100,000-140,000); null otherwise.")
    point: Count = Field(description="The number a summary counts.")
    value: Count
    qualifier: QualifierWord


class StatedRange(ReadModel):
    """A figure as a range, optionally with a best estimate ("90..95..100")."""

    text: str = Field(description="As written in the inline syntax, e.g. 90..100.")
    wording: str | None = Field(description="The figure as typed, when worded otherwise than `text` "
                                            "(up to 140,000, 100,000-140,000); null otherwise.")
    point: Count = Field(description="The number a summary counts: the best estimate, else the low end.")
    low: Count
    best: Count | None
    high: Count


StatedFigure = StatedCount | StatedRange


class WeaponClaim(ReadModel):
    """What one source says about one weapon; a measure it did not give is null."""

    weapon: str
    category: WeaponCategoryWord
    launched: StatedFigure | None
    destroyed: StatedFigure | None
    suppressed: StatedFigure | None
    hit: StatedFigure | None
    still_attacking: StatedFigure | None
    interception_rate: float | None = Field(
        description="destroyed / launched on their points, to 3 places; null unless both are given "
                    "and launched > 0.")
    overrides: list[str] = Field(description="The --force overrides in force for these figures.")
    recorded_at: RecordTime


class CasualtyClaim(ReadModel):
    """People killed or injured at one place, as one source reports them."""

    place: str
    killed: StatedFigure | None
    injured: StatedFigure | None
    civilians: bool | None = Field(description="Whether they were civilians; null when not said.")
    recorded_at: RecordTime


class ValueCorrection(ReadModel):
    """One value a correction changed: before and after, as written, and why."""

    subject: str = Field(description="A weapon, a place, or \"period\".")
    measure: str = Field(description="launched, destroyed, suppressed, hit, still_attacking, killed, "
                                     "injured, civilians; or start/end for the period.")
    before: str | None
    after: str | None
    reason: str
    recorded_at: RecordTime
    operator: str


class ClaimRetraction(ReadModel):
    """A source withdrawing its claim: all of it (both lists empty), or the weapons and places named."""

    weapons: list[str]
    places: list[str]
    reason: str
    recorded_at: RecordTime
    operator: str


class SourceNote(ReadModel):
    """A note a source gave, with the claim it came with and when it was recorded; a later note
    never hides an earlier one."""

    text: str
    claim: str = Field(description='What it came with: "figures", or "casualties in PLACE".')
    recorded_at: RecordTime


class SourceClaims(ReadModel):
    """Everything one source says about an attack; nothing is merged across sources."""

    source: str
    url: str | None
    reported_at: LocalTime | None
    regions: list[str]
    notes: list[SourceNote] = Field(description="Every note the source gave, oldest first.")
    figures: list[WeaponClaim] = Field(description="Sorted by weapon category, then weapon.")
    casualties: list[CasualtyClaim]
    corrections: list[ValueCorrection]
    retractions: list[ClaimRetraction]


class AttackHeader(ReadModel):
    reference: str = Field(description="DATE/ATTACKER[/LABEL], e.g. 2026-02-05/russia.")
    date: Day = Field(description="The day the attack's night ended, in Kyiv.")
    attacker: str
    label: str | None
    start: LocalTime | None
    end: LocalTime | None


def _text(figure: StatedFigure | None) -> str | None:
    """A figure in a table: as typed (the source's words), else in the inline syntax."""
    return (figure.wording or figure.text) if figure else None


class AttackDetail(AttackHeader, ShowsHistory):
    """``sitlog attack show``: one attack, per source, in the order the log first heard from them."""

    sources: list[SourceClaims]
    corrections: list[ValueCorrection] = Field(description="Corrections of the attack's period.")
    history: OptionalHistory

    def table(self) -> Table:
        yes_no = {True: "yes", False: "no"}
        sources = self.sources
        return {
            "attack": Section(AttackRow, [AttackRow(**self.model_dump(include=set(AttackRow.model_fields)))]),
            "sources": Section(SourceRow, [SourceRow(
                source=s.source, url=s.url, reported_at=s.reported_at, regions=joined(s.regions),
                notes=len(s.notes),
            ) for s in sources]),
            "notes": Section(NoteRow, [NoteRow(
                source=s.source, recorded_at=n.recorded_at, claim=n.claim, note=n.text,
            ) for s in sources for n in s.notes]),
            "figures": Section(FigureRow, [FigureRow(
                source=s.source, weapon=f.weapon, category=f.category, launched=_text(f.launched),
                destroyed=_text(f.destroyed), suppressed=_text(f.suppressed), hit=_text(f.hit),
                still_attacking=_text(f.still_attacking),
                interception=None if f.interception_rate is None else f"{f.interception_rate:.1%}",
                overrides=joined(f.overrides),
            ) for s in sources for f in s.figures]),
            "casualties": Section(CasualtyRow, [CasualtyRow(
                source=s.source, place=c.place, killed=_text(c.killed), injured=_text(c.injured),
                civilians=None if c.civilians is None else yes_no[c.civilians],
            ) for s in sources for c in s.casualties]),
            "corrections": Section(CorrectionRow, [
                CorrectionRow(source=name, **c.model_dump())
                for name, corrections in [*((s.source, s.corrections) for s in sources),
                                          (None, self.corrections)]
                for c in corrections
            ]),
            "retractions": Section(RetractionRow, [RetractionRow(
                source=s.source, weapons=joined(r.weapons), places=joined(r.places), reason=r.reason,
                recorded_at=r.recorded_at, operator=r.operator,
            ) for s in sources for r in s.retractions]),
            **self.history_table(),
        }


class AttackSummary(AttackHeader):
    """An attack in a list: its header and the sources that reported on it."""

    sources: list[str]


class AttackListing(RootModel[list[AttackSummary]]):
    """``sitlog attack list``: attacks by date, then reference."""

    model_config = {"frozen": True}

    def table(self) -> Table:
        return {"": Section(AttackSummaryRow, [
            AttackSummaryRow(**a.model_dump(exclude={"sources"}), sources=joined(a.sources))
            for a in self.root
        ])}
