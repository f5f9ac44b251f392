"""JSON API v1. Today: answers (used by the pages' autosave) and scores, with the browser session
and its CSRF token. Errors are `application/problem+json`."""

from flask import Blueprint

bp = Blueprint("api", __name__, url_prefix="/api/v1")

from . import views  # noqa: E402,F401
