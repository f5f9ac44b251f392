"""An advisor's review of an assessment: comment threads, suggested actions, theme statuses.

A thread starts with a comment on the assessment, one theme or one answer; replies point at the
thread's first comment. `side` says who wrote it ("advisor" or "organisation") so that each side
counts what the other wrote and it has not read yet (`read_at`).
"""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

from sqlalchemy import DateTime, ForeignKey, Index, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.extensions import db

from ._base import utcnow

if TYPE_CHECKING:
    from .user import User

SIDES: tuple[str, ...] = ("advisor", "organisation")
REVIEW_STATUSES: tuple[str, ...] = ("to_correct", "improvable", "acceptable")
SUGGESTION_STATUSES: tuple[str, ...] = ("pending", "accepted", "declined")


class Comment(db.Model):
    __tablename__ = "comments"
    __table_args__ = (Index("ix_comments_organisation_unread", "organisation_id", "read_at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    assessment_id: Mapped[int] = mapped_column(
        ForeignKey("assessments.id", ondelete="CASCADE"), index=True
    )
    organisation_id: Mapped[int] = mapped_column(ForeignKey("organisations.id", ondelete="CASCADE"))
    theme_id: Mapped[str | None] = mapped_column(String(64))
    question_id: Mapped[str | None] = mapped_column(String(64))
    parent_id: Mapped[int | None] = mapped_column(
        ForeignKey("comments.id", ondelete="CASCADE"), index=True
    )
    author_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    #: The author's name as it was when they wrote (kept if the account goes).
    author_name: Mapped[str] = mapped_column(String(254))
    side: Mapped[str] = mapped_column(String(20))
    text: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    #: When the other side first read it.
    read_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    #: Only on a thread's first comment: when either side marked the thread resolved.
    resolved_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    resolved_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))

    author: Mapped[User | None] = relationship(foreign_keys=[author_id])


class Suggestion(db.Model):
    """An action an advisor suggests; the organisation accepts it into its plan or declines it."""

    __tablename__ = "action_suggestions"

    id: Mapped[int] = mapped_column(primary_key=True)
    assessment_id: Mapped[int] = mapped_column(
        ForeignKey("assessments.id", ondelete="CASCADE"), index=True
    )
    theme_id: Mapped[str | None] = mapped_column(String(64))
    question_id: Mapped[str | None] = mapped_column(String(64))
    title: Mapped[str] = mapped_column(String(200))
    description: Mapped[str] = mapped_column(Text, default="")
    author_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    author_name: Mapped[str] = mapped_column(String(254))
    status: Mapped[str] = mapped_column(String(10), default="pending")
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    decided_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    decided_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    action_id: Mapped[int | None] = mapped_column(ForeignKey("actions.id", ondelete="SET NULL"))


class ThemeReview(db.Model):
    """The advisor's status for one theme of an assessment (the latest one set stands)."""

    __tablename__ = "theme_reviews"

    assessment_id: Mapped[int] = mapped_column(
        ForeignKey("assessments.id", ondelete="CASCADE"), primary_key=True
    )
    theme_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    status: Mapped[str] = mapped_column(String(20))
    author_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    author_name: Mapped[str] = mapped_column(String(254))
    updated_at: Mapped[datetime] = mapped_column(
        DateTime(timezone=True), default=utcnow, onupdate=utcnow
    )
