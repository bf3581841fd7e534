"""The HTML digest in a real browser: Debian's headless Chromium opens the file (no network), its
DOM holds the chart's SVG with its legend and the day's facts, and its screenshot is not blank.

Locally the test skips, saying why, when Chromium is not installed; under CI it must run
(``.ci/run`` installs Debian's ``chromium``).
"""

from tests.browser.chromium import colours, run
from tests.conftest import Sitlog
from tests.digest_morning import DAY, log_the_morning


def test_chromium_shows_the_html_digest_with_its_chart(chromium, tmp_path, monkeypatch):
    sitlog = Sitlog(f"sqlite:///{tmp_path / 'morning.db'}")
    sitlog.ok("init")
    log_the_morning(sitlog, monkeypatch)
    page = tmp_path / "digest.html"
    sitlog.ok(["digest", DAY, "--format", "html", "--out", str(page)])

    dom = run(chromium, tmp_path / "profile-dom", "--dump-dom", page.as_uri()).stdout
    assert "<svg" in dom and 'id="chart-title"' in dom
    svg = dom[dom.index("<svg"):dom.index("</svg>")]
    assert ">launched<" in svg and ">destroyed<" in svg  # the legend
    for fact in ("183 → 180", "314 prisoners", "Abu Dhabi", "detailed and productive", "Mayor of Kyiv"):
        assert fact in dom

    shot = tmp_path / "digest.png"
    run(chromium, tmp_path / "profile-shot", f"--screenshot={shot}", "--window-size=1280,2000",
        page.as_uri())
    present = colours(shot, (1280, 2000))
    # The chart's bars: the launched and destroyed colours of the chart are on the page.
    assert (0x9A, 0xA5, 0xB1) in present and (0x1F, 0x5F, 0x99) in present
