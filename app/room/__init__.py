"""The room: the pages participants open on their phones to join a workshop and take part."""

from flask import Blueprint

bp = Blueprint("room", __name__)

from . import views  # noqa: E402,F401
