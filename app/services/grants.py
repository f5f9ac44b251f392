"""Consent: an owner grants (or a network asks for) access to the organisation's data.

Owners decide; every member can read the grants and the access log (transparency towards the
whole team). A network's request reveals nothing to the network until the owner accepts: asking
about an organisation that does not exist looks the same as asking about one that does.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from flask_babel import gettext as _
from sqlalchemy import func, select
from sqlalchemy.orm import selectinload

from app.extensions import db
from app.models import (
    GRANT_SCOPES,
    AccessLogEntry,
    Grant,
    Membership,
    Network,
    NetworkMember,
    Organisation,
    User,
)
from app.models._base import utcnow

from .access import today
from .errors import Invalid, NotFound
from .networks import member as network_member
from .organisations import membership
from .pagination import Page, paginate

#: A grant lasts one year unless the owner says otherwise.
DEFAULT_DAYS = 365
MESSAGE_MAX_LENGTH = 500


@dataclass
class GrantData:
    network_id: int | None = None
    advisor_id: int | None = None
    scope: str = "results"
    until: date | None = None


def _clean(data: GrantData) -> GrantData:
    errors: dict[str, str] = {}
    if (data.network_id is None) == (data.advisor_id is None):
        errors["network"] = _("Choisissez un réseau ou une conseillère / un conseiller (un seul).")
    elif data.network_id is not None and db.session.get(Network, data.network_id) is None:
        errors["network"] = _("Réseau inconnu.")
    elif data.advisor_id is not None and (
        db.session.scalar(
            select(NetworkMember.id).where(NetworkMember.user_id == data.advisor_id).limit(1)
        )
        is None
    ):
        errors["advisor"] = _("Cette personne n'est conseillère ou conseiller d'aucun réseau.")
    if data.scope not in GRANT_SCOPES:
        errors["scope"] = _("Choisissez « résultats » ou « complet ».")
    until = data.until or today() + timedelta(days=DEFAULT_DAYS)
    if until < today():
        errors["until"] = _("La date de fin ne peut pas être passée.")
    if errors:
        raise Invalid(errors)
    return GrantData(data.network_id, data.advisor_id, data.scope, until)


def grant(user: User, organisation_id: int, data: GrantData) -> Grant:
    """The owner opens access to a network or one advisor, until a date (default one year)."""
    membership(user, organisation_id, "owner")
    clean = _clean(data)
    created = Grant(
        organisation_id=organisation_id,
        network_id=clean.network_id,
        advisor_id=clean.advisor_id,
        scope=clean.scope,
        until=clean.until,
        status="active",
        created_by_id=user.id,
        decided_at=utcnow(),
        decided_by_id=user.id,
    )
    db.session.add(created)
    db.session.commit()
    return created


def list_for(user: User, organisation_id: int) -> list[Grant]:
    """Every grant and request of the organisation, newest first (any member may read them)."""
    membership(user, organisation_id, "viewer")
    return list(
        db.session.scalars(
            select(Grant)
            .where(Grant.organisation_id == organisation_id)
            .options(selectinload(Grant.network), selectinload(Grant.advisor))
            .order_by(Grant.created_at.desc(), Grant.id.desc())
        )
    )


def _owned(user: User, grant_id: int) -> Grant:
    found = db.session.get(Grant, grant_id)
    if found is None:
        raise NotFound()
    membership(user, found.organisation_id, "owner")
    return found


def revoke(user: User, grant_id: int) -> Grant:
    """Withdraw consent at once: the advisors' next request is refused."""
    found = _owned(user, grant_id)
    if found.status in ("active", "requested"):
        found.status = "revoked" if found.status == "active" else "refused"
        found.decided_at = utcnow()
        found.decided_by_id = user.id
        db.session.commit()
    return found


def decide(user: User, grant_id: int, accept: bool, scope: str | None = None) -> Grant:
    """The owner accepts (possibly narrowing the scope) or refuses a network's request."""
    found = _owned(user, grant_id)
    if found.status != "requested":
        raise Invalid({"status": _("Cette demande a déjà reçu une réponse.")})
    if scope is not None:
        if scope not in GRANT_SCOPES:
            raise Invalid({"scope": _("Choisissez « résultats » ou « complet ».")})
        found.scope = scope
    found.status = "active" if accept else "refused"
    if accept and found.until < today():
        found.until = today() + timedelta(days=DEFAULT_DAYS)
    found.decided_at = utcnow()
    found.decided_by_id = user.id
    db.session.commit()
    return found


def request_access(
    user: User,
    network_id: int,
    *,
    organisation_id: int | None = None,
    siret: str | None = None,
    scope: str = "results",
    message: str = "",
) -> None:
    """A network admin asks an organisation (by id or SIRET) for access. Whether it exists or
    not, the answer is the same; its owners see the request and accept or refuse it."""
    network_member(user, network_id, admin=True)
    errors: dict[str, str] = {}
    if scope not in GRANT_SCOPES:
        errors["scope"] = _("Choisissez « résultats » ou « complet ».")
    message = (message or "").strip()
    if len(message) > MESSAGE_MAX_LENGTH:
        errors["message"] = _("%(n)d caractères au plus.", n=MESSAGE_MAX_LENGTH)
    if organisation_id is None and not (siret or "").strip():
        errors["organisation"] = _("Indiquez l'organisation (son numéro SIRET).")
    if errors:
        raise Invalid(errors)
    query = select(Organisation.id)
    if organisation_id is not None:
        query = query.where(Organisation.id == organisation_id)
    else:
        query = query.where(Organisation.siret == "".join((siret or "").split()))
    found = db.session.scalar(query.limit(1))
    if found is None:
        return
    pending = db.session.scalar(
        select(Grant.id).where(
            Grant.organisation_id == found,
            Grant.network_id == network_id,
            Grant.status == "requested",
        )
    )
    if pending is None:
        db.session.add(
            Grant(
                organisation_id=found,
                network_id=network_id,
                scope=scope,
                until=today() + timedelta(days=DEFAULT_DAYS),
                status="requested",
                message=message,
                created_by_id=user.id,
            )
        )
        db.session.commit()


def pending_requests(user: User) -> dict[int, int]:
    """How many network requests await an answer, per organisation the user owns (one query,
    whatever the number of organisations: the dashboard shows it beside each of them)."""
    if not user.is_authenticated:
        return {}
    rows = db.session.execute(
        select(Grant.organisation_id, func.count(Grant.id))
        .join(Membership, Membership.organisation_id == Grant.organisation_id)
        .where(
            Membership.user_id == user.id,
            Membership.role == "owner",
            Grant.status == "requested",
        )
        .group_by(Grant.organisation_id)
    )
    return dict(rows.all())


def access_log(user: User, organisation_id: int, page: int, per_page: int) -> Page[AccessLogEntry]:
    """Who saw what of the organisation's data, and when; newest first."""
    membership(user, organisation_id, "viewer")
    query = (
        select(AccessLogEntry)
        .where(AccessLogEntry.organisation_id == organisation_id)
        .order_by(AccessLogEntry.at.desc(), AccessLogEntry.id.desc())
    )
    return paginate(query, page, per_page)


def set_anonymous_statistics(user: User, organisation_id: int, enabled: bool) -> Organisation:
    """Opt in or out of anonymous statistics (owners)."""
    organisation = membership(user, organisation_id, "owner").organisation
    organisation.anonymous_statistics = bool(enabled)
    db.session.commit()
    return organisation
