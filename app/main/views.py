"""Public pages and infrastructure routes."""

from __future__ import annotations

from flask import (
    Response,
    current_app,
    jsonify,
    redirect,
    render_template,
    request,
    session,
    url_for,
)
from flask.typing import ResponseReturnValue
from flask_login import current_user
from sqlalchemy import text

from app.auth.session import safe_next
from app.extensions import db
from app.services import accounts, grants, organisations, reviews

from . import bp
from .vendor import PLOTLY_VERSION, plotly_js, plotly_js_gzip


@bp.route("/")
def home() -> ResponseReturnValue:
    if not current_user.is_authenticated:
        return render_template("main/landing.html")
    # One query each for the advisors' unread comments and the networks' pending requests, however
    # many organisations the user belongs to.
    return render_template(
        "main/dashboard.html",
        memberships=organisations.memberships_of(current_user),
        unread=reviews.unread_for_members(current_user),
        pending=grants.pending_requests(current_user),
    )


@bp.route("/language", methods=["POST"])
def set_language() -> ResponseReturnValue:
    lang = request.form.get("lang", "")
    if lang in current_app.config["LANGUAGES"]:
        session["lang"] = lang
        if current_user.is_authenticated:
            accounts.set_locale(current_user, lang)
    return redirect(safe_next(request.form.get("next")) or url_for("main.home"))


@bp.route("/healthz")
def healthz() -> ResponseReturnValue:
    try:
        db.session.execute(text("SELECT 1"))
    except Exception:  # any failure to reach the database is "unhealthy"
        db.session.rollback()
        return jsonify(status="unavailable", database="unreachable"), 503
    return jsonify(status="ok", database="ok")


@bp.route(f"/vendor/plotly-{PLOTLY_VERSION}.min.js")
def plotly_bundle() -> ResponseReturnValue:
    compressed = "gzip" in request.headers.get("Accept-Encoding", "")
    response = Response(plotly_js_gzip() if compressed else plotly_js(), mimetype="text/javascript")
    if compressed:
        response.headers["Content-Encoding"] = "gzip"
    response.headers["Vary"] = "Accept-Encoding"
    response.cache_control.public = True
    response.cache_control.max_age = 31536000
    response.cache_control.immutable = True
    return response
