"""Tokens: `POST /tokens` trades an e-mail and password for a bearer token (rate limited)."""

from __future__ import annotations

from flask import Response, current_app, request
from flask_limiter.util import get_remote_address
from flask_login import current_user

from app.extensions import limiter
from app.services import tokens
from app.services.accounts import normalise_email

from . import TAGS, api
from .docs_spec import PUBLIC, TOO_MANY
from .replies import no_content, reply, service_errors
from .schemas import PageQuery, TokenCreated, TokenPage, TokenPath, TokenRequest
from .serializers import page_fields, token_out

TAG = [TAGS["tokens"]]


def _limit() -> str:
    return current_app.config["TOKEN_RATE_LIMIT"]


def _key() -> str:
    """Per address and e-mail, like the login form: a room behind one address is not blocked."""
    data = request.get_json(silent=True)
    email = data.get("email") if isinstance(data, dict) else None
    email = normalise_email(email if isinstance(email, str) else "")[:254]
    return f"{get_remote_address()}|{email}"


@api.post("/tokens", tags=TAG, security=PUBLIC, responses={201: TokenCreated, **TOO_MANY})
@limiter.limit(_limit, key_func=_key, scope="api-tokens")
@service_errors
def create_token(body: TokenRequest) -> Response:
    """Get a token for your e-mail and password.

    The token is shown once: keep it. It expires after `expires_in_days` (default 30) and can be
    revoked at any time. Too many attempts from one address for one e-mail get a 429.
    """
    token, secret = tokens.issue(body.email, body.password, body.name, body.expires_in_days)
    return reply(token_out(token, secret), 201)


@api.get("/tokens", tags=TAG, responses={200: TokenPage})
@service_errors
def list_tokens(query: PageQuery) -> Response:
    """Your tokens, newest first (active, expired and revoked), never their secret."""
    page = tokens.list_for(current_user, query.page, query.per_page)
    return reply(TokenPage(items=[token_out(t) for t in page.items], **page_fields(page)))


@api.delete("/tokens/<int:token_id>", tags=TAG, responses={204: None})
def revoke_token(path: TokenPath) -> Response:
    """Revoke one of your tokens: it stops working at once, on every server."""
    tokens.revoke(current_user, path.token_id)
    return no_content()
