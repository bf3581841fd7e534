"""``sitlog import`` of the two public datasets' formats, through the store's importer, on SQLite and
PostgreSQL: what each row becomes, re-imports, newer snapshots, bad rows (fixtures: tests/fixtures)."""

from datetime import UTC, datetime
from pathlib import Path

import pytest
from sitlog.adapters.importers.common import ImportRefused

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
V1, V2 = FIXTURES / "missile_attacks_v1.csv", FIXTURES / "missile_attacks_v2.csv"
OLD = FIXTURES / "missile_attacks_old_schema.csv"
GS1, GS2 = FIXTURES / "russia_losses_personnel_v1.json", FIXTURES / "russia_losses_personnel_v2.json"
AF, SOUTH = "Ukrainian Air Force", "Air Command South"


def run(store, path: Path, kind: str = "missile-attacks-csv", **options):
    rejected, warnings = [], []
    summary = store.importer.run(path, kind, on_rejected=lambda r: rejected.append(str(r)),
                                 on_warning=warnings.append, **options)
    store.catch_up()
    return summary, rejected, warnings


def counts(summary) -> tuple[int, int, int, int, int]:
    return summary.rows, summary.new, summary.corrected, summary.unchanged, summary.rejected


def figures(store, reference: str, source: str, **options) -> dict[str, tuple]:
    doc = store.reader.attack(reference, **options).model_dump(mode="json")
    [claims] = [s for s in doc["sources"] if s["source"] == source]
    measures = ("launched", "destroyed", "suppressed", "hit", "still_attacking")
    return {f["weapon"]: tuple(f[m] and f[m]["point"] for m in measures) for f in claims["figures"]}


def test_a_snapshot_becomes_one_attack_a_night_with_each_source_apart(store):
    summary, rejected, _ = run(store, V1)
    assert counts(summary) == (9, 7, 0, 0, 2)
    assert rejected == [
        "line 8: launched: 'abc' is not a count (a whole number from 0 to 1,000,000,000)",
        'line 9: 3M22 Zircon: destroyed (4) is more than launched (2) in the figures from "Ukrainian Air '
        'Force"; check them, or pass --force if the source really says so',
    ]
    assert figures(store, "2026-02-08/russia", AF) == {
        "Shahed-136/131": (101, 69, 10, 13, 0),
        # launched split by launched_details; destroyed (given per direction, not per model) stays combined
        "Kh-101/Kh-555 and Kalibr": (None, 55, None, None, None),
        "Kh-101/Kh-555": (50, None, None, None, None),
        "Kalibr": (12, None, None, None, None),
        "Kh-22 and Kh-32": (7, 3, None, None, None),  # no details: one combined entry
    }
    assert figures(store, "2026-02-08/russia", SOUTH) == {"Shahed-136/131": (12, 12, None, None, None)}
    # Two rows of one night, source and model (a night wave and a day wave) are added up.
    assert figures(store, "2026-02-07/russia", AF) == {"Shahed-136/131": (123, 99, 14, None, None)}
    night = store.reader.attack("2026-02-08/russia").model_dump(mode="json")
    assert (night["start"], night["end"]) == ("2026-02-07T18:00:00+02:00", "2026-02-08T08:30:00+02:00")
    air_force = night["sources"][0]
    assert air_force["url"] == "https://www.facebook.com/kpszsu/posts/pfbidNight8"
    assert air_force["regions"] == ["Kyiv oblast", "Odesa oblast", "Ukraine", "Kyiv"]
    notes = " ".join(note["text"] for note in air_force["notes"])
    assert "launched from Primorsko-Akhtarsk and Kursk oblast" in notes
    assert "launch places per model: X-101/X-555 Caspian Sea, Kalibr Black Sea" in notes
    assert "destroyed per model or direction: south 5, west 7" in notes
    # "2023-05-16 3:30 " (one-digit hour, a trailing space) is read as 03:30 in Kyiv
    may = store.reader.attack("2023-05-16/russia").model_dump(mode="json")
    assert may["end"] == "2023-05-16T03:30:00+03:00"
    assert figures(store, "2023-05-16/russia", AF) == {"S-400 and Iskander-M": (10, 10, None, None, None)}


def test_importing_the_same_file_again_records_nothing(store):
    first, _, _ = run(store, V1)
    events = store.info().events
    again, rejected, _ = run(store, V1)
    assert counts(again) == (9, 0, 0, 7, 2) and again.events == 0
    assert store.info().events == events == first.events
    assert len(rejected) == 2  # still reported


def test_a_newer_snapshot_adds_corrects_and_lists_what_vanished(store):
    run(store, V1)
    before = datetime.now(UTC)
    summary, rejected, _ = run(store, V2)
    assert counts(summary) == (7, 1, 1, 5, 0) and rejected == []
    assert summary.vanished == ["2026-02-08/Air Command South/Shahed-136/131"]
    assert figures(store, "2026-02-08/russia", AF)["Shahed-136/131"] == (101, 72, 10, 13, 0)
    assert figures(store, "2026-02-08/russia", AF, known_at=before)["Shahed-136/131"] == (101, 69, 10, 13, 0)
    night = store.reader.attack("2026-02-08/russia").model_dump(mode="json")
    [correction] = night["sources"][0]["corrections"]
    assert (correction["measure"], correction["before"], correction["after"], correction["reason"]) == (
        "destroyed", "69", "72", "revised in the import of missile_attacks_v2.csv")
    # Nothing is deleted: the vanished row's report stays
    assert figures(store, "2026-02-08/russia", SOUTH) == {"Shahed-136/131": (12, 12, None, None, None)}
    assert figures(store, "2026-02-10/russia", AF) == {"Shahed-136/131": (50, 40, 5, None, None)}
    again, _, _ = run(store, V2)
    assert again.events == 0 and again.vanished == []  # the vanished row was noted once


def test_the_older_schema_is_read_too(store):
    summary, rejected, _ = run(store, OLD)
    assert counts(summary) == (3, 3, 0, 0, 0) and rejected == []
    assert figures(store, "2022-12-29/russia", AF) == {
        "Kh-101/Kh-555 and Kalibr": (69, 54, None, None, None), "Shahed-136/131": (23, 21, None, None, None)}
    assert figures(store, "2022-12-16/russia", "Air Command South") == {"Orlan-10": (2, 2, None, None, None)}


def test_strict_imports_nothing_when_a_row_is_bad_and_a_dry_run_writes_nothing(store):
    with pytest.raises(ImportRefused, match=r"missile_attacks_v1.csv: 2 bad rows \(listed above\); nothing"):
        run(store, V1, strict=True)
    assert store.info().events == 0
    dry, rejected, _ = run(store, V1, dry_run=True)
    assert counts(dry) == (9, 7, 0, 0, 2) and dry.events > 0 and len(rejected) == 2
    assert store.info().events == 0
    strict, _, _ = run(store, V2, strict=True)  # no bad row: imported
    assert strict.new == 7 and store.info().events == strict.events


def test_files_that_are_not_of_their_kind_are_refused_whole(store, tmp_path):
    (tmp_path / "other.csv").write_text("date,what\n2026-02-05,x\n")
    with pytest.raises(ImportRefused, match=r"other.csv is not a missile-attacks CSV .no column time_end,"):
        run(store, tmp_path / "other.csv")
    (tmp_path / "object.json").write_text('{"date": "2022-02-25"}')
    with pytest.raises(ImportRefused, match=r"object.json is not a JSON array"):
        run(store, tmp_path / "object.json", "general-staff-personnel")
    assert store.info().events == 0


def estimates(store, series: str, **options) -> dict[str, str]:
    doc = store.reader.series(series, **options).model_dump(mode="json")
    [source] = doc["sources"]
    assert source["source"] == "General Staff of the Armed Forces of Ukraine"
    return {e["as_of"]: e["text"] for e in source["estimates"]}


def test_the_general_staff_figures_become_a_series_of_estimates(store):
    summary, rejected, _ = run(store, GS1, "general-staff-personnel")
    assert counts(summary) == (6, 5, 0, 0, 1)
    assert rejected == ["line 29: personnel: 'many' is not a count (a whole number from 0 to 1,000,000,000)"]
    assert summary.decreases == ["2022-02-28: 4,290 after 4,300 on 2022-02-27"]
    assert estimates(store, "russia-military/personnel-losses") == {
        "2022-02-25": "~2800", "2022-02-26": "~4300", "2022-02-27": ">4300", "2022-02-28": "~4290",
        "2022-03-02": "~5840"}
    assert estimates(store, "russia-military/prisoners-of-war") == {
        "2022-02-25": "0", "2022-02-26": "0", "2022-02-27": "200"}
    assert run(store, GS1, "general-staff-personnel")[0].events == 0
    before = datetime.now(UTC)
    newer, _, _ = run(store, GS2, "general-staff-personnel")
    assert counts(newer) == (5, 1, 1, 3, 0)
    assert newer.vanished == ["personnel-losses/2022-02-28"]
    assert estimates(store, "russia-military/personnel-losses")["2022-02-27"] == ">4500"
    assert estimates(store, "russia-military/personnel-losses", known_at=before)["2022-02-27"] == ">4300"



def test_a_batch_that_another_writer_overtook_is_decided_again(store, store_url):
    from datetime import date

    from sitlog.adapters.importers.batches import BatchWriter
    from sitlog.adapters.importers.common import ImportRun, Tally
    from sitlog.adapters.store import open_store_at
    from sitlog.domain.attack import Attack
    from sitlog.domain.attack_ref import AttackRef
    from sitlog.domain.commands.attacks import Claimed, weapon_figures
    from sitlog.domain.values import Figure, Source

    ref = AttackRef.of(date(2026, 2, 5), "russia")
    shahed = weapon_figures([Claimed("launched", "shahed", Figure.exact(183))])[0]

    class Overtaken(BatchWriter):
        """Another operator records on the same attack while the batch is being saved, once."""

        def _save(self, aggregates):
            if not hasattr(self, "overtaken"):
                self.overtaken = True
                with open_store_at(store_url, "other desk") as other:
                    other.log.record_attack(
                        date=ref.date, attacker="russia", source=Source(name="Mayor of Kyiv"),
                        figures=[Claimed("destroyed", "shahed", Figure.exact(20))])
            super()._save(aggregates)

    def decide(load, tally: Tally):
        attack = load(ref.id) or Attack.report(ref, start=None, end=None, today=date(2026, 2, 6),
                                               operator="tester")
        attack.record_figures(Source(name=AF), shahed, operator="tester")
        tally.new += 1
        return [attack]

    run = ImportRun(store=store, path=V1, dry_run=False, today=date(2026, 2, 6))
    writer = Overtaken(run)
    assert writer.write(decide, [ref.id]).new == 1 and run.tally.new == 1
    store.catch_up()
    sources = store.reader.attack(str(ref)).model_dump()["sources"]
    assert [s["source"] for s in sources] == ["Mayor of Kyiv", AF]
