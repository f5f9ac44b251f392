"""Domain objects → the API's response models (field names are part of the contract)."""

from __future__ import annotations

from datetime import date
from typing import Any

from app.assessments.presenters import answer_json
from app.models import Action, Answer, ApiToken, Organisation, QuestionnaireVersion, Stakeholder
from app.models._base import as_utc
from app.questionnaires import Question, Questionnaire
from app.scoring import AssessmentScore
from app.services.assessments import AssessmentContext
from app.services.pagination import Page
from app.services.priorities import Priorities

from . import schemas as s


def page_fields(page: Page[Any]) -> dict[str, int]:
    return {"page": page.page, "per_page": page.per_page, "total": page.total, "pages": page.pages}


def token_out(token: ApiToken, secret: str | None = None) -> s.TokenOut:
    fields: dict[str, Any] = {
        "id": token.id,
        "name": token.name,
        "prefix": token.prefix,
        "created_at": as_utc(token.created_at),
        "expires_at": as_utc(token.expires_at),
        "last_used_at": as_utc(token.last_used_at) if token.last_used_at else None,
        "revoked_at": as_utc(token.revoked_at) if token.revoked_at else None,
        "active": token.is_active(),
    }
    return s.TokenCreated(token=secret, **fields) if secret else s.TokenOut(**fields)


def questionnaire_summary(version: QuestionnaireVersion) -> s.QuestionnaireSummary:
    questionnaire = version.questionnaire
    return s.QuestionnaireSummary(
        id=questionnaire.id,
        version=questionnaire.version,
        title=questionnaire.title.model_dump(),
        description=_texts(questionnaire.description),
        question_count=len(questionnaire.questions()),
        themes=[
            s.ThemeSummary(
                id=theme.id,
                title=theme.title.model_dump(),
                weight=theme.weight,
                question_count=len(theme.questions),
            )
            for theme in questionnaire.themes
        ],
    )


def _texts(text: Any) -> dict[str, str] | None:
    return text.model_dump() if text is not None else None


def question_out(question: Question) -> s.QuestionOut:
    data = question.model_dump()
    data["scored"] = question.scored
    if question.levels is not None:
        data["levels"] = [
            {"value": value, **level.model_dump()} for value, level in enumerate(question.levels)
        ]
    return s.QuestionOut.model_validate(data)


def questionnaire_out(version: QuestionnaireVersion) -> s.QuestionnaireOut:
    questionnaire: Questionnaire = version.questionnaire
    return s.QuestionnaireOut(
        id=questionnaire.id,
        version=questionnaire.version,
        current=version.is_current,
        title=questionnaire.title.model_dump(),
        description=_texts(questionnaire.description),
        scale_levels=questionnaire.scale_levels,
        themes=[
            s.ThemeOut(
                id=theme.id,
                title=theme.title.model_dump(),
                short_title=_texts(theme.short_title),
                description=_texts(theme.description),
                weight=theme.weight,
                issues=[issue.model_dump() for issue in theme.issues],
                questions=[question_out(q) for q in theme.questions],
            )
            for theme in questionnaire.themes
        ],
    )


def organisation_out(organisation: Organisation, role: str) -> s.OrganisationOut:
    return s.OrganisationOut(
        id=organisation.id,
        name=organisation.name,
        legal_form=organisation.legal_form,
        region=organisation.region,
        headcount_band=organisation.headcount_band,
        has_volunteers=organisation.has_volunteers,
        siret=organisation.siret,
        anonymous_statistics=organisation.anonymous_statistics,
        role=role,
        created_at=as_utc(organisation.created_at),
    )


def _assessment_fields(context: AssessmentContext, result: AssessmentScore) -> dict[str, Any]:
    assessment = context.assessment
    return {
        "id": assessment.id,
        "organisation_id": assessment.organisation_id,
        "questionnaire": {"id": context.questionnaire.id, "version": context.questionnaire.version},
        "label": assessment.label,
        "year": assessment.year,
        "pilot_name": assessment.pilot_name,
        "themes": list(assessment.themes),
        "created_at": as_utc(assessment.created_at),
        "overall": result.overall,
        "completion": result.completion,
    }


def assessment_out(context: AssessmentContext, result: AssessmentScore) -> s.AssessmentOut:
    return s.AssessmentOut(**_assessment_fields(context, result))


def answer_out(question: Question, answer: Answer) -> s.AnswerOut:
    return s.AnswerOut.model_validate(answer_json(question, answer))


def assessment_detail(context: AssessmentContext) -> s.AssessmentDetail:
    questionnaire = context.questionnaire
    answers = []
    for answer in sorted(context.assessment.answers, key=lambda a: a.question_id):
        question = questionnaire.question(answer.question_id)
        if question is not None:
            answers.append(answer_out(question, answer))
    ordered = [q.id for q in questionnaire.questions() if q.id in context.applicable]
    return s.AssessmentDetail(
        **_assessment_fields(context, context.score()),
        applicable_questions=ordered,
        answers=answers,
    )


def scores_out(result: AssessmentScore) -> s.ScoresOut:
    """Scores 0..100, not rounded; completion 0..1 (the documented method)."""
    return s.ScoresOut(
        overall=result.overall,
        completion=result.completion,
        answered=result.answered,
        applicable=result.applicable,
        themes=[
            s.ThemeScoreOut(
                id=theme.id,
                score=theme.score,
                completion=theme.completion,
                answered=theme.answered,
                applicable=theme.applicable,
                weight=theme.weight,
            )
            for theme in result.themes
        ],
        questions=[
            s.QuestionScoreOut(
                id=q.id, score=q.score, applicable=q.applicable, answered=q.answered, na=q.na
            )
            for q in result.questions.values()
        ],
    )


def stakeholder_out(stakeholder: Stakeholder) -> s.StakeholderOut:
    return s.StakeholderOut.model_validate(stakeholder)


def priorities_out(found: Priorities) -> s.PrioritiesOut:
    return s.PrioritiesOut(
        ranked=[
            s.RankedAreaOut(
                theme=area.theme_id,
                score=area.score,
                weight=area.weight,
                salience=area.salience,
                priority=area.priority,
                stakeholders=[linked.id for linked in area.stakeholders],
            )
            for area in found.ranking.ranked
        ],
        to_assess=list(found.ranking.to_assess),
    )


def action_out(action: Action) -> s.ActionOut:
    return s.ActionOut(
        id=action.id,
        assessment_id=action.assessment_id,
        position=action.position,
        title=action.title,
        description=action.description,
        theme=action.theme_id,
        question=action.question_id,
        suggestion=action.suggestion_key,
        owner=action.owner,
        due_date=action.due_date,
        indicator=action.indicator,
        target=action.target,
        status=action.status,
        overdue=action.is_overdue(date.today()),
        done_at=as_utc(action.done_at) if action.done_at else None,
        carried_from=action.carried_from_id,
    )
