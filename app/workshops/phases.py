"""The phases of a live workshop, in the order the facilitator runs them.

A workshop walks through PHASES in this fixed order; the facilitator may switch some off (a short
session may skip the testimonies or the stakeholder map), and moving forward or back skips the
disabled ones. After the last enabled phase the workshop is CLOSED, and stays so. Participants
can only write in the phase made for it (WRITES): answers during the diagnosis, placements during
the map, votes during the vote, so the figures on the projector move only when they should.
"""

from __future__ import annotations

from collections.abc import Iterable

PHASES: tuple[str, ...] = (
    "welcome",
    "reminder",
    "testimonies",
    "diagnosis",
    "map",
    "vote",
    "synthesis",
)
CLOSED = "closed"
ALL_PHASES: tuple[str, ...] = (*PHASES, CLOSED)

#: The phase in which each kind of participant write is accepted.
WRITES: dict[str, str] = {"answers": "diagnosis", "map": "map", "votes": "vote"}


def enabled_phases(enabled: Iterable[str]) -> list[str]:
    """The known phases among `enabled`, in PHASES order; unknown names are ignored."""
    chosen = set(enabled)
    return [phase for phase in PHASES if phase in chosen]


def first_phase(enabled: Iterable[str]) -> str:
    """The first enabled phase, or CLOSED when none is enabled."""
    phases = enabled_phases(enabled)
    return phases[0] if phases else CLOSED


def next_phase(current: str, enabled: Iterable[str]) -> str:
    """The first enabled phase after `current`, or CLOSED when there is none."""
    if current == CLOSED:
        return CLOSED
    position = _position(current)
    return next((p for p in enabled_phases(enabled) if PHASES.index(p) > position), CLOSED)


def previous_phase(current: str, enabled: Iterable[str]) -> str | None:
    """The last enabled phase before `current` (from CLOSED: the last enabled one), or None."""
    phases = enabled_phases(enabled)
    if current != CLOSED:
        position = _position(current)
        phases = [p for p in phases if PHASES.index(p) < position]
    return phases[-1] if phases else None


def _position(phase: str) -> int:
    if phase not in PHASES:
        raise ValueError(f"unknown workshop phase {phase!r}")
    return PHASES.index(phase)
