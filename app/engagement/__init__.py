"""Stakeholder engagement: an organisation's stakeholders and their influence × importance grid."""

from flask import Blueprint

bp = Blueprint("engagement", __name__)

from . import views  # noqa: E402,F401
