"""The hub where a process's waiting phone requests hear of a new workshop state."""

from __future__ import annotations

import threading
import time

from app.services.workshop_signals import Hub


def state(version: int, phase: str = "welcome") -> dict:
    return {"phase": phase, "version": version}


def test_a_waiting_request_wakes_up_when_a_newer_state_is_delivered():
    hub = Hub()
    threading.Timer(0.1, hub.deliver, args=(7, state(2, "diagnosis"))).start()
    started = time.monotonic()
    assert hub.wait(7, 1, timeout=5, limit=10) == state(2, "diagnosis")
    assert time.monotonic() - started < 1
    assert hub.held == 0


def test_a_state_already_newer_is_returned_without_waiting():
    hub = Hub()
    hub.deliver(7, state(3))
    assert hub.wait(7, 2, timeout=5, limit=10) == state(3)
    assert hub.wait(7, 3, timeout=0.05, limit=10) is None  # nothing newer than 3 yet


def test_other_workshops_and_older_states_do_not_wake_it():
    hub = Hub()
    hub.deliver(7, state(5))
    threading.Timer(0.05, hub.deliver, args=(8, state(9))).start()
    threading.Timer(0.05, hub.deliver, args=(7, state(4))).start()
    assert hub.wait(7, 5, timeout=0.3, limit=10) is None


def test_past_the_limit_a_request_is_answered_at_once():
    hub = Hub()
    waiting = threading.Thread(target=hub.wait, args=(7, 1, 0.5, 1))
    waiting.start()
    time.sleep(0.05)
    started = time.monotonic()
    assert hub.wait(7, 1, timeout=5, limit=1) is None
    assert time.monotonic() - started < 0.1
    waiting.join()
