"""A real server of the app for tests over HTTP: gunicorn with two workers, as in production.

It runs on its own database (an SQLite file, or a fresh PostgreSQL database when DATABASE_URL points
at a server), migrated and loaded with the questionnaires exactly as `make run` does. Tests can stop
and restart it. Used by the browser tests and by the API tests that need a live server.
"""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from tests.conftest import ROOT, fresh_database


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@dataclass
class LiveServer:
    """A gunicorn server of the app; `stop()` and `start()` simulate an outage or a restart."""

    database_url: str
    log_path: Path
    port: int = field(default_factory=_free_port)
    extra_env: dict[str, str] = field(default_factory=dict)
    process: subprocess.Popen | None = None
    _log: object = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    @property
    def env(self) -> dict[str, str]:
        return {
            **os.environ,
            "APP_ENV": "development",
            # phones' long polls may hold half of a worker's threads, never all of them
            "WORKSHOP_LONG_POLLS": "4",
            "DATABASE_URL": self.database_url,
            "SECRET_KEY": "browser-tests-secret",
            "PYTHONUNBUFFERED": "1",
            **self.extra_env,
        }

    def flask(self, *args: str) -> str:
        result = subprocess.run(
            [sys.executable, "-m", "flask", "--app", "wsgi", *args],
            cwd=ROOT,
            env=self.env,
            capture_output=True,
            text=True,
            check=False,
        )
        assert result.returncode == 0, result.stdout + result.stderr
        return result.stdout

    def start(self) -> None:
        self._log = log = self.log_path.open("a")
        self.process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "gunicorn",
                "--workers",
                "2",
                "--threads",
                "8",
                "--bind",
                f"127.0.0.1:{self.port}",
                "--graceful-timeout",
                "2",
                "wsgi:app",
            ],
            cwd=ROOT,
            env=self.env,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        deadline = time.monotonic() + 60  # a loaded 2-core machine boots slowly
        while time.monotonic() < deadline:
            try:
                with urllib.request.urlopen(f"{self.url}/healthz", timeout=1) as response:  # noqa: S310
                    if response.status == 200:
                        return
            except OSError:
                time.sleep(0.1)
        self.stop()
        raise RuntimeError(f"the server did not start:\n{self.log_path.read_text()[-2000:]}")

    def stop(self) -> None:
        if self.process and self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        self.process = None
        if self._log is not None:
            self._log.close()
            self._log = None


@contextmanager
def running_server(directory: Path, **extra_env: str) -> Iterator[LiveServer]:
    """A migrated server with the questionnaires loaded; stopped, its database dropped, after."""
    with fresh_database(directory) as url:
        server = LiveServer(url, directory / "server.log", extra_env=extra_env)
        server.flask("db", "upgrade")
        server.flask("questionnaires", "load")
        server.start()
        try:
            yield server
        finally:
            server.stop()
