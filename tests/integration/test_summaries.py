"""Summaries agree with their definition at every record time.

The projection keeps summaries in memory and moves months and years by the change of the
level below; these tests recompute them the slow way, from the rows they sum, as the log
knew them at each moment a figure changed.
"""

from collections.abc import Iterable
from typing import Any

from sitlog.adapters.projections.summaries import CASUALTIES, MEASURES

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
    assert daily == figures | casualties, at
    assert monthly == _sum(_rows(daily), lambda r: (r["period"][:7], *r["group"])), at
    assert yearly == _sum(_rows(monthly), lambda r: (r["period"][:4], *r["group"])), at


def _rows(sums: Sums) -> list[dict[str, Any]]:
    """Summary rows as rows to sum again: period, (attacker, source, category), measures."""
    return [{"period": key[0], "group": key[1:], **values} for key, values in sums.items()]


def test_summaries_are_the_sums_of_their_rows_at_every_record_time(store):
    # Rounds a few days apart wrap around, so one batch changes the same days, months and
    # years many times; retractions take rows away; corrections change single values.
    populate(store, rounds=8, catch_up=False)
    store.runner.catch_up()
    with store.read() as tx:
        moments = [r["at"] for r in tx.all(
            "SELECT DISTINCT recorded_from AS at FROM attack_figures UNION "
            "SELECT DISTINCT recorded_to AS at FROM attack_figures WHERE recorded_to IS NOT NULL UNION "
            "SELECT DISTINCT recorded_from AS at FROM attack_casualties UNION "
            "SELECT DISTINCT recorded_to AS at FROM attack_casualties WHERE recorded_to IS NOT NULL"
        )]
        assert len(moments) > 50
        closed = tx.scalar("SELECT COUNT(*) AS n FROM monthly_summary WHERE recorded_to IS NOT NULL")
        assert int(closed) > 0, "the scenario should change months after they were first summed"
        for at in [None, *sorted(moments)]:
            _check(tx, at)
