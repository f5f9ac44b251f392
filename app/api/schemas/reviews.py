"""Requests and responses of review threads: comments, suggested actions, theme review statuses."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import BaseModel, Field, StrictBool

from app.models import REVIEW_STATUSES
from app.services.review_suggestions import DESCRIPTION_MAX_LENGTH, TITLE_MAX_LENGTH
from app.services.reviews import TEXT_MAX_LENGTH

from .responses import PageOut
from .types import Id, RequestModel, ResponseModel, SlugPattern, Text, UtcDateTime

ReviewStatus = Literal[REVIEW_STATUSES]  # type: ignore[valid-type]
Side = Literal["advisor", "organisation"]
ThemeId = Annotated[Text, Field(max_length=64, description="A theme id of the questionnaire.")]
QuestionId = Annotated[Text, Field(max_length=64, description="A question id (its answer).")]


class CommentPath(BaseModel):
    comment_id: Id


class SuggestionPath(BaseModel):
    suggestion_id: Id


class ThemeReviewPath(BaseModel):
    assessment_id: Id
    theme_id: str = Field(max_length=64, pattern=SlugPattern)


class CommentCreate(RequestModel):
    """A new thread (on the assessment, a theme or one answer), or a reply to a thread's first
    comment (`parent`: the reply takes its thread's theme and question)."""

    text: Text = Field(min_length=1, max_length=TEXT_MAX_LENGTH)
    theme: ThemeId | None = None
    question: QuestionId | None = Field(None, description='Needs a "full" grant for advisors.')
    parent: Id | None = Field(None, description="The first comment of the thread replied to.")


class CommentUpdate(RequestModel):
    resolved: StrictBool = Field(description="Mark the thread resolved, or open it again.")


class CommentOut(ResponseModel):
    id: int
    text: str
    theme: str | None
    question: str | None
    parent: int | None
    side: Side = Field(description="Who wrote it: an advisor, or a member of the organisation.")
    author: str
    created_at: UtcDateTime
    read_at: UtcDateTime | None = Field(description="When the other side first read it.")
    resolved: bool = Field(description="Only a thread's first comment is ever resolved.")
    resolved_at: UtcDateTime | None


class CommentPage(PageOut):
    items: list[CommentOut]


class SuggestionCreate(RequestModel):
    title: Text = Field(min_length=1, max_length=TITLE_MAX_LENGTH)
    description: Text = Field("", max_length=DESCRIPTION_MAX_LENGTH)
    theme: ThemeId | None = None
    question: QuestionId | None = None


class SuggestionDecision(RequestModel):
    status: Literal["accepted", "declined"] = Field(
        description="Accepting puts the action at the end of the plan."
    )


class SuggestionOut(ResponseModel):
    id: int
    title: str
    description: str
    theme: str | None
    question: str | None
    status: Literal["pending", "accepted", "declined"]
    author: str
    created_at: UtcDateTime
    decided_at: UtcDateTime | None
    action: int | None = Field(description="The action of the plan it became, once accepted.")


class SuggestionPage(PageOut):
    items: list[SuggestionOut]


class ThemeReviewIn(RequestModel):
    status: ReviewStatus


class ThemeReviewOut(ResponseModel):
    theme: str
    status: ReviewStatus
    author: str
    updated_at: UtcDateTime


class ThemeReviewList(ResponseModel):
    items: list[ThemeReviewOut]
