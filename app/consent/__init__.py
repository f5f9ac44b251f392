"""An organisation's consent: grants, network requests, access log, anonymous statistics."""

from flask import Blueprint

bp = Blueprint("consent", __name__)

from . import views  # noqa: E402,F401
