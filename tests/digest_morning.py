"""The morning of 5 February 2026 as a desk logs it, for the digest's tests: every fact of the issues
so far, a few earlier nights for the trends, and a clock that records them that morning in Kyiv.

The log entries are added through the application (``store.log``), as ``sitlog entry add`` does.
Record time is set by the application's clock (eventsourcing's ``datetime_now_with_tzinfo``);
``LogClock`` stands in for it so that what was logged "that morning" was, and a correction at
09:40 is a correction recorded on the day.
"""

from datetime import UTC, date, datetime, time, timedelta
from typing import TYPE_CHECKING

import eventsourcing.domain
from sitlog.adapters.config import parse_store_url
from sitlog.adapters.store import open_store
from sitlog.domain.clock import KYIV

if TYPE_CHECKING:
    from tests.conftest import Sitlog

DAY = "2026-02-05"

# Earlier nights of the Ukrainian Air Force (launched, destroyed), for the trends.
EARLIER_NIGHTS = {
    "2025-12-20": (200, 170),  # the 30 days before the last 30
    "2026-01-10": (60, 50),
    "2026-01-29": (150, 120),  # the 7 days before the last 7
    "2026-02-01": (90, 80),
    "2026-02-04": (105, 84),
}

_HQ = '--source "Coordination Headquarters"'
EARLIER = [
    *(f'attack record --date {day} --attacker russia --source "Ukrainian Air Force" '
      f"--launched shahed={launched} --destroyed shahed={destroyed}"
      for day, (launched, destroyed) in EARLIER_NIGHTS.items()),
    f"exchange agree 2025-08-29 --total 200 {_HQ}",
    "exchange complete 2025-08-29 --date 2025-09-02 --released-by-ukraine 100 --released-by-russia 100 "
    + _HQ,
    # Agreed, then cancelled: never carried out, so not "the previous exchange" of the digest.
    f"exchange agree 2025-12-01 --total 50 {_HQ}",
    f'exchange cancel 2025-12-01 --date 2025-12-10 --reason "lists not agreed" {_HQ}',
    'negotiation open us-brokered-talks --title "US-brokered Russia-Ukraine talks" '
    '--mediator "United States" --party Ukraine --party Russia --date 2026-01-23 --source Reuters',
    'estimate record ukraine-military/killed --value ">46000" --as-of 2025-02-16 --reported 2025-02-16 '
    '--source "Volodymyr Zelenskyy" --statement "over 46,000"',
    'estimate record ukraine-military/killed --value "<=140000" --as-of 2025-12-31 --reported 2026-01-15 '
    "--source CSIS",
]

_TALKS = f"us-brokered-talks --date {DAY}"
MORNING = [
    f'attack record --date {DAY} --attacker russia --source "Ukrainian Air Force" --launched shahed=183 '
    "--destroyed shahed=156 --still-attacking shahed=7 --launched iskander-m=2 --destroyed iskander-m=0",
    f'attack record --date {DAY} --attacker ukraine --source "Russian Ministry of Defence" '
    '--destroyed drone=95 --region "Azov Sea" --region Crimea',
    f'attack casualties {DAY}/russia --place Kyiv --injured 2 --source "Mayor of Kyiv"',
    f'negotiation round {_TALKS} --venue "Abu Dhabi" --day 2 --source Reuters '
    '--participant "Steve Witkoff|US special envoy|United States" '
    '--participant "Rustem Umerov|Secretary of the National Security and Defense Council|Ukraine"',
    f'negotiation statement {_TALKS} --by "Steve Witkoff" --text "detailed and productive" '
    '--source "Steve Witkoff"',
    f'exchange agree {DAY} --total 314 --negotiation us-brokered-talks --mediator "United States" '
    '--source "Steve Witkoff"',
    f'negotiation outcome {_TALKS} --kind agreement --text "Agreed to exchange 314 prisoners" '
    f"--exchange {DAY} --source Reuters",
    f'negotiation outcome {_TALKS} --kind no-breakthrough --text "No major breakthrough" --source Reuters',
    f'negotiation issue {_TALKS} --topic "Future control of the Donbas" --by "Volodymyr Zelenskyy" '
    "--source Reuters",
    f'estimate record ukraine-military/killed --value "~55000" --as-of 2026-02-04 --reported {DAY} '
    '--source "Volodymyr Zelenskyy" --statement "about 55,000 Ukrainian soldiers killed"',
    "estimate record ukraine-civilians/casualties --change +31% --period 2025 --baseline 2024 "
    f'--reported {DAY} --source "Human Rights Watch"',
]

CORRECTION = (f'attack correct {DAY}/russia --source "Ukrainian Air Force" --launched shahed=180 '
              '--reason "the air force revised its post"')


class LogClock:
    """The application's clock, set to a moment in Kyiv; each event a millisecond after the last."""

    def __init__(self) -> None:
        self._now = datetime(2026, 2, 5, 7, 0, tzinfo=KYIV)

    def at(self, kyiv: str) -> None:
        self._now = datetime.fromisoformat(kyiv).replace(tzinfo=KYIV)

    def __call__(self) -> datetime:
        self._now += timedelta(milliseconds=1)
        return self._now.astimezone(UTC)


TUSK = "Polish Prime Minister Donald Tusk arrived in Kyiv for an official visit"
HRW = ("Ukrainian civilian casualties increased by 31 percent last year compared with 2024, "
       "Human Rights Watch said")


def add_entries(url: str) -> dict[str, str]:
    """The morning's log entries (the Tusk visit, the HRW statement), through the application;
    their references by name."""
    with open_store(parse_store_url(url), "tester") as store:
        tusk = store.log.add_entry(on=date(2026, 2, 5), at=time(10, 15), category="diplomacy", text=TUSK,
                                   source="Reuters", places=["Kyiv"])
        hrw = store.log.add_entry(on=date(2026, 2, 5), category="humanitarian", text=HRW,
                                  source="Human Rights Watch", url="https://www.hrw.org/")
        store.catch_up()
    return {"tusk": tusk.reference, "hrw": hrw.reference}


def correct_entry(url: str, reference: str, **changes: object) -> None:
    with open_store(parse_store_url(url), "tester") as store:
        store.log.correct_entry(store.reader.entry_id(reference), **changes)
        store.catch_up()


def log_the_morning(sitlog: "Sitlog", monkeypatch) -> LogClock:
    """Log the earlier nights (06:30), the morning (from 07:00), the correction of the attack
    (09:40) and of the Tusk entry's time (09:45), the application's clock replaced by a
    ``LogClock``."""
    clock = LogClock()
    monkeypatch.setattr(eventsourcing.domain, "datetime_now_with_tzinfo", clock)
    clock.at("2026-02-05T06:30")
    for command in EARLIER:
        sitlog.ok(command)
    clock.at("2026-02-05T07:00")
    for command in MORNING:
        sitlog.ok(command)
    entries = add_entries(sitlog.url)
    clock.at("2026-02-05T09:40")
    sitlog.ok(CORRECTION)
    clock.at("2026-02-05T09:45")
    correct_entry(sitlog.url, entries["tusk"], at=time(10, 30), reason="the visit began at 10:30")
    return clock
