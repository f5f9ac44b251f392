"""Ranked improvement areas of an assessment: its theme scores weighed by the stakeholders.

The method itself is plain Python in `app/priorities`; this service gathers its inputs (the
assessment's scores and the organisation's stakeholders) for a member allowed to see them.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select

from app.extensions import db
from app.models import Stakeholder, User
from app.priorities import Ranking, StakeholderInput, Suggestion, rank, suggest_actions
from app.scoring import AssessmentScore

from .assessments import AssessmentContext, get


@dataclass
class Priorities:
    context: AssessmentContext
    result: AssessmentScore
    ranking: Ranking
    stakeholders: list[Stakeholder]


def stakeholder_inputs(stakeholders: list[Stakeholder]) -> list[StakeholderInput]:
    return [s.as_input() for s in stakeholders]


def of_context(context: AssessmentContext) -> Priorities:
    """The ranking of an assessment already read with access checked."""
    stakeholders = list(
        db.session.scalars(
            select(Stakeholder).where(
                Stakeholder.organisation_id == context.assessment.organisation_id
            )
        )
    )
    result = context.score()
    ranking = rank(
        context.questionnaire,
        {theme.id: theme.score for theme in result.themes},
        stakeholder_inputs(stakeholders),
        context.assessment.themes,
    )
    return Priorities(context, result, ranking, stakeholders)


def for_assessment(user: User, assessment_id: int) -> Priorities:
    return of_context(get(user, assessment_id))


def suggestions(priorities: Priorities, top: int = 3) -> list[Suggestion]:
    """The questionnaire's suggested actions for the weakest questions of the top areas."""
    scores = {qid: q.score for qid, q in priorities.result.questions.items()}
    return suggest_actions(priorities.context.questionnaire, priorities.ranking, scores, top=top)
