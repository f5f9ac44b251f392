"""Autosave under load: Écotone's answer endpoint next to a bare Flask app, same gunicorn settings.

    .venv/bin/python bench/run.py [--users 20] [--duration 30] [--workers 4]
                                  [--database postgresql://postgres@127.0.0.1:5432/test]

It prepares a fresh database (SQLite by default; with --database, a new PostgreSQL database on
that server, dropped afterwards), migrates it and loads the questionnaires as `make run` does,
creates one member and one Guide assessment per simulated user, starts both apps under gunicorn
with identical settings, runs locust headless against each in turn, and prints throughput and
latency percentiles side by side with their ratio. Results also go to bench/results/*.json.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import platform
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
import uuid
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "bench" / "results"
BIN = Path(sys.executable).parent
#: (name, gunicorn app, locust user class, the request whose figures are reported)
SCENARIOS = (
    ("hello", "bench.hello:app", "HelloUser", "GET / (bare Flask)"),
    ("autosave", "wsgi:app", "AutosaveUser", "PUT /api/v1/assessments/[id]/answers/[question]"),
    (
        "api-token",
        "wsgi:app",
        "TokenAutosaveUser",
        "PUT /api/v1/assessments/[id]/answers/[question] (token)",
    ),
)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@contextmanager
def database(url: str | None):
    if not url:
        path = RESULTS / "bench.db"
        for suffix in ("", "-wal", "-shm"):
            Path(f"{path}{suffix}").unlink(missing_ok=True)
        yield f"sqlite:///{path}"
        return
    url = url.replace("postgresql://", "postgresql+psycopg://", 1)
    name = f"ecotone_bench_{uuid.uuid4().hex[:8]}"
    admin = create_engine(url, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text(f'CREATE DATABASE "{name}"'))
    try:
        yield make_url(url).set(database=name).render_as_string(hide_password=False)
    finally:
        with admin.connect() as connection:
            connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


def run(command: list[str], env: dict[str, str]) -> None:
    subprocess.run(command, cwd=ROOT, env=env, check=True, stdout=subprocess.DEVNULL)  # noqa: S603


@contextmanager
def gunicorn(app: str, port: int, workers: int, env: dict[str, str]):
    command = [
        str(BIN / "gunicorn"),
        "--workers",
        str(workers),
        "--worker-class",
        "sync",
        "--bind",
        f"127.0.0.1:{port}",
        "--log-level",
        "warning",
        app,
    ]
    process = subprocess.Popen(command, cwd=ROOT, env=env)  # noqa: S603
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=1)
                break
            except urllib.error.HTTPError:
                break  # answering, even with an error status
            except OSError:
                if time.monotonic() > deadline:
                    raise
                time.sleep(0.2)
        yield process
    finally:
        process.send_signal(signal.SIGTERM)
        process.wait(timeout=30)


def worker_memory_mb(master: subprocess.Popen) -> float:
    """Resident memory of the gunicorn workers (children of the master), in MB."""
    children = Path(f"/proc/{master.pid}/task/{master.pid}/children")
    total = 0
    for pid in children.read_text().split() if children.exists() else []:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                total += int(line.split()[1])
    return round(total / 1024, 1)


def locust(
    user_class: str, request: str, port: int, users: int, duration: int, env: dict[str, str]
) -> dict:
    prefix = RESULTS / f"locust-{user_class}"
    command = [
        str(BIN / "locust"),
        "-f",
        "bench/locustfile.py",
        user_class,
        "--headless",
        "--users",
        str(users),
        "--spawn-rate",
        str(users),
        "--run-time",
        f"{duration}s",
        "--host",
        f"http://127.0.0.1:{port}",
        "--csv",
        str(prefix),
        "--only-summary",
        "--loglevel",
        "WARNING",
    ]
    subprocess.run(command, cwd=ROOT, env=env, check=False)  # noqa: S603
    with open(f"{prefix}_stats.csv", newline="") as handle:
        rows = {row["Name"]: row for row in csv.DictReader(handle)}
    row = rows[request]
    return {
        "requests": int(row["Request Count"]),
        "failures": int(row["Failure Count"]),
        "rps": round(float(row["Requests/s"]), 1),
        "median_ms": float(row["50%"]),
        "p95_ms": float(row["95%"]),
        "p99_ms": float(row["99%"]),
    }


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawTextHelpFormatter
    )
    parser.add_argument("--users", type=int, default=20, help="simulated users (default 20)")
    parser.add_argument("--duration", type=int, default=30, help="seconds per app (default 30)")
    parser.add_argument("--workers", type=int, default=4, help="gunicorn sync workers (default 4)")
    parser.add_argument("--database", help="PostgreSQL server URL (default: a SQLite file)")
    args = parser.parse_args()
    RESULTS.mkdir(parents=True, exist_ok=True)
    if not shutil.which("locust", path=str(BIN)):
        sys.exit("locust is missing: install requirements-dev.txt (make test does)")

    with database(args.database) as url:
        env = {
            **os.environ,
            "APP_ENV": "development",
            "DATABASE_URL": url,
            "SECRET_KEY": "bench-secret",
            "BENCH_DATA": str(RESULTS / "data.json"),
            "RATELIMIT_ENABLED": "false",
        }
        flask = [str(BIN / "flask"), "--app", "wsgi"]
        run([*flask, "db", "upgrade"], env)
        run([*flask, "questionnaires", "load"], env)
        run(
            [sys.executable, "bench/setup_data.py", str(args.users), str(RESULTS / "data.json")],
            {**env, "PYTHONPATH": str(ROOT)},
        )

        results = {}
        for name, app, user_class, request in SCENARIOS:
            port = free_port()
            with gunicorn(app, port, args.workers, env) as master:
                results[name] = locust(user_class, request, port, args.users, args.duration, env)
                results[name]["worker_rss_mb"] = worker_memory_mb(master)

    ratio_rps = results["autosave"]["rps"] / results["hello"]["rps"]
    ratio_p95 = results["autosave"]["p95_ms"] / max(results["hello"]["p95_ms"], 1)
    report = {
        "date": datetime.now(UTC).isoformat(timespec="seconds"),
        "database": "postgresql" if args.database else "sqlite",
        "settings": {
            "users": args.users,
            "duration_s": args.duration,
            "workers": args.workers,
            "worker_class": "sync",
        },
        "machine": {"cpus": os.cpu_count(), "python": platform.python_version()},
        "results": results,
        "autosave_vs_hello": {
            "throughput_ratio": round(ratio_rps, 3),
            "p95_ratio": round(ratio_p95, 2),
        },
    }
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S")
    (RESULTS / f"{stamp}-{report['database']}.json").write_text(json.dumps(report, indent=2))
    print(
        f"\n{report['database']}, {args.workers} gunicorn sync workers, {args.users} users, "
        f"{args.duration}s each, {os.cpu_count()} CPUs"
    )
    columns = ("req/s", "median", "p95", "p99", "failures", "RSS MB")
    print(f"{'':10}" + "".join(f"{c:>10}" for c in columns))
    for name, f in results.items():
        cells = (
            f["rps"],
            f"{f['median_ms']:.0f}ms",
            f"{f['p95_ms']:.0f}ms",
            f"{f['p99_ms']:.0f}ms",
            f["failures"],
            f["worker_rss_mb"],
        )
        print(f"{name:10}" + "".join(f"{c:>10}" for c in cells))
    print(f"autosave / hello: throughput x{ratio_rps:.3f}, p95 x{ratio_p95:.2f}")


if __name__ == "__main__":
    main()
