"""API v1: reviews."""

from __future__ import annotations

from . import TAGS, api  # noqa: F401
