"""Assessments: start one, answer it theme by theme (with autosave), see its results."""

from flask import Blueprint

bp = Blueprint("assessments", __name__)

from . import views  # noqa: E402,F401
