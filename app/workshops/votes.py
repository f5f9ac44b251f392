"""A participant's votes: points spread over the themes, within a budget.

Each participant has `budget` points to distribute over the questionnaire's themes, as whole,
non-negative numbers. JSON clients may send 2.0 for 2, which is accepted; true/false are not
numbers here. Errors carry a code and parameters, like answer errors, so the caller says them in
the participant's language. Zeros are dropped: a theme with no points is simply not voted for.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any


@dataclass
class VoteError(Exception):
    """`code` names the problem (e.g. `over_budget`); `params` fill in the message."""

    code: str
    params: dict[str, Any] = field(default_factory=dict)

    def __str__(self) -> str:
        return f"{self.code} {self.params}" if self.params else self.code


def check_votes(votes: Mapping[str, Any], themes: Sequence[str], budget: int) -> dict[str, int]:
    """The non-zero votes as ints, or VoteError when one is not valid or the total is too high."""
    known = set(themes)
    checked: dict[str, int] = {}
    for theme, value in votes.items():
        if theme not in known:
            raise VoteError("unknown_theme", {"theme": theme})
        if isinstance(value, float) and value.is_integer():
            value = int(value)
        if isinstance(value, bool) or not isinstance(value, int):
            raise VoteError("not_integer", {"theme": theme})
        if value < 0:
            raise VoteError("negative", {"theme": theme})
        checked[theme] = value
    total = sum(checked.values())
    if total > budget:
        raise VoteError("over_budget", {"budget": budget, "total": total})
    return {theme: value for theme, value in checked.items() if value}
