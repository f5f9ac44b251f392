"""`application/problem+json` bodies (RFC 9457), and how request validation errors become one.

Every error of the API is a problem: `type`, `title`, `status`, `detail`, and for invalid input an
`errors` list naming each bad field, in the language of the request (the user's choice, or
Accept-Language).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from flask import Response, json
from flask_babel import gettext as _
from pydantic import BaseModel, ConfigDict, ValidationError

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
MEDIA_TYPE = "application/problem+json"


class FieldError(BaseModel):
    field: str
    message: str


class Problem(BaseModel):
    """An error (RFC 9457). A 409 on an answer also carries `current`: the answer as stored now."""

    model_config = ConfigDict(extra="allow")

    type: str
    title: str
    status: int
    detail: str
    errors: list[FieldError] | None = None


def problem(
    status: int,
    title: str,
    detail: str = "",
    *,
    errors: Mapping[str, str] | None = None,
    headers: Mapping[str, str] | None = None,
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
    return Response(json.dumps(body), status=status, mimetype=MEDIA_TYPE, headers=headers)


def invalid(errors: Mapping[str, str]) -> Response:
    return problem(422, _("Données invalides"), _("Corrigez les champs indiqués."), errors=errors)


def _message(error: Mapping[str, Any]) -> str:
    """A pydantic error in the user's language (pydantic only speaks English)."""
    ctx = error.get("ctx") or {}
    match error["type"]:
        case "missing":
            return _("Champ obligatoire.")
        case "extra_forbidden":
            return _("Champ inconnu.")
        case "int_type" | "int_parsing" | "int_from_float":
            return _("Nombre entier attendu.")
        case "float_type" | "float_parsing":
            return _("Nombre attendu.")
        case "bool_type" | "bool_parsing":
            return _("true ou false attendu.")
        case "string_type":
            return _("Texte attendu.")
        case "list_type":
            return _("Liste attendue.")
        case "model_type" | "model_attributes_type" | "dict_type":
            return _("Objet JSON attendu.")
        case "date_type" | "date_parsing" | "date_from_datetime_parsing":
            return _("Date attendue, au format AAAA-MM-JJ.")
        case "nul_character":
            return _("Caractère nul (U+0000) interdit.")
        case "string_pattern_mismatch":
            return _("Identifiant invalide : lettres minuscules, chiffres, - et _.")
        case "literal_error" | "enum":
            return _("Valeur non autorisée : %(expected)s.", expected=ctx.get("expected", ""))
        case "string_too_long":
            return _("%(n)d caractères au plus.", n=ctx.get("max_length", 0))
        case "string_too_short":
            return _("Au moins %(n)d caractères.", n=ctx.get("min_length", 0))
        case "greater_than_equal":
            return _("Au moins %(n)s.", n=ctx.get("ge"))
        case "less_than_equal":
            return _("Au plus %(n)s.", n=ctx.get("le"))
    return str(error.get("msg", _("Valeur invalide.")))


def validation_problem(exc: ValidationError) -> Response:
    """flask-openapi3's hook: a request that does not match its documented schema.

    Each error is reported under its top-level field (`themes`, not `themes.3`), the body itself
    as `body`. A value that fits none of a field's types (`true` for an answer) gives one error
    per type: the field then gets one general message.
    """
    found: dict[str, list[str]] = {}
    for error in exc.errors(include_url=False):
        location = error["loc"]
        found.setdefault(str(location[0]) if location else "body", []).append(_message(error))
    return invalid(
        {
            field: messages[0] if len(messages) == 1 else _("Type de valeur incorrect.")
            for field, messages in found.items()
        }
    )
