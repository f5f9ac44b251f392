"""A live workshop under load: hundreds of phones, the projector, and the bare Flask baseline.

    .venv/bin/python bench/workshop.py [--participants 500] [--workers 4] [--threads 8]
                                       [--database postgresql://postgres@127.0.0.1:5432/test]
                                       [--redis redis://127.0.0.1:6379/0] [--quick]

In one run, with the helpers of `bench/run.py` (fresh database, dropped afterwards; gunicorn; the
"hello" scenario):

1. prepares a fresh database as `make run` does (migrations, questionnaires), creates a
   facilitator with the CLI, serves Écotone (`wsgi:app`) under gunicorn in production settings
   (Redis for the shared rate-limit storage), gets an API token and creates a `gbp-express`
   workshop in its diagnosis phase;
2. runs `bench/workshop_locust.py` headless: N phones join within the first 50 s or so, follow the
   phase by polling their state every 1.5 s, answer the 16 questions, place the 5 stakeholder
   categories and vote, with a person's think time between taps;
3. meanwhile, in this process: the facilitator moves the phases on a schedule (diagnosis, map,
   vote, synthesis, closed); the projector polls the room's figures every second with
   `If-None-Match`; a probe participant measures how long an answer takes to reach the figures:
   once everybody has answered the first question, it alternately clears and gives again its own
   answer to it, and times until the question's count moves by one, both at the server (polled
   every 100 ms) and on the projector (its polling, every `--projector-poll` seconds);
4. serves the bare Flask app (`bench.hello:app`) with the same gunicorn settings and loads it as
   `bench/run.py` does, for the throughput of the machine that day.

It prints one table (requests, failures, percentiles; delays; the room's final figures; CPU time
of each process) and writes it to bench/results/<timestamp>-workshop.json.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import platform
import resource
import subprocess
import sys
import time
import uuid
from datetime import UTC, datetime
from pathlib import Path

import yaml

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.measures import (
    cpu_snapshot,
    cpu_used,
    machine_share,
    machine_ticks,
)
from bench.run import (  # the helpers of the core-loop bench
    BIN,
    RESULTS,
    ROOT,
    database,
    free_port,
    gunicorn,
    locust,
    run,
    worker_memory_mb,
)
from bench.workshop_screens import Api, Live, Probe, Projector

QUESTIONNAIRE = ROOT / "questionnaires" / "gbp-express.yaml"
CATEGORIES = ["salaries", "benevoles", "usagers", "financeurs-publics", "partenaires-ess"]
FACILITATOR = ("facilitator@bench.example.org", "bench-password-long")
VOTES = 3
#: Phones' requests, as named in workshop_locust.py, in report order.
PHONE_REQUESTS = (
    "POST join",
    "GET state",
    "GET state (long poll)",
    "PUT answer",
    "PUT map",
    "PUT votes",
)


def express() -> tuple[list[dict], list[str]]:
    """The express questionnaire's questions (id, allowed values) and theme ids."""
    document = yaml.safe_load(QUESTIONNAIRE.read_text())
    questions = []
    for theme in document["themes"]:
        for question in theme["questions"]:
            if question["type"] != "scale":
                raise SystemExit(f"{question['id']}: only scale questions are simulated")
            levels = len(question.get("levels") or []) or document["scale_levels"]
            questions.append({"id": question["id"], "values": list(range(levels))})
    return questions, [theme["id"] for theme in document["themes"]]


# --- locust -------------------------------------------------------------------------------------


def phones(args: argparse.Namespace, port: int, run_time: int, env: dict) -> dict:
    """Run the phones headless; their figures per request name, failures and locust's CPU time."""
    prefix = RESULTS / "locust-workshop"
    for suffix in ("_stats.csv", "_failures.csv"):
        Path(f"{prefix}{suffix}").unlink(missing_ok=True)
    command = [
        str(BIN / "locust"),
        "-f",
        "bench/workshop_locust.py",
        "--headless",
        "--users",
        str(args.participants),
        "--spawn-rate",
        str(args.spawn_rate),
        "--run-time",
        f"{run_time}s",
        "--stop-timeout",
        "5",
        "--host",
        f"http://127.0.0.1:{port}",
        "--csv",
        str(prefix),
        "--only-summary",
        "--loglevel",
        "WARNING",
    ]
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    log = open(RESULTS / "locust-workshop.log", "w")  # noqa: SIM115
    process = subprocess.Popen(command, cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT)  # noqa: S603
    return {"process": process, "before": before, "log": log, "prefix": prefix}


def phones_result(started: dict) -> dict:
    started["process"].wait()
    started["log"].close()
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    before = started["before"]
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    with open(f"{started['prefix']}_stats.csv", newline="") as handle:
        rows = {f"{row['Type']} {row['Name']}": row for row in csv.DictReader(handle)}
    with open(f"{started['prefix']}_failures.csv", newline="") as handle:
        failures = [
            {
                "request": f"{r['Method']} {r['Name']}",
                "error": r["Error"],
                "count": int(r["Occurrences"]),
            }
            for r in csv.DictReader(handle)
        ]
    stats = {}
    for row in rows.values():
        if row["Name"] == "Aggregated":
            continue
        name = row["Name"] if row["Type"] != "PHASE" else f"({row['Name']})"
        stats[name] = {
            "count": int(row["Request Count"]),
            "failures": int(row["Failure Count"]),
            "rps": round(float(row["Requests/s"]), 1),
            "median_ms": _number(row["50%"]),
            "p95_ms": _number(row["95%"]),
            "p99_ms": _number(row["99%"]),
            "max_ms": _number(row["Max Response Time"]),
        }
    log = (RESULTS / "locust-workshop.log").read_text()
    warnings = [line for line in log.splitlines() if "CPU usage" in line or "Traceback" in line]
    return {"requests": stats, "failures": failures, "cpu_s": round(cpu, 1), "warnings": warnings}


def _number(text: str) -> float | None:
    return None if text in ("", "N/A") else round(float(text))


# --- the run ------------------------------------------------------------------------------------


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawTextHelpFormatter
    )
    parser.add_argument("--participants", type=int, default=500, help="phones (default 500)")
    parser.add_argument(
        "--spawn-rate", type=float, help="phones joining per second (default: all within 50 s)"
    )
    parser.add_argument(
        "--database",
        default="postgresql://postgres@127.0.0.1:5432/test",
        help="PostgreSQL server URL (a fresh database is created on it), or 'sqlite'",
    )
    parser.add_argument(
        "--redis", default="redis://127.0.0.1:6379/0", help="REDIS_URL of the server ('' for none)"
    )
    parser.add_argument("--workers", type=int, default=4, help="gunicorn workers (default 4)")
    parser.add_argument(
        "--worker-class", choices=("gthread", "sync"), default="gthread", help="default gthread"
    )
    parser.add_argument(
        "--threads",
        type=int,
        default=0,
        help="threads per gthread worker (default: 8, or enough "
        "for the phones' long polls plus 16)",
    )
    parser.add_argument("--poll", type=float, default=1.5, help="phones' state polling, s")
    parser.add_argument(
        "--wait", type=float, default=25, help="phones' long polling wait, s (0: plain polling)"
    )
    parser.add_argument(
        "--projector-poll", type=float, default=0.5, help="projector polling, s (as the page)"
    )
    parser.add_argument(
        "--phases",
        default="180,60,30,15",
        help="seconds of diagnosis, map, vote and synthesis (default 180,60,30,15: under 5 min)",
    )
    parser.add_argument(
        "--think",
        default="4,9",
        help="seconds between two answers, low,high (default 4,9: reading a question and its "
        "five levels on a phone; the questionnaire is meant for 10 minutes)",
    )
    parser.add_argument("--hello-users", type=int, default=50)
    parser.add_argument("--hello-seconds", type=int, default=20)
    parser.add_argument(
        "--quick", action="store_true", help="smoke test: 50 phones, phases 60,20,15,5, think 1,2"
    )
    args = parser.parse_args()
    if args.quick:
        args.participants = 50 if args.participants == 500 else args.participants
        args.phases, args.think = "60,20,15,5", "1,2"
    diagnosis, mapping, voting, synthesis = (float(s) for s in args.phases.split(","))
    think = [float(s) for s in args.think.split(",")]
    join_window = 25 if args.quick else 50
    args.spawn_rate = args.spawn_rate or max(1.0, args.participants / join_window)
    run_time = int(diagnosis + mapping + voting + synthesis + 10)
    RESULTS.mkdir(parents=True, exist_ok=True)

    questions, themes = express()
    data_file = RESULTS / "workshop-data.json"
    phase_file = RESULTS / "workshop-phases.json"
    phase_file.unlink(missing_ok=True)
    postgres = args.database not in ("", "sqlite")
    held = -(-args.participants // args.workers) + 8 if args.wait else 0  # long polls per worker
    args.threads = args.threads or (held + 16 if args.wait else 8)
    gunicorn_args = f"--threads {args.threads}" if args.worker_class == "gthread" else ""
    settings = f"{args.workers} {args.worker_class} workers" + (
        f" x {args.threads} threads" if gunicorn_args else ""
    )

    with database(args.database if postgres else None) as url:
        env = {
            **os.environ,
            "APP_ENV": "production",
            "SECRET_KEY": f"bench-{uuid.uuid4().hex}",
            "DATABASE_URL": url,
            "REDIS_URL": args.redis,
            "RATELIMIT_KEY_PREFIX": f"ecotone-bench-{uuid.uuid4().hex[:8]}",
            "WORKSHOP_MAX_CAPACITY": str(max(10_000, args.participants + 10)),
            "WORKSHOP_LONG_POLLS": str(max(1, held)),
            # run.py's gunicorn() asks for sync workers: with more than one thread, gunicorn
            # runs its threaded worker (gthread) instead
            "GUNICORN_CMD_ARGS": gunicorn_args,
            "WORKSHOP_DATA": str(data_file),
            "BENCH_DATA": str(data_file),  # bench/locustfile.py (hello) reads it at import
            "PYTHONPATH": str(ROOT),
        }
        if not args.redis:
            env.pop("REDIS_URL")
        flask = [str(BIN / "flask"), "--app", "wsgi"]
        run([*flask, "db", "upgrade"], env)
        run([*flask, "questionnaires", "load"], env)
        run([*flask, "users", "create", FACILITATOR[0], "--password", FACILITATOR[1]], env)
        figures_seconds = float(env.get("WORKSHOP_FIGURES_SECONDS", "1"))

        port = free_port()
        host = f"http://127.0.0.1:{port}"
        with gunicorn("wsgi:app", port, args.workers, env) as master:
            token = (
                Api(host)
                .call(
                    "POST",
                    "/tokens",
                    201,
                    json={"email": FACILITATOR[0], "password": FACILITATOR[1]},
                )
                .json()["token"]
            )
            facilitator = Api(host, token)
            workshop = facilitator.call(
                "POST",
                "/workshops",
                201,
                json={
                    "title": "Atelier de charge",
                    "questionnaire": "gbp-express",
                    "categories": CATEGORIES,
                    "votes": VOTES,
                    "capacity": args.participants + 10,
                },
            ).json()
            wid, code = workshop["id"], workshop["code"]
            base = f"/workshops/{code}"

            def set_phase(phase: str) -> None:
                facilitator.call("PUT", f"/workshops/{wid}/phase", json={"phase": phase})
                times = json.loads(phase_file.read_text()) if phase_file.exists() else {}
                times[phase] = time.time()
                phase_file.with_suffix(".tmp").write_text(json.dumps(times))
                phase_file.with_suffix(".tmp").replace(phase_file)

            data_file.write_text(
                json.dumps(
                    {
                        "code": code,
                        "questions": questions,
                        "themes": themes,
                        "categories": CATEGORIES,
                        "votes": VOTES,
                        "poll_seconds": args.poll,
                        "wait_seconds": args.wait,
                        "think": {"answers": think, "map": [3, 8], "votes": [3, 8]},
                        "phase_file": str(phase_file),
                        "users": [],  # bench/locustfile.py cycles over it
                    }
                )
            )
            set_phase("diagnosis")
            joined = Api(host).call(
                "POST", f"{base}/participants", 201, json={"pseudonym": "probe"}
            )
            probe_phone = Api(host, joined.json()["token"])
            first = questions[0]
            probe_phone.call("PUT", f"{base}/answers/{first['id']}", json={"value": 2, "na": False})

            projector = Projector(
                Live(Api(host, token), wid, "room"),
                first["id"],
                args.participants + 1,
                args.projector_poll,
            )
            start = time.monotonic()
            # once every phone answered the first question (joins end at ~join_window s, the
            # first answer comes a think time later), until the diagnosis ends
            window = (start + join_window + think[1] + 15, start + diagnosis)
            probe = Probe(
                probe_phone,
                Live(Api(host, token), wid, "facilitator"),
                projector,
                base,
                first,
                window,
                figures_seconds + 0.5,
            )
            cpu_before = cpu_snapshot(master.pid)
            ticks_before = machine_ticks()
            started = phones(args, port, run_time, env)
            began = time.time()
            projector.start()
            probe.start()
            schedule = [
                ("map", diagnosis),
                ("vote", diagnosis + mapping),
                ("synthesis", diagnosis + mapping + voting),
                ("closed", diagnosis + mapping + voting + synthesis),
            ]
            for phase, at in schedule:
                time.sleep(max(0.0, start + at - time.monotonic()))
                set_phase(phase)
                print(f"{time.monotonic() - start:6.1f}s  phase {phase}", flush=True)
            locust_figures = phones_result(started)
            elapsed = time.time() - began
            cpu = cpu_used(cpu_before, cpu_snapshot(master.pid))
            machine = machine_share(ticks_before, machine_ticks())
            cpu["locust"] = locust_figures.pop("cpu_s")
            projector.stop.set()
            projector.join()
            probe.join(timeout=30)
            rss = worker_memory_mb(master)
            final = facilitator.call("GET", f"/workshops/{wid}/live").json()

        port = free_port()
        with gunicorn("bench.hello:app", port, args.workers, env):
            hello = locust(
                "HelloUser", "GET / (bare Flask)", port, args.hello_users, args.hello_seconds, env
            )

    requests_table = {
        name: locust_figures["requests"][name]
        for name in PHONE_REQUESTS
        if name in locust_figures["requests"]
    }
    requests_table["GET live (projector)"] = projector.live.polls.report(
        projector.stopped - projector.started
    )
    requests_table["GET live (probe, 100 ms)"] = probe.live.polls.report(elapsed)
    phases_table = {k: v for k, v in locust_figures["requests"].items() if k.startswith("(")}
    failures = sum(r["failures"] for r in requests_table.values()) + len(probe.errors)
    report = {
        "date": datetime.now(UTC).isoformat(timespec="seconds"),
        "database": "postgresql" if postgres else "sqlite",
        "redis": bool(args.redis),
        "settings": {
            "participants": args.participants,
            "spawn_rate": args.spawn_rate,
            "gunicorn": settings,
            "phases_s": {
                "diagnosis": diagnosis,
                "map": mapping,
                "vote": voting,
                "synthesis": synthesis,
            },
            "think_s": think,
            "phone_poll_s": args.poll,
            "projector_poll_s": args.projector_poll,
            "figures_seconds": figures_seconds,
        },
        "machine": {"cpus": os.cpu_count(), "python": platform.python_version()},
        "joins": {
            "joined_at_close": final["joined"] - 1,
            "all_joined_after_s": (
                round(projector.all_joined - projector.first_join, 1)
                if projector.all_joined and projector.first_join
                else None
            ),
        },
        "requests": requests_table,
        "phases": phases_table,
        "failures": locust_figures["failures"]
        + [{"request": "probe", "error": e} for e in probe.errors],
        "answer_to_projector": probe.report(),
        "room_at_close": {
            "joined": final["joined"],
            "finished": final["finished"],
            "answering": final["answering"],
            "placed_per_category": {m["category"]: m["count"] for m in final["map"]},
            "voters": final["voters"],
        },
        "cpu_seconds": {**cpu, "wall": round(elapsed, 1)},
        "machine_cpu": machine,
        "worker_rss_mb": rss,
        "hello": hello,
        "locust_warnings": locust_figures["warnings"],
    }
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S")
    (RESULTS / f"{stamp}-workshop.json").write_text(json.dumps(report, indent=2))
    print_report(report, failures)


def print_report(report: dict, failures: int) -> None:
    s = report["settings"]
    print(
        f"\nLive workshop: {s['participants']} phones, {report['database']}"
        f"{' + Redis' if report['redis'] else ''}, gunicorn {s['gunicorn']}, "
        f"{report['machine']['cpus']} CPUs; phases {s['phases_s']} s, think {s['think_s']} s, "
        f"phones poll every {s['phone_poll_s']} s"
    )
    joins = report["joins"]
    print(
        f"joined: {joins['joined_at_close']} of {s['participants']}, all within "
        f"{joins['all_joined_after_s']} s of the first (projector's view)"
    )
    columns = ("count", "fail", "req/s", "median", "p95", "p99", "max")
    print(f"{'':28}" + "".join(f"{c:>9}" for c in columns))

    def ms(value: float | None) -> str:
        return "-" if value is None else f"{value:.0f}ms"

    for name, f in {**report["requests"], **report["phases"]}.items():
        cells = (
            f["count"],
            f.get("failures", ""),
            f.get("rps", ""),
            ms(f.get("median_ms")),
            ms(f.get("p95_ms")),
            ms(f.get("p99_ms")),
            ms(f.get("max_ms")),
        )
        print(f"{name:28}" + "".join(f"{c!s:>9}" for c in cells))
    delays = report["answer_to_projector"]
    for label, key in (
        ("server (100 ms poll)", "server_100ms_poll"),
        ("projector", "projector"),
    ):
        d = delays[key]
        if d["count"]:
            print(
                f"answer -> {label}: n={d['count']} min {d['min_ms']} ms, median "
                f"{d['median_ms']} ms, p95 {d['p95_ms']} ms, max {d['max_ms']} ms"
            )
    print(
        f"  probe: skipped (count moving) {delays['skipped_unsteady']}, disturbed "
        f"{delays['disturbed']}, timeouts {delays['timeouts_15s']}, missed by projector "
        f"{delays['missed_by_projector_5s']}"
    )
    room = report["room_at_close"]
    print(
        f"room at close: joined {room['joined']} (with the probe), finished {room['finished']}, "
        f"still answering {room['answering']}, placed {room['placed_per_category']}, "
        f"voters {room['voters']}"
    )
    hello = report["hello"]
    print(
        f"bare Flask hello, same gunicorn: {hello['rps']} req/s, "
        f"median {hello['median_ms']:.0f} ms, p95 {hello['p95_ms']:.0f} ms, "
        f"failures {hello['failures']}"
    )
    print(f"CPU seconds over the run: {report['cpu_seconds']}; machine {report['machine_cpu']}")
    print(f"gunicorn workers' RSS at the end: {report['worker_rss_mb']} MB")
    for failure in report["failures"]:
        print(f"failure: {failure}")
    for warning in report["locust_warnings"]:
        print(f"locust: {warning}")
    answer = report["requests"].get("PUT answer", {})
    server_delay = delays["projector"].get("p95_ms")
    print(
        f"goals: errors {failures} (0); PUT answer p95 {answer.get('p95_ms')} ms (< 200); "
        f"answer on projector p95 {server_delay} ms (< 2000)"
    )


if __name__ == "__main__":
    main()
