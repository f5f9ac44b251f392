"""Who is calling: a bearer token, or the browser session (whose changes need the CSRF token).

A request with an `Authorization` header is judged on that header alone, even if it also carries a
session cookie: a token acts exactly as its user, and a bad token is a 401, never a fallback.
Every operation except getting a token requires one or the other.
"""

from __future__ import annotations

from flask import g, request
from flask_login import current_user

from app.extensions import csrf
from app.services import tokens
from app.services.errors import Unauthenticated

from . import api

SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})
#: Operations open to anonymous callers (they authenticate with what they send): getting a token,
#: and the workshop participants' phones (their own token is checked by the operation).
PUBLIC_ENDPOINTS = frozenset(
    {
        "api.create_token",
        "api.join_workshop",
        "api.get_workshop_state",
        "api.get_my_workshop",
        "api.save_workshop_answer",
        "api.place_workshop_category",
        "api.cast_workshop_votes",
    }
)

csrf.exempt(api)  # checked below, only for session-authenticated requests


def bearer_secret() -> str | None:
    """The token of an `Authorization: Bearer ...` header; Unauthenticated for another scheme."""
    header = request.headers.get("Authorization")
    if header is None:
        return None
    scheme, _, secret = header.strip().partition(" ")
    if scheme.lower() != "bearer" or not secret.strip():
        raise Unauthenticated()
    return secret.strip()


def authenticate() -> None:
    if request.endpoint in PUBLIC_ENDPOINTS:
        return
    secret = bearer_secret()
    if secret is not None:
        user, token = tokens.user_for(secret)
        g._login_user = user  # Flask-Login's per-request user; nothing is written to the session
        g.api_token = token
        return
    if not current_user.is_authenticated:
        raise Unauthenticated()
    if request.method not in SAFE_METHODS:
        csrf.protect()
