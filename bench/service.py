"""Figures of features built on other branches, measured once they exist: ``sitlog verify`` over
the store (events/s), and the HTTP read API (p99 of ``GET /api/state`` under 16 concurrent
clients on loopback against ``sitlog serve --port P``), each against a floor of the same run."""

import http.client
import json
import re
import socket
import statistics
import subprocess
import sys
import threading
import time

from bench.startup import SITLOG

CLIENTS, REQUESTS = 16, 40  # per client, after a warm-up


def verify(url: str, events: int) -> tuple[float, str]:
    """Events/s of ``sitlog verify --format json`` (the whole process): the events it says it
    verified (its ``events`` field; ``events`` given when it says none), and what it printed."""
    started = time.perf_counter()
    done = subprocess.run([SITLOG, "--db", url, "verify", "--format", "json"], capture_output=True, text=True)
    seconds = time.perf_counter() - started
    if done.returncode:
        raise RuntimeError(f"sitlog verify exited {done.returncode}: {done.stderr.strip()[-200:]}")
    counted = events
    try:
        said = json.loads(done.stdout)
        counted = int(said["events"]) if isinstance(said, dict) and "events" in said else events
    except ValueError:
        found = re.search(r"([\d,]+) events?", done.stdout)
        counted = int(found.group(1).replace(",", "")) if found else events
    return counted / seconds, " ".join(done.stdout.split())[:200]


def raw_read_rate(url: str) -> float:
    """Rows/s of reading the whole log with the raw driver (the floor of any verification)."""
    from sitlog.adapters.config import parse_store_url
    from sitlog.adapters.log_table import EVENTS_TABLE, POSITION

    config = parse_store_url(url)
    if config.is_postgres:
        import psycopg

        with psycopg.connect(host=config.host, port=config.port, user=config.user,
                             password=config.password or None, dbname=config.dbname) as conn:
            started = time.perf_counter()
            cursor = conn.cursor(name="bench_raw_read")
            cursor.itersize = 5000
            cursor.execute(f'SELECT originator_id, originator_version, topic, state FROM "{config.schema}".'
                           f'"{EVENTS_TABLE["postgresql"]}" ORDER BY {POSITION["postgresql"]}')
            rows = sum(1 for _ in cursor)
            return rows / (time.perf_counter() - started)
    import sqlite3

    db = sqlite3.connect(config.path)
    try:
        started = time.perf_counter()
        rows = sum(1 for _ in db.execute("SELECT originator_id, originator_version, topic, state "
                                         f"FROM {EVENTS_TABLE['sqlite']} ORDER BY rowid"))
        return rows / (time.perf_counter() - started)
    finally:
        db.close()


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _wait_for(port: int, path: str, process: subprocess.Popen[bytes], timeout: float = 60) -> bytes:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            said = process.stderr.read().decode(errors="replace")[-300:] if process.stderr else ""
            raise RuntimeError(f"the server exited {process.returncode}: {said}")
        try:
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
            conn.request("GET", path)
            response = conn.getresponse()
            body = response.read()
            conn.close()
            if response.status == 200:
                return body
        except OSError:
            pass
        time.sleep(0.2)
    raise RuntimeError(f"no answer on port {port} within {timeout:.0f} s")


def load(port: int, path: str) -> float:
    """p99 in ms of ``GET path`` from CLIENTS threads, each with its own keep-alive connection."""
    timings: list[float] = []
    failures: list[str] = []
    lock = threading.Lock()

    def client() -> None:
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        mine = []
        try:
            for i in range(REQUESTS + 3):
                started = time.perf_counter()
                conn.request("GET", path)
                response = conn.getresponse()
                response.read()
                if response.status != 200:
                    failures.append(f"HTTP {response.status}")
                    return
                if i >= 3:
                    mine.append((time.perf_counter() - started) * 1000)
        except OSError as e:
            failures.append(str(e))
        finally:
            conn.close()
            with lock:
                timings.extend(mine)

    threads = [threading.Thread(target=client) for _ in range(CLIENTS)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    if failures:
        raise RuntimeError(f"{len(failures)} clients failed: {failures[0]}")
    return statistics.quantiles(timings, n=100)[98]


FLOOR_SERVER = """
import http.server, sys
body = open(sys.argv[2], 'rb').read()
class Handler(http.server.BaseHTTPRequestHandler):
    protocol_version = 'HTTP/1.1'
    # Headers and body go out in two writes: with Nagle's algorithm on, the body waits for the
    # client's delayed acknowledgement of the headers (40 ms a request on Linux), no floor at all.
    disable_nagle_algorithm = True
    def do_GET(self):
        self.send_response(200)
        self.send_header('Content-Type', 'application/json')
        self.send_header('Content-Length', str(len(body)))
        self.end_headers()
        self.wfile.write(body)
    def log_message(self, *args):
        pass
http.server.ThreadingHTTPServer(('127.0.0.1', int(sys.argv[1])), Handler).serve_forever()
"""


def api_p99(url: str, folder: str) -> tuple[float, float]:
    """(p99 ms of ``GET /api/state`` from ``sitlog serve``, p99 ms of the same load against a
    stdlib server answering the same bytes: the floor of loopback HTTP from these clients)."""
    body_path = f"{folder}/state.json"
    port = free_port()
    server = subprocess.Popen([SITLOG, "--db", url, "serve", "--host", "127.0.0.1", "--port", str(port)],
                              stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        body = _wait_for(port, "/api/state", server)
        p99 = load(port, "/api/state")
    finally:
        server.terminate()
        server.wait(timeout=30)
    with open(body_path, "wb") as f:
        f.write(body)
    port = free_port()
    floor = subprocess.Popen([sys.executable, "-c", FLOOR_SERVER, str(port), body_path],
                             stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        _wait_for(port, "/api/state", floor)
        floor_p99 = load(port, "/api/state")
    finally:
        floor.terminate()
        floor.wait(timeout=30)
    return p99, floor_p99
