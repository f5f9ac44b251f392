"""Scoring of assessments: the documented method, plain Python with no Flask import."""

from .method import (
    AnswerInput,
    AssessmentScore,
    QuestionScore,
    ThemeScore,
    question_score,
    score,
    weighted_mean,
)

__all__ = [
    "AnswerInput",
    "AssessmentScore",
    "QuestionScore",
    "ThemeScore",
    "question_score",
    "score",
    "weighted_mean",
]
