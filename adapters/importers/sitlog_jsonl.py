"""``--kind sitlog-jsonl``: the events of another sitlog log (``sitlog export``), copied into this one.

Each line is one event (``adapters/export.py``). The events were decided by the log they come
from: they are copied as they were, **keeping their record times and operators** (an event's
record time is its timestamp, which the bitemporal read tables key on: so ``state``, ``show
--history`` and ``--known-at`` answer in the copy as in the original). Each is checked first: its
type must be one of sitlog's events and its data must read as that event. The copy's own moment
is the record time of one more event, ``Dataset.LogCopied`` (file, events, positions), saved
when the import ends.

An event already in this log (same aggregate and version, and the same event) is skipped, so
importing a file again records nothing and an interrupted import resumes; one that differs is a
bad line, and so is one whose aggregate lacks the version before it. A store holding events the
file does not have may take newer events (a later export of the same log), never older ones: they
would sit in the log after events recorded later than they were.
"""

import json
from typing import Any, NamedTuple
from uuid import UUID

from eventsourcing.persistence import RecordConflictError
from pydantic_core import from_json, to_json
from sitlog.adapters.cipher import decrypt, encrypter
from sitlog.adapters.importers.batches import CONFLICT_RETRIES
from sitlog.adapters.importers.common import (
    BATCH_ROWS,
    ImportRefused,
    ImportRun,
    Rejected,
    Tally,
    text_stream,
)
from sitlog.adapters.log_append import append
from sitlog.adapters.log_table import EVENTS_TABLE, POSITION, among, stored_id
from sitlog.adapters.mapper import from_state
from sitlog.adapters.store import Store
from sitlog.domain.dataset import Dataset
from sitlog.domain.errors import InvalidInput, SitlogError

KIND = "sitlog-jsonl"
BATCH_EVENTS = 20 * BATCH_ROWS  # events: a copy decides little, and a transaction costs (a commit
# waits for the disk: at 5,000 events, the commits were a tenth of a copy into SQLite)
_FIELDS_IN_ORDER = ("position", "aggregate_id", "aggregate_version", "type", "recorded_at", "operator",
                    "data")
_FIELDS = frozenset(_FIELDS_IN_ORDER)
_OWN = Dataset.create_id(KIND)  # this log's notes of the copies made into it


class Line(NamedTuple):
    """An event of the file, checked: its line, its position in the exported log, and the event."""

    number: int
    position: int
    aggregate: UUID
    key: int  # the aggregate's id as a number: sets and dicts of UUIDs hash them in Python
    version: int
    topic: str
    state: bytes  # the stored state: the data with its record time and operator


class Copy:
    def __init__(self, store: Store, run: ImportRun) -> None:
        self.store, self.run = store, run
        self.started_with = self._count()  # what the log held before the copy (its notes of copies aside)
        self.matched = 0  # events of the file found in the log, as they are in the file (saved batches)
        self.appending = False
        self.positions: tuple[int, int] | None = None
        self.versions: dict[int, int] = {}  # dry: the versions the run would have appended (by Line.key)
        self.refused: set[int] = set()  # aggregates with an event not copied: their later ones are not

    def lines(self) -> None:
        with text_stream(self.run.path, self.run) as text:
            batch: list[Line] = []
            for number, text_line in enumerate(text, start=1):
                if not text_line.strip():
                    continue
                self.run.tally.rows += 1
                try:
                    batch.append(_line(number, text_line))
                except SitlogError as e:
                    self.run.saved(Tally(rejected=[Rejected((number,), str(e))]))
                if len(batch) >= BATCH_EVENTS:
                    self._write(batch)
                    batch = []
            self._write(batch)
        self._note()

    def _write(self, batch: list[Line]) -> None:
        for _ in range(CONFLICT_RETRIES):
            tally = Tally()
            new, refused = self._decide(batch, tally)
            if new and not self.appending:
                self._may_append(new[0], self.matched + tally.unchanged)
            try:
                if new and not self.run.dry_run:
                    self._append(new)
            except RecordConflictError:
                continue  # another writer came first: look again
            self.appending = self.appending or bool(new)
            self.matched += tally.unchanged
            self.refused = refused
            if new:
                first, last = (self.positions or (new[0].position, 0))[0], new[-1].position
                self.positions = (first, last)
            tally.new, tally.events = len(new), len(new)
            self.run.saved(tally)
            return
        raise SitlogError("the log changed under the import several times; please try again")

    def _append(self, lines: list[Line]) -> None:
        # Line.state is the plain state: stored encrypted under SITLOG_CIPHER_KEY (adapters/cipher.py).
        encrypt = encrypter()
        append(self.store.log, [(line.aggregate, line.version, line.topic, encrypt(line.state))
                                for line in lines])

    def _decide(self, batch: list[Line], tally: Tally) -> tuple[list[Line], set[int]]:
        """The lines to append (the others are skipped, being there already, or rejected), and the
        aggregates with an event not copied (their ids' numbers)."""
        versions = self._versions({line.key for line in batch})
        stored = self._stored({line.key for line in batch if line.version <= versions.get(line.key, 0)})
        new = []
        refused = set(self.refused)
        for line in batch:
            aggregate, key, version = line.aggregate, line.key, line.version
            known = versions.get(key, 0)
            if key in refused:  # none of an aggregate's events after one that was not copied
                tally.rejected.append(Rejected((line.number,), (
                    f"aggregate {aggregate} version {version}: follows an event "
                    "of its aggregate that was not copied")))
                continue
            if version <= known:
                there = stored.get((key, version))
                if there is not None and there == (line.topic, from_json(line.state)):
                    tally.unchanged += 1
                else:
                    refused.add(key)
                    tally.rejected.append(Rejected((line.number,), (
                        f"aggregate {aggregate} version {version}: the log "
                        "holds another event there" if there is not None else
                        f"aggregate {aggregate} version {version} comes twice")))
            elif version != known + 1:
                refused.add(key)
                tally.rejected.append(Rejected((line.number,), (
                    f"aggregate {aggregate} version {version}: the log has "
                    f"{f'up to version {known}' if known else 'none of its events'} (the file skips some)")))
            else:
                versions[key] = version
                new.append(line)
        if self.run.dry_run:
            self.versions.update({line.key: line.version for line in new})
        return new, refused

    def _may_append(self, first: Line, matched: int) -> None:
        """Refuse, before anything is written, to put older events after newer ones of this log
        (the log's notes of earlier copies aside: an interrupted copy, noted, resumes). ``matched``:
        the events of the file found in the log so far."""
        if self.started_with <= matched:
            return  # an empty log, or one holding the beginning of this very file
        newest = self._newest_record_time()
        first_time = str(from_json(first.state).get("timestamp", ""))
        if newest is not None and first_time < newest:
            raise ImportRefused(
                f"file: the store holds events that {self.run.name} does not, recorded up to {newest}, "
                f"and line {first.number} was recorded at {first_time}: a sitlog-jsonl "
                "import copies a log into an empty store, or resumes or extends such a copy; older "
                "events would sit after newer ones (nothing was imported)")

    def _versions(self, keys: set[int]) -> dict[int, int]:
        with self.store.read() as tx:
            table = EVENTS_TABLE[tx.dialect]
            found = {}
            for condition, params in among(tx.dialect, [UUID(int=key) for key in sorted(keys)]):
                rows = tx.tuples(f"SELECT originator_id, MAX(originator_version) FROM {table} "
                                 f"WHERE {condition} GROUP BY originator_id", params)
                found.update({_key(i): int(v) for i, v in rows})
        return {key: max(found.get(key, 0), self.versions.get(key, 0)) for key in keys}

    def _stored(self, keys: set[int]) -> dict[tuple[int, int], tuple[str, Any]]:
        if not keys:
            return {}
        with self.store.read() as tx:
            table = EVENTS_TABLE[tx.dialect]
            found = {}
            for condition, params in among(tx.dialect, [UUID(int=key) for key in sorted(keys)]):
                rows = tx.tuples(f"SELECT originator_id, originator_version, topic, state FROM {table} "
                                 f"WHERE {condition}", params)
                found.update({(_key(i), int(v)): (t, json.loads(decrypt(bytes(s)))) for i, v, t, s in rows})
        return found

    def _count(self) -> int:
        with self.store.read() as tx:
            table = EVENTS_TABLE[tx.dialect]
            return int(tx.scalar(f"SELECT COUNT(*) AS n FROM {table} WHERE originator_id <> :own",
                                 {"own": stored_id(tx.dialect, str(_OWN))}) or 0)

    def _newest_record_time(self) -> str | None:
        with self.store.read() as tx:
            table, position = EVENTS_TABLE[tx.dialect], POSITION[tx.dialect]
            row = tx.tuples(f"SELECT state FROM {table} WHERE originator_id <> :own ORDER BY {position} DESC "
                            "LIMIT 1", {"own": stored_id(tx.dialect, str(_OWN))})
        return str(json.loads(decrypt(bytes(row[0][0]))).get("timestamp")) if row else None

    def _note(self) -> None:
        """The copy's own moment: one more event, when something was copied."""
        if self.positions is None or self.run.dry_run:
            return
        log = self.run.log

        def decide(dataset: Dataset | None) -> Dataset:
            dataset = dataset or Dataset(kind=KIND, operator=log.operator)
            assert self.positions is not None
            dataset.copied(self.run.name, self.run.tally.new, self.positions, operator=log.operator)
            return dataset

        log.execute(Dataset.create_id(KIND), decide)
        self.run.tally.events += 1


def run(run: ImportRun) -> None:
    Copy(run.store, run).lines()


def _line(number: int, text: str) -> Line:
    try:
        record = from_json(text)
    except ValueError as e:
        raise InvalidInput(f"not JSON ({e})") from None
    if not isinstance(record, dict) or not record.keys() >= _FIELDS:
        missing = ", ".join(f for f in _FIELDS_IN_ORDER if isinstance(record, dict) and f not in record)
        raise InvalidInput("not an exported event (it needs position, aggregate_id, aggregate_version, "
                           f"type, recorded_at, operator and data){'; no ' + missing if missing else ''}")
    data, position, topic = record["data"], record["position"], record["type"]
    version = record["aggregate_version"]
    if not isinstance(data, dict) or type(position) is not int or type(version) is not int or version < 1 \
            or not isinstance(topic, str) or not isinstance(record["aggregate_id"], str):
        raise InvalidInput("not an exported event (data is an object; position and aggregate_version "
                           "whole numbers; aggregate_id and type texts)")
    state = {**data, "timestamp": record["recorded_at"], "operator": record["operator"]}
    stored = to_json(state)
    try:  # a sitlog event type, and data that reads as it (the state gets the ids: its copy is stored)
        event = from_state(topic, record["aggregate_id"], version, state)
    except Exception as e:
        raise InvalidInput(f"{topic}: {' '.join(str(e).split())}") from None
    aggregate = event.originator_id
    return Line(number, position, aggregate, aggregate.int, version, topic, stored)


def _key(value: Any) -> int:
    """Line.key of an id as a backend returns it (a UUID, or its 32 hex digits on SQLite)."""
    return value.int if isinstance(value, UUID) else int(str(value).replace("-", ""), 16)
