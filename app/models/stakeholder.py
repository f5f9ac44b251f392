"""An organisation's stakeholders, placed on the influence × importance grid.

Categories come from `questionnaires/stakeholders.yaml`; a stakeholder keeps its category's id and
its own copy of the linked Guide themes and ISO 26000 issues (filled from the category, editable):
the map is the organisation's view, revisited each cycle.
"""

from __future__ import annotations

from sqlalchemy import JSON, CheckConstraint, ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from app.extensions import db
from app.priorities import StakeholderInput

from ._base import TimestampMixin


class Stakeholder(TimestampMixin, db.Model):
    __tablename__ = "stakeholders"
    __table_args__ = (
        CheckConstraint("influence BETWEEN 1 AND 5", name="influence_range"),
        CheckConstraint("importance BETWEEN 1 AND 5", name="importance_range"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    organisation_id: Mapped[int] = mapped_column(
        ForeignKey("organisations.id", ondelete="CASCADE"), index=True
    )
    name: Mapped[str] = mapped_column(String(200))
    category: Mapped[str] = mapped_column(String(64))
    influence: Mapped[int]
    importance: Mapped[int]
    dialogue: Mapped[str] = mapped_column(String(20), default="none")
    expectations: Mapped[str] = mapped_column(Text, default="")
    #: Guide theme ids this stakeholder is concerned with.
    themes: Mapped[list[str]] = mapped_column(JSON, default=list)
    #: ISO 26000 issue ids this stakeholder is concerned with.
    issues: Mapped[list[str]] = mapped_column(JSON, default=list)

    @property
    def weight(self) -> int:
        """Influence × importance, 1..25: how much this stakeholder weighs in the priorities."""
        return self.influence * self.importance

    def as_input(self) -> StakeholderInput:
        """What the ranking method needs of a stakeholder."""
        return StakeholderInput(
            id=self.id,
            name=self.name,
            influence=self.influence,
            importance=self.importance,
            themes=frozenset(self.themes or ()),
            issues=frozenset(self.issues or ()),
        )

    def __repr__(self) -> str:
        return f"<Stakeholder {self.id} {self.name!r}>"
