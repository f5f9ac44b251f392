"""Guessing a workshop's code is limited per client address; using the right one never is.

A whole room often reaches the server through one wifi address, so joins and answers are never
limited per address. Only lookups of a code that does not exist count (shared by every worker
through the rate limiter's storage: Redis when `REDIS_URL` is set); past the limit, that address
gets 429 for any code until the window passes, so that a guesser cannot tell a right code from the
limit.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import TypeVar

from flask import current_app
from flask_limiter.util import get_remote_address
from limits import parse
from werkzeug.exceptions import TooManyRequests

from app.extensions import limiter

from .errors import NotFound

T = TypeVar("T")
SCOPE = "workshop-code"


def guarded(lookup: Callable[[], T]) -> T:
    """Run `lookup` (which raises NotFound for an unknown code), counting its misses."""
    if not limiter.enabled:
        return lookup()
    strategy = limiter.limiter
    item = parse(current_app.config["WORKSHOP_CODE_RATE_LIMIT"])
    keys = (current_app.config["RATELIMIT_KEY_PREFIX"], SCOPE, get_remote_address())
    if not strategy.test(item, *keys):
        reset = strategy.get_window_stats(item, *keys).reset_time
        raise TooManyRequests(retry_after=max(1, int(reset - time.time()) + 1))
    try:
        return lookup()
    except NotFound:
        strategy.hit(item, *keys)
        raise
