"""Networks and their advisors: who belongs to which network, with which role.

A site admin creates networks (CLI or admin page); a network admin invites advisors by an e-mailed
link whose token is stored only as its SHA-256, like organisation invitations.
"""

from __future__ import annotations

import secrets
from datetime import timedelta

from flask import current_app
from flask_babel import gettext as _
from sqlalchemy import func, select
from sqlalchemy.orm import selectinload

from app.extensions import db
from app.models import (
    NETWORK_KINDS,
    NETWORK_ROLES,
    REGIONS,
    AdvisorInvitation,
    Network,
    NetworkMember,
    User,
)
from app.models._base import utcnow

from .accounts import find_user, normalise_email, require_invitee
from .errors import Forbidden, Invalid, NotFound
from .invitations import find_open, hash_token

NAME_MAX_LENGTH = 200


def _clean(name: str, kind: str, regions: list[str]) -> tuple[str, str, list[str]]:
    errors: dict[str, str] = {}
    name = (name or "").strip()
    if not name:
        errors["name"] = _("Indiquez le nom du réseau.")
    elif len(name) > NAME_MAX_LENGTH:
        errors["name"] = _("%(n)d caractères au plus.", n=NAME_MAX_LENGTH)
    if kind not in NETWORK_KINDS:
        errors["kind"] = _("Choisissez un type de réseau de la liste.")
    unknown = [r for r in regions if r not in REGIONS]
    if unknown:
        errors["regions"] = _("Région inconnue : %(ids)s.", ids=", ".join(unknown))
    elif not regions:
        errors["regions"] = _("Choisissez au moins une région.")
    if errors:
        raise Invalid(errors)
    return name, kind, [r for r in REGIONS if r in set(regions)]


def create(name: str, regions: list[str], kind: str = "cress") -> Network:
    """A new network (site admins only: callers check)."""
    name, kind, regions = _clean(name, kind, regions)
    network = Network(name=name, kind=kind, regions=regions)
    db.session.add(network)
    db.session.commit()
    return network


def create_by(user: User, name: str, regions: list[str], kind: str = "cress") -> Network:
    if not user.is_authenticated or not user.is_admin:
        raise Forbidden()
    return create(name, regions, kind)


def add_advisor(network_id: int, email: str, *, admin: bool = False) -> tuple[NetworkMember, bool]:
    """Make the account of `email` an advisor (or admin) of the network, creating the account if
    needed (its owner sets a password through "forgot password"). Returns (member, created)."""
    network = db.session.get(Network, network_id)
    if network is None:
        raise NotFound()
    email = normalise_email(email)
    if not email or "@" not in email:
        raise Invalid({"email": _("Adresse e-mail invalide.")})
    user = find_user(email)
    created = user is None
    if user is None:
        user = User(email=email)
        user.set_password(secrets.token_urlsafe(32))
        db.session.add(user)
        db.session.flush()
    member = db.session.scalar(
        select(NetworkMember).where(
            NetworkMember.network_id == network_id, NetworkMember.user_id == user.id
        )
    )
    if member is None:
        member = NetworkMember(network_id=network_id, user_id=user.id, role="advisor")
        db.session.add(member)
    if admin:
        member.role = "admin"
    db.session.commit()
    return member, created


def all_networks() -> list[Network]:
    """Every network with its advisors, by name (for owners choosing whom to grant access)."""
    return list(
        db.session.scalars(
            select(Network)
            .options(selectinload(Network.members).selectinload(NetworkMember.user))
            .order_by(func.lower(Network.name), Network.id)
        )
    )


def memberships_of(user: User) -> list[NetworkMember]:
    if not user.is_authenticated:
        return []
    return list(
        db.session.scalars(
            select(NetworkMember)
            .join(Network)
            .where(NetworkMember.user_id == user.id)
            .options(selectinload(NetworkMember.network))
            .order_by(func.lower(Network.name))
        )
    )


def is_advisor(user: User) -> bool:
    return user.is_authenticated and (
        db.session.scalar(select(NetworkMember.id).where(NetworkMember.user_id == user.id).limit(1))
        is not None
    )


def member(user: User, network_id: int, *, admin: bool = False) -> NetworkMember:
    """The user's membership of the network: NotFound if none, Forbidden if `admin` is needed."""
    if not user.is_authenticated:
        raise NotFound()
    found = db.session.scalar(
        select(NetworkMember)
        .where(NetworkMember.network_id == network_id, NetworkMember.user_id == user.id)
        .options(selectinload(NetworkMember.network))
    )
    if found is None:
        raise NotFound()
    if admin and not found.is_admin:
        raise Forbidden()
    return found


def members(user: User, network_id: int) -> list[NetworkMember]:
    member(user, network_id)
    return list(
        db.session.scalars(
            select(NetworkMember)
            .join(User, User.id == NetworkMember.user_id)
            .where(NetworkMember.network_id == network_id)
            .options(selectinload(NetworkMember.user))
            .order_by(func.lower(User.email))
        )
    )


def invite(user: User, network_id: int, email: str, role: str) -> tuple[AdvisorInvitation, str]:
    """A network admin invites an advisor; returns the invitation and its clear token (once)."""
    member(user, network_id, admin=True)
    email = normalise_email(email)
    errors: dict[str, str] = {}
    if not email or "@" not in email:
        errors["email"] = _("Adresse e-mail invalide.")
    if role not in NETWORK_ROLES:
        errors["role"] = _("Rôle inconnu.")
    if errors:
        raise Invalid(errors)
    token = secrets.token_urlsafe(32)
    invitation = AdvisorInvitation(
        network_id=network_id,
        email=email,
        role=role,
        token_hash=hash_token(token),
        invited_by_id=user.id,
        expires_at=utcnow() + timedelta(days=current_app.config["INVITATION_MAX_AGE_DAYS"]),
    )
    db.session.add(invitation)
    db.session.commit()
    return invitation, token


def pending_invitations(user: User, network_id: int) -> list[AdvisorInvitation]:
    """Invitations neither accepted nor expired, newest first (network admins)."""
    member(user, network_id, admin=True)
    return list(
        db.session.scalars(
            select(AdvisorInvitation)
            .where(
                AdvisorInvitation.network_id == network_id,
                AdvisorInvitation.accepted_at.is_(None),
                AdvisorInvitation.expires_at > utcnow(),
            )
            .order_by(AdvisorInvitation.created_at.desc())
        )
    )


def find_invitation(token: str) -> AdvisorInvitation:
    return find_open(AdvisorInvitation, token)


def accept_invitation(user: User, token: str) -> NetworkMember:
    invitation = find_invitation(token)
    require_invitee(user, invitation.email)
    found = db.session.scalar(
        select(NetworkMember).where(
            NetworkMember.network_id == invitation.network_id, NetworkMember.user_id == user.id
        )
    )
    invitation.accepted_at = utcnow()
    if found is None:
        found = NetworkMember(
            network_id=invitation.network_id, user_id=user.id, role=invitation.role
        )
        db.session.add(found)
    db.session.commit()
    return found
