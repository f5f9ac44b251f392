"""API tokens: issued for an e-mail and password, listed and revoked by their owner.

A token is `eco_` followed by 43 random URL-safe characters (256 bits). The database keeps its
SHA-256 and its first characters (to recognise it in a list). Checking a token is one indexed
lookup, so every gunicorn worker sees a revocation on the very next request.
"""

from __future__ import annotations

import hashlib
import secrets
from datetime import timedelta

from flask import current_app
from flask_babel import gettext as _
from sqlalchemy import select, update
from sqlalchemy.orm import joinedload

from app.extensions import db
from app.models import ApiToken, User
from app.models._base import as_utc, utcnow

from .accounts import authenticate
from .errors import Invalid, NotFound, Unauthenticated
from .pagination import Page, paginate

TOKEN_PREFIX = "eco_"  # noqa: S105 (a label, not a secret)
NAME_MAX_LENGTH = 80
#: Do not write `last_used_at` on every request: once a minute is precise enough.
_LAST_USED_PRECISION = timedelta(minutes=1)


def _hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def _lifetime(days: int | None) -> timedelta:
    longest = current_app.config["API_TOKEN_MAX_DAYS"]
    if days is None:
        days = current_app.config["API_TOKEN_DAYS"]
    if isinstance(days, bool) or not isinstance(days, int) or not 1 <= days <= longest:
        raise Invalid({"expires_in_days": _("Entre 1 et %(max)d jours.", max=longest)})
    return timedelta(days=days)


def _clean_name(name: str | None) -> str:
    name = (name or "").strip()
    if len(name) > NAME_MAX_LENGTH:
        raise Invalid({"name": _("%(n)d caractères au plus.", n=NAME_MAX_LENGTH)})
    return name


def create(user: User, name: str = "", days: int | None = None) -> tuple[ApiToken, str]:
    """A new token for `user`; returns it with the clear token, which is never shown again."""
    lifetime = _lifetime(days)
    clean_name = _clean_name(name)
    secret = TOKEN_PREFIX + secrets.token_urlsafe(32)
    token = ApiToken(
        user_id=user.id,
        name=clean_name,
        prefix=secret[: len(TOKEN_PREFIX) + 4],
        token_hash=_hash(secret),
        expires_at=utcnow() + lifetime,
    )
    db.session.add(token)
    db.session.commit()
    return token, secret


def issue(
    email: str, password: str, name: str = "", days: int | None = None
) -> tuple[ApiToken, str]:
    """A new token for whoever these credentials belong to (Unauthenticated otherwise)."""
    _lifetime(days)  # a bad lifetime is an input error, whatever the password
    _clean_name(name)
    user = authenticate(email, password)
    if user is None:
        raise Unauthenticated()
    return create(user, name, days)


def user_for(secret: str) -> tuple[User, ApiToken]:
    """The user a clear token acts for; Unauthenticated when it is unknown, expired or revoked."""
    if not secret.startswith(TOKEN_PREFIX) or len(secret) > 100:
        raise Unauthenticated()
    token = db.session.scalar(
        select(ApiToken)
        .where(ApiToken.token_hash == _hash(secret))
        .options(joinedload(ApiToken.user))  # one query: the token and its user
    )
    now = utcnow()
    if token is None or not token.is_active(now) or not token.user.is_active:
        raise Unauthenticated()
    if token.last_used_at is None or now - as_utc(token.last_used_at) > _LAST_USED_PRECISION:
        db.session.execute(update(ApiToken).where(ApiToken.id == token.id).values(last_used_at=now))
        db.session.commit()
    return token.user, token


def list_for(user: User, page: int = 1, per_page: int = 20) -> Page[ApiToken]:
    """The user's tokens, newest first, revoked and expired ones included (marked as such)."""
    return paginate(
        select(ApiToken)
        .where(ApiToken.user_id == user.id)
        .order_by(ApiToken.created_at.desc(), ApiToken.id.desc()),
        page,
        per_page,
    )


def revoke(user: User, token_id: int) -> ApiToken:
    """Revoke one of the user's tokens, at once (revoking twice is harmless)."""
    token = db.session.get(ApiToken, token_id)
    if token is None or token.user_id != user.id:
        raise NotFound()
    if token.revoked_at is None:
        token.revoked_at = utcnow()
        db.session.commit()
    return token
