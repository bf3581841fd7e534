"""Summaries agree with their definition at every record time.

The projection keeps summaries in memory and moves months, years and decades by the change of the
level below; these tests recompute them the slow way, from the rows they sum, as the log
knew them at each moment a figure changed.
"""

from collections.abc import Iterable
from typing import Any

from sitlog.adapters.projections.summaries import CASUALTIES, MEASURES

from tests.conftest import doc
from tests.integration.scenario import populate

Sums = dict[tuple[str, ...], dict[str, int | None]]


def _known(tx: Any, table: str, at: str | None) -> list[dict[str, Any]]:
    if at is None:
        return tx.all(f"SELECT * FROM {table} WHERE recorded_to IS NULL")
    return tx.all(
        f"SELECT * FROM {table} WHERE recorded_from <= :at AND (recorded_to IS NULL OR recorded_to > :at)",
        {"at": at},
    )


def _sum(rows: Iterable[dict[str, Any]], key: Any, measures: Iterable[str] = MEASURES) -> Sums:
    """SQL's SUM, grouped: NULLs skipped, a group of NULLs is NULL."""
    sums: Sums = {}
    for row in rows:
        values = sums.setdefault(key(row), dict.fromkeys(MEASURES))
        for m in measures:
            if row[m] is not None:
                values[m] = (values[m] or 0) + int(row[m])
    return sums


def _stored(rows: Iterable[dict[str, Any]], period: str) -> Sums:
    return {
        (r[period], r["attacker"], r["source"], r["category"]): {
            m: None if r[m] is None else int(r[m]) for m in MEASURES
        }
        for r in rows
    }


def _check(tx: Any, at: str | None) -> None:
    figures = _sum(_known(tx, "attack_figures", at),
                   lambda r: (r["attack_date"], r["attacker"], r["source"], r["category"]), MEASURES[:4])
    casualties = _sum(_known(tx, "attack_casualties", at),
                      lambda r: (r["attack_date"], r["attacker"], r["source"], CASUALTIES), MEASURES[4:])
    daily = _stored(_known(tx, "daily_summary", at), "day")
    monthly = _stored(_known(tx, "monthly_summary", at), "month")
    yearly = _stored(_known(tx, "yearly_summary", at), "year")
    decades = _stored(_known(tx, "decade_summary", at), "decade")
    assert daily == figures | casualties, at
    assert monthly == _sum(_rows(daily), lambda r: (r["period"][:7], *r["group"])), at
    assert yearly == _sum(_rows(monthly), lambda r: (r["period"][:4], *r["group"])), at
    assert decades == _sum(_rows(yearly), lambda r: (r["period"][:3], *r["group"])), at


def _moments(tx: Any) -> list[str]:
    """Every record time at which a figure or casualty row appeared or went away."""
    return [r["at"] for r in tx.all(
        "SELECT DISTINCT recorded_from AS at FROM attack_figures UNION "
        "SELECT DISTINCT recorded_to AS at FROM attack_figures WHERE recorded_to IS NOT NULL UNION "
        "SELECT DISTINCT recorded_from AS at FROM attack_casualties UNION "
        "SELECT DISTINCT recorded_to AS at FROM attack_casualties WHERE recorded_to IS NOT NULL"
    )]


def _rows(sums: Sums) -> list[dict[str, Any]]:
    """Summary rows as rows to sum again: period, (attacker, source, category), measures."""
    return [{"period": key[0], "group": key[1:], **values} for key, values in sums.items()]


def test_summaries_are_the_sums_of_their_rows_at_every_record_time(store):
    # Rounds a few days apart wrap around, so one batch changes the same days, months and
    # years many times; retractions take rows away; corrections change single values.
    populate(store, rounds=8, catch_up=False)
    store.runner.catch_up()
    with store.read() as tx:
        moments = _moments(tx)
        assert len(moments) > 50
        closed = tx.scalar("SELECT COUNT(*) AS n FROM monthly_summary WHERE recorded_to IS NOT NULL")
        assert int(closed) > 0, "the scenario should change months after they were first summed"
        for at in [None, *sorted(moments)]:
            _check(tx, at)


def test_decades_are_the_sums_of_their_years_and_all_time_adds_them_up(sitlog, store):
    # Nights in three decades, two of them on either side of 2020's first midnight; a correction
    # changes a year's row, a retraction takes a decade's only night away.
    for date, launched in (("2008-06-01", "shahed=5"), ("2019-12-31", "shahed=10"),
                           ("2020-01-01", "shahed=20"), ("2021-03-03", "kh-101=3")):
        sitlog.ok(f'attack record --date {date} --attacker russia --source "Air Force" --launched {launched}')
    sitlog.ok('attack correct 2020-01-01/russia --source "Air Force" --launched shahed=25 --reason revised')
    sitlog.ok('attack retract 2019-12-31/russia --source "Air Force" --reason withdrawn')
    sitlog.ok('attack record --date 2019-07-07 --attacker russia --source "Air Force" --launched shahed=7')
    with store.read() as tx:
        assert {r["decade"] for r in tx.all("SELECT decade FROM decade_summary")} == {"200", "201", "202"}
        for at in [None, *sorted(_moments(tx))]:
            _check(tx, at)
    all_time = {
        (row["source"], category): figures["launched"]
        for row in doc(sitlog, "state --as-of 2021-12-31")["attacks"]
        for category, figures in row["all_time"]["weapons"].items()
    }
    assert all_time == {("Air Force", "attack-drone"): 5 + 7 + 25, ("Air Force", "cruise-missile"): 3}
    year_2020 = doc(sitlog, "state --as-of 2020-12-31")["attacks"][0]["all_time"]["weapons"]
    assert year_2020["attack-drone"]["launched"] == 5 + 7 + 25
