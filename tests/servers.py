"""Real servers for the tests: a Chroma server (`chroma run`, from the chromadb package) and a
PostgreSQL 15 server (Debian's package), each on 127.0.0.1 on a free port, in a temporary folder,
stopped at the end."""
from __future__ import annotations

import glob
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class ChromaServer:
    def __init__(self):
        self.folder = Path(tempfile.mkdtemp(prefix="medbot-chroma-"))
        self.port = free_port()
        chroma = Path(sys.executable).with_name("chroma")
        self.proc = subprocess.Popen([str(chroma), "run", "--path", str(self.folder), "--host", "127.0.0.1",
                                      "--port", str(self.port)], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        self.url = f"http://127.0.0.1:{self.port}"
        _wait(lambda: urllib.request.urlopen(f"{self.url}/api/v2/heartbeat", timeout=2).status == 200, self.proc, "chroma run")

    def stop(self):
        _stop(self.proc, self.folder, 10)


def _pg_bin(name: str) -> str:
    found = shutil.which(name) or next(iter(sorted(glob.glob(f"/usr/lib/postgresql/*/bin/{name}"), reverse=True)), None)
    if not found:
        raise RuntimeError(f"PostgreSQL's {name} is not installed: apt-get install postgresql (.ci/run does)")
    return found


class PostgresServer:
    """initdb into a temporary folder (as the postgres user when running as root: PostgreSQL
    refuses to run as root), listening on 127.0.0.1 only, with trust auth for the local tests."""

    def __init__(self):
        self.folder = Path(tempfile.mkdtemp(prefix="medbot-pg-"))
        self.port = free_port()
        self.user = "postgres" if os.geteuid() == 0 else None
        if self.user:
            shutil.chown(self.folder, self.user)
        data, sockets = self.folder / "data", self.folder
        self._run(_pg_bin("initdb"), "-D", str(data), "-U", "medbot", "--auth=trust", "-E", "UTF8", "--locale=C.UTF-8")
        self.proc = subprocess.Popen([_pg_bin("postgres"), "-D", str(data), "-p", str(self.port), "-k", str(sockets),
                                      "-c", "listen_addresses=127.0.0.1", "-c", "fsync=off"],
                                     user=self.user, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        self.url = f"postgresql://medbot@127.0.0.1:{self.port}/postgres"
        _wait(self._ready, self.proc, "postgres")

    def database(self, name: str) -> str:
        """A new empty database on the server; its URL as a person would write it."""
        self._run(_pg_bin("createdb"), "-h", "127.0.0.1", "-p", str(self.port), "-U", "medbot", name)
        return f"postgresql://medbot@127.0.0.1:{self.port}/{name}"

    def _ready(self) -> bool:
        return subprocess.run([_pg_bin("pg_isready"), "-h", "127.0.0.1", "-p", str(self.port)],
                              capture_output=True).returncode == 0

    def _run(self, *command: str) -> None:
        subprocess.run(command, user=self.user, check=True, capture_output=True, cwd=self.folder, timeout=120)

    def stop(self):
        _stop(self.proc, self.folder, 20)


def _stop(proc, folder: Path, seconds: float) -> None:
    """Asked to stop, killed if it does not within seconds; its folder removed."""
    proc.terminate()
    try:
        proc.wait(seconds)
    except subprocess.TimeoutExpired:
        proc.kill()
    shutil.rmtree(folder, ignore_errors=True)


def _wait(ready, proc, name: str, seconds: float = 60.0) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"{name} stopped: {proc.stderr.read().decode(errors='replace')[-2000:]}")
        try:
            if ready():
                return
        except OSError:
            pass
        time.sleep(0.2)
    proc.kill()
    raise RuntimeError(f"{name} did not start within {seconds:.0f} s")
