"""Review threads of an assessment, between its organisation and the advisors it let in."""

from flask import Blueprint

bp = Blueprint("reviews", __name__)

from . import views  # noqa: E402,F401
