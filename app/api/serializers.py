"""JSON shapes of the API (field names are part of the contract)."""

from __future__ import annotations

from typing import Any

from app.scoring import AssessmentScore


def scores_json(result: AssessmentScore) -> dict[str, Any]:
    """Scores 0..100, not rounded; completion 0..1 (the documented method)."""
    return {
        "overall": result.overall,
        "completion": result.completion,
        "answered": result.answered,
        "applicable": result.applicable,
        "themes": [
            {
                "id": theme.id,
                "score": theme.score,
                "completion": theme.completion,
                "answered": theme.answered,
                "applicable": theme.applicable,
                "weight": theme.weight,
            }
            for theme in result.themes
        ],
        "questions": [
            {
                "id": question.id,
                "score": question.score,
                "applicable": question.applicable,
                "answered": question.answered,
                "na": question.na,
            }
            for question in result.questions.values()
        ],
    }
