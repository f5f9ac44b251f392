"""Networks (a regional ESS chamber, a federation) and the advisors who belong to them.

Advisors see organisations only through grants (`grant.py`) and only after accepting the current
version of the advisors' charter, whose acceptances are kept as evidence (who, which version, when).
"""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

from sqlalchemy import JSON, DateTime, ForeignKey, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.extensions import db

from ._base import TimestampMixin, utcnow

if TYPE_CHECKING:
    from .user import User

NETWORK_KINDS: tuple[str, ...] = ("cress", "federation")
NETWORK_ROLES: tuple[str, ...] = ("advisor", "admin")


class Network(TimestampMixin, db.Model):
    __tablename__ = "networks"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    kind: Mapped[str] = mapped_column(String(20), default="cress")
    #: Region ids (see `REGIONS`) whose organisations its regional dashboard covers.
    regions: Mapped[list[str]] = mapped_column(JSON, default=list)

    members: Mapped[list[NetworkMember]] = relationship(
        back_populates="network", cascade="all, delete-orphan", passive_deletes=True
    )

    def __repr__(self) -> str:
        return f"<Network {self.id} {self.name!r}>"


class NetworkMember(TimestampMixin, db.Model):
    """An advisor of a network; an "admin" also invites advisors and answers for the network."""

    __tablename__ = "network_members"
    __table_args__ = (UniqueConstraint("network_id", "user_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    network_id: Mapped[int] = mapped_column(
        ForeignKey("networks.id", ondelete="CASCADE"), index=True
    )
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    role: Mapped[str] = mapped_column(String(20), default="advisor")

    network: Mapped[Network] = relationship(back_populates="members")
    user: Mapped[User] = relationship()

    @property
    def is_admin(self) -> bool:
        return self.role == "admin"


class AdvisorInvitation(db.Model):
    """An e-mailed link to join a network as an advisor; only a hash of its token is stored."""

    __tablename__ = "advisor_invitations"

    id: Mapped[int] = mapped_column(primary_key=True)
    network_id: Mapped[int] = mapped_column(
        ForeignKey("networks.id", ondelete="CASCADE"), index=True
    )
    email: Mapped[str] = mapped_column(String(254))
    role: Mapped[str] = mapped_column(String(20), default="advisor")
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    invited_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    expires_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    accepted_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))

    network: Mapped[Network] = relationship()


class CharterAcceptance(db.Model):
    __tablename__ = "charter_acceptances"
    __table_args__ = (UniqueConstraint("user_id", "version"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    version: Mapped[str] = mapped_column(String(20))
    accepted_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
