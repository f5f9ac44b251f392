"""Statistics that cannot single out an organisation. Plain Python, no Flask.

Every figure shown about organisations (regional dashboards, benchmarks against peers) goes
through this package: minimum group size, suppression of groups and filters whose figures
could be subtracted from one another, and the comparison group for “organisations like yours”.
"""

from .benchmark import Group, Peer, choose_group, widening_steps
from .figures import Spread, level_counts, maturity_level, spread
from .suppression import (
    COMPLEMENT,
    SUPPRESSED,
    TOO_FEW,
    Decision,
    Member,
    Plan,
    allowed_filters,
    decide,
    members_of,
    plan,
)
from .threshold import DEFAULT_MIN_GROUP, min_group

__all__ = [
    "COMPLEMENT",
    "DEFAULT_MIN_GROUP",
    "SUPPRESSED",
    "TOO_FEW",
    "Decision",
    "Group",
    "Member",
    "Peer",
    "Plan",
    "Spread",
    "allowed_filters",
    "choose_group",
    "decide",
    "level_counts",
    "maturity_level",
    "members_of",
    "min_group",
    "plan",
    "spread",
    "widening_steps",
]
