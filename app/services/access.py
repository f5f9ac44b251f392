"""What an advisor may see of an organisation: only what it granted, checked on every request.

Every read of an organisation's data by someone who is not its member goes through `advisor_view`:
it finds an active grant (to the advisor by name, or to one of their networks), requires the
current charter, compares the scope, and writes the view to the organisation's access log. Nothing
is cached, so a revoked or expired grant refuses the very next request. Refusals are NotFound, as
for any organisation one does not belong to (no existence leak); only a missing charter acceptance
is Forbidden, because the advisor must be told what to do.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from sqlalchemy import Select, or_, select

from app.extensions import db
from app.models import AccessLogEntry, Grant, NetworkMember, Organisation, User
from app.models._base import utcnow

from . import charter
from .errors import Forbidden, NotFound
from .networks import is_advisor

#: "full" includes everything "results" shows.
SCOPE_RANK = {"results": 1, "full": 2}


@dataclass(frozen=True)
class AdvisorView:
    """An advisor's current access to one organisation."""

    organisation: Organisation
    scope: str
    grant_ids: tuple[int, ...]

    @property
    def full(self) -> bool:
        return self.scope == "full"


def today() -> date:
    return utcnow().date()


def active_grants(user: User) -> Select[tuple[Grant]]:
    """The grants that let `user` see an organisation today (named or through a network)."""
    networks = select(NetworkMember.network_id).where(NetworkMember.user_id == user.id)
    return select(Grant).where(
        Grant.status == "active",
        Grant.until >= today(),
        or_(Grant.advisor_id == user.id, Grant.network_id.in_(networks)),
    )


def require_charter(user: User) -> None:
    """Forbidden until the user accepted the charter's current version (NotFound if not an
    advisor at all)."""
    if not is_advisor(user) and not _has_named_grant(user):
        raise NotFound()
    if not charter.accepted_current(user):
        raise Forbidden("charter")


def _has_named_grant(user: User) -> bool:
    return user.is_authenticated and (
        db.session.scalar(select(Grant.id).where(Grant.advisor_id == user.id).limit(1)) is not None
    )


def scope_of(grants: Iterable[Grant]) -> str | None:
    best = max((SCOPE_RANK[g.scope] for g in grants), default=0)
    return next((s for s, rank in SCOPE_RANK.items() if rank == best), None)


def advisor_view(
    user: User,
    organisation_id: int,
    *,
    need: str = "results",
    what: str = "results",
    assessment_id: int | None = None,
) -> AdvisorView:
    """The advisor's access to the organisation if a grant allows `need`; logs the view."""
    if not user.is_authenticated:
        raise NotFound()
    grants = list(
        db.session.scalars(active_grants(user).where(Grant.organisation_id == organisation_id))
    )
    if not grants:
        raise NotFound()
    if not charter.accepted_current(user):
        raise Forbidden("charter")
    scope = scope_of(grants)
    if scope is None or SCOPE_RANK[scope] < SCOPE_RANK[need]:
        raise NotFound()
    organisation = db.session.get(Organisation, organisation_id)
    if organisation is None:
        raise NotFound()
    log(user, [organisation_id], what, assessment_id=assessment_id, grant_id=grants[0].id)
    return AdvisorView(organisation, scope, tuple(g.id for g in grants))


def log(
    user: User,
    organisation_ids: Iterable[int],
    what: str,
    *,
    assessment_id: int | None = None,
    grant_id: int | None = None,
) -> None:
    """Record a view by `user` of each organisation's data (committed with the caller's work)."""
    at = utcnow()
    who = user.display_name if user.name else user.email
    rows = [
        {
            "organisation_id": organisation_id,
            "user_id": user.id,
            "who": who,
            "what": what,
            "assessment_id": assessment_id,
            "grant_id": grant_id,
            "at": at,
        }
        for organisation_id in organisation_ids
    ]
    if rows:
        db.session.execute(AccessLogEntry.__table__.insert(), rows)
        db.session.commit()
