"""Views of the advisors blueprint: parse the request, call one service, render."""

from __future__ import annotations

from . import bp  # noqa: F401
