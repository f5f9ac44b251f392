"""The account's API tokens page: create one (shown once), see them all, revoke one.

The clear token is kept in the session only until the page that shows it is rendered.
"""

from __future__ import annotations

from flask import flash, redirect, render_template, session, url_for
from flask.typing import ResponseReturnValue
from flask_babel import gettext as _
from flask_login import current_user, login_required

from app.forms import apply_errors
from app.services import tokens
from app.services.errors import Invalid

from . import bp
from .forms import TokenForm

_NEW_TOKEN = "new_api_token"  # noqa: S105 (a session key)


@bp.route("/account/tokens", methods=["GET", "POST"])
@login_required
def api_tokens() -> ResponseReturnValue:
    form = TokenForm()
    if form.validate_on_submit():
        try:
            _token, secret = tokens.create(current_user, form.name.data, int(form.days.data))
        except Invalid as exc:
            apply_errors(form, exc.errors)
        else:
            session[_NEW_TOKEN] = secret
            return redirect(url_for("auth.api_tokens"))
    listing = tokens.list_for(current_user, 1, 100)
    return render_template(
        "auth/tokens.html", form=form, tokens=listing.items, new_token=session.pop(_NEW_TOKEN, None)
    )


@bp.route("/account/tokens/<int:token_id>/revoke", methods=["POST"])
@login_required
def revoke_api_token(token_id: int) -> ResponseReturnValue:
    token = tokens.revoke(current_user, token_id)
    flash(_("Jeton « %(name)s » révoqué.", name=token.name or token.prefix), "success")
    return redirect(url_for("auth.api_tokens"))
