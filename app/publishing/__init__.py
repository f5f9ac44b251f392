"""What an organisation shows outside: the general-assembly report and its public page."""

from flask import Blueprint

bp = Blueprint("publishing", __name__)

from . import views  # noqa: E402,F401
