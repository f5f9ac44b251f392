"""The action plan: what an organisation decides to do after an assessment, in priority order.

Each action belongs to one assessment (one cycle). Starting next year's cycle carries over the
actions not done, as new rows pointing back at the ones they continue, so each cycle keeps the plan
it presented to its general assembly.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import TYPE_CHECKING

from sqlalchemy import Date, DateTime, ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.extensions import db

from ._base import TimestampMixin

if TYPE_CHECKING:
    from .assessment import Assessment

ACTION_STATUSES: tuple[str, ...] = ("todo", "in_progress", "done", "dropped")
OPEN_STATUSES: frozenset[str] = frozenset({"todo", "in_progress"})


class Action(TimestampMixin, db.Model):
    __tablename__ = "actions"

    id: Mapped[int] = mapped_column(primary_key=True)
    assessment_id: Mapped[int] = mapped_column(
        ForeignKey("assessments.id", ondelete="CASCADE"), index=True
    )
    #: Order of priority within the plan, 1 first.
    position: Mapped[int]
    title: Mapped[str] = mapped_column(String(200))
    description: Mapped[str] = mapped_column(Text, default="")
    theme_id: Mapped[str | None] = mapped_column(String(64))
    question_id: Mapped[str | None] = mapped_column(String(64))
    #: The questionnaire suggestion it was accepted from (`question:index`), if any.
    suggestion_key: Mapped[str | None] = mapped_column(String(80))
    owner: Mapped[str] = mapped_column(String(120), default="")
    due_date: Mapped[date | None] = mapped_column(Date)
    indicator: Mapped[str] = mapped_column(String(200), default="")
    target: Mapped[str] = mapped_column(String(200), default="")
    status: Mapped[str] = mapped_column(String(20), default="todo")
    done_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    carried_from_id: Mapped[int | None] = mapped_column(
        ForeignKey("actions.id", ondelete="SET NULL")
    )
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))

    assessment: Mapped[Assessment] = relationship()

    def is_overdue(self, today: date) -> bool:
        return self.status in OPEN_STATUSES and self.due_date is not None and self.due_date < today

    def __repr__(self) -> str:
        return f"<Action {self.id} {self.title!r}>"
