"""Ranked improvement areas: where to progress first, and why.

The method, as shown to users:

1. Only the themes chosen for this cycle take part; the others are ignored entirely.
2. A stakeholder is *linked* to a theme when the organisation attached it to that Guide theme, or
   when it is concerned by one of the ISO 26000 issues the theme declares. The same stakeholder map
   therefore works for the Guide des bonnes pratiques and for ISO 26000 questionnaires.
3. Each stakeholder weighs influence × importance (both from 1 to 5, so 1 to 25).
4. For each chosen theme t with a score S (0 to 100) and a weight W:

   - salience σ = mean, over the stakeholders linked to t, of (influence × importance) / 25,
     so from 0.04 to 1; σ = 0 when no stakeholder is linked to t;
   - priority = (100 − S) × W × (1 + σ).

   A theme scoring 40 with weight 2 and two linked stakeholders weighing 4×5 and 2×3 has
   σ = (20/25 + 6/25) / 2 = 0.52 and priority = (100 − 40) × 2 × (1 + 0.52) = 182.4.
5. Themes are ranked by priority, highest first. At equal priority the lower score comes first,
   then the theme that comes first in the questionnaire. "Equal" means exactly equal computed
   numbers: nothing is rounded here (rounding is for display), so two priorities that would only
   look equal once rounded keep the order of their exact values.
6. Chosen themes without a score yet (nothing scored answered) are not ranked: they are listed
   apart, in questionnaire order, as themes to assess first.

Plain Python, no Flask: the questionnaire, the theme scores and the stakeholders in, a ranking out.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass

from app.questionnaires.schema import Questionnaire, Theme

#: The largest influence × importance (5 × 5): salience divides by it to run from 0 to 1.
MAX_STAKE = 25


@dataclass(frozen=True)
class StakeholderInput:
    """What the ranking needs of a stakeholder.

    `themes` holds Guide theme ids, `issues` ISO 26000 issue ids; influence and importance run
    from 1 to 5.
    """

    id: int
    name: str
    influence: int
    importance: int
    themes: frozenset[str] = frozenset()
    issues: frozenset[str] = frozenset()

    def __post_init__(self) -> None:
        for field in ("influence", "importance"):
            value = getattr(self, field)
            if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= 5:
                raise ValueError(f"{field} must be an integer from 1 to 5, got {value!r}")

    @property
    def weight(self) -> int:
        """Influence × importance, 1..25."""
        return self.influence * self.importance

    def linked_to(self, theme: Theme) -> bool:
        """Whether this stakeholder is concerned by `theme`: by its id or one of its ISO issues."""
        return theme.id in self.themes or any(issue.id in self.issues for issue in theme.issues)


@dataclass(frozen=True)
class RankedArea:
    """One chosen, scored theme with the figures of its priority (none of them rounded)."""

    theme_id: str
    score: float
    weight: float
    salience: float
    priority: float
    #: The linked stakeholders, heaviest (influence × importance) first, then by name.
    stakeholders: tuple[StakeholderInput, ...]


@dataclass(frozen=True)
class Ranking:
    #: Scored themes, highest priority first.
    ranked: tuple[RankedArea, ...]
    #: Chosen themes without a score, in questionnaire order: to assess first.
    to_assess: tuple[str, ...]


def salience(stakeholders: Collection[StakeholderInput]) -> float:
    """Mean of (influence × importance) / 25 over `stakeholders`, or 0.0 when there are none.

    Computed as Σ(influence × importance) / (25 × n): the sum is an exact integer, so the only
    rounding is the one final division.
    """
    if not stakeholders:
        return 0.0
    return sum(s.weight for s in stakeholders) / (MAX_STAKE * len(stakeholders))


def priority(score: float, weight: float, salience: float) -> float:
    """(100 − score) × weight × (1 + salience)."""
    return (100 - score) * weight * (1 + salience)


def rank(
    questionnaire: Questionnaire,
    theme_scores: Mapping[str, float | None],
    stakeholders: Sequence[StakeholderInput],
    chosen_themes: Collection[str] | None = None,
) -> Ranking:
    """Rank the chosen themes of `questionnaire` by priority (see the module docstring).

    `theme_scores` maps theme ids to scores from 0 to 100, None (or missing) when a theme has no
    score; `chosen_themes` is the set of theme ids chosen for this cycle, None meaning all of them.
    Ids that are not themes of the questionnaire are ignored. Ties compare the computed floats
    exactly: equal priority means `==`, then the lower score, then questionnaire order.
    """
    chosen = None if chosen_themes is None else set(chosen_themes)
    keyed: list[tuple[float, float, int, RankedArea]] = []
    to_assess: list[str] = []
    for position, theme in enumerate(questionnaire.themes):
        if chosen is not None and theme.id not in chosen:
            continue
        score = theme_scores.get(theme.id)
        if score is None:
            to_assess.append(theme.id)
            continue
        linked = sorted(
            (s for s in stakeholders if s.linked_to(theme)),
            key=lambda s: (-s.weight, s.name, s.id),
        )
        sigma = salience(linked)
        value = priority(score, theme.weight, sigma)
        area = RankedArea(theme.id, score, theme.weight, sigma, value, tuple(linked))
        keyed.append((-value, score, position, area))
    keyed.sort(key=lambda item: item[:3])
    return Ranking(ranked=tuple(item[3] for item in keyed), to_assess=tuple(to_assess))
