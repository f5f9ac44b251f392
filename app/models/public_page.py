"""An organisation's public "our commitments" page: off by default, at an unguessable link.

The link's token is stored as is (the owner must be able to copy the link again); revoking draws a
new one and switches the page off, so the old link answers 404 at once. It shows only the themes
and actions the organisation picked, from the cycle it picked.
"""

from __future__ import annotations

from sqlalchemy import JSON, ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.extensions import db

from ._base import TimestampMixin
from .assessment import Assessment


class PublicPage(TimestampMixin, db.Model):
    __tablename__ = "public_pages"

    id: Mapped[int] = mapped_column(primary_key=True)
    organisation_id: Mapped[int] = mapped_column(
        ForeignKey("organisations.id", ondelete="CASCADE"), unique=True
    )
    assessment_id: Mapped[int | None] = mapped_column(
        ForeignKey("assessments.id", ondelete="SET NULL")
    )
    token: Mapped[str] = mapped_column(String(64), unique=True)
    enabled: Mapped[bool] = mapped_column(default=False)
    intro: Mapped[str] = mapped_column(Text, default="")
    theme_ids: Mapped[list[str]] = mapped_column(JSON, default=list)
    action_ids: Mapped[list[int]] = mapped_column(JSON, default=list)

    assessment: Mapped[Assessment | None] = relationship()
