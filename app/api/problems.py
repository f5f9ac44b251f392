"""`application/problem+json` bodies (RFC 9457)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from flask import Response, json

PROBLEM_TYPES = {
    400: "bad-request",
    401: "unauthorized",
    403: "forbidden",
    404: "not-found",
    405: "method-not-allowed",
    409: "conflict",
    413: "payload-too-large",
    415: "unsupported-media-type",
    422: "validation-error",
    429: "too-many-requests",
    500: "server-error",
}


def problem(
    status: int,
    title: str,
    detail: str = "",
    *,
    errors: Mapping[str, str] | None = None,
    **extra: Any,
) -> Response:
    body: dict[str, Any] = {
        "type": f"/api/problems/{PROBLEM_TYPES.get(status, 'error')}",
        "title": title,
        "status": status,
        "detail": detail,
    }
    if errors:
        body["errors"] = [{"field": field, "message": message} for field, message in errors.items()]
    body.update(extra)
    return Response(json.dumps(body), status=status, mimetype="application/problem+json")
