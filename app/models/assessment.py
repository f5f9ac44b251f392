"""Assessments (one organisation answering one pinned questionnaire version) and their answers."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING, Any

from sqlalchemy import JSON, DateTime, ForeignKey, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.extensions import db
from app.scoring import AnswerInput

from ._base import TimestampMixin, utcnow

if TYPE_CHECKING:
    from .organisation import Organisation
    from .questionnaire import QuestionnaireVersion
    from .user import User


class Assessment(TimestampMixin, db.Model):
    __tablename__ = "assessments"

    id: Mapped[int] = mapped_column(primary_key=True)
    organisation_id: Mapped[int] = mapped_column(
        ForeignKey("organisations.id", ondelete="CASCADE"), index=True
    )
    questionnaire_version_id: Mapped[int] = mapped_column(
        ForeignKey("questionnaire_versions.id", ondelete="RESTRICT"), index=True
    )
    label: Mapped[str] = mapped_column(String(120))
    year: Mapped[int]
    pilot_name: Mapped[str] = mapped_column(String(120), default="")
    #: Theme ids chosen for this cycle (the Guide lets an organisation work on some themes a year).
    themes: Mapped[list[str]] = mapped_column(JSON)
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    #: The cycle this one continues (its answers were the starting point), if any.
    previous_id: Mapped[int | None] = mapped_column(
        ForeignKey("assessments.id", ondelete="SET NULL"), index=True
    )
    #: Target scores per theme: {theme id: [1-year target, 3-year target]} (each may be null).
    objectives: Mapped[dict[str, list[float | None]]] = mapped_column(JSON, default=dict)

    organisation: Mapped[Organisation] = relationship()
    questionnaire_version: Mapped[QuestionnaireVersion] = relationship()
    created_by: Mapped[User | None] = relationship()
    answers: Mapped[list[Answer]] = relationship(
        back_populates="assessment", cascade="all, delete-orphan", passive_deletes=True
    )

    def __repr__(self) -> str:
        return f"<Assessment {self.id} {self.label!r}>"


class Answer(db.Model):
    """The current answer to one question. `version` grows with every change: a writer sends the
    version it saw, and a mismatch means someone else changed it meanwhile (never overwrite)."""

    __tablename__ = "answers"
    __table_args__ = (UniqueConstraint("assessment_id", "question_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    assessment_id: Mapped[int] = mapped_column(
        ForeignKey("assessments.id", ondelete="CASCADE"), index=True
    )
    question_id: Mapped[str] = mapped_column(String(64))
    value: Mapped[Any] = mapped_column(JSON(none_as_null=True), nullable=True)
    na: Mapped[bool] = mapped_column(default=False)
    comment: Mapped[str] = mapped_column(Text, default="")
    version: Mapped[int] = mapped_column(default=1)
    updated_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    #: Copied from last cycle's answer: to confirm or change (any save by a member clears it).
    to_confirm: Mapped[bool] = mapped_column(default=False)

    assessment: Mapped[Assessment] = relationship(back_populates="answers")
    updated_by: Mapped[User | None] = relationship()

    @property
    def answered(self) -> bool:
        return self.na or self.value is not None

    def as_input(self) -> AnswerInput:
        return AnswerInput(self.value, self.na)
