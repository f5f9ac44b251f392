"""Action suggestions for the top improvement areas.

For the first few ranked areas, every scored question whose score is strictly below a threshold
(50 by default) offers the actions the questionnaire suggests for it. Each suggestion carries a
stable key, `<question id>:<index of the action in the question>`, so that the app can tell which
ones were already accepted into the action plan. Plain Python, no Flask.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from app.questionnaires.schema import I18n, Questionnaire

from .ranking import Ranking


@dataclass(frozen=True)
class Suggestion:
    theme_id: str
    question_id: str
    question_score: float
    title: I18n
    description: I18n | None
    #: Stable id: f"{question_id}:{index of the suggested action in the question}".
    key: str


def suggestion_key(question_id: str, index: int) -> str:
    """The stable key of the `index`-th suggested action of a question."""
    return f"{question_id}:{index}"


def suggest_actions(
    questionnaire: Questionnaire,
    ranking: Ranking,
    question_scores: Mapping[str, float | None],
    top: int = 3,
    threshold: float = 50.0,
) -> list[Suggestion]:
    """The suggested actions of the weak questions of the `top` first ranked areas.

    Areas in ranking order, then questions in questionnaire order, then actions in file order. A
    question counts when it is scored and its score is not None and strictly below `threshold`
    (a question at exactly the threshold suggests nothing). No key appears twice.
    """
    suggestions: list[Suggestion] = []
    seen: set[str] = set()
    for area in ranking.ranked[: max(top, 0)]:
        theme = questionnaire.theme(area.theme_id)
        if theme is None:
            continue
        for question in theme.questions:
            value = question_scores.get(question.id)
            if not question.scored or value is None or not value < threshold:
                continue
            for index, action in enumerate(question.suggested_actions):
                key = suggestion_key(question.id, index)
                if key in seen:
                    continue
                seen.add(key)
                suggestions.append(
                    Suggestion(
                        theme_id=theme.id,
                        question_id=question.id,
                        question_score=value,
                        title=action.title,
                        description=action.description,
                        key=key,
                    )
                )
    return suggestions
