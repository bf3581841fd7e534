"""A PostgreSQL server of a test's own (``initdb``/``pg_ctl`` on a temporary directory and a
free port), for tests that stop and start the server: the shared one is never touched.

As root (CI), the server runs as the ``postgres`` user, which PostgreSQL requires.
"""

import glob
import os
import shutil
import socket
import subprocess
import tempfile
from contextlib import suppress
from pathlib import Path


def _binaries() -> Path | None:
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"))
    if found:
        return Path(found[-1]).parent
    initdb = shutil.which("initdb")
    return Path(initdb).parent if initdb else None


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class OwnPostgres:
    """``start()``, ``stop()``, ``url`` (user postgres, trust auth, database ``postgres``)."""

    def __init__(self) -> None:
        bin_dir = _binaries()
        if bin_dir is None:
            raise RuntimeError("no initdb on this machine (Debian: apt-get install postgresql)")
        self._bin = bin_dir
        self._home = Path(tempfile.mkdtemp(prefix="sitlog-own-pg-"))
        self._data = self._home / "data"
        self.port = _free_port()
        self.url = f"postgresql://postgres@127.0.0.1:{self.port}/postgres"
        if os.geteuid() == 0:
            shutil.chown(self._home, "postgres")
        self._run("initdb", "-D", str(self._data), "-U", "postgres", "-A", "trust", "--no-sync")

    def _run(self, tool: str, *args: str) -> None:
        command = [str(self._bin / tool), *args]
        if os.geteuid() == 0:
            command = ["runuser", "-u", "postgres", "--", *command]
        subprocess.run(command, check=True, capture_output=True, timeout=120)

    def start(self) -> None:
        options = f"-p {self.port} -c listen_addresses=127.0.0.1 -k {self._home} -c fsync=off"
        self._run("pg_ctl", "-D", str(self._data), "-o", options, "-l", str(self._home / "log"), "-w",
                  "start")

    def stop(self, mode: str = "fast") -> None:
        self._run("pg_ctl", "-D", str(self._data), "-m", mode, "-w", "stop")

    def remove(self) -> None:
        with suppress(subprocess.CalledProcessError):  # not running
            self.stop("immediate")
        shutil.rmtree(self._home, ignore_errors=True)
