"""Networks: their advisors, invitations, access requests; the site admin's list of networks."""

from flask import Blueprint

bp = Blueprint("networks", __name__, url_prefix="/networks")

from . import views  # noqa: E402,F401
