"""API v1: review threads of an assessment, for its members and the advisors it let in.

The same service as the review page: advisors come in through their grant (404 without one, or
for answers' comments without a "full" grant; 403 until they accept the charter).
"""

from __future__ import annotations

from flask import Response
from flask_login import current_user

from app.models import Comment, Suggestion, ThemeReview
from app.services import review_suggestions, reviews

from . import TAGS, api
from .docs_spec import FORBIDDEN
from .replies import reply, service_errors
from .schemas import AssessmentPath, PageQuery
from .schemas.reviews import (
    CommentCreate,
    CommentOut,
    CommentPage,
    CommentPath,
    CommentUpdate,
    SuggestionCreate,
    SuggestionDecision,
    SuggestionOut,
    SuggestionPage,
    SuggestionPath,
    ThemeReviewIn,
    ThemeReviewList,
    ThemeReviewOut,
    ThemeReviewPath,
)
from .serializers import page_fields

TAG = [TAGS["reviews"]]


def comment_out(found: Comment) -> CommentOut:
    return CommentOut(
        id=found.id,
        text=found.text,
        theme=found.theme_id,
        question=found.question_id,
        parent=found.parent_id,
        side=found.side,  # type: ignore[arg-type]
        author=found.author_name,
        created_at=found.created_at,
        read_at=found.read_at,
        resolved=found.resolved_at is not None,
        resolved_at=found.resolved_at,
    )


def suggestion_out(found: Suggestion) -> SuggestionOut:
    return SuggestionOut(
        id=found.id,
        title=found.title,
        description=found.description,
        theme=found.theme_id,
        question=found.question_id,
        status=found.status,  # type: ignore[arg-type]
        author=found.author_name,
        created_at=found.created_at,
        decided_at=found.decided_at,
        action=found.action_id,
    )


def theme_review_out(found: ThemeReview) -> ThemeReviewOut:
    return ThemeReviewOut(
        theme=found.theme_id,
        status=found.status,
        author=found.author_name,
        updated_at=found.updated_at,
    )


@api.get(
    "/assessments/<int:assessment_id>/comments",
    tags=TAG,
    responses={200: CommentPage, **FORBIDDEN},
)
@service_errors
def list_comments(path: AssessmentPath, query: PageQuery) -> Response:
    """Every comment and reply, in the order written; those of the other side are marked read."""
    page = reviews.comments_page(current_user, path.assessment_id, query.page, query.per_page)
    return reply(CommentPage(items=[comment_out(c) for c in page.items], **page_fields(page)))


@api.post(
    "/assessments/<int:assessment_id>/comments",
    tags=TAG,
    responses={201: CommentOut, **FORBIDDEN},
)
@service_errors
def create_comment(path: AssessmentPath, body: CommentCreate) -> Response:
    """Comment on the assessment, a theme or one answer, or reply to a thread (viewers: 403)."""
    created = reviews.comment(
        current_user, path.assessment_id, body.text, body.theme, body.question, body.parent
    )
    return reply(comment_out(created), 201)


@api.patch("/comments/<int:comment_id>", tags=TAG, responses={200: CommentOut, **FORBIDDEN})
@service_errors
def update_comment(path: CommentPath, body: CommentUpdate) -> Response:
    """Mark a thread resolved, or open it again (either side; on a thread's first comment)."""
    return reply(comment_out(reviews.resolve(current_user, path.comment_id, body.resolved)))


@api.get(
    "/assessments/<int:assessment_id>/suggestions",
    tags=TAG,
    responses={200: SuggestionPage, **FORBIDDEN},
)
@service_errors
def list_suggestions(path: AssessmentPath, query: PageQuery) -> Response:
    """The actions advisors suggested, oldest first, with the organisation's decision."""
    page = review_suggestions.suggestions_page(
        current_user, path.assessment_id, query.page, query.per_page
    )
    return reply(SuggestionPage(items=[suggestion_out(s) for s in page.items], **page_fields(page)))


@api.post(
    "/assessments/<int:assessment_id>/suggestions",
    tags=TAG,
    responses={201: SuggestionOut, **FORBIDDEN},
)
@service_errors
def create_suggestion(path: AssessmentPath, body: SuggestionCreate) -> Response:
    """Suggest an action to the organisation (advisors only)."""
    created = review_suggestions.suggest(
        current_user, path.assessment_id, body.title, body.description, body.theme, body.question
    )
    return reply(suggestion_out(created), 201)


@api.patch(
    "/suggestions/<int:suggestion_id>", tags=TAG, responses={200: SuggestionOut, **FORBIDDEN}
)
@service_errors
def decide_suggestion(path: SuggestionPath, body: SuggestionDecision) -> Response:
    """Accept a suggestion into the action plan (`action` then says which) or decline it; once."""
    decided = review_suggestions.decide_suggestion(
        current_user, path.suggestion_id, accept=body.status == "accepted"
    )
    return reply(suggestion_out(decided))


@api.get(
    "/assessments/<int:assessment_id>/reviews",
    tags=TAG,
    responses={200: ThemeReviewList, **FORBIDDEN},
)
def list_theme_reviews(path: AssessmentPath) -> Response:
    """The advisors' review status of each theme reviewed so far."""
    found = review_suggestions.theme_reviews(current_user, path.assessment_id)
    return reply(ThemeReviewList(items=[theme_review_out(r) for r in found]))


@api.put(
    "/assessments/<int:assessment_id>/reviews/<theme_id>",
    tags=TAG,
    responses={200: ThemeReviewOut, **FORBIDDEN},
)
@service_errors
def set_theme_review(path: ThemeReviewPath, body: ThemeReviewIn) -> Response:
    """Set the review status of one theme (advisors only; the latest one stands)."""
    found = review_suggestions.set_theme_review(
        current_user, path.assessment_id, path.theme_id, body.status
    )
    return reply(theme_review_out(found))
