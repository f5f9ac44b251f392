"""What the OpenAPI document says about authentication and errors, common to every operation."""

from __future__ import annotations

from typing import Any

from flask_openapi3 import OpenAPI
from flask_openapi3.models import Schema

from .problems import MEDIA_TYPE, Problem

SECURITY_SCHEMES: dict[str, Any] = {
    "bearerToken": {
        "type": "http",
        "scheme": "bearer",
        "description": "A token from `POST /api/v1/tokens`: `Authorization: Bearer eco_...`.",
    },
    "participantToken": {
        "type": "http",
        "scheme": "bearer",
        "description": "A workshop participant's token, from joining: `Bearer wk_...`.",
    },
    "browserSession": {
        "type": "apiKey",
        "in": "cookie",
        "name": "session",
        "description": (
            "The web pages' session cookie. Requests that change something must also send the "
            "page's CSRF token in an `X-CSRFToken` header."
        ),
    },
}
#: Either a bearer token or the browser session.
SECURITY: list[dict[str, list[str]]] = [{"bearerToken": []}, {"browserSession": []}]
PUBLIC: list[dict[str, list[str]]] = [{}]


def problem_response(description: str, headers: dict[str, Any] | None = None) -> dict[str, Any]:
    response: dict[str, Any] = {
        "description": description,
        "content": {MEDIA_TYPE: {"schema": {"$ref": "#/components/schemas/Problem"}}},
    }
    if headers:
        response["headers"] = headers
    return response


RETRY_AFTER = {
    "Retry-After": {"description": "Seconds to wait.", "schema": {"type": "integer"}},
}

COMMON_RESPONSES: dict[int, Any] = {
    400: problem_response("Malformed request, or missing CSRF token with a browser session."),
    401: problem_response(
        "Missing, unknown, expired or revoked token.",
        {"WWW-Authenticate": {"description": "Bearer", "schema": {"type": "string"}}},
    ),
    404: problem_response("Not found, or not yours to see (no difference is made)."),
    414: {
        "description": (
            "Request line too long (over 4 KB): refused by the HTTP server (gunicorn) before the "
            "application sees it, with a short HTML page."
        ),
        "content": {"text/html": {"schema": {"type": "string"}}},
    },
    422: problem_response("Invalid input: `errors` names each bad field."),
}

FORBIDDEN = {403: problem_response("Your role in this organisation does not allow this.")}
CONFLICT = {409: problem_response("Someone changed it since your version: `current` is stored.")}
TOO_MANY = {429: problem_response("Too many attempts: wait `Retry-After` seconds.", RETRY_AFTER)}


def register_schemas(app: OpenAPI) -> None:
    """Put the Problem schema (and what it refers to) in the document's components."""
    schema = Problem.model_json_schema(ref_template="#/components/schemas/{model}")
    for name, definition in schema.pop("$defs", {}).items():
        app.components_schemas[name] = Schema(**definition)
    app.components_schemas["Problem"] = Schema(**schema)
