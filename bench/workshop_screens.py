"""The facilitator's side of the workshop bench, in the driver's process: an API client, the
projector polling the room's figures, and the probe that times an answer's way to them."""

from __future__ import annotations

import random
import threading
import time
from dataclasses import dataclass, field

import requests

from bench.measures import summary


class Api:
    """A requests session on the API, with a bearer token."""

    def __init__(self, host: str, token: str | None = None) -> None:
        self.host = host
        self.session = requests.Session()
        if token:
            self.session.headers["Authorization"] = f"Bearer {token}"

    def call(self, method: str, path: str, expect: int = 200, **kwargs) -> requests.Response:
        response = self.session.request(method, f"{self.host}/api/v1{path}", timeout=30, **kwargs)
        if response.status_code != expect:
            raise RuntimeError(f"{method} {path}: {response.status_code} {response.text[:300]}")
        return response


@dataclass
class Expectation:
    """The probe's last change: the count its question must show, and when it was sent."""

    count: int
    sent_at: float
    seen_by_projector: float | None = None


@dataclass
class Polls:
    """Latencies and statuses of a poller's requests."""

    latencies: list[float] = field(default_factory=list)
    statuses: dict[int, int] = field(default_factory=dict)
    errors: list[str] = field(default_factory=list)

    def record(self, started: float, response: requests.Response | None, error: str = "") -> None:
        self.latencies.append((time.perf_counter() - started) * 1000)
        status = response.status_code if response is not None else 0
        self.statuses[status] = self.statuses.get(status, 0) + 1
        if status not in (200, 304):
            self.errors.append(error or f"{status}: {response.text[:200]}")

    def report(self, seconds: float) -> dict:
        figures = summary(self.latencies)
        figures["failures"] = len(self.errors)
        figures["rps"] = round(len(self.latencies) / seconds, 1) if seconds else None
        figures["statuses"] = self.statuses
        return figures


class Live:
    """Polls `GET /workshops/<id>/live` with If-None-Match, keeping the last body."""

    def __init__(self, api: Api, workshop: int, audience: str) -> None:
        self.api = api
        self.url = f"{api.host}/api/v1/workshops/{workshop}/live?audience={audience}"
        self.etag: str | None = None
        self.body: dict | None = None
        self.polls = Polls()

    def get(self) -> dict | None:
        headers = {"If-None-Match": self.etag} if self.etag else {}
        started = time.perf_counter()
        try:
            response = self.api.session.get(self.url, headers=headers, timeout=30)
        except requests.RequestException as exc:
            self.polls.record(started, None, repr(exc))
            return self.body
        self.polls.record(started, response)
        if response.status_code == 200:
            self.etag = response.headers.get("ETag")
            self.body = response.json()
        return self.body

    def count(self, question: str) -> int | None:
        body = self.get()
        if body is None:
            return None
        return next(q["count"] for q in body["questions"] if q["id"] == question)


class Projector(threading.Thread):
    """The room's screen: the figures every second; notes when everybody joined and when the
    probe's change shows."""

    def __init__(self, live: Live, question: str, expected_joins: int, every: float) -> None:
        super().__init__(daemon=True)
        self.live, self.question, self.every = live, question, every
        self.expected_joins = expected_joins
        self.stop = threading.Event()
        self.expectation: Expectation | None = None
        self.first_join: float | None = None  # time.time() when a phone had joined
        self.all_joined: float | None = None
        self.started = self.stopped = 0.0

    def run(self) -> None:
        self.started = time.time()
        while not self.stop.is_set():
            asked = time.time()
            body = self.live.get()
            if body is not None:
                now = time.time()
                if self.first_join is None and body["joined"] > 1:  # the probe is the first
                    self.first_join = now
                if self.all_joined is None and body["joined"] >= self.expected_joins:
                    self.all_joined = now
                expectation = self.expectation
                if expectation and expectation.seen_by_projector is None:
                    count = next(q["count"] for q in body["questions"] if q["id"] == self.question)
                    if asked > expectation.sent_at and count == expectation.count:
                        expectation.seen_by_projector = now
            self.stop.wait(max(0.0, self.every - (time.time() - asked)))
        self.stopped = time.time()


class Probe(threading.Thread):
    """A participant who toggles its answer to the first question (clear / answer again), each
    time once the question's count has been steady for longer than the figures are reused, and
    times until the facilitator's figures (polled every 100 ms) and the projector show it."""

    def __init__(
        self,
        phone: Api,
        live: Live,
        projector: Projector,
        base: str,
        question: dict,
        window: tuple[float, float],
        steady: float,
    ) -> None:
        super().__init__(daemon=True)
        self.phone, self.live, self.projector = phone, live, projector
        self.base, self.question = base, question
        self.window, self.steady = window, steady  # monotonic start and end of the measurements
        self.answered = True
        self.server: list[float] = []
        self.projector_delays: list[float] = []
        self.saves: list[float] = []
        self.unsteady = self.disturbed = self.timeouts = self.missed_by_projector = 0
        self.errors: list[str] = []
        self.late = False  # the probe's last change came after the diagnosis (409)

    def run(self) -> None:
        try:
            self.measure()
        except Exception as exc:  # reported, not raised in a thread
            self.errors.append(repr(exc))

    def measure(self) -> None:
        qid = self.question["id"]
        time.sleep(max(0.0, self.window[0] - time.monotonic()))
        while time.monotonic() < self.window[1] - 10:
            before = self.live.count(qid)
            time.sleep(self.steady)
            baseline = self.live.count(qid)
            if before is None or before != baseline:
                self.unsteady += 1  # phones still answering this question
                continue
            expected = baseline - 1 if self.answered else baseline + 1
            value = None if self.answered else random.choice(self.question["values"])
            sent = time.time()
            started = time.perf_counter()
            response = self.phone.session.put(
                f"{self.phone.host}/api/v1{self.base}/answers/{qid}",
                json={"value": value, "na": False},
                timeout=30,
            )
            if response.status_code == 409:  # the diagnosis ended while the server lagged
                self.late = True
                return
            if response.status_code != 200:
                raise RuntimeError(f"probe PUT: {response.status_code} {response.text[:200]}")
            self.saves.append((time.perf_counter() - started) * 1000)
            self.answered = not self.answered
            expectation = Expectation(expected, sent)
            self.projector.expectation = expectation
            while True:
                count = self.live.count(qid)
                now = time.time()
                if count == expected:
                    self.server.append((now - sent) * 1000)
                    break
                if count not in (baseline, expected):
                    self.disturbed += 1  # someone else's answer moved the count too
                    break
                if now - sent > 15:
                    self.timeouts += 1
                    break
                time.sleep(0.1)
            deadline = time.time() + 5
            while expectation.seen_by_projector is None and time.time() < deadline:
                time.sleep(0.05)
            if expectation.seen_by_projector is None:
                self.missed_by_projector += 1
            else:
                self.projector_delays.append((expectation.seen_by_projector - sent) * 1000)
            time.sleep(random.uniform(0.5, 1.5))

    def report(self) -> dict:
        return {
            "server_100ms_poll": summary(self.server),
            "projector": summary(self.projector_delays),
            "probe_saves": summary(self.saves),
            "skipped_unsteady": self.unsteady,
            "disturbed": self.disturbed,
            "timeouts_15s": self.timeouts,
            "missed_by_projector_5s": self.missed_by_projector,
            "last_change_after_diagnosis": self.late,
            "errors": self.errors,
        }
