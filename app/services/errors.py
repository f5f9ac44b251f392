"""Errors services raise; each front end (pages, API, CLI) turns them into its own response."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any


class ServiceError(Exception):
    """Base class: the request cannot be carried out."""


class NotFound(ServiceError):
    """The thing does not exist, or the user may not know it exists (no existence leak)."""


class Unauthenticated(ServiceError):
    """No valid credentials: a missing, unknown, expired or revoked token, or a wrong password."""


class Forbidden(ServiceError):
    """The user can see the thing but their role does not allow this action."""


class Invalid(ServiceError):
    """Input values are wrong; `errors` maps each field to a message in the user's language."""

    def __init__(self, errors: Mapping[str, str]) -> None:
        super().__init__("; ".join(f"{k}: {v}" for k, v in errors.items()))
        self.errors = dict(errors)


class Conflict(ServiceError):
    """Someone else changed the thing since the user last saw it; `current` is what is stored,
    `subject` what it belongs to (for an answer: its question), for the caller to describe it."""

    def __init__(self, current: Any, subject: Any = None) -> None:
        super().__init__("conflict")
        self.current = current
        self.subject = subject


class Closed(Conflict):
    """A workshop does not take this now: `reason` is locked, closed, full, phase or removed."""

    def __init__(self, reason: str) -> None:
        super().__init__(None, reason)
        self.reason = reason
