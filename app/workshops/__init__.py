"""Live workshops: the plain-Python domain, with no Flask and no database.

Join codes, the phases a facilitator walks through, the room's aggregate figures (shown only
above a threshold of participants), the carry-over of workshop answers to an organisation's full
self-assessment, and the checking of votes.
"""

from .carryover import carry_over
from .codes import ALPHABET, CODE_LENGTH, new_code, normalise_code
from .figures import THRESHOLD, ParticipantInput, compute, own_scores
from .phases import (
    ALL_PHASES,
    CLOSED,
    PHASES,
    WRITES,
    enabled_phases,
    first_phase,
    next_phase,
    previous_phase,
)
from .votes import VoteError, check_votes

__all__ = [
    "ALL_PHASES",
    "ALPHABET",
    "CLOSED",
    "CODE_LENGTH",
    "PHASES",
    "THRESHOLD",
    "WRITES",
    "ParticipantInput",
    "VoteError",
    "carry_over",
    "check_votes",
    "compute",
    "enabled_phases",
    "first_phase",
    "new_code",
    "next_phase",
    "normalise_code",
    "own_scores",
    "previous_phase",
]
