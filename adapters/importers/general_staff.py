"""``--kind general-staff-personnel``: the daily cumulative Russian personnel losses claimed by the
General Staff of the Armed Forces of Ukraine (``russia_losses_personnel.json`` of the
2022-Ukraine-Russia-War-Dataset, MIT licence), as casualty estimates.

Each item (``date``, ``personnel``, its qualifier ``personnel*``, and in 2022 ``POW``) is one
estimate of the source "General Staff of the Armed Forces of Ukraine" in the series
``russia-military/personnel-losses`` (and ``russia-military/prisoners-of-war``), as of its
date and reported that day. **An item's natural key is its date** (in its series). A figure
lower than the day before's is imported as what it is, a revised cumulative figure, and
counted. The file is one JSON array, read item by item (``json_stream.py``).
"""

from datetime import date
from functools import partial
from typing import Any

from sitlog.adapters.importers.batches import BatchWriter, Load
from sitlog.adapters.importers.common import BATCH_ROWS, ImportRun, Rejected, Tally, text_stream
from sitlog.adapters.importers.json_stream import array_items
from sitlog.domain.base import Aggregate
from sitlog.domain.casualty_estimate import CasualtyEstimate, Estimate
from sitlog.domain.clock import parse_date
from sitlog.domain.dataset import Dataset
from sitlog.domain.errors import InvalidInput, SitlogError
from sitlog.domain.values import MAX_COUNT, Figure, Qualifier

KIND = "general-staff-personnel"
SOURCE = "General Staff of the Armed Forces of Ukraine"
PERSONNEL, PRISONERS = "russia-military/personnel-losses", "russia-military/prisoners-of-war"
# The words of ``personnel*`` -> sitlog's qualifiers.
QUALIFIERS = {"about": Qualifier.ABOUT, "more": Qualifier.MORE_THAN, "over": Qualifier.MORE_THAN,
              "": Qualifier.EXACT, **{q.value: q for q in Qualifier}}
IDS = (Dataset.create_id(KIND), *(CasualtyEstimate.create_id(s) for s in (PERSONNEL, PRISONERS)))
Item = tuple[int, date, dict[str, Figure]]  # line, date, figure by series


def run(run: ImportRun) -> None:
    writer = BatchWriter(run, checked=True)  # fixed names; the file's name is checked
    present: set[str] = set()
    before: tuple[date, int] | None = None
    with text_stream(run.path, run) as text:
        items: list[Item] = []
        for line, raw in array_items(text, run.name):
            run.tally.rows += 1
            try:
                day, figures = _item(raw)
            except SitlogError as e:
                run.saved(Tally(rejected=[Rejected((line,), str(e))]))
                continue
            personnel = figures[PERSONNEL].value or 0
            if before and before[0] < day and personnel < before[1]:
                run.tally.decreases.append(f"{day}: {personnel:,} after {before[1]:,} on {before[0]}")
            before = (day, personnel)
            present.update(_key(series, day) for series in figures)
            items.append((line, day, figures))
            if len(items) >= BATCH_ROWS:
                writer.write(partial(_decide, run, items), IDS)
                items = []
        writer.write(partial(_decide, run, items, present=present), IDS)


def _item(raw: Any) -> tuple[date, dict[str, Figure]]:
    if not isinstance(raw, dict):
        raise InvalidInput(f"item: {str(raw)[:40]!r} is not an object with date and personnel")
    day = parse_date(str(raw.get("date", "")), "date")
    word = str(raw.get("personnel*") or "").strip().lower()
    if word not in QUALIFIERS:
        raise InvalidInput(f"personnel*: {word!r} is not a qualifier sitlog knows "
                           f"(about, more, or one of {', '.join(q.value for q in Qualifier)})")
    figures = {PERSONNEL: Figure(value=_count(raw.get("personnel"), "personnel"), qualifier=QUALIFIERS[word])}
    if raw.get("POW") is not None:
        figures[PRISONERS] = Figure(value=_count(raw["POW"], "POW"))
    return day, figures


def _count(value: Any, field: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int | float) or not float(value).is_integer() \
            or not 0 <= value <= MAX_COUNT:
        raise InvalidInput(f"{field}: {value!r} is not a count (a whole number from 0 to {MAX_COUNT:,})")
    return int(value)


def _key(series: str, day: date) -> str:
    return f"{series.split('/')[1]}/{day}"


def _decide(run: ImportRun, items: list[Item], load: Load, tally: Tally,
            present: set[str] | None = None) -> list[Aggregate]:
    dataset: Dataset | None = load(Dataset.create_id(KIND))
    if dataset is None:
        dataset = Dataset(kind=KIND, operator=run.operator)
    series: dict[str, CasualtyEstimate] = {}
    imported = []
    for line, day, figures in items:
        done = []
        try:
            for key, figure in figures.items():
                if key not in series:
                    series[key] = load(CasualtyEstimate.create_id(key)) or CasualtyEstimate(
                        key=key, operator=run.operator)
                done.append(_decide_one(run, series[key], day, figure))
        except SitlogError as e:
            run.reject((line,), str(e), tally)
            continue
        imported += [_key(key, day) for key in figures]
        status = "corrected" if "corrected" in done else "new" if "new" in done else "unchanged"
        setattr(tally, status, getattr(tally, status) + 1)
    dataset.imported(run.name, imported, operator=run.operator)
    if present is not None:  # the last batch: the whole file has been read
        tally.vanished = run.tally.vanished = dataset.vanished(run.name, present, operator=run.operator)
    saved: list[Aggregate] = [s for s in series.values() if s.estimates]
    return [*saved, dataset] if dataset.keys or dataset.version > 1 else saved


def _decide_one(run: ImportRun, series: CasualtyEstimate, day: date, figure: Figure) -> str:
    """What the file's figure for ``day`` does to the series: "new", "corrected" or "unchanged"."""
    estimate = Estimate.of(source=SOURCE, reported=day, as_of=day, figure=figure)
    current = series.estimates.get((SOURCE, day))
    if current is None:
        series.record(estimate, operator=run.operator)
        return "new"
    if (SOURCE, day) in series.retracted or current.figure == figure:
        return "unchanged"  # a retracted estimate stays retracted: the operator's word stands
    series.correct(SOURCE, day, figure, None, run.revised, operator=run.operator)
    return "corrected"
