"""Organisations, the people who belong to them, and invitations to join."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

from sqlalchemy import DateTime, ForeignKey, String, UniqueConstraint, false
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.extensions import db
from app.questionnaires.applicability import OrganisationProfile

from ._base import TimestampMixin, utcnow

if TYPE_CHECKING:
    from .user import User

ROLES: tuple[str, ...] = ("owner", "contributor", "viewer")
#: What each role may do; a higher rank includes the lower ones.
ROLE_RANK: dict[str, int] = {"viewer": 1, "contributor": 2, "owner": 3}

#: Headcount bands (employees); "0" means no employee.
HEADCOUNT_BANDS: tuple[str, ...] = ("0", "1-9", "10-49", "50-249", "250+")

#: The 18 regions of France (13 in mainland France and Corsica, 5 overseas).
REGIONS: tuple[str, ...] = (
    "auvergne-rhone-alpes",
    "bourgogne-franche-comte",
    "bretagne",
    "centre-val-de-loire",
    "corse",
    "grand-est",
    "hauts-de-france",
    "ile-de-france",
    "normandie",
    "nouvelle-aquitaine",
    "occitanie",
    "pays-de-la-loire",
    "provence-alpes-cote-d-azur",
    "guadeloupe",
    "guyane",
    "la-reunion",
    "martinique",
    "mayotte",
)


class Organisation(TimestampMixin, db.Model):
    __tablename__ = "organisations"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    legal_form: Mapped[str] = mapped_column(String(20))
    siret: Mapped[str | None] = mapped_column(String(14))
    region: Mapped[str] = mapped_column(String(40))
    headcount_band: Mapped[str] = mapped_column(String(10))
    has_volunteers: Mapped[bool] = mapped_column(default=False)
    #: Opted in to anonymous statistics (benchmarks, regional figures); never its name. Off by
    #: default: an organisation counts only after choosing to.
    anonymous_statistics: Mapped[bool] = mapped_column(default=False, server_default=false())

    memberships: Mapped[list[Membership]] = relationship(
        back_populates="organisation", cascade="all, delete-orphan"
    )

    @property
    def has_employees(self) -> bool:
        return self.headcount_band != "0"

    @property
    def profile(self) -> OrganisationProfile:
        return OrganisationProfile(self.legal_form, self.has_employees, self.has_volunteers)

    def __repr__(self) -> str:
        return f"<Organisation {self.id} {self.name!r}>"


class Membership(TimestampMixin, db.Model):
    __tablename__ = "memberships"
    __table_args__ = (UniqueConstraint("user_id", "organisation_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    organisation_id: Mapped[int] = mapped_column(
        ForeignKey("organisations.id", ondelete="CASCADE"), index=True
    )
    role: Mapped[str] = mapped_column(String(20))

    user: Mapped[User] = relationship(back_populates="memberships")
    organisation: Mapped[Organisation] = relationship(back_populates="memberships")

    def allows(self, role: str) -> bool:
        """Whether this membership's role includes `role` (an owner may do what a viewer may)."""
        return ROLE_RANK[self.role] >= ROLE_RANK[role]


class Invitation(db.Model):
    """An e-mailed link to join an organisation; only a hash of its token is stored."""

    __tablename__ = "invitations"

    id: Mapped[int] = mapped_column(primary_key=True)
    organisation_id: Mapped[int] = mapped_column(
        ForeignKey("organisations.id", ondelete="CASCADE"), index=True
    )
    email: Mapped[str] = mapped_column(String(254))
    role: Mapped[str] = mapped_column(String(20))
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    invited_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    expires_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    accepted_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    accepted_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))

    organisation: Mapped[Organisation] = relationship()
    invited_by: Mapped[User | None] = relationship(foreign_keys=[invited_by_id])
