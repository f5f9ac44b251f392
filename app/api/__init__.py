"""JSON API v1: what the pages' autosave speaks, and what other tools use with a bearer token.

Built with flask-openapi3: each view declares its request and response models (`schemas.py`), from
which `/api/openapi.json` is generated and against which requests are validated. Views call the same
services as the pages. Errors are `application/problem+json` (`problems.py`).
"""

from flask import Blueprint
from flask_openapi3 import APIBlueprint, Tag

from .docs_spec import COMMON_RESPONSES, SECURITY

api = APIBlueprint(
    "api",
    __name__,
    url_prefix="/api/v1",
    abp_security=SECURITY,
    abp_responses=COMMON_RESPONSES,
    operation_id_callback=lambda name, path, method: name,
)
docs = Blueprint("api_docs", __name__, url_prefix="/api")

TAGS = {
    "tokens": Tag(name="tokens", description="Bearer tokens: get one, list yours, revoke one."),
    "questionnaires": Tag(name="questionnaires", description="The questionnaires and versions."),
    "organisations": Tag(name="organisations", description="The organisations you belong to."),
    "assessments": Tag(name="assessments", description="Self-assessments, answers and scores."),
    "stakeholders": Tag(name="stakeholders", description="An organisation's stakeholder map."),
    "plans": Tag(name="plans", description="Priorities and the action plan of an assessment."),
    "advisors": Tag(
        name="advisors",
        description="Advisors of networks: the charter and the portfolio of organisations.",
    ),
    "consent": Tag(
        name="consent",
        description="An organisation's grants to networks and advisors, and its access log.",
    ),
    "reviews": Tag(name="reviews", description="Advisors' comments, threads and suggestions."),
    "statistics": Tag(
        name="statistics",
        description="Anonymous figures: regional statistics and benchmarks (k-anonymous).",
    ),
    "workshops": Tag(
        name="workshops",
        description="Live workshops: the facilitator's operations and the participants' phones.",
    ),
}

from . import (  # noqa: E402,F401
    advisors,
    assessments,
    consent,
    docs_views,
    organisations,
    plans,
    questionnaires,
    reviews,
    stakeholders,
    statistics,
    tokens,
    workshops,
)
from .auth import authenticate  # noqa: E402
from .query import refuse_repeated_parameters  # noqa: E402

# Who is calling comes first (401 before any 422), then the query string's shape.
api.before_request(authenticate)
api.before_request(refuse_repeated_parameters)
