"""The dashboard in a real browser: ``sitlog serve`` runs as an operator starts it, on a free
loopback port, over a store of the morning of 5 February 2026; headless Chromium opens the digest
of the day and the trends, their DOM holds the day's facts and the charts, and their screenshots
are not blank. Locally it skips when Chromium is absent; under CI it must run."""

import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from tests.browser.chromium import colours, run
from tests.conftest import Sitlog
from tests.digest_morning import DAY, EARLIER, MORNING, LogClock


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


@pytest.fixture
def served(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    """The base URL of a ``sitlog serve`` over the morning as logged by 09:00 (before any
    correction: the night's 183 launched stand as reported)."""
    import eventsourcing.domain

    url = f"sqlite:///{tmp_path / 'morning.db'}"
    sitlog = Sitlog(url)
    sitlog.ok("init")
    clock = LogClock()
    monkeypatch.setattr(eventsourcing.domain, "datetime_now_with_tzinfo", clock)
    for command in [*EARLIER, *MORNING]:
        sitlog.ok(command)
    port = _free_port()
    environment = {k: v for k, v in os.environ.items() if k not in ("SITLOG_API_TOKEN", "SITLOG_DB")}
    server = subprocess.Popen([str(Path(sys.executable).with_name("sitlog")), "--db", url, "serve",
                               "--port", str(port)], env=environment, stdout=subprocess.PIPE,
                              stderr=subprocess.STDOUT, text=True)
    base = f"http://127.0.0.1:{port}"
    try:
        _wait_until_it_answers(server, base)
        yield base
    finally:
        server.send_signal(signal.SIGINT)
        log, _ = server.communicate(timeout=60)
        assert "Traceback" not in log, log


def _wait_until_it_answers(server: subprocess.Popen[str], base: str) -> None:
    """Until /healthz answers 200 (a readiness wait, not a measure: up to two minutes)."""
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        if server.poll() is not None:
            pytest.fail(f"sitlog serve stopped: {server.stdout.read() if server.stdout else ''}")
        try:
            if httpx.get(f"{base}/healthz", timeout=5).status_code == 200:
                return
        except httpx.TransportError:
            pass
        time.sleep(0.2)
    pytest.fail("sitlog serve did not answer within two minutes")


def test_chromium_shows_the_digest_and_the_trends_of_a_running_server(chromium, served, tmp_path):
    # One Chromium a page: the DOM after rendering on stdout, and a screenshot.
    def opened(name: str, page: str, height: int) -> tuple[str, Path]:
        shot = tmp_path / f"{name}.png"
        dom = run(chromium, tmp_path / f"profile-{name}", "--dump-dom", f"--screenshot={shot}",
                  f"--window-size=1280,{height}", page).stdout
        return dom, shot

    digest, digest_shot = opened("digest", f"{served}/digest/{DAY}", 2400)
    assert "<svg" in digest and 'id="chart-title"' in digest
    assert '<th class="n">launched</th>' in digest and '<td class="n">183</td>' in digest  # 183 launched
    for fact in ("314 prisoners", "Abu Dhabi", "detailed and productive", "Mayor of Kyiv"):
        assert fact in digest
    assert 'href="/attacks/2026-02-05/russia"' in digest and 'name="known_at"' in digest

    trends, trends_shot = opened("trends", f"{served}/trends?end={DAY}", 1400)
    assert 'id="nights-title"' in trends and 'id="estimates-title"' in trends
    nights = trends[trends.index('id="nights-title"'):]
    assert ">launched<" in nights and ">destroyed<" in nights  # the legend, as text
    assert "russia, attack-drone: Ukrainian Air Force" in trends and "Volodymyr Zelenskyy" in trends

    # The trends are charts on a white page, thin bars and lines: mostly white, but not blank.
    for shot, height, most_white in ((digest_shot, 2400, 0.97), (trends_shot, 1400, 0.98)):
        present = colours(shot, (1280, height), most_white=most_white)
        assert (0x9A, 0xA5, 0xB1) in present and (0x1F, 0x5F, 0x99) in present  # the bars
