"""The room's phones in a live workshop, for `bench/workshop.py` (locust, headless).

Each `Phone` is one participant without an account: it joins with the workshop's code, then
follows the phase by long polling `GET /workshops/<code>/state?wait=` with `If-None-Match` (the
server answers when the phase changes, or a 304 after the wait; `--wait 0` polls every `--poll`
seconds instead), and does the current phase's work once, with a person's think time between
actions: answer every question of the express questionnaire (diagnosis), place every stakeholder
category (map), cast its votes (vote). Polling and work interleave in one loop, as on a phone whose
page polls on a timer while its owner taps.

Besides the requests, the phones report as custom locust entries (type PHASE):
- "phase seen by phones": delay between the facilitator's phase change (the driver writes the time
  into a file once its PUT returned) and the poll that showed it;
- "<phase> done": time from seeing the phase to having finished its work (count = phones that did).

The driver passes the workshop, the question and theme ids and the timings in a JSON file named by
`WORKSHOP_DATA`.
"""

from __future__ import annotations

import json
import os
import random
import time

import gevent
from locust import constant, events, task
from locust.contrib.fasthttp import FastHttpUser

DATA = json.loads(open(os.environ.get("WORKSHOP_DATA", "bench/results/workshop-data.json")).read())  # noqa: SIM115
BASE = f"/api/v1/workshops/{DATA['code']}"
POLL = DATA["poll_seconds"]
WAIT = DATA.get("wait_seconds", 0)  # > 0: long polling, as app/static/js/room.js does
THINK = DATA["think"]  # {"answers": [low, high], "map": [...], "votes": [...]} in seconds


def _phase_times() -> dict[str, float]:
    try:
        with open(DATA["phase_file"]) as handle:
            return json.load(handle)
    except (OSError, ValueError):  # not written yet, or being replaced
        return {}


def _custom(name: str, milliseconds: float) -> None:
    events.request.fire(
        request_type="PHASE",
        name=name,
        response_time=milliseconds,
        response_length=0,
        exception=None,
        context={},
    )


class Phone(FastHttpUser):
    wait_time = constant(0)  # one task that lives as long as the run: its own loop paces it

    def on_start(self) -> None:
        self.headers: dict[str, str] = {}
        self.etag: str | None = None
        self.phase: str | None = None
        self.phase_seen_at = 0.0
        self.unmeasured: str | None = None  # a phase seen before the driver wrote its time
        self.todo: list = []
        self.next_action = float("inf")
        self.done: set[str] = set()
        with self.client.post(
            f"{BASE}/participants",
            json={"pseudonym": f"Phone {random.randrange(10**6)}"},
            name="POST join",
            catch_response=True,
        ) as response:
            if response.status_code != 201:
                response.failure(f"{response.status_code}: {response.text[:200]}")
                raise RuntimeError("could not join")  # the user stops; counted as a failure
            body = response.json()
        self.headers = {"Authorization": f"Bearer {body['token']}"}
        self.enter(body["phase"])

    # --- the phases ---------------------------------------------------------------------------

    def enter(self, phase: str) -> None:
        if phase == self.phase:
            return
        if self.phase is not None:  # a change while in the room, not the phase found on joining
            self.unmeasured = phase
        self.phase = phase
        self.phase_seen_at = time.monotonic()
        self.measure_phase()
        self.todo = [] if phase in self.done else self.work(phase)
        self.next_action = time.monotonic() + self.think(phase) if self.todo else float("inf")

    def measure_phase(self) -> None:
        if self.unmeasured is None:
            return
        changed = _phase_times().get(self.unmeasured)
        if changed is not None:
            _custom("phase seen by phones", max(0.0, (time.time() - changed) * 1000))
            self.unmeasured = None

    def work(self, phase: str) -> list:
        if phase == "diagnosis":
            return [("answer", q) for q in DATA["questions"]]
        if phase == "map":
            return [("place", c) for c in DATA["categories"]]
        if phase == "vote":
            return [("vote", None)]
        return []

    @staticmethod
    def think(phase: str) -> float:
        kind = {"diagnosis": "answers", "map": "map", "vote": "votes"}.get(phase, "answers")
        return random.uniform(*THINK[kind])

    # --- the loop -------------------------------------------------------------------------------

    @task
    def follow(self) -> None:
        if WAIT:
            self.follow_waiting()
        self.follow_polling()

    def follow_waiting(self) -> None:
        """The page's way: a long poll always open in the background, the person tapping."""
        gevent.spawn(self.listen)
        while True:
            if self.todo and time.monotonic() >= self.next_action:
                self.act(self.todo.pop(0))
                if self.todo:
                    self.next_action = time.monotonic() + self.think(self.phase)
                else:
                    self.done.add(self.phase)
                    self.next_action = float("inf")
                    _custom(f"{self.phase} done", (time.monotonic() - self.phase_seen_at) * 1000)
            gevent.sleep(max(0.02, min(0.5, self.next_action - time.monotonic())))

    def listen(self) -> None:
        while True:
            headers = dict(self.headers)
            url = f"{BASE}/state"
            if self.etag:
                headers["If-None-Match"] = self.etag
                url += f"?wait={WAIT}"
            started = time.monotonic()
            with self.client.get(
                url, headers=headers, name="GET state (long poll)", catch_response=True
            ) as response:
                if response.status_code == 304:
                    response.success()
                    if time.monotonic() - started < 1:  # not held: the server is full
                        gevent.sleep(POLL)
                    continue
                if response.status_code != 200:
                    response.failure(f"{response.status_code}: {response.text[:200]}")
                    gevent.sleep(3)
                    continue
                self.etag = response.headers.get("ETag")
                state = response.json()
            self.enter(state["phase"])
            gevent.sleep(random.uniform(0.2, 2.0))  # as the page: spread the room's next asks

    def follow_polling(self) -> None:
        next_poll = time.monotonic() + random.uniform(0, POLL)
        while True:
            now = time.monotonic()
            if now >= next_poll:
                self.poll()
                next_poll = now + POLL
            if self.todo and time.monotonic() >= self.next_action:
                self.act(self.todo.pop(0))
                if self.todo:
                    self.next_action = time.monotonic() + self.think(self.phase)
                else:
                    self.done.add(self.phase)
                    self.next_action = float("inf")
                    _custom(f"{self.phase} done", (time.monotonic() - self.phase_seen_at) * 1000)
            gevent.sleep(max(0.0, min(next_poll, self.next_action) - time.monotonic()))

    def poll(self) -> None:
        headers = dict(self.headers)
        if self.etag:
            headers["If-None-Match"] = self.etag
        with self.client.get(
            f"{BASE}/state", headers=headers, name="GET state", catch_response=True
        ) as response:
            if response.status_code == 304:
                response.success()
                self.measure_phase()
                return
            if response.status_code != 200:
                response.failure(f"{response.status_code}: {response.text[:200]}")
                return
            self.etag = response.headers.get("ETag")
            state = response.json()
        self.enter(state["phase"])

    def act(self, action: tuple) -> None:
        kind, item = action
        if kind == "answer":
            url = f"{BASE}/answers/{item['id']}"
            body = {"value": random.choice(item["values"]), "na": False}
            self.put(url, body, "PUT answer")
        elif kind == "place":
            body = {"influence": random.randint(1, 5), "importance": random.randint(1, 5)}
            self.put(f"{BASE}/map/{item}", body, "PUT map")
        else:
            votes: dict[str, int] = {}
            for theme in random.choices(DATA["themes"], k=DATA["votes"]):
                votes[theme] = votes.get(theme, 0) + 1
            self.put(f"{BASE}/votes", votes, "PUT votes")

    def put(self, url: str, body: dict, name: str) -> None:
        with self.client.put(
            url, json=body, headers=self.headers, name=name, catch_response=True
        ) as response:
            if response.status_code != 200:
                # 409 here means the write came after the facilitator moved on: the scenario's
                # timing, not the server, but still counted (the phone's owner lost a write)
                response.failure(f"{response.status_code}: {response.text[:200]}")
