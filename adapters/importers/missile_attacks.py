"""``--kind missile-attacks-csv``: the "Massive Missile Attacks on Ukraine" CSV, as attack reports.

Every night in the file is one attack by ``russia``, dated by the day its ``time_end`` falls on in
Kyiv; each row is what one source (the post's account) said about one model. **A row's natural
key is its night, its source and its model** (the model's canonical name, so that spellings
match): rows sharing a key (two waves of one day, or one post counting launch places apart) are
added up into the source's figures for that model. What a key's figures are, against what the
log holds for that source and weapon, decides what is recorded: nothing (unchanged), a report
(new), or a correction with the reason "revised in the import of FILE" (changed). Keys the
dataset's earlier imports brought and the file no longer has are listed, never deleted.

The file is read as a stream, a night at a time: the dataset keeps each night's rows together
(sorted by ``time_end``), and a row of a night whose rows came earlier in the file is refused.
"""

import csv
from collections.abc import Iterator
from datetime import date, datetime
from functools import partial
from itertools import groupby
from uuid import UUID

from sitlog.adapters.importers.batches import BatchWriter, Load
from sitlog.adapters.importers.common import (
    BATCH_ROWS,
    ImportRefused,
    ImportRun,
    Rejected,
    Tally,
    text_stream,
)
from sitlog.adapters.importers.missile_claims import (
    Key,
    by_source,
    figures_of,
    key_text,
    keys,
    note_of,
    regions_of,
    source,
)
from sitlog.adapters.importers.missile_rows import REQUIRED, AttackRow, parse_row
from sitlog.domain.attack import Attack
from sitlog.domain.attack_claims import WeaponFigures, check_totals
from sitlog.domain.attack_ref import AttackRef
from sitlog.domain.base import Aggregate
from sitlog.domain.dataset import Dataset
from sitlog.domain.errors import SitlogError
from sitlog.domain.text_limits import TEXT_MAX

KIND = "missile-attacks-csv"
ATTACKER = "russia"
def run(run: ImportRun) -> None:
    writer = BatchWriter(run, checked=True)  # parse_row bounds every name, _decide_source the note
    present: set[str] = set()
    warned: set[str] = set()
    with text_stream(run.path, run) as text:
        nights: list[list[AttackRow]] = []
        for night in _nights(_rows(text, run, warned), run):
            present.update(key_text(k) for k in keys(night))
            nights.append(night)
            if sum(len(n) for n in nights) >= BATCH_ROWS:
                writer.write(partial(_decide, run, nights), _ids(nights))
                nights = []
        writer.write(partial(_decide, run, nights, present=present), _ids(nights))


def _ids(nights: list[list[AttackRow]]) -> list[UUID]:
    return [Dataset.create_id(KIND), *(AttackRef.of(night[0].night, ATTACKER).id for night in nights)]


def _rows(text: Iterator[str], run: ImportRun, warned: set[str]) -> Iterator[AttackRow]:
    reader = csv.DictReader(text)
    columns = set(reader.fieldnames or ())
    missing = [c for c in REQUIRED if c not in columns]
    if missing:
        raise ImportRefused(
            f"file: {run.name} is not a missile-attacks CSV (no column {', '.join(missing)}; "
            f"it has {', '.join(reader.fieldnames or ()) or 'no header'})")
    line = reader.line_num + 1
    for row in reader:
        run.tally.rows += 1
        try:
            parsed = parse_row(line, row)
        except SitlogError as e:
            run.saved(Tally(rejected=[_rejected(line, str(e))]))
        else:
            if not parsed.weapon.classified and parsed.model not in warned:
                warned.add(parsed.model)
                run.on_warning(f'line {line}: weapon "{parsed.model}" is not in the taxonomy; '
                               "kept verbatim as unclassified")
            yield parsed
        line = reader.line_num + 1


def _rejected(line: int, reason: str) -> Rejected:
    return Rejected((line,), reason)


def _nights(rows: Iterator[AttackRow], run: ImportRun) -> Iterator[list[AttackRow]]:
    done: set[date] = set()
    for night, group in groupby(rows, key=lambda r: r.night):
        if night in done:
            for row in group:
                run.saved(Tally(rejected=[_rejected(row.line, (
                    f"time_end: the rows of {night} came earlier in the file; the dataset keeps a "
                    "night's rows together (sort the file by time_end)"))]))
            continue
        done.add(night)
        yield list(group)


def _decide(run: ImportRun, nights: list[list[AttackRow]], load: Load, tally: Tally,
            present: set[str] | None = None) -> list[Aggregate]:
    dataset: Dataset | None = load(Dataset.create_id(KIND))
    if dataset is None:
        dataset = Dataset(kind=KIND, operator=run.operator)
    saved: list[Aggregate] = []
    imported: list[str] = []
    for night in nights:
        attack, keys = _decide_night(run, night, load, tally)
        if attack is not None:
            saved.append(attack)
            imported += keys
    dataset.imported(run.name, imported, operator=run.operator)
    if present is not None:  # the last batch: the whole file has been read
        tally.vanished = dataset.vanished(run.name, present, operator=run.operator)
        run.tally.vanished = tally.vanished
    # A dataset with nothing imported yet is not saved (it stays with the batch's aggregates).
    return [*saved, dataset] if dataset.keys or dataset.version > 1 else saved


def _decide_night(run: ImportRun, night: list[AttackRow], load: Load,
                  tally: Tally) -> tuple[Attack | None, list[str]]:
    ref = AttackRef.of(night[0].night, ATTACKER)
    start = min((r.start for r in night if r.start), default=None)
    end = max((r.end for r in night if r.end), default=None)
    attack: Attack | None = load(ref.id)
    new = attack is None
    try:
        if attack is None:
            attack = Attack.report(ref, start=start, end=end, today=run.today, operator=run.operator)
        else:
            _period(run, attack, start, end, tally)
    except SitlogError as e:
        run.reject(tuple(r.line for r in night), str(e), tally)
        return None, []
    imported = []
    for rows in by_source(night):
        imported += _decide_source(run, attack, rows, tally)
    if new and not attack.sources:
        return None, []  # every row of the night was refused: no attack without a report
    return attack, imported


def _decide_source(run: ImportRun, attack: Attack, rows: list[AttackRow], tally: Tally) -> list[str]:
    """What one source said about the night: its figures recorded (new), corrected (changed) or
    left (unchanged), key by key, in one event of each kind; the keys imported."""
    said_by = source(rows)
    name = attack.source_name(said_by.name)
    record: list[WeaponFigures] = []
    correct: list[WeaponFigures] = []
    done: list[tuple[Key, list[AttackRow], str]] = []
    for key, key_rows in keys(rows).items():
        new, changed = [], []
        for claimed in figures_of(key_rows):
            now = attack.figures.get((name, claimed.key))
            if now is not None and any(getattr(now, m) not in (None, v) for m, v in claimed.given().items()):
                changed.append(claimed)
            elif now is None or any(getattr(now, m) is None for m in claimed.given()):
                new.append(claimed)  # a weapon, or measures, the log did not have
        try:  # the rule of totals, on what the figures would become: a refused key changes nothing
            check_totals(name, [now.with_figures(f.given()) if (now := attack.figures.get((name, f.key)))
                                else f for f in new + changed], force=False)
        except SitlogError as e:
            run.reject(tuple(r.line for r in key_rows), str(e), tally)
            continue
        record += new
        correct += changed
        done.append((key, key_rows, "corrected" if changed else "new" if new else "unchanged"))
    regions, note = regions_of(rows), note_of(rows)
    if len(note) > TEXT_MAX:  # some forty rows of one source in one night: the file keeps them all
        note = note[:TEXT_MAX - 40].rsplit("\n", 1)[0] + "\n… (the rest is in the file)"
        run.on_warning(f"lines {rows[0].line}-{rows[-1].line}: the note of {said_by.name} on "
                       f"{attack.reference} is cut to {TEXT_MAX:,} characters")
    try:
        if done:  # the figures to add, and the regions, note and post of a source already known
            attack.record_figures(said_by, record, regions=regions, note=note, operator=run.operator)
        if correct:
            attack.correct(name, figures=correct, reason=run.revised, operator=run.operator)
    except SitlogError as e:  # not expected after the checks above: refuse the source's rows
        run.reject(tuple(r.line for _, key_rows, _ in done for r in key_rows), str(e), tally)
        return []
    for _, key_rows, status in done:
        setattr(tally, status, getattr(tally, status) + len(key_rows))
    return [key_text(key) for key, _, _ in done]


def _period(run: ImportRun, attack: Attack, start: datetime | None, end: datetime | None,
            tally: Tally) -> None:
    """The span of the night's rows; a different one than the log's is a correction."""
    if (start and attack.start and start != attack.start) or (end and attack.end and end != attack.end):
        before = (attack.start, attack.end)
        attack.correct_period(start, end, reason=run.revised, operator=run.operator)
        tally.periods_corrected += (attack.start, attack.end) != before
    else:
        attack.set_period(start, end, operator=run.operator)
