"""The room's aggregate figures, as the projector shows them.

Participants join without an account; the room sees only aggregates, never one person's answers.
The method:

1. THRESHOLD = 3: a figure about a question, a category or the votes is shown only when at least
   3 participants contributed to it, so no one can be singled out. Below it, the count is given
   (the room can see the figure is coming) but the figure itself is None.
2. Questions: how many participants answered each one (a value or "non concerné") and, for scale,
   yes/partial/no and choice questions, how many gave each possible value, zeros included, so
   every bar is drawn. An "na" count is added when the question allows it. Numbers and texts are
   counted but never distributed: a single number or sentence could identify its author. An
   answer that does not fit the question (a level out of range, an unknown option, "non concerné"
   where it is not allowed) is counted nowhere.
3. Themes: each participant's theme scores, by the documented scoring method (`app.scoring`);
   the room's figure is their plain mean over the participants who have a score for the theme.
4. Map: for each stakeholder category, the mean influence and importance (1 to 5) over the
   participants who placed it, with their population standard deviation, which shows how much
   the room agrees. Placements off the 1–5 grid are ignored.
5. Votes: the total per theme, highest first, then in questionnaire order; shown once at least
   THRESHOLD participants have voted (given at least one point), in questionnaire order until then.

Nothing is rounded here; rounding is for display. The result is JSON-ready (str keys; ints,
floats, None, lists and dicts), so the projector's polling endpoint returns it as is.
Plain Python, no Flask: the questionnaire and the participants' inputs in, figures out.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from statistics import fmean, pstdev
from typing import Any

from app.questionnaires.answers import YES_PARTIAL_NO, AnswerError, normalise
from app.questionnaires.schema import Question, Questionnaire
from app.scoring import AnswerInput, score

#: The fewest contributors a figure needs to be shown.
THRESHOLD = 3
#: The distribution key of "non concerné" answers.
NA = "na"
#: The key under which a fitting number or text answer counts (never distributed).
_VALUE = "value"
GRID = range(1, 6)


@dataclass(frozen=True)
class ParticipantInput:
    """What the figures need of a participant.

    `answers` by question id; `placements` by category id, as (influence, importance) from 1 to 5;
    `votes` by theme id.
    """

    id: int
    answers: Mapping[str, AnswerInput] = field(default_factory=dict)
    placements: Mapping[str, tuple[int, int]] = field(default_factory=dict)
    votes: Mapping[str, int] = field(default_factory=dict)


def compute(
    questionnaire: Questionnaire,
    participants: Sequence[ParticipantInput],
    categories: Sequence[str],
    threshold: int = THRESHOLD,
) -> dict[str, Any]:
    """The room's figures: progress, questions, themes, map and votes (see the module docstring)."""
    questions = questionnaire.questions()
    answered = [
        sum(1 for q in questions if (a := p.answers.get(q.id)) is not None and a.answered)
        for p in participants
    ]
    voters, votes = _votes(questionnaire, participants, threshold)
    return {
        "joined": len(participants),
        "answering": sum(1 for n in answered if 0 < n < len(questions)),
        "finished": sum(1 for n in answered if n == len(questions)),
        "questions": [
            _question(theme.id, question, participants, threshold)
            for theme in questionnaire.themes
            for question in theme.questions
        ],
        "themes": _themes(questionnaire, participants, threshold),
        "map": [_category(category, participants, threshold) for category in categories],
        "voters": voters,
        "votes": votes,
    }


def own_scores(
    questionnaire: Questionnaire, answers: Mapping[str, AnswerInput]
) -> list[dict[str, Any]]:
    """One participant's theme scores, in questionnaire order, for their own phone only."""
    return [{"id": t.id, "score": t.score} for t in score(questionnaire, answers).themes]


def _values(question: Question) -> list[str] | None:
    """Every possible value of a distributed question, as keys; None for numbers and texts."""
    if question.type == "scale":
        return [str(level) for level in range(question.max_level + 1)]
    if question.type == "yes_partial_no":
        return list(YES_PARTIAL_NO)
    if question.type == "choice":
        return [option.id for option in question.options or ()]
    return None


def _key(question: Question, answer: AnswerInput | None) -> str | None:
    """The key an answer counts under (a value, NA or _VALUE), or None if unanswered or unfit."""
    if answer is None or not answer.answered:
        return None
    if answer.na:
        return NA if question.allow_na else None
    value = answer.value
    values = _values(question)
    if values is None:
        try:
            return _VALUE if normalise(question, value, strict=True) is not None else None
        except AnswerError:
            return None
    if question.type == "scale":
        key = str(value) if isinstance(value, int) and not isinstance(value, bool) else None
    else:
        key = value if isinstance(value, str) else None
    return key if key in values else None


def _question(
    theme_id: str,
    question: Question,
    participants: Sequence[ParticipantInput],
    threshold: int,
) -> dict[str, Any]:
    keys = [k for p in participants if (k := _key(question, p.answers.get(question.id)))]
    values = _values(question)
    distribution = None
    if values is not None and len(keys) >= threshold:
        counts = Counter(keys)
        shown = [*values, NA] if question.allow_na else values
        distribution = {value: counts[value] for value in shown}
    return {"id": question.id, "theme": theme_id, "count": len(keys), "distribution": distribution}


def _themes(
    questionnaire: Questionnaire, participants: Sequence[ParticipantInput], threshold: int
) -> list[dict[str, Any]]:
    scores: dict[str, list[float]] = {theme.id: [] for theme in questionnaire.themes}
    for participant in participants:
        for theme in score(questionnaire, participant.answers).themes:
            if theme.score is not None:
                scores[theme.id].append(theme.score)
    return [
        {
            "id": theme_id,
            "average": fmean(values) if len(values) >= threshold else None,
            "count": len(values),
        }
        for theme_id, values in scores.items()
    ]


def _on_grid(placement: object) -> bool:
    return (
        isinstance(placement, tuple | list)
        and len(placement) == 2
        and all(_is_int(value) and value in GRID for value in placement)
    )


def _category(
    category: str, participants: Sequence[ParticipantInput], threshold: int
) -> dict[str, Any]:
    points = [p.placements[category] for p in participants if _on_grid(p.placements.get(category))]
    shown = len(points) >= threshold
    influence = [point[0] for point in points]
    importance = [point[1] for point in points]
    return {
        "category": category,
        "count": len(points),
        "influence": fmean(influence) if shown else None,
        "importance": fmean(importance) if shown else None,
        "influence_spread": float(pstdev(influence)) if shown else None,
        "importance_spread": float(pstdev(importance)) if shown else None,
    }


def _votes(
    questionnaire: Questionnaire, participants: Sequence[ParticipantInput], threshold: int
) -> tuple[int, list[dict[str, Any]]]:
    totals = {theme.id: 0 for theme in questionnaire.themes}
    voters = 0
    for participant in participants:
        cast = {
            theme: value
            for theme, value in participant.votes.items()
            if theme in totals and _is_int(value) and value > 0
        }
        voters += bool(cast)
        for theme, value in cast.items():
            totals[theme] += value
    if voters < threshold:
        return voters, [{"theme": theme, "votes": None} for theme in totals]
    ranked = sorted(totals, key=lambda theme: -totals[theme])  # stable: questionnaire order
    return voters, [{"theme": theme, "votes": totals[theme]} for theme in ranked]


def _is_int(value: object) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)
