"""Carry-over: "continue with my organisation" after a workshop.

A participant who answered a short workshop questionnaire (e.g. `gbp-express`) can start the full
self-assessment of their organisation (`gbp`) from those answers rather than from a blank page.
Each short question `stands_for` one or more questions of the full one (checked at load: same
type, same levels), and the mapping is:

1. Only answered short questions carry over (a value, or "non concerné"); unanswered ones leave
   the full question empty.
2. An answer goes to each question of the full questionnaire the short one stands for; ids the
   full questionnaire does not have are skipped.
3. "Non concerné" carries over only where the full question allows it.
4. A value carries over only if the full question accepts it as is (`normalise(..., strict=True)`),
   in its stored form; otherwise it is skipped rather than guessed.
5. When two short questions stand for the same full question, the first in questionnaire order
   wins.

The result is a draft: the organisation reviews every answer in the full assessment.
Plain Python, no Flask: two questionnaires and the answers in, answers to the full one out.
"""

from __future__ import annotations

from collections.abc import Mapping

from app.questionnaires.answers import AnswerError, normalise
from app.questionnaires.schema import Question, Questionnaire
from app.scoring import AnswerInput


def carry_over(
    short: Questionnaire, full: Questionnaire, answers: Mapping[str, AnswerInput]
) -> dict[str, AnswerInput]:
    """The answers to `full` that the answers to `short` stand for (see the module docstring)."""
    carried: dict[str, AnswerInput] = {}
    for question in short.questions():
        answer = answers.get(question.id)
        if answer is None or not answer.answered:
            continue
        for target_id in question.stands_for:
            target = full.question(target_id)
            if target is None or target_id in carried:
                continue
            converted = _convert(target, answer)
            if converted is not None:
                carried[target_id] = converted
    return carried


def _convert(target: Question, answer: AnswerInput) -> AnswerInput | None:
    """The answer as `target` would store it, or None when it does not fit."""
    if answer.na:
        return AnswerInput(None, na=True) if target.allow_na else None
    try:
        value = normalise(target, answer.value, strict=True)
    except AnswerError:
        return None
    return AnswerInput(value) if value is not None else None
