"""Assessments, their answers and scores: what a client needs to fill in a questionnaire."""

from __future__ import annotations

from flask import Response, url_for
from flask_login import current_user

from app.services import answers, assessments
from app.services.answers import Submission
from app.services.errors import Conflict

from . import TAGS, api
from .docs_spec import CONFLICT, FORBIDDEN, problem_response
from .replies import conflict, reply, service_errors
from .schemas import (
    AnswerIn,
    AnswerOut,
    AnswerPath,
    AssessmentCreate,
    AssessmentDetail,
    AssessmentOut,
    AssessmentPage,
    AssessmentPath,
    ClearQuery,
    OrganisationPath,
    PageQuery,
    ScoresOut,
)
from .serializers import (
    answer_out,
    assessment_detail,
    assessment_out,
    page_fields,
    scores_out,
)

TAG = [TAGS["assessments"]]
CHARTER_FIRST = {403: problem_response("An advisor who has not accepted the current charter yet.")}


@api.get(
    "/organisations/<int:organisation_id>/assessments",
    tags=TAG,
    responses={200: AssessmentPage},
)
@service_errors
def list_assessments(path: OrganisationPath, query: PageQuery) -> Response:
    """An organisation's assessments, newest first, with their overall score and completion."""
    page = assessments.page_for_organisation(
        current_user, path.organisation_id, query.page, query.per_page
    )
    return reply(
        AssessmentPage(
            items=[assessment_out(context, result) for context, result in page.items],
            **page_fields(page),
        )
    )


@api.post(
    "/organisations/<int:organisation_id>/assessments",
    tags=TAG,
    responses={201: AssessmentOut, **FORBIDDEN},
)
@service_errors
def create_assessment(path: OrganisationPath, body: AssessmentCreate) -> Response:
    """Start an assessment on the current version of a questionnaire, which it pins for good.

    Contributors and owners only.
    """
    assessment = assessments.start(
        current_user,
        path.organisation_id,
        body.questionnaire,
        year=body.year,
        label=body.label,
        pilot_name=body.pilot_name,
        themes=body.themes,
    )
    context = assessments.get(current_user, assessment.id)
    location = url_for("api.get_assessment", assessment_id=assessment.id)
    return reply(assessment_out(context, context.score()), 201, {"Location": location})


@api.get(
    "/assessments/<int:assessment_id>",
    tags=TAG,
    responses={200: AssessmentDetail, **CHARTER_FIRST},
)
def get_assessment(path: AssessmentPath) -> Response:
    """An assessment: its pinned questionnaire version, the questions that apply, all answers.

    Members of its organisation, and advisors with an active grant (the view is logged). With a
    "results" grant, `answers` is empty and `answers_visible` false.
    """
    context = assessments.read(current_user, path.assessment_id, need="results", what="results")
    detail = assessment_detail(context)
    if not context.shows_answers:
        detail = detail.model_copy(update={"answers": [], "answers_visible": False})
    return reply(detail)


@api.put(
    "/assessments/<int:assessment_id>/answers/<question_id>",
    tags=TAG,
    responses={200: AnswerOut, **FORBIDDEN, **CONFLICT},
)
@service_errors
def put_answer(path: AnswerPath, body: AnswerIn) -> Response:
    """Answer a question (contributors and owners).

    Send the `version` of the answer you last saw (null if there was none): if someone changed it
    since, nothing is written and a 409 returns the answer as stored now. Sending the same answer
    again is harmless. The new `version` comes back with the saved answer.
    """
    submission = Submission(
        path.question_id, body.value, body.na, body.comment, body.version, strict=True
    )
    try:
        saved, question = answers.save(current_user, path.assessment_id, submission)
    except Conflict as exc:
        return conflict(answer_out(exc.subject, exc.current) if exc.current else None)
    return reply(answer_out(question, saved))


@api.delete(
    "/assessments/<int:assessment_id>/answers/<question_id>",
    tags=TAG,
    responses={200: AnswerOut, **FORBIDDEN, **CONFLICT},
)
@service_errors
def delete_answer(path: AnswerPath, query: ClearQuery) -> Response:
    """Clear an answer: its value, "not concerned" mark and comment (its version still grows)."""
    try:
        saved, question = answers.clear(
            current_user, path.assessment_id, path.question_id, query.version
        )
    except Conflict as exc:
        return conflict(answer_out(exc.subject, exc.current) if exc.current else None)
    return reply(answer_out(question, saved))


@api.get(
    "/assessments/<int:assessment_id>/scores",
    tags=TAG,
    responses={200: ScoresOut, **CHARTER_FIRST},
)
def get_scores(path: AssessmentPath) -> Response:
    """Scores 0..100 (not rounded) and completion 0..1, per question, theme and overall.

    The documented method: `scale` at level k of 0..N scores 100·k/N; `yes_partial_no` 100 / 50 /
    0; `choice` the option's score; `number` and `text` are not scored. "Not concerned",
    unanswered and not applicable questions are left out. Theme score = Σ(weight_q · score_q) /
    Σ(weight_q) over its scored answered questions (none: null). Overall = Σ(weight_t · score_t) /
    Σ(weight_t) over the themes with a score. Completion = answered (N/A counts) / applicable.

    Advisors with an active grant read them too (the view is logged); with a "results" grant the
    per-question scores, which would give the answers away, are left out (`questions` is empty).
    """
    context = assessments.read(current_user, path.assessment_id, need="results", what="results")
    scores = scores_out(context.score())
    if not context.shows_answers:
        scores = scores.model_copy(update={"questions": []})
    return reply(scores)
