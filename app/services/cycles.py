"""Year after year: objectives per theme, next year's cycle started from this one, comparisons.

The Guide asks organisations to set 1-year and 3-year objectives and to follow them; each cycle is
an assessment of its own (so last year's figures never move), linked to the one it continues.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass

from flask_babel import gettext as _
from sqlalchemy import select

from app.extensions import db
from app.models import OPEN_STATUSES, Action, Answer, Assessment, User
from app.models._base import utcnow
from app.questionnaires import Questionnaire
from app.scoring import AssessmentScore

from . import score_store
from .assessments import AssessmentContext, get, start
from .errors import Invalid

Objective = tuple[float | None, float | None]


def suggested_objectives(questionnaire: Questionnaire, score: float | None) -> Objective:
    """The next maturity level in one year, the one after in three (on the 0..100 scale)."""
    if score is None:
        return None, None
    step = 100 / (questionnaire.scale_levels - 1)
    level = math.floor(score / step + 1e-9)
    return min(100.0, (level + 1) * step), min(100.0, (level + 2) * step)


def objectives_of(context: AssessmentContext) -> dict[str, Objective]:
    stored = context.assessment.objectives or {}
    return {
        theme.id: tuple(stored.get(theme.id, (None, None)))  # type: ignore[misc]
        for theme in context.questionnaire.themes
    }


def objectives_or_suggestions(
    context: AssessmentContext, result: AssessmentScore
) -> dict[str, Objective]:
    """The targets set for each theme, and where none is set, the suggested ones."""
    scores = {t.id: t.score for t in result.themes}
    merged = {}
    for theme_id, (one_year, three_years) in objectives_of(context).items():
        suggested = suggested_objectives(context.questionnaire, scores.get(theme_id))
        merged[theme_id] = (
            one_year if one_year is not None else suggested[0],
            three_years if three_years is not None else suggested[1],
        )
    return merged


def _target(value: object, name: str, errors: dict[str, str]) -> float | None:
    if value is None or value == "":
        return None
    if isinstance(value, bool) or not isinstance(value, int | float) or not 0 <= value <= 100:
        errors[name] = _("Un score entre 0 et 100.")
        return None
    return float(value)


def set_objectives(
    user: User, assessment_id: int, objectives: Mapping[str, Objective]
) -> dict[str, Objective]:
    """Set the 1-year and 3-year targets of some themes (None clears one)."""
    context = get(user, assessment_id, "contributor")
    errors: dict[str, str] = {}
    stored = dict(context.assessment.objectives or {})
    for theme_id, (one_year, three_years) in objectives.items():
        if context.questionnaire.theme(theme_id) is None:
            errors[theme_id] = _("Thème inconnu : %(ids)s.", ids=theme_id)
            continue
        stored[theme_id] = [
            _target(one_year, f"{theme_id}-1y", errors),
            _target(three_years, f"{theme_id}-3y", errors),
        ]
    if errors:
        raise Invalid(errors)
    context.assessment.objectives = stored
    db.session.commit()
    return objectives_of(context)


def start_next(
    user: User, assessment_id: int, year: int | None = None, label: str = ""
) -> Assessment:
    """Next year's cycle: the current version of the same questionnaire, last cycle's answers
    copied as a starting point (marked "to confirm"), its objectives, and the actions not done."""
    previous = get(user, assessment_id, "contributor")
    source = previous.assessment
    year = year if year is not None else source.year + 1
    created = start(
        user,
        source.organisation_id,
        previous.questionnaire.id,
        year=year,
        label=label,
        pilot_name=source.pilot_name,
        themes=None,
    )
    new_questionnaire = created.questionnaire_version.questionnaire
    created.themes = [t for t in source.themes if new_questionnaire.theme(t)] or created.themes
    created.previous_id = source.id
    created.objectives = dict(source.objectives or {})
    for answer in source.answers:
        if new_questionnaire.question(answer.question_id) is None or not answer.answered:
            continue
        db.session.add(
            Answer(
                assessment_id=created.id,
                question_id=answer.question_id,
                value=answer.value,
                na=answer.na,
                comment=answer.comment,
                updated_by_id=answer.updated_by_id,
                updated_at=utcnow(),
                to_confirm=True,
            )
        )
    carried = db.session.scalars(
        select(Action)
        .where(Action.assessment_id == source.id, Action.status.in_(OPEN_STATUSES))
        .order_by(Action.position)
    )
    for position, action in enumerate(carried, start=1):
        db.session.add(
            Action(
                assessment_id=created.id,
                position=position,
                title=action.title,
                description=action.description,
                theme_id=action.theme_id
                if new_questionnaire.theme(action.theme_id or "")
                else None,
                question_id=action.question_id
                if new_questionnaire.question(action.question_id or "")
                else None,
                suggestion_key=action.suggestion_key,
                owner=action.owner,
                due_date=action.due_date,
                indicator=action.indicator,
                target=action.target,
                status=action.status,
                carried_from_id=action.id,
                created_by_id=user.id,
            )
        )
    db.session.commit()
    score_store.refresh([created.id])
    return created


@dataclass
class Cycle:
    context: AssessmentContext
    result: AssessmentScore


@dataclass
class Comparison:
    cycles: list[Cycle]  # oldest first, the compared assessment last
    done_since: list[Action]  # actions done since the previous cycle started
    objectives: dict[str, Objective]


def history(user: User, assessment_id: int) -> Comparison:
    """This cycle and the ones it continues (following `previous_id`), with their scores."""
    return history_of(user, get(user, assessment_id))


def history_of(user: User, current: AssessmentContext) -> Comparison:
    """The same, from a cycle already read with access checked."""
    chain = [current]
    seen = {current.assessment.id}
    node = current.assessment
    while node.previous_id is not None and node.previous_id not in seen:
        previous = get(user, node.previous_id)
        chain.append(previous)
        seen.add(previous.assessment.id)
        node = previous.assessment
    chain.reverse()
    query = select(Action).where(Action.assessment_id.in_(seen), Action.status == "done")
    if len(chain) > 1:  # since the previous cycle started
        query = query.where(Action.done_at >= chain[-2].assessment.created_at)
    done = list(db.session.scalars(query.order_by(Action.done_at.desc(), Action.id)))
    return Comparison([Cycle(c, c.score()) for c in chain], done, objectives_of(current))
