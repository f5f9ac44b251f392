"""Dashboards a worker computed a moment ago, reused only while the database says nothing changed.

Figures over thousands of organisations take a few hundred milliseconds to compute; whether
anything they depend on changed takes one aggregate query. So each worker keeps its last
dashboards for `STATISTICS_CACHE_SECONDS` and, on every request, compares a fingerprint of the
network's rows (records and their newest computation, organisations and their newest change,
how many opted in) before reusing one: an organisation that opts out, or a new answer, is in the
very next figures. Nothing is shared between workers and nothing is trusted without that check;
actions (the share done) are not in the fingerprint and wait at most the lifetime of an entry.
"""

from __future__ import annotations

import threading
import time
from collections import OrderedDict
from collections.abc import Hashable
from typing import Any


class FigureCache:
    """A small, thread-safe LRU of (fingerprint, moment, value) per key."""

    def __init__(self, size: int = 128) -> None:
        self._entries: OrderedDict[Hashable, tuple[Hashable, float, Any]] = OrderedDict()
        self._size = size
        self._lock = threading.Lock()

    def get(self, key: Hashable, fingerprint: Hashable, seconds: float) -> Any | None:
        with self._lock:
            entry = self._entries.get(key)
            if entry is None:
                return None
            stored, moment, value = entry
            if stored != fingerprint or time.monotonic() - moment > seconds:
                del self._entries[key]
                return None
            self._entries.move_to_end(key)
            return value

    def put(self, key: Hashable, fingerprint: Hashable, value: Any) -> None:
        with self._lock:
            self._entries[key] = (fingerprint, time.monotonic(), value)
            self._entries.move_to_end(key)
            while len(self._entries) > self._size:
                self._entries.popitem(last=False)

    def clear(self) -> None:
        with self._lock:
            self._entries.clear()
