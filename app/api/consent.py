"""API v1: consent."""

from __future__ import annotations

from . import TAGS, api  # noqa: F401
