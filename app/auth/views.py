"""Account pages. Thin: parse the form, call the accounts service, render or redirect."""

from __future__ import annotations

from flask import current_app, flash, redirect, render_template, request, session, url_for
from flask.typing import ResponseReturnValue
from flask_babel import gettext as _
from flask_limiter.util import get_remote_address
from flask_login import current_user, login_required, login_user, logout_user

from app.extensions import limiter
from app.forms import apply_errors
from app.models import User
from app.services import accounts
from app.services.errors import Invalid
from app.services.mail import send_mail

from . import bp
from .forms import (
    ChangePasswordForm,
    ForgotPasswordForm,
    LoginForm,
    NameForm,
    RegisterForm,
    ResetPasswordForm,
)
from .session import safe_next


def _login_limit() -> str:
    return current_app.config["LOGIN_RATE_LIMIT"]


def _login_key() -> str:
    """Per address and e-mail: a whole room behind one address can still log in."""
    return f"{get_remote_address()}|{accounts.normalise_email(request.form.get('email', ''))}"


def _after_login() -> str:
    return safe_next(request.args.get("next")) or url_for("main.home")


def _start_session(user: User, remember: bool = False) -> None:
    """Log in, keeping the language the visitor chose before (it becomes the account's)."""
    login_user(user, remember=remember)
    chosen = session.get("lang")
    if chosen and chosen != user.locale:
        accounts.set_locale(user, chosen)


@bp.route("/register", methods=["GET", "POST"])
def register() -> ResponseReturnValue:
    if current_user.is_authenticated:
        return redirect(url_for("main.home"))
    form = RegisterForm()
    if form.validate_on_submit():
        try:
            user = accounts.create_user(
                form.email.data, form.password.data, form.name.data, locale=session.get("lang")
            )
        except Invalid as exc:
            apply_errors(form, exc.errors)
        else:
            _start_session(user)
            flash(_("Bienvenue ! Votre compte est créé."), "success")
            return redirect(safe_next(request.args.get("next")) or url_for("organisations.new"))
    return render_template("auth/register.html", form=form)


@bp.route("/login", methods=["GET", "POST"])
@limiter.limit(_login_limit, key_func=_login_key, methods=["POST"])
def login() -> ResponseReturnValue:
    if current_user.is_authenticated:
        return redirect(_after_login())
    form = LoginForm()
    if form.validate_on_submit():
        user = accounts.authenticate(form.email.data, form.password.data)
        if user is None:
            form.form_errors.append(_("Adresse e-mail ou mot de passe incorrect."))
        else:
            _start_session(user, remember=form.remember.data)
            return redirect(_after_login())
    return render_template("auth/login.html", form=form)


@bp.route("/account", methods=["GET", "POST"])
@login_required
def account() -> ResponseReturnValue:
    """Two forms on one page, told apart by their submit button's name."""
    name_form = NameForm(prefix="profile")
    password_form = ChangePasswordForm(prefix="password")
    if not name_form.is_submitted():
        name_form.name.data = current_user.name
    if "profile-save" in request.form and name_form.validate_on_submit():
        try:
            accounts.update_name(current_user, name_form.name.data)
        except Invalid as exc:
            apply_errors(name_form, exc.errors)
        else:
            flash(_("Profil enregistré."), "success")
            return redirect(url_for("auth.account"))
    if "password-save" in request.form and password_form.validate_on_submit():
        try:
            accounts.change_password(
                current_user, password_form.current_password.data, password_form.password.data
            )
        except Invalid as exc:
            apply_errors(password_form, exc.errors)
        else:
            flash(_("Votre mot de passe est changé."), "success")
            return redirect(url_for("auth.account"))
    return render_template("auth/account.html", name_form=name_form, password_form=password_form)


@bp.route("/logout", methods=["POST"])
def logout() -> ResponseReturnValue:
    logout_user()
    flash(_("Vous êtes déconnecté."), "info")
    return redirect(url_for("main.home"))


@bp.route("/password/forgot", methods=["GET", "POST"])
@limiter.limit(_login_limit, key_func=_login_key, methods=["POST"])
def forgot_password() -> ResponseReturnValue:
    form = ForgotPasswordForm()
    if form.validate_on_submit():
        user = accounts.find_user(form.email.data)
        if user is not None:
            link = url_for("auth.reset_password", token=accounts.reset_token(user), _external=True)
            send_mail(
                user.email,
                _("Écotone : choisir un nouveau mot de passe"),
                _(
                    "Bonjour,\n\nPour choisir un nouveau mot de passe, ouvrez ce lien "
                    "(valable une heure) :\n%(link)s\n\nSi vous n'avez rien demandé, ignorez ce "
                    "message.",
                    link=link,
                ),
            )
            if current_app.config["SHOW_EMAIL_LINKS"]:
                flash(_("Mode développement : le lien envoyé est %(link)s", link=link), "dev")
        flash(
            _(
                "Si un compte existe pour cette adresse, "
                "un e-mail avec un lien vient d'être envoyé."
            ),
            "info",
        )
        return redirect(url_for("auth.login"))
    return render_template("auth/forgot_password.html", form=form)


@bp.route("/password/reset/<token>", methods=["GET", "POST"])
def reset_password(token: str) -> ResponseReturnValue:
    if accounts.user_for_reset_token(token) is None:
        return render_template("auth/reset_invalid.html"), 404
    form = ResetPasswordForm()
    if form.validate_on_submit():
        try:
            user = accounts.reset_password(token, form.password.data)
        except Invalid as exc:
            apply_errors(form, exc.errors)
        else:
            _start_session(user)
            flash(_("Votre mot de passe est changé."), "success")
            return redirect(url_for("main.home"))
    return render_template("auth/reset_password.html", form=form)
