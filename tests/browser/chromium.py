"""Debian's headless Chromium, driven from the command line: a page's DOM after its rendering, or a
screenshot of it. Each run has its own profile and no network of its own making."""

import subprocess
from pathlib import Path

from PIL import Image  # Pillow comes with matplotlib

FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync",
         "--disable-default-apps", "--mute-audio", "--hide-scrollbars"]


def run(chromium: str, profile: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([chromium, *FLAGS, f"--user-data-dir={profile}", *args], capture_output=True,
                          text=True, timeout=180, check=True)


def colours(shot: Path, size: tuple[int, int], *, most_white: float = 0.97) -> set[tuple[int, int, int]]:
    """The colours of a screenshot that is not blank: of ``size``, with more than ten colours and
    less than ``most_white`` of it white."""
    with Image.open(shot) as image:
        assert image.size == size
        found = image.convert("RGB").getcolors(maxcolors=1 << 20) or []
    assert len(found) > 10
    white = sum(count for count, colour in found if colour == (255, 255, 255))
    assert white < most_white * size[0] * size[1]  # something was drawn
    return {colour for _, colour in found}
