"""Priorities: ranked improvement areas and action suggestions. Plain Python, no Flask."""

from .ranking import (
    RankedArea,
    Ranking,
    StakeholderInput,
    priority,
    rank,
    salience,
)
from .suggestions import Suggestion, suggest_actions, suggestion_key

__all__ = [
    "RankedArea",
    "Ranking",
    "StakeholderInput",
    "Suggestion",
    "priority",
    "rank",
    "salience",
    "suggest_actions",
    "suggestion_key",
]
