"""Advisors' area: the charter, the portfolio, read-only views of a granted organisation."""

from flask import Blueprint

bp = Blueprint("advisors", __name__, url_prefix="/advisor")

from . import views  # noqa: E402,F401
