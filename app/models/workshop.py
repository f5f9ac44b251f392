"""Live workshops: a facilitator's session, the participants who joined it with its code, and what
each of them gave (answers, stakeholder placements, votes).

Every contribution is one row per participant and item (question, category, theme), written as an
atomic upsert, so hundreds of phones writing at once in several gunicorn workers lose nothing.
The room's figures are computed from these rows and kept in `figures` (refreshed at most every
second or so while the workshop is live, frozen when it closes); participants' rows are deleted a
configurable number of days after closing, and the frozen figures remain.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import TYPE_CHECKING, Any

from sqlalchemy import (
    JSON,
    CheckConstraint,
    Date,
    DateTime,
    ForeignKey,
    String,
    Text,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.extensions import db

from ._base import TimestampMixin, utcnow

if TYPE_CHECKING:
    from .questionnaire import QuestionnaireVersion
    from .user import User


class Workshop(TimestampMixin, db.Model):
    __tablename__ = "workshops"

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(6), unique=True)
    facilitator_id: Mapped[int | None] = mapped_column(
        ForeignKey("users.id", ondelete="SET NULL"), index=True
    )
    title: Mapped[str] = mapped_column(String(200))
    held_on: Mapped[date | None] = mapped_column(Date)
    place: Mapped[str] = mapped_column(String(200), default="")
    questionnaire_version_id: Mapped[int] = mapped_column(
        ForeignKey("questionnaire_versions.id", ondelete="RESTRICT"), index=True
    )
    #: Stakeholder category ids the room maps, in the facilitator's order.
    categories: Mapped[list[str]] = mapped_column(JSON, default=list)
    votes: Mapped[int] = mapped_column(default=3)
    capacity: Mapped[int] = mapped_column(default=500)
    #: The phases run in this workshop (the others are skipped), and the Markdown intro of each.
    phases: Mapped[list[str]] = mapped_column(JSON, default=list)
    intros: Mapped[dict[str, str]] = mapped_column(JSON, default=dict, deferred=True)

    phase: Mapped[str] = mapped_column(String(20), default="welcome")
    locked: Mapped[bool] = mapped_column(default=False)
    paused: Mapped[bool] = mapped_column(default=False)
    #: Whether the projector shows this phase's results (the facilitator's screen always can).
    revealed: Mapped[bool] = mapped_column(default=False)
    #: Grows with every change phones follow (phase, pause, lock): their polling's ETag.
    state_version: Mapped[int] = mapped_column(default=1)
    #: Participants who joined (an atomic counter, checked against `capacity`).
    joined: Mapped[int] = mapped_column(default=0)

    #: Deferred, like `intros`: phones asking for the state read only the small columns.
    figures: Mapped[dict[str, Any] | None] = mapped_column(JSON(none_as_null=True), deferred=True)
    figures_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    closed_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), index=True)
    #: When participants' rows were deleted (only the frozen figures remain).
    purged_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))

    facilitator: Mapped[User | None] = relationship()
    questionnaire_version: Mapped[QuestionnaireVersion] = relationship()

    @property
    def is_closed(self) -> bool:
        return self.closed_at is not None

    def __repr__(self) -> str:
        return f"<Workshop {self.id} {self.code}>"


class Participant(db.Model):
    """Someone in the room, known by the token their phone keeps (only its SHA-256 is stored)."""

    __tablename__ = "workshop_participants"

    id: Mapped[int] = mapped_column(primary_key=True)
    workshop_id: Mapped[int] = mapped_column(
        ForeignKey("workshops.id", ondelete="CASCADE"), index=True
    )
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    pseudonym: Mapped[str] = mapped_column(String(60), default="")
    organisation_name: Mapped[str] = mapped_column(String(200), default="")
    legal_form: Mapped[str] = mapped_column(String(40), default="")
    headcount_band: Mapped[str] = mapped_column(String(20), default="")
    joined_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    #: Removed by the facilitator: their contributions are deleted, their token no longer works.
    removed: Mapped[bool] = mapped_column(default=False)

    workshop: Mapped[Workshop] = relationship()


class _Contribution:
    """Columns every contribution row has: whose it is, and in which workshop (for aggregation)."""

    workshop_id: Mapped[int] = mapped_column(
        ForeignKey("workshops.id", ondelete="CASCADE"), index=True
    )
    participant_id: Mapped[int] = mapped_column(
        ForeignKey("workshop_participants.id", ondelete="CASCADE"), primary_key=True
    )
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


class WorkshopAnswer(_Contribution, db.Model):
    __tablename__ = "workshop_answers"

    question_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    value: Mapped[Any] = mapped_column(JSON(none_as_null=True), nullable=True)
    na: Mapped[bool] = mapped_column(default=False)
    comment: Mapped[str] = mapped_column(Text, default="")


class WorkshopPlacement(_Contribution, db.Model):
    __tablename__ = "workshop_placements"
    __table_args__ = (
        CheckConstraint("influence BETWEEN 1 AND 5", name="influence_range"),
        CheckConstraint("importance BETWEEN 1 AND 5", name="importance_range"),
    )

    category: Mapped[str] = mapped_column(String(64), primary_key=True)
    influence: Mapped[int]
    importance: Mapped[int]


class WorkshopVote(_Contribution, db.Model):
    __tablename__ = "workshop_votes"
    __table_args__ = (CheckConstraint("votes > 0", name="positive"),)

    theme_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    votes: Mapped[int]
