"""JSON responses from response models, and service errors as problems."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from functools import wraps
from typing import ParamSpec

from flask import Response, json
from flask_babel import gettext as _
from pydantic import BaseModel

from app.services.errors import Invalid

from .problems import invalid, problem

P = ParamSpec("P")


def reply(
    model: BaseModel, status: int = 200, headers: Mapping[str, str] | None = None
) -> Response:
    body = json.dumps(model.model_dump(mode="json"))
    return Response(body, status=status, mimetype="application/json", headers=headers)


def no_content() -> Response:
    return Response(status=204)


def conflict(current: BaseModel | None) -> Response:
    return problem(
        409,
        _("Conflit"),
        _("Quelqu'un d'autre a modifié cette réponse entre-temps."),
        current=current.model_dump(mode="json") if current is not None else None,
    )


def service_errors(view: Callable[P, Response]) -> Callable[P, Response]:
    """Invalid → 422 naming each field (NotFound, Forbidden... go to the app's error handlers)."""
    return renaming({})(view)


def renaming(fields: Mapping[str, str]) -> Callable[[Callable[P, Response]], Callable[P, Response]]:
    """Like `service_errors`, for views whose fields the service names otherwise (`theme_id` in the
    service is `theme` in the API): errors name the fields the client sent."""

    def decorator(view: Callable[P, Response]) -> Callable[P, Response]:
        @wraps(view)
        def wrapper(*args: P.args, **kwargs: P.kwargs) -> Response:
            try:
                return view(*args, **kwargs)
            except Invalid as exc:
                return invalid({fields.get(k, k): v for k, v in exc.errors.items()})

        return wrapper

    return decorator
