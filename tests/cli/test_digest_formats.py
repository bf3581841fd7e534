"""The digest's formats: every number of the Markdown is in the JSON; Markdown rendered on a
terminal and plain when piped; one self-contained HTML file with its chart; --out; the primary
source of the trends; matplotlib imported only for HTML."""

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import Sitlog
from tests.digest_morning import DAY, log_the_morning

# The formats do not depend on the backend (test_digest.py runs both): the morning on SQLite, the
# one shared by the tests that only read it (tests/conftest.py) ...
on_sqlite = pytest.mark.parametrize("read_only_morning", ["sqlite"], indirect=True)


@pytest.fixture
def morning(shared_morning: Sitlog) -> Sitlog:
    return shared_morning


@pytest.fixture
def own_morning(tmp_path, monkeypatch) -> Sitlog:
    """... or one of the test's own, for a test that records more."""
    sitlog = Sitlog(f"sqlite:///{tmp_path / 'morning.db'}")
    sitlog.ok("init")
    log_the_morning(sitlog, monkeypatch)
    return sitlog


# A number as the Markdown writes it: digits with thousands separators and decimals, a date, a time, a
# reference (2026-02-05/russia), a model (136/131), optionally a percentage.
_TOKEN = re.compile(r"\d(?:[\d,.:/\-]*\d)?%?")


def _leaves(value: object, numbers: list[float], strings: list[str]) -> None:
    if isinstance(value, dict):
        for item in value.values():
            _leaves(item, numbers, strings)
    elif isinstance(value, list):
        for item in value:
            _leaves(item, numbers, strings)
    elif isinstance(value, str):
        strings.append(value)
    elif isinstance(value, int | float) and not isinstance(value, bool):
        numbers.append(abs(value))


def numbers_missing_from_the_json(markdown: str, digest: dict) -> list[str]:
    numbers: list[float] = []
    strings: list[str] = []
    _leaves(digest, numbers, strings)
    missing = []
    for token in _TOKEN.findall(markdown):
        if re.search(r"[-:/]", token):  # a date, a time or a reference: as the JSON writes it
            found = any(token in s for s in strings)
        else:
            percent = token.endswith("%")
            value = float(token.rstrip("%").replace(",", ""))
            found = any(abs(n - value) < 1e-9 or (percent and abs(n * 100 - value) < 1e-6) for n in numbers)
            found = found or any(re.search(rf"(?<![\d.,]){re.escape(token)}(?![\d])", s) for s in strings)
        if not found:
            missing.append(token)
    return missing


@on_sqlite
def test_every_number_of_the_markdown_is_in_the_json(morning):
    markdown = morning.ok(["digest", DAY])
    digest = json.loads(morning.ok(["digest", DAY, "--format", "json", "--known-at",
                                    json.loads(morning.ok(["digest", DAY, "--format", "json"]))["known_at"]]))
    # The Markdown's own moment is another: it was made at another time.
    markdown = markdown.replace(re.search(r"stood at (\S+) \(", markdown).group(1), digest["known_at"])
    assert len(_TOKEN.findall(markdown)) > 100
    assert numbers_missing_from_the_json(markdown, digest) == []
    # The check itself finds a number that is not there.
    assert numbers_missing_from_the_json(markdown + "\n| 4,321 | 97.5% | 2026-02-31 |", digest) == [
        "4,321", "97.5%", "2026-02-31"]


@on_sqlite
def test_markdown_is_rendered_on_a_terminal_and_plain_when_piped(morning, tmp_path):
    command = [str(Path(sys.executable).with_name("sitlog")), "--db", morning.url, "digest", DAY]
    piped = subprocess.run(command, capture_output=True, text=True, timeout=60, check=True)
    assert piped.stdout.startswith("# Daily digest, 2026-02-05\n")
    assert "| --- | --- | --- | ---: |" in piped.stdout
    leader, follower = os.openpty()
    env = {**os.environ, "COLUMNS": "160", "TERM": "xterm-256color"}
    ran = subprocess.Popen(command, stdout=follower, stderr=subprocess.PIPE, env=env)
    os.close(follower)
    shown = b""
    while True:
        try:
            chunk = os.read(leader, 65536)
        except OSError:  # the terminal closed: the command is done
            break
        if not chunk:
            break
        shown += chunk
    assert ran.wait(timeout=60) == 0
    text = re.sub(r"\x1b\[[0-9;]*m", "", shown.decode())
    assert "Daily digest, 2026-02-05" in text and "Abu Dhabi" in text
    assert "# Daily digest" not in text and "| ---" not in text  # rendered, not printed as source
    assert "━" in text or "─" in text  # rich's rules and table lines


@on_sqlite
def test_the_html_is_one_self_contained_file_with_the_chart(morning, tmp_path):
    morning.ok(["digest", DAY, "--format", "html", "--out", str(tmp_path / "digest.html")])
    html = (tmp_path / "digest.html").read_text()
    assert html.startswith("<!DOCTYPE html>") and html.rstrip().endswith("</html>")
    # Nothing to fetch: no scripts, no external style sheets, fonts or images (the SVG's url(#...) are
    # references within the file).
    assert re.findall(r"<script|<link|<img|<iframe|@import|url\((?!#)|src=", html) == []
    assert re.findall(r'href="http', html) == []
    svg = html[html.index("<svg"):html.index("</svg>")]
    assert '<title id="chart-title">' in svg and "<desc" in svg and 'role="img"' in svg
    assert ">launched<" in svg and ">destroyed<" in svg  # the legend, as text
    assert "russia: Ukrainian Air Force, the last 30 nights" in svg
    assert "The chart's numbers" in html and "<caption>russia (Ukrainian Air Force)</caption>" in html
    for fact in ("Abu Dhabi", "314 prisoners", "detailed and productive", "Mayor of Kyiv", "183 → 180"):
        assert fact in html
    assert "@media print" in html
    # The same digest gives the same file.
    again = morning.ok(["digest", DAY, "--format", "html", "--known-at",
                        re.search(r"--known-at (\S+)</code>", html).group(1)])
    assert again == html


@on_sqlite
def test_out_writes_the_file_whole_and_says_so_on_stderr(morning, tmp_path):
    ran = morning(["digest", DAY, "--out", str(tmp_path / "digest.md")])
    assert (ran.exit_code, ran.stdout) == (0, "")
    assert ran.stderr == f"digest of {DAY} written to {tmp_path / 'digest.md'}\n"
    assert (tmp_path / "digest.md").read_text().startswith("# Daily digest, 2026-02-05\n")
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []


@on_sqlite
def test_out_to_a_folder_that_does_not_exist_is_refused(morning, tmp_path):
    target = tmp_path / "missing" / "digest.md"
    morning.refuses(["digest", DAY, "--out", str(target)],
                    f"out: cannot write {str(target)!r} (No such file or directory)")
    assert not target.parent.exists()


def test_the_primary_source_of_an_attacker_can_be_chosen(own_morning):
    own_morning.ok(f"attack record --date {DAY} --attacker russia "
                   '--source "Kyiv City Military Administration" --destroyed shahed=~30')
    digest = json.loads(own_morning.ok(["digest", DAY, "--format", "json", "--primary-source",
                                        "Russia=kyiv city military administration"]))
    russia = digest["trends"][0]
    assert (russia["source"], russia["chosen_because"]) == ("Kyiv City Military Administration", "configured")
    week = russia["last_7_days"]["current"]
    assert (week["nights"], week["destroyed"]) == (1, 30)
    # The two sources of the night, side by side, never summed.
    [attack_drones] = [s for s in digest["attacks"][0]["side_by_side"] if s["measure"] == "destroyed"]
    assert attack_drones["figures"] == [{"source": "Ukrainian Air Force", "value": 156},
                                        {"source": "Kyiv City Military Administration", "value": 30}]
    assert attack_drones["agree"] is False
    assert "| attack-drone | destroyed | 156 | 30 | no |" in own_morning.ok(["digest", DAY])
    own_morning.refuses(
        ["digest", DAY, "--primary-source", "russia"],
        "primary-source: 'russia' is not ATTACKER=SOURCE (e.g. russia=\"Ukrainian Air Force\")")


@on_sqlite
def test_a_day_without_facts(morning):
    assert morning.ok(["digest", "2020-01-01"]).endswith("Nothing was logged for this day.\n")
    digest = json.loads(morning.ok(["digest", "2020-01-01", "--format", "json"]))
    assert {k: v for k, v in digest.items() if v and k not in ("date", "known_at", "time_zone")} == {
        "diplomacy": {"negotiations": [], "entries": []}}


def test_text_from_sources_cannot_break_the_markdown(own_morning):
    own_morning.ok(f'attack casualties {DAY}/russia --place "Odesa | port" --killed 1 '
                   '--source "*Governor* [of] Odesa"')
    text = own_morning.ok(["digest", DAY])
    assert "| Odesa \\| port | \\*Governor\\* \\[of\\] Odesa | 1 | – | – |" in text


_PROBE = """
import sys
from sitlog.cli.main import app
from typer.main import get_command
try:
    get_command(app).main(args=sys.argv[1:], prog_name="sitlog")
except SystemExit:
    pass
print("matplotlib" in sys.modules, file=sys.stderr)
"""


@on_sqlite
@pytest.mark.parametrize(("fmt", "imported"), [("md", False), ("json", False), ("html", True)])
def test_matplotlib_is_imported_only_for_html(morning, fmt, imported):
    ran = subprocess.run([sys.executable, "-c", _PROBE, "--db", morning.url, "digest", DAY, "--format", fmt],
                         capture_output=True, text=True, timeout=120, check=True)
    assert ran.stderr.splitlines()[-1] == str(imported)
