"""Accounts: registration, authentication and password reset."""

from __future__ import annotations

import functools
import hashlib

from flask import current_app
from flask_babel import gettext as _
from itsdangerous import BadSignature, SignatureExpired, URLSafeTimedSerializer
from sqlalchemy import func, select
from werkzeug.security import check_password_hash, generate_password_hash

from app.extensions import db
from app.models import User

from .errors import Invalid

PASSWORD_MIN_LENGTH = 10
NAME_MAX_LENGTH = 120


@functools.cache
def _dummy_hash() -> str:
    """Checked against when the e-mail is unknown, so that a wrong e-mail costs as long as a wrong
    password (the response time does not tell which accounts exist)."""
    return generate_password_hash("not-a-real-password", method="scrypt")


def normalise_email(email: str) -> str:
    return (email or "").strip().lower()


def find_user(email: str) -> User | None:
    return db.session.scalar(select(User).where(User.email == normalise_email(email)))


def password_problem(password: str, email: str = "") -> str | None:
    """Why `password` is not acceptable, or None."""
    if len(password or "") < PASSWORD_MIN_LENGTH:
        return _("Au moins %(n)d caractères.", n=PASSWORD_MIN_LENGTH)
    if email and password.strip().lower() == normalise_email(email):
        return _("Le mot de passe ne doit pas être votre adresse e-mail.")
    return None


def require_invitee(user: User, email: str) -> None:
    """An invitation is for one address: Invalid unless the user is logged in with it."""
    if normalise_email(user.email) != email:
        raise Invalid(
            {
                "email": _(
                    "Cette invitation est destinée à %(email)s. Connectez-vous avec cette adresse.",
                    email=email,
                )
            }
        )


def create_user(
    email: str, password: str, name: str = "", *, is_admin: bool = False, locale: str | None = None
) -> User:
    """Create an account; raises Invalid (field -> message) when it cannot be created."""
    email = normalise_email(email)
    errors: dict[str, str] = {}
    if not email or "@" not in email:
        errors["email"] = _("Adresse e-mail invalide.")
    elif find_user(email) is not None:
        errors["email"] = _("Un compte existe déjà avec cette adresse.")
    problem = password_problem(password, email)
    if problem:
        errors["password"] = problem
    if errors:
        raise Invalid(errors)
    user = User(email=email, name=(name or "").strip(), is_admin=is_admin, locale=locale)
    user.set_password(password)
    db.session.add(user)
    db.session.commit()
    return user


def authenticate(email: str, password: str) -> User | None:
    user = find_user(email)
    if user is None:
        check_password_hash(_dummy_hash(), password)
        return None
    if not user.is_active or not user.check_password(password):
        return None
    user.touch_login()
    db.session.commit()
    return user


def update_name(user: User, name: str) -> User:
    name = (name or "").strip()
    if len(name) > NAME_MAX_LENGTH:
        raise Invalid({"name": _("%(n)d caractères au plus.", n=NAME_MAX_LENGTH)})
    user.name = name
    db.session.commit()
    return user


def change_password(user: User, current: str, new: str) -> User:
    """A new password, if the current one is right (a borrowed session cannot take the account)."""
    if not user.check_password(current or ""):
        raise Invalid({"current_password": _("Mot de passe actuel incorrect.")})
    return _replace_password(user, new)


def _replace_password(user: User, password: str) -> User:
    problem = password_problem(password, user.email)
    if problem:
        raise Invalid({"password": problem})
    user.set_password(password)
    db.session.commit()
    return user


def set_locale(user: User, locale: str | None) -> None:
    user.locale = locale
    db.session.commit()


def count_users() -> int:
    return db.session.scalar(select(func.count(User.id))) or 0


# Password reset: a signed, timed token that embeds a fingerprint of the current password hash,
# so that it stops working as soon as the password changes (single use) or after the max age.


def _serializer() -> URLSafeTimedSerializer:
    return URLSafeTimedSerializer(current_app.config["SECRET_KEY"], salt="password-reset")


def _fingerprint(user: User) -> str:
    return hashlib.sha256(user.password_hash.encode()).hexdigest()[:16]


def reset_token(user: User) -> str:
    return _serializer().dumps({"uid": user.id, "fp": _fingerprint(user)})


def user_for_reset_token(token: str) -> User | None:
    """The user a valid, unused, unexpired token belongs to, or None."""
    try:
        data = _serializer().loads(token, max_age=current_app.config["PASSWORD_RESET_MAX_AGE"])
    except (BadSignature, SignatureExpired):
        return None
    if not isinstance(data, dict):
        return None
    user = db.session.get(User, data.get("uid"))
    if user is None or data.get("fp") != _fingerprint(user):
        return None
    return user


def reset_password(token: str, password: str) -> User:
    user = user_for_reset_token(token)
    if user is None:
        raise Invalid({"token": _("Ce lien n'est plus valable. Demandez-en un nouveau.")})
    return _replace_password(user, password)
