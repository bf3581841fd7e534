"""The HTML digest in a real browser: Debian's headless Chromium opens the file (no network), its
DOM holds the chart's SVG with its legend and the day's facts, and its screenshot is not blank.

Locally the test skips, saying why, when Chromium is not installed; under CI it must run
(``.ci/run`` installs Debian's ``chromium``).
"""

import pytest

from tests.browser.chromium import colours, run
from tests.digest_morning import DAY


# The morning shared by the tests that only read it (tests/conftest.py), on SQLite.
@pytest.mark.parametrize("read_only_morning", ["sqlite"], indirect=True)
def test_chromium_shows_the_html_digest_with_its_chart(chromium, shared_morning, tmp_path):
    page = tmp_path / "digest.html"
    shared_morning.ok(["digest", DAY, "--format", "html", "--out", str(page)])

    # One Chromium for both: the DOM after rendering on stdout, and the screenshot.
    shot = tmp_path / "digest.png"
    dom = run(chromium, tmp_path / "profile", "--dump-dom", f"--screenshot={shot}", "--window-size=1280,2000",
              page.as_uri()).stdout
    assert "<svg" in dom and 'id="chart-title"' in dom
    svg = dom[dom.index("<svg"):dom.index("</svg>")]
    assert ">launched<" in svg and ">destroyed<" in svg  # the legend
    for fact in ("183 → 180", "314 prisoners", "Abu Dhabi", "detailed and productive", "Mayor of Kyiv"):
        assert fact in dom

    present = colours(shot, (1280, 2000))
    # The chart's bars: the launched and destroyed colours of the chart are on the page.
    assert (0x9A, 0xA5, 0xB1) in present and (0x1F, 0x5F, 0x99) in present
