"""Phones waiting for a workshop's next phase are told at once, instead of asking again and again.

Measured on this project's 2-core machines (bench/README.md), 500 phones asking for the state every
1.5 s take most of the server even when every answer is a 304, and leave too little for their
answers. So a phone's state request may wait (`?wait=`, long polling): the server holds it until
the state changes or the wait ends. A held request holds a thread but no database connection, and
costs nothing while it waits.

Every change of state is published: with `REDIS_URL`, on a Redis channel that every worker
process listens to (one listener thread per process); without Redis (development, one process),
to the process itself, and waiting requests also look at the database every second, which keeps
several workers without Redis correct, only slower. A process holds at most
`WORKSHOP_LONG_POLLS` requests at once: past that, a request is answered at once and the phone
simply asks again, as with plain polling.
"""

from __future__ import annotations

import json
import logging
import threading
import time
from collections.abc import Callable
from typing import Any

from flask import current_app

log = logging.getLogger(__name__)

State = dict[str, Any]


class Hub:
    """The waiting requests of one process, and the latest state published for each workshop."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._waiting: dict[int, set[threading.Event]] = {}
        self._latest: dict[int, State] = {}
        self.held = 0

    def deliver(self, workshop_id: int, state: State) -> None:
        with self._lock:
            known = self._latest.get(workshop_id)
            if known is None or known["version"] < state["version"]:
                self._latest[workshop_id] = state
            for event in self._waiting.get(workshop_id, ()):
                event.set()

    def newer(self, workshop_id: int, version: int) -> State | None:
        latest = self._latest.get(workshop_id)
        return latest if latest is not None and latest["version"] > version else None

    def wait(self, workshop_id: int, version: int, timeout: float, limit: int) -> State | None:
        """The state newer than `version` once published, or None after `timeout` seconds (at
        once when `limit` requests already wait in this process)."""
        event = threading.Event()
        with self._lock:
            found = self.newer(workshop_id, version)
            if found is not None or self.held >= limit:
                return found
            self.held += 1
            self._waiting.setdefault(workshop_id, set()).add(event)
        try:
            event.wait(timeout)
        finally:
            with self._lock:
                self.held -= 1
                waiting = self._waiting.get(workshop_id, set())
                waiting.discard(event)
                if not waiting:
                    self._waiting.pop(workshop_id, None)
        return self.newer(workshop_id, version)


hub = Hub()
_listener_lock = threading.Lock()
_listener: threading.Thread | None = None


def _channel() -> str:
    return f"{current_app.config['RATELIMIT_KEY_PREFIX']}:workshop-states"


def _redis():  # noqa: ANN202 - a redis.Redis client, or None
    url = current_app.config.get("REDIS_URL")
    if not url:
        return None
    import redis

    return redis.Redis.from_url(url)


def publish(workshop_id: int, state: State) -> None:
    """Tell every process that the workshop's state changed."""
    hub.deliver(workshop_id, state)
    client = _redis()
    if client is None:
        return
    try:
        client.publish(_channel(), json.dumps({"id": workshop_id, "state": state}))
    except Exception:  # Redis down: waiting phones still get it at the end of their wait
        log.exception("could not publish a workshop state")


def _listen(client: Any, channel: str) -> None:
    while True:
        try:
            pubsub = client.pubsub(ignore_subscribe_messages=True)
            pubsub.subscribe(channel)
            for message in pubsub.listen():
                data = json.loads(message["data"])
                hub.deliver(int(data["id"]), data["state"])
        except Exception:
            log.exception("workshop state listener: reconnecting in 1 s")
            time.sleep(1)


def _ensure_listener() -> bool:
    """Start this process's Redis listener once; False without Redis."""
    global _listener
    client = _redis()
    if client is None:
        return False
    with _listener_lock:
        if _listener is None or not _listener.is_alive():
            _listener = threading.Thread(
                target=_listen, args=(client, _channel()), name="workshop-states", daemon=True
            )
            _listener.start()
    return True


def wait_for_change(
    workshop_id: int, version: int, timeout: float, look: Callable[[], State]
) -> State | None:
    """The workshop's state once newer than `version`, or None when `timeout` passes.

    `look` reads the state from the database: without Redis it is called every second, since
    another process may have changed the state without this one hearing of it.
    """
    limit = current_app.config["WORKSHOP_LONG_POLLS"]
    if _ensure_listener():
        return hub.wait(workshop_id, version, timeout, limit)
    deadline = time.monotonic() + timeout
    while (left := deadline - time.monotonic()) > 0:
        found = hub.wait(workshop_id, version, min(1.0, left), limit)
        if found is not None:
            return found
        current = look()
        if current["version"] > version:
            return current
        if hub.held >= limit:
            return None
    return None
