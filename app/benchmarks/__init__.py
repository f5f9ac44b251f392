"""Anonymous figures: a network's regional dashboard (the benchmark shows on results pages)."""

from flask import Blueprint

bp = Blueprint("benchmarks", __name__)

from . import views  # noqa: E402,F401
