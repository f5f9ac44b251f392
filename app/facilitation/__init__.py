"""Facilitation: the pages a facilitator uses to prepare, run and project a live workshop, and
its synthesis (page, PDF, CSV, XLSX)."""

from flask import Blueprint

bp = Blueprint("facilitation", __name__)

from . import synthesis, views  # noqa: E402,F401
