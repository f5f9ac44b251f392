"""Regional dashboards computed a moment ago, reused while the database says nothing that matters
changed.

Figures over thousands of organisations take a few hundred milliseconds to compute; whether they
may be reused takes one aggregate query: a fingerprint of the network's rows (how many records,
how many organisations opted in, their newest change) must be the one the figures were computed
with, so an organisation that opts out, moves or starts an assessment is in the very next figures.
Changed answers inside existing records show within `STATISTICS_CACHE_SECONDS` (annual-report
figures; a national network's organisations save answers all day long).

With Redis configured, every worker reuses what one of them computed (signed with the secret key:
nothing read back is trusted unless this application wrote it); without it, each worker keeps its
own. Nothing is reused without the fingerprint check.
"""

from __future__ import annotations

import hashlib
import hmac
import logging
import pickle
import threading
import time
from collections import OrderedDict
from collections.abc import Hashable
from typing import Any

log = logging.getLogger(__name__)


class FigureCache:
    """A small, thread-safe LRU of (fingerprint, moment, value) per key, optionally backed by a
    shared Redis store."""

    def __init__(self, size: int = 128) -> None:
        self._entries: OrderedDict[Hashable, tuple[Hashable, float, Any]] = OrderedDict()
        self._size = size
        self._lock = threading.Lock()

    def get(
        self,
        key: Hashable,
        fingerprint: Hashable,
        seconds: float,
        store: Any = None,
        secret: bytes = b"",
    ) -> Any | None:
        if store is not None:
            return self._shared_get(key, fingerprint, store, secret)
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

    def put(
        self,
        key: Hashable,
        fingerprint: Hashable,
        value: Any,
        seconds: float,
        store: Any = None,
        secret: bytes = b"",
    ) -> None:
        if store is not None:
            self._shared_put(key, fingerprint, value, seconds, store, secret)
            return
        with self._lock:
            self._entries[key] = (fingerprint, time.monotonic(), value)
            self._entries.move_to_end(key)
            while len(self._entries) > self._size:
                self._entries.popitem(last=False)

    def clear(self) -> None:
        with self._lock:
            self._entries.clear()

    @staticmethod
    def _name(key: Hashable) -> str:
        return "ecotone:figures:" + hashlib.sha256(repr(key).encode()).hexdigest()

    def _shared_get(self, key: Hashable, fingerprint: Hashable, store: Any, secret: bytes) -> Any:
        try:
            raw = store.get(self._name(key))
        except Exception:
            log.warning("figure cache unavailable", exc_info=True)
            return None
        if not raw or len(raw) < 32:
            return None
        signature, payload = raw[:32], raw[32:]
        if not hmac.compare_digest(signature, hmac.new(secret, payload, "sha256").digest()):
            return None
        stored, value = pickle.loads(payload)  # noqa: S301 - signed by this application
        return value if stored == fingerprint else None

    def _shared_put(
        self,
        key: Hashable,
        fingerprint: Hashable,
        value: Any,
        seconds: float,
        store: Any,
        secret: bytes,
    ) -> None:
        payload = pickle.dumps((fingerprint, value), protocol=pickle.HIGHEST_PROTOCOL)
        signature = hmac.new(secret, payload, "sha256").digest()
        try:
            store.set(self._name(key), signature + payload, ex=max(1, int(seconds)))
        except Exception:
            log.warning("figure cache unavailable", exc_info=True)
