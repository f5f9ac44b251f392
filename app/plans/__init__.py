"""What follows the scores: ranked improvement areas, the action plan, objectives, cycles."""

from flask import Blueprint

bp = Blueprint("plans", __name__)

from . import exports, views  # noqa: E402,F401
