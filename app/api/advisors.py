"""API v1: advisors."""

from __future__ import annotations

from . import TAGS, api  # noqa: F401
