"""API v1: statistics."""

from __future__ import annotations

from . import TAGS, api  # noqa: F401
