"""Files a test writes for itself: a Massive Missile Attacks CSV and a file of commands, long enough
to be cut off part-way (several batches of the importer, many commands); and what to compare of the
stores they are run into."""

from datetime import date, timedelta
from pathlib import Path

from sitlog.adapters.config import parse_store_url
from sitlog.adapters.log_table import EVENTS_TABLE
from sitlog.adapters.store import open_store

from tests.conftest import Sitlog

_HEADER = ("time_start,time_end,model,launch_place,target,target_main,launched,destroyed,not_reach_goal,"
           "still_attacking,border_crossing,is_shahed,num_hit_location,num_fall_fragment_location,carrier,"
           "turbojet,turbojet_destroyed,affected region,destroyed_details,launched_details,"
           "launch_place_details,source")


def missile_csv(path: Path, nights: int = 1200) -> Path:
    """One attack a night, each with its own figures (1,200 nights: three batches of 500 rows)."""
    rows = [_HEADER]
    for n in range(nights):
        night = date(2019, 1, 1) + timedelta(days=n)
        rows.append(f"{night - timedelta(days=1)} 18:00,{night} 08:30,Shahed-136/131,Kursk oblast,Ukraine,,"
                    f"{100 + n % 50}.0,{90 + n % 10}.0,,,{{}},,,,,,,,,,,kpszsu/posts/night{n}")
    path.write_text("\n".join(rows) + "\n")
    return path


def commands(path: Path, count: int = 120) -> Path:
    """A file of ``count`` attack reports, one a day."""
    lines = [f"attack record --date {date(2021, 1, 1) + timedelta(days=n)} --attacker russia "
             f"--source 'Ukrainian Air Force' --launched shahed={50 + n % 40} --destroyed shahed={n % 30}"
             for n in range(count)]
    path.write_text("\n".join(lines) + "\n")
    return path


def facts(url: str) -> tuple[list[tuple[str, int, str]], str]:
    """The log's events but the importer's own notes (which batch a row came in), as (aggregate,
    version, topic); and the attacks as listed."""
    with open_store(parse_store_url(url), "tester") as store:
        store.verify()
        with store.read() as tx:
            table = EVENTS_TABLE[tx.dialect]
            rows = tx.tuples(f"SELECT originator_id, originator_version, topic FROM {table}")
    events = sorted((str(i), v, t) for i, v, t in rows if not t.startswith("sitlog.domain.dataset:"))
    return events, Sitlog(url).ok("attack list --format json")
