"""The documented scoring method, in one place.

Users read this method on every results page ("how is this computed"), the API returns exactly its
figures, and later features (priorities, benchmarks) build on it, so it is plain Python: a pinned
questionnaire, the answers and the set of applicable questions in, scores out. Scores run from 0 to
100 and are never rounded here; rounding is for display.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping
from dataclasses import dataclass

from app.questionnaires.schema import Question, Questionnaire

YES_PARTIAL_NO_SCORES: dict[str, float] = {"yes": 100.0, "partial": 50.0, "no": 0.0}


@dataclass(frozen=True)
class AnswerInput:
    """What scoring needs of an answer: its value, or that it was marked "non concerné"."""

    value: object = None
    na: bool = False

    @property
    def answered(self) -> bool:
        return self.na or self.value is not None


@dataclass(frozen=True)
class QuestionScore:
    id: str
    applicable: bool
    answered: bool
    na: bool
    score: float | None  # None: indicator, N/A, unanswered or not applicable


@dataclass(frozen=True)
class ThemeScore:
    id: str
    weight: float
    score: float | None
    answered: int
    applicable: int

    @property
    def completion(self) -> float:
        return self.answered / self.applicable if self.applicable else 0.0


@dataclass(frozen=True)
class AssessmentScore:
    overall: float | None
    answered: int
    applicable: int
    themes: list[ThemeScore]
    questions: dict[str, QuestionScore]

    @property
    def completion(self) -> float:
        return self.answered / self.applicable if self.applicable else 0.0

    def theme(self, theme_id: str) -> ThemeScore | None:
        return next((t for t in self.themes if t.id == theme_id), None)


def question_score(question: Question, answer: AnswerInput | None) -> float | None:
    """The score of one answer, or None when it does not count (indicator, N/A, unanswered).

    A value that no longer fits the question (it cannot happen with a pinned version, but data can
    be old) counts as unanswered rather than as a guess.
    """
    if answer is None or answer.na or answer.value is None or not question.scored:
        return None
    value = answer.value
    if question.type == "scale":
        if isinstance(value, bool) or not isinstance(value, int):
            return None
        if not 0 <= value <= question.max_level:
            return None
        return 100.0 * value / question.max_level
    if question.type == "yes_partial_no":
        return YES_PARTIAL_NO_SCORES.get(value) if isinstance(value, str) else None
    if question.type == "choice":
        option = question.option(value) if isinstance(value, str) else None
        return option.score if option else None
    return None


def weighted_mean(pairs: Collection[tuple[float, float]]) -> float | None:
    """Σ(weight · value) / Σ(weight), or None when there is nothing to average."""
    total_weight = sum(weight for weight, _ in pairs)
    if not pairs or total_weight <= 0:
        return None
    return sum(weight * value for weight, value in pairs) / total_weight


def score(
    questionnaire: Questionnaire,
    answers: Mapping[str, AnswerInput],
    applicable: Collection[str] | None = None,
) -> AssessmentScore:
    """Score an assessment.

    `applicable` is the set of question ids that apply to this organisation and this cycle (its
    profile and chosen themes); None means every question. Answers to other questions are ignored.
    """
    question_scores: dict[str, QuestionScore] = {}
    theme_scores: list[ThemeScore] = []
    for theme in questionnaire.themes:
        scored: list[tuple[float, float]] = []
        answered = total = 0
        for question in theme.questions:
            is_applicable = applicable is None or question.id in applicable
            answer = answers.get(question.id) if is_applicable else None
            value = question_score(question, answer) if is_applicable else None
            is_answered = bool(answer and answer.answered)
            question_scores[question.id] = QuestionScore(
                question.id, is_applicable, is_answered, bool(answer and answer.na), value
            )
            if not is_applicable:
                continue
            total += 1
            answered += is_answered
            if value is not None:
                scored.append((question.weight, value))
        theme_scores.append(
            ThemeScore(theme.id, theme.weight, weighted_mean(scored), answered, total)
        )
    overall = weighted_mean([(t.weight, t.score) for t in theme_scores if t.score is not None])
    return AssessmentScore(
        overall=overall,
        answered=sum(t.answered for t in theme_scores),
        applicable=sum(t.applicable for t in theme_scores),
        themes=theme_scores,
        questions=question_scores,
    )
