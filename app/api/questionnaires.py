"""Questionnaires: what can be assessed, and every detail a client needs to answer."""

from __future__ import annotations

from flask import Response

from app.services import questionnaires
from app.services.pagination import paginate_list

from . import TAGS, api
from .replies import reply, service_errors
from .schemas import (
    PageQuery,
    QuestionnaireOut,
    QuestionnairePage,
    QuestionnairePath,
    VersionQuery,
)
from .serializers import page_fields, questionnaire_out, questionnaire_summary

TAG = [TAGS["questionnaires"]]


@api.get("/questionnaires", tags=TAG, responses={200: QuestionnairePage})
@service_errors
def list_questionnaires(query: PageQuery) -> Response:
    """The questionnaires in their current version, with their themes and question counts."""
    page = paginate_list(questionnaires.current_versions(), query.page, query.per_page)
    return reply(
        QuestionnairePage(items=[questionnaire_summary(v) for v in page.items], **page_fields(page))
    )


@api.get("/questionnaires/<questionnaire_id>", tags=TAG, responses={200: QuestionnaireOut})
def get_questionnaire(path: QuestionnairePath, query: VersionQuery) -> Response:
    """A questionnaire in full: themes, questions, types, levels, options, weights, references.

    Without `version`, the current version (what a new assessment pins); with it, the version an
    assessment pinned (see `questionnaire.version` on the assessment).
    """
    version = questionnaires.find_version(path.questionnaire_id, query.version)
    return reply(questionnaire_out(version))
