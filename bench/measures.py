"""Measuring helpers of the workshop bench: percentiles, and CPU time of processes (/proc)."""

from __future__ import annotations

import os
import statistics
from pathlib import Path

TICK = os.sysconf("SC_CLK_TCK")


def percentile(values: list[float], share: float) -> float | None:
    if not values:
        return None
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(share * len(ordered) + 0.5) - 1))]


def summary(values: list[float]) -> dict:
    """count, min, median, p95, p99, max of a list of milliseconds."""
    if not values:
        return {"count": 0}
    return {
        "count": len(values),
        "min_ms": round(min(values)),
        "median_ms": round(statistics.median(values)),
        "p95_ms": round(percentile(values, 0.95)),
        "p99_ms": round(percentile(values, 0.99)),
        "max_ms": round(max(values)),
    }


def cpu_seconds(pids: list[int]) -> float:
    total = 0
    for pid in pids:
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        total += int(fields[11]) + int(fields[12])  # utime, stime
    return total / TICK


def pids_named(name: str) -> list[int]:
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                if (entry / "comm").read_text().strip() == name:
                    found.append(int(entry.name))
            except OSError:
                continue
    return found


def children(pid: int) -> list[int]:
    path = Path(f"/proc/{pid}/task/{pid}/children")
    return [int(p) for p in path.read_text().split()] if path.exists() else []


def cpu_snapshot(master: int) -> dict[str, dict[int, float]]:
    groups = {
        "gunicorn workers": children(master),
        "postgres": pids_named("postgres"),
        "redis": pids_named("redis-server"),
    }
    return {name: {pid: cpu_seconds([pid]) for pid in pids} for name, pids in groups.items()}


def cpu_used(before: dict, after: dict) -> dict[str, float]:
    return {
        name: round(sum(t - before[name].get(pid, 0.0) for pid, t in after[name].items()), 1)
        for name in after
    }


def machine_ticks() -> list[int]:
    """The machine's CPU time so far: user, nice, system, idle, iowait, irq, softirq, steal."""
    return [int(n) for n in Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:9]]


def machine_share(before: list[int], after: list[int]) -> dict[str, float]:
    """Shares of the machine's CPU time between two readings, in percent."""
    delta = [b - a for a, b in zip(before, after, strict=True)]
    total = sum(delta) or 1
    busy = total - delta[3] - delta[4] - delta[7]
    return {
        "busy_%": round(100 * busy / total),
        "idle_%": round(100 * (delta[3] + delta[4]) / total),
        "steal_%": round(100 * delta[7] / total),
    }
