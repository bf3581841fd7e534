"""The HTML digest in a real browser: Debian's headless Chromium opens the file (no network), its
DOM holds the chart's SVG with its legend and the day's facts, and its screenshot is not blank.

Locally the test skips, saying why, when Chromium is not installed; under CI it must run
(``.ci/run`` installs Debian's ``chromium``).
"""

import os
import shutil
import subprocess
from pathlib import Path

import pytest

from tests.conftest import Sitlog
from tests.digest_morning import DAY, log_the_morning

_FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
          "--disable-background-networking", "--disable-component-update", "--disable-sync",
          "--disable-default-apps", "--mute-audio", "--hide-scrollbars"]


@pytest.fixture(scope="module")
def chromium() -> str:
    found = shutil.which("chromium") or shutil.which("chromium-browser")
    if found is None:
        reason = "no chromium on PATH (Debian: apt-get install chromium)"
        if os.environ.get("CI"):
            pytest.fail(f"{reason}: the browser test must run under CI", pytrace=False)
        pytest.skip(reason)
    return found


def _run(chromium: str, profile: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([chromium, *_FLAGS, f"--user-data-dir={profile}", *args], capture_output=True,
                          text=True, timeout=180, check=True)


def test_chromium_shows_the_html_digest_with_its_chart(chromium, tmp_path, monkeypatch):
    sitlog = Sitlog(f"sqlite:///{tmp_path / 'morning.db'}")
    sitlog.ok("init")
    log_the_morning(sitlog, monkeypatch)
    page = tmp_path / "digest.html"
    sitlog.ok(["digest", DAY, "--format", "html", "--out", str(page)])

    dom = _run(chromium, tmp_path / "profile-dom", "--dump-dom", page.as_uri()).stdout
    assert "<svg" in dom and 'id="chart-title"' in dom
    svg = dom[dom.index("<svg"):dom.index("</svg>")]
    assert ">launched<" in svg and ">destroyed<" in svg  # the legend
    for fact in ("183 → 180", "314 prisoners", "Abu Dhabi", "detailed and productive", "Mayor of Kyiv"):
        assert fact in dom

    shot = tmp_path / "digest.png"
    _run(chromium, tmp_path / "profile-shot", f"--screenshot={shot}", "--window-size=1280,2000",
         page.as_uri())
    from PIL import Image  # Pillow comes with matplotlib

    with Image.open(shot) as image:
        assert image.size == (1280, 2000)
        pixels = image.convert("RGB")
        colours = pixels.getcolors(maxcolors=1 << 20) or []
        assert len(colours) > 10
        white = sum(count for count, colour in colours if colour == (255, 255, 255))
        assert white < 0.97 * 1280 * 2000  # something was drawn
        # The chart's bars: the launched and destroyed colours of the chart are on the page.
        present = {colour for _, colour in colours}
        assert (0x9A, 0xA5, 0xB1) in present and (0x1F, 0x5F, 0x99) in present
