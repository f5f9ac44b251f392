"""Flask-Login wiring: how a user is reloaded, and where anonymous visitors are sent."""

from __future__ import annotations

from flask import redirect, request, url_for
from flask.typing import ResponseReturnValue
from flask_babel import lazy_gettext as _l
from flask_login import LoginManager
from flask_login.utils import login_url

from app.errors import error_response, wants_json
from app.extensions import db
from app.models import User


def configure_login_manager(manager: LoginManager) -> None:
    manager.login_view = "auth.login"
    manager.login_message = _l("Connectez-vous pour accéder à cette page.")
    manager.login_message_category = "info"
    manager.session_protection = "basic"

    @manager.user_loader
    def _load(user_id: str) -> User | None:
        user = db.session.get(User, int(user_id)) if user_id.isdigit() else None
        return user if user is not None and user.is_active else None

    @manager.unauthorized_handler
    def _unauthorized() -> ResponseReturnValue:
        if wants_json():
            return error_response(401)
        next_url = request.full_path.rstrip("?")
        return redirect(login_url(url_for(manager.login_view), next_url=next_url))


def safe_next(target: str | None) -> str | None:
    """`target` if it is a path on this site (never another host: no open redirect)."""
    if not target or not target.startswith("/") or target.startswith("//") or "\\" in target:
        return None
    return target
