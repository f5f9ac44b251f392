"""Accounts: register, log in, log out, reset a forgotten password."""

from flask import Blueprint

bp = Blueprint("auth", __name__)

from . import tokens, views  # noqa: E402,F401  (views attach their routes to bp)
