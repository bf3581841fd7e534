"""``python -m bench``: it starts, and its table is built from figures read on a real store (no
timed assertion: the figures themselves are the bench's business, not the tests')."""

import argparse
import subprocess
import sys
from pathlib import Path

from sitlog.adapters.store import open_store_at

from bench.suite import Run, latency_figures
from bench.table import Row, ratio_at_least, reference, render, value_at_most

ROOT = Path(__file__).resolve().parents[2]


def test_help_names_the_options() -> None:
    done = subprocess.run([sys.executable, "-m", "bench", "--help"], cwd=ROOT, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    for option in ("--quick", "--backend", "--pg"):
        assert option in done.stdout


def test_table_of_latencies_on_a_tiny_store(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'tiny.db'}"
    open_store_at(url, "bench", initialise=True).close()
    args = argparse.Namespace(quick=True, backend="sqlite", pg="", folder=tmp_path / "cache", keep=False)
    run = Run(args)
    latencies: dict[str, float] = {}
    try:
        latency_figures(run, "sqlite", url, "a tiny store", latencies)
    finally:
        run.close()
    assert set(latencies) == {"state", "digest"}
    assert [row.verdict in ("met", "not met") for row in run.rows] == [True, True]
    table = render(run.rows)
    assert "`digest` warm, a tiny store" in table and "≤ 100 ms" in table


def test_verdicts() -> None:
    rows = [Row("a", "sqlite", ratio_at_least(0.5), value=1.0, ratio=0.6),
            Row("b", "sqlite", value_at_most(50, "ms"), value=70.0),
            Row("c", "sqlite", value_at_most(50, "ms"), status="not available (no `sitlog serve`)"),
            Row("d", "-", reference(), value=0.2, baseline=0.1, ratio=2.0)]
    assert [r.verdict for r in rows] == ["met", "not met", "not available (no `sitlog serve`)", "reference"]
    assert render(rows, markdown=True).splitlines()[1] == "|---|---|---|---|---|---|---|"
