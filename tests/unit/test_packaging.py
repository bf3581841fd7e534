"""One installed name, and stored topics that can never be orphaned by a rename."""

import subprocess
import sys
import tomllib
import zipfile
from pathlib import Path

from eventsourcing.utils import get_topic
from sitlog.adapters.mapper import known_topics
from sitlog.domain.aggregates import AGGREGATES

ROOT = Path(__file__).resolve().parents[2]

# Every topic a store may hold today. Renaming or moving an event or aggregate class changes its
# topic, and stored events of the old one could no longer be read: register the old topic
# (adapters/mapper.py) and then add the new one here.
STORED_TOPICS = {
    "sitlog.domain.negotiation:Negotiation.Corrected",
    "sitlog.domain.negotiation:Negotiation.RoundCorrected",
    "sitlog.domain.negotiation:Negotiation.StatementCorrected",
    "sitlog.domain.negotiation:Negotiation.OutcomeCorrected",
    "sitlog.domain.negotiation:Negotiation.IssueCorrected",
    "sitlog.domain.negotiation:Negotiation.RecordRetracted",
    "sitlog.domain.negotiation:Negotiation.RoundCorroborated",
    "sitlog.domain.negotiation:Negotiation.StatusCorrected",
    "sitlog.domain.negotiation:Negotiation.StatusRetracted",
    "sitlog.domain.prisoner_exchange:PrisonerExchange.AgreementCorrected",
    "sitlog.domain.prisoner_exchange:PrisonerExchange.StepCorrected",
    "sitlog.domain.prisoner_exchange:PrisonerExchange.StepRetracted",
    "sitlog.domain.prisoner_exchange:PrisonerExchange.Corroborated",
    "sitlog.domain.attack:Attack",
    "sitlog.domain.attack:Attack.Reported",
    "sitlog.domain.attack:Attack.FiguresRecorded",
    "sitlog.domain.attack:Attack.FiguresCorrected",
    "sitlog.domain.attack:Attack.CasualtiesRecorded",
    "sitlog.domain.attack:Attack.ClaimRetracted",
    "sitlog.domain.attack:Attack.PeriodRecorded",
    "sitlog.domain.attack:Attack.PeriodCorrected",
    "sitlog.domain.negotiation:Negotiation",
    "sitlog.domain.negotiation:Negotiation.Opened",
    "sitlog.domain.negotiation:Negotiation.RoundHeld",
    "sitlog.domain.negotiation:Negotiation.ParticipantsAdded",
    "sitlog.domain.negotiation:Negotiation.StatementMade",
    "sitlog.domain.negotiation:Negotiation.OutcomeReached",
    "sitlog.domain.negotiation:Negotiation.IssueRaised",
    "sitlog.domain.negotiation:Negotiation.StatusChanged",
    "sitlog.domain.prisoner_exchange:PrisonerExchange",
    "sitlog.domain.prisoner_exchange:PrisonerExchange.Agreed",
    "sitlog.domain.prisoner_exchange:PrisonerExchange.Postponed",
    "sitlog.domain.prisoner_exchange:PrisonerExchange.Completed",
    "sitlog.domain.prisoner_exchange:PrisonerExchange.Cancelled",
    "sitlog.domain.casualty_estimate:CasualtyEstimate",
    "sitlog.domain.casualty_estimate:CasualtyEstimate.SeriesOpened",
    "sitlog.domain.casualty_estimate:CasualtyEstimate.EstimateRecorded",
    "sitlog.domain.casualty_estimate:CasualtyEstimate.EstimateCorrected",
    "sitlog.domain.casualty_estimate:CasualtyEstimate.EstimateRetracted",
    "sitlog.domain.log_entry:LogEntry",
    "sitlog.domain.log_entry:LogEntry.Added",
    "sitlog.domain.log_entry:LogEntry.Corrected",
    "sitlog.domain.log_entry:LogEntry.Retracted",
    "sitlog.domain.dataset:Dataset",
    "sitlog.domain.dataset:Dataset.Registered",
    "sitlog.domain.dataset:Dataset.RowsImported",
    "sitlog.domain.dataset:Dataset.RowsVanished",
    "sitlog.domain.dataset:Dataset.LogCopied",
}


def _current_topics() -> set[str]:
    events = {topic for topic, cls in known_topics().items()
              if topic.startswith("sitlog.") and cls.__name__ not in ("Event", "Created")}
    return events | {get_topic(aggregate) for aggregate in AGGREGATES}


def test_the_topics_stores_hold_are_pinned():
    assert _current_topics() == STORED_TOPICS


def test_every_topic_of_an_earlier_release_reads_as_todays_class():
    for topic in STORED_TOPICS - {get_topic(a) for a in AGGREGATES}:
        old = topic.removeprefix("sitlog.")
        assert known_topics()[old] is known_topics()[topic]


def test_every_folder_of_code_is_installed_under_sitlog():
    config = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["setuptools"]
    listed = set(config["packages"])
    mapping = config["package-dir"]
    folders = {path.parent for top in ("domain", "adapters", "cli", "web") if (ROOT / top).is_dir()
               for path in (ROOT / top).rglob("*") if path.suffix in (".py", ".sitlog", ".html")}
    names = set()
    for folder in folders:
        top, *rest = folder.relative_to(ROOT).parts
        names.add(".".join([f"sitlog.{top}", *rest]))
        assert mapping[f"sitlog.{top}"] == top
    assert names <= listed


def test_the_wheel_installs_one_top_level_name(tmp_path):
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", "-w", str(tmp_path),
                    str(ROOT)], check=True, capture_output=True, timeout=300)
    [wheel] = tmp_path.glob("sitlog-*.whl")
    names = {name.split("/")[0] for name in zipfile.ZipFile(wheel).namelist()}
    assert {name for name in names if not name.endswith(".dist-info")} == {"sitlog"}
    assert "sitlog/cli/samples/2026-02-05.sitlog" in zipfile.ZipFile(wheel).namelist()
    assert "sitlog/web/templates/digest.html" in zipfile.ZipFile(wheel).namelist()
