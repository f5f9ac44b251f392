"""Invitations: an owner invites someone by e-mail; the link lets that person join.

The token travels only in the e-mail (and, in development, on the owner's screen); the database
keeps its SHA-256, so a database leak gives no usable link. An invitation is for one address:
the person must be logged in with it to accept.
"""

from __future__ import annotations

import hashlib
import secrets
from datetime import timedelta
from typing import TypeVar

from flask import current_app
from flask_babel import gettext as _
from sqlalchemy import select

from app.extensions import db
from app.models import ROLES, AdvisorInvitation, Invitation, Membership, User
from app.models._base import as_utc, utcnow

from .accounts import normalise_email, require_invitee
from .errors import Invalid, NotFound
from .organisations import membership

T = TypeVar("T", Invitation, AdvisorInvitation)


def hash_token(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def find_open(model: type[T], token: str) -> T:
    """The invitation (to an organisation or a network) of a token; NotFound when unknown,
    used or expired."""
    invitation = db.session.scalar(select(model).where(model.token_hash == hash_token(token)))
    if (
        invitation is None
        or invitation.accepted_at is not None
        or as_utc(invitation.expires_at) < utcnow()
    ):
        raise NotFound()
    return invitation


def invite(user: User, organisation_id: int, email: str, role: str) -> tuple[Invitation, str]:
    """Create an invitation; returns it with the clear token (to put in the link, once)."""
    membership(user, organisation_id, "owner")
    email = normalise_email(email)
    errors = {}
    if not email or "@" not in email:
        errors["email"] = _("Adresse e-mail invalide.")
    if role not in ROLES:
        errors["role"] = _("Rôle inconnu.")
    if not errors:
        already = db.session.scalar(
            select(Membership)
            .join(User)
            .where(Membership.organisation_id == organisation_id, User.email == email)
        )
        if already is not None:
            errors["email"] = _("Cette personne est déjà membre de l'organisation.")
    if errors:
        raise Invalid(errors)
    token = secrets.token_urlsafe(32)
    days = current_app.config["INVITATION_MAX_AGE_DAYS"]
    invitation = Invitation(
        organisation_id=organisation_id,
        email=email,
        role=role,
        token_hash=hash_token(token),
        invited_by_id=user.id,
        expires_at=utcnow() + timedelta(days=days),
    )
    db.session.add(invitation)
    db.session.commit()
    return invitation, token


def pending(user: User, organisation_id: int) -> list[Invitation]:
    membership(user, organisation_id, "owner")
    return list(
        db.session.scalars(
            select(Invitation)
            .where(
                Invitation.organisation_id == organisation_id,
                Invitation.accepted_at.is_(None),
            )
            .order_by(Invitation.created_at.desc())
        )
    )


def revoke(user: User, organisation_id: int, invitation_id: int) -> None:
    membership(user, organisation_id, "owner")
    invitation = db.session.get(Invitation, invitation_id)
    if invitation is None or invitation.organisation_id != organisation_id:
        raise NotFound()
    db.session.delete(invitation)
    db.session.commit()


def find(token: str) -> Invitation:
    """The open invitation of a token; NotFound when unknown, used or expired."""
    return find_open(Invitation, token)


def accept(user: User, token: str) -> Membership:
    invitation = find(token)
    require_invitee(user, invitation.email)
    existing = db.session.scalar(
        select(Membership).where(
            Membership.user_id == user.id,
            Membership.organisation_id == invitation.organisation_id,
        )
    )
    invitation.accepted_at = utcnow()
    invitation.accepted_by_id = user.id
    if existing is None:
        existing = Membership(
            user_id=user.id, organisation_id=invitation.organisation_id, role=invitation.role
        )
        db.session.add(existing)
    db.session.commit()
    return existing
