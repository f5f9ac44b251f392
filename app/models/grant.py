"""An organisation's consent: which network or advisor may see what of its data, until when.

A grant is asked for by a network ("requested") or given by the owner ("active"); it ends when it
is refused, revoked, or its `until` date has passed. Access is checked against these rows on every
request (never cached), and every view by an advisor is written to the access log the organisation
reads.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import TYPE_CHECKING

from sqlalchemy import Date, DateTime, ForeignKey, Index, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.extensions import db

from ._base import utcnow

if TYPE_CHECKING:
    from .network import Network
    from .organisation import Organisation
    from .user import User

GRANT_SCOPES: tuple[str, ...] = ("results", "full")
GRANT_STATUSES: tuple[str, ...] = ("requested", "active", "refused", "revoked")


class Grant(db.Model):
    __tablename__ = "grants"
    __table_args__ = (
        Index("ix_grants_network_status", "network_id", "status"),
        Index("ix_grants_advisor_status", "advisor_id", "status"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    organisation_id: Mapped[int] = mapped_column(
        ForeignKey("organisations.id", ondelete="CASCADE"), index=True
    )
    #: Exactly one of network / advisor: the whole network, or one named advisor.
    network_id: Mapped[int | None] = mapped_column(ForeignKey("networks.id", ondelete="CASCADE"))
    advisor_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    scope: Mapped[str] = mapped_column(String(10), default="results")
    until: Mapped[date] = mapped_column(Date)
    status: Mapped[str] = mapped_column(String(10), default="active")
    #: A network's request may say why it asks.
    message: Mapped[str] = mapped_column(String(500), default="")
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    decided_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    decided_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))

    organisation: Mapped[Organisation] = relationship()
    network: Mapped[Network | None] = relationship()
    advisor: Mapped[User | None] = relationship(foreign_keys=[advisor_id])

    def is_active(self, today: date) -> bool:
        return self.status == "active" and self.until >= today


class AccessLogEntry(db.Model):
    """One view of an organisation's data by an advisor."""

    __tablename__ = "access_log"
    __table_args__ = (Index("ix_access_log_organisation_at", "organisation_id", "at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    organisation_id: Mapped[int] = mapped_column(ForeignKey("organisations.id", ondelete="CASCADE"))
    user_id: Mapped[int | None] = mapped_column(
        ForeignKey("users.id", ondelete="SET NULL"), index=True
    )
    #: Who, as shown to the organisation even if the account is deleted later.
    who: Mapped[str] = mapped_column(String(254))
    #: What was seen: a short code ("portfolio", "results", "answers", "plan", ...).
    what: Mapped[str] = mapped_column(String(40))
    assessment_id: Mapped[int | None] = mapped_column(
        ForeignKey("assessments.id", ondelete="SET NULL")
    )
    grant_id: Mapped[int | None] = mapped_column(ForeignKey("grants.id", ondelete="SET NULL"))
    at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
