"""The regional dashboard, the benchmark and an advisor's portfolio at 1,000 and 10,000
organisations.

    .venv/bin/python bench/scale.py [--organisations 1000 10000] [--duration 20] [--clients 4]
                                    [--workers 4] [--keep]
                                    [--database postgresql://postgres@127.0.0.1:5432/test]
    .venv/bin/python bench/scale.py --use URL --data bench/results/scale-data.json  # already seeded

For each size in turn, with the helpers of `bench/run.py` (fresh database, gunicorn, the bare
hello) and `bench/scale_seed.py` (the seed):

1. prepares a fresh PostgreSQL database (migrations, questionnaires) and seeds it: N organisations
   with one answered Guide assessment each, stored scores, a CRESS and a federation with an advisor
   holding 300 grants, an owner of one Île-de-France organisation;
2. serves Écotone (`wsgi:app`) under gunicorn (4 sync workers, as `bench/run.py`), logs the
   advisor and the owner in through the login form (session cookies, like a browser) and gets
   them API tokens (`POST /api/v1/tokens`, like another tool);
3. times each request below, first one client at a time (`--requests` each, after a warm-up of
   every worker), then `--clients` clients at once for `--duration` seconds (a thread pool of
   requests sessions, no pause between requests);
4. serves the bare Flask hello (`bench.hello:app`) under the same settings and times it the same
   way, and loads it with locust as `bench/run.py` does (the machine's speed that day);
5. drops the database (unless `--keep`).

It prints one table per size and writes everything to bench/results/<timestamp>-scale.json. The
goal of issue 7: p95 under 300 ms for the dashboard and the benchmark at 10,000 organisations.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import re
import sys
import threading
import time
from datetime import UTC, datetime
from pathlib import Path

import requests

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.measures import summary
from bench.run import RESULTS, free_port, gunicorn, locust, worker_memory_mb
from bench.scale_seed import environment, prepared, seed_into

GOAL_MS = 300


def _requests(data: dict) -> list[tuple[str, str, str, str]]:
    """(name, who, URL, kind) of every measured request; who: advisor, owner or anyone."""
    cress, federation = data["networks"]["cress"], data["networks"]["federation"]
    owner = data["owner"]
    gbp = "questionnaire=gbp"
    return [
        ("dashboard CRESS (page)", "advisor", f"/networks/{cress}/statistics?{gbp}", "dashboard"),
        (
            "dashboard federation (page)",
            "advisor",
            f"/networks/{federation}/statistics?{gbp}",
            "dashboard",
        ),
        (
            "dashboard federation, associations (page)",
            "advisor",
            f"/networks/{federation}/statistics?{gbp}&legal_form=association",
            "dashboard",
        ),
        (
            "dashboard CRESS (API)",
            "advisor-token",
            f"/api/v1/networks/{cress}/statistics?{gbp}",
            "dashboard",
        ),
        (
            "dashboard federation (API)",
            "advisor-token",
            f"/api/v1/networks/{federation}/statistics?{gbp}",
            "dashboard",
        ),
        (
            "results + benchmark (page)",
            "owner",
            f"/assessments/{owner['assessment']}/results",
            "benchmark",
        ),
        (
            "benchmark (API)",
            "owner-token",
            f"/api/v1/organisations/{owner['organisation']}/benchmark?{gbp}",
            "benchmark",
        ),
        ("portfolio 300 (page)", "advisor", "/advisor/", "portfolio"),
        (
            "portfolio (API, 100 a page)",
            "advisor-token",
            "/api/v1/advisor/organisations?per_page=100",
            "portfolio",
        ),
    ]


# --- clients -----------------------------------------------------------------------------------


def login(host: str, email: str, password: str) -> requests.Session:
    """A browser's session: the login form with its CSRF token, as bench/locustfile.py does."""
    session = requests.Session()
    page = session.get(f"{host}/login", timeout=30).text
    token = re.search(r'name="csrf-token" content="([^"]+)"', page).group(1)
    response = session.post(
        f"{host}/login",
        data={"email": email, "password": password, "csrf_token": token},
        allow_redirects=False,
        timeout=30,
    )
    if response.status_code != 302:
        raise RuntimeError(f"login {email}: {response.status_code}")
    return session


def bearer(host: str, email: str, password: str) -> dict[str, str]:
    response = requests.post(
        f"{host}/api/v1/tokens", json={"email": email, "password": password}, timeout=30
    )
    if response.status_code != 201:
        raise RuntimeError(f"token {email}: {response.status_code} {response.text[:200]}")
    return {"Authorization": f"Bearer {response.json()['token']}"}


class Client:
    """Who asks: a copy of a logged-in session's cookies, or a bearer token; one per thread."""

    def __init__(self, cookies=None, headers: dict[str, str] | None = None) -> None:
        self.session = requests.Session()
        if cookies is not None:
            self.session.cookies.update(cookies)
        self.session.headers.update(headers or {})

    def time(self, url: str) -> tuple[float, int, int]:
        """Milliseconds, status and size of one GET."""
        started = time.perf_counter()
        response = self.session.get(url, timeout=60, allow_redirects=False)
        elapsed = (time.perf_counter() - started) * 1000
        return elapsed, response.status_code, len(response.content)


def measure(make_client, url: str, count: int, clients: int, duration: float) -> dict:
    """Sequential then concurrent timings of one URL."""
    warm = make_client()
    first = [warm.time(url) for _ in range(8)]  # every worker parses the questionnaire once
    statuses: dict[int, int] = {}
    sequential = []
    size = first[-1][2]
    for _ in range(count):
        elapsed, status, size = warm.time(url)
        statuses[status] = statuses.get(status, 0) + 1
        sequential.append(elapsed)
    concurrent: list[float] = []
    lock = threading.Lock()
    deadline = time.monotonic() + duration

    def load() -> None:
        client = make_client()
        while time.monotonic() < deadline:
            elapsed, status, _size = client.time(url)
            with lock:
                concurrent.append(elapsed)
                statuses[status] = statuses.get(status, 0) + 1

    started = time.monotonic()
    threads = [threading.Thread(target=load) for _ in range(clients)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    wall = time.monotonic() - started
    return {
        "url": url,
        "first_ms": round(first[0][0]),
        "bytes": size,
        "statuses": {str(k): v for k, v in sorted(statuses.items())},
        "sequential": summary(sequential),
        "concurrent": {**summary(concurrent), "rps": round(len(concurrent) / wall, 1)},
    }


# --- one size ----------------------------------------------------------------------------------


def measure_size(data: dict, env: dict, args: argparse.Namespace) -> dict:
    password = data["password"]
    port = free_port()
    host = f"http://127.0.0.1:{port}"
    figures: dict[str, dict] = {}
    with gunicorn("wsgi:app", port, args.workers, env) as master:
        advisor = login(host, data["advisor"]["email"], password)
        owner = login(host, data["owner"]["email"], password)
        advisor_token = bearer(host, data["advisor"]["email"], password)
        owner_token = bearer(host, data["owner"]["email"], password)
        identities = {
            "advisor": lambda: Client(cookies=advisor.cookies),
            "owner": lambda: Client(cookies=owner.cookies),
            "advisor-token": lambda: Client(headers=advisor_token),
            "owner-token": lambda: Client(headers=owner_token),
        }
        for name, who, path, kind in _requests(data):
            print(f"  {name} ...", flush=True)
            figures[name] = {
                "kind": kind,
                **measure(identities[who], host + path, args.requests, args.clients, args.duration),
            }
            if "200" not in figures[name]["statuses"]:
                print(f"    answered {figures[name]['statuses']}: not measured", flush=True)
        rss = worker_memory_mb(master)
    port = free_port()
    with gunicorn("bench.hello:app", port, args.workers, env):
        print("  hello ...", flush=True)
        figures["bare Flask hello"] = {
            "kind": "hello",
            **measure(
                Client, f"http://127.0.0.1:{port}/", args.requests, args.clients, args.duration
            ),
        }
        hello_file = RESULTS / "scale-hello.json"
        hello_file.write_text(json.dumps({"users": []}))  # bench/locustfile.py reads it at import
        hello = locust(
            "HelloUser",
            "GET / (bare Flask)",
            port,
            args.hello_users,
            args.hello_seconds,
            {**env, "BENCH_DATA": str(hello_file)},
        )
    return {
        "organisations": data["organisations"],
        "seed": {
            k: data[k] for k in ("opted_in", "ile_de_france", "ile_de_france_opted_in", "rows")
        }
        | {"portfolio": data["portfolio"], "timings_s": data["timings_s"]},
        "requests": figures,
        "worker_rss_mb": rss,
        "hello_locust": hello,
    }


def print_size(result: dict, args: argparse.Namespace) -> None:
    hello = result["hello_locust"]
    print(
        f"\n{result['organisations']} organisations ({result['seed']['opted_in']} opted in), "
        f"PostgreSQL, gunicorn {args.workers} sync workers, {os.cpu_count()} CPUs; "
        f"hello (locust, {args.hello_users} users): {hello['rps']} req/s"
    )
    columns = ("1st", "seq p50", "seq p95", f"{args.clients}x p50", f"{args.clients}x p95", "req/s")
    print(f"{'':44}" + "".join(f"{c:>9}" for c in columns) + "  statuses")
    for name, f in result["requests"].items():
        seq, con = f["sequential"], f["concurrent"]
        cells = (
            f"{f['first_ms']}",
            f"{seq.get('median_ms', '-')}",
            f"{seq.get('p95_ms', '-')}",
            f"{con.get('median_ms', '-')}",
            f"{con.get('p95_ms', '-')}",
            f"{con.get('rps', '-')}",
        )
        over = (
            " > 300 ms"
            if f["kind"] in ("dashboard", "benchmark") and seq.get("p95_ms", 0) > GOAL_MS
            else ""
        )
        print(f"{name:44}" + "".join(f"{c:>9}" for c in cells) + f"  {f['statuses']}{over}")


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawTextHelpFormatter
    )
    parser.add_argument("--organisations", type=int, nargs="+", default=[1000, 10000])
    parser.add_argument(
        "--database",
        default="postgresql://postgres@127.0.0.1:5432/test",
        help="PostgreSQL server URL (a fresh database is created on it for each size)",
    )
    parser.add_argument("--use", help="an already seeded database URL (with --data)")
    parser.add_argument("--data", type=Path, help="the seed's JSON of that database")
    parser.add_argument("--keep", action="store_true", help="keep the seeded databases")
    parser.add_argument("--requests", type=int, default=30, help="sequential requests per URL")
    parser.add_argument("--clients", type=int, default=4, help="concurrent clients (default 4)")
    parser.add_argument("--duration", type=float, default=20, help="seconds of concurrent load")
    parser.add_argument("--workers", type=int, default=4, help="gunicorn sync workers (default 4)")
    parser.add_argument("--hello-users", type=int, default=20)
    parser.add_argument("--hello-seconds", type=int, default=20)
    args = parser.parse_args()
    RESULTS.mkdir(parents=True, exist_ok=True)

    results = []
    if args.use:
        data = json.loads(args.data.read_text())
        env = environment(args.use.replace("postgresql://", "postgresql+psycopg://", 1))
        results.append(measure_size(data, env, args))
        print_size(results[-1], args)
    for count in [] if args.use else args.organisations:
        with prepared(args.database, args.keep) as (_url, env):
            data = seed_into(env, count, RESULTS / f"scale-data-{count}.json")
            results.append(measure_size(data, env, args))
        print_size(results[-1], args)

    report = {
        "date": datetime.now(UTC).isoformat(timespec="seconds"),
        "database": "postgresql",
        "settings": {
            "workers": args.workers,
            "worker_class": "sync",
            "sequential_requests": args.requests,
            "clients": args.clients,
            "duration_s": args.duration,
        },
        "machine": {"cpus": os.cpu_count(), "python": platform.python_version()},
        "goal_p95_ms": GOAL_MS,
        "sizes": results,
    }
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S")
    (RESULTS / f"{stamp}-scale.json").write_text(json.dumps(report, indent=2))
    for result in results:
        print_size(result, args)


if __name__ == "__main__":
    main()
