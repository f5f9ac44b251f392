"""API v1 views: parse JSON, call one service, return JSON."""

from __future__ import annotations

from typing import Any

from flask import jsonify, request
from flask.typing import ResponseReturnValue
from flask_babel import gettext as _
from flask_login import current_user, login_required

from app.assessments.presenters import answer_json
from app.services import answers, assessments
from app.services.answers import Submission
from app.services.errors import Conflict, Invalid

from . import bp
from .problems import problem
from .serializers import scores_json


def _body() -> dict[str, Any]:
    data = request.get_json(silent=True)
    if not isinstance(data, dict):
        raise Invalid({"body": _("Le corps de la requête doit être un objet JSON.")})
    return data


def _typed(data: dict[str, Any], name: str, kinds: tuple[type, ...], default: Any) -> Any:
    value = data.get(name)
    if value is None:
        return default
    if not isinstance(value, kinds) or (bool not in kinds and isinstance(value, bool)):
        raise Invalid({name: _("Type de valeur incorrect.")})
    return value


def _invalid(exc: Invalid) -> ResponseReturnValue:
    return problem(
        422, _("Données invalides"), _("Corrigez les champs indiqués."), errors=exc.errors
    )


def _conflict(exc: Conflict) -> ResponseReturnValue:
    return problem(
        409,
        _("Conflit"),
        _("Quelqu'un d'autre a modifié cette réponse entre-temps."),
        current=answer_json(exc.subject, exc.current),
    )


@bp.route("/assessments/<int:assessment_id>/answers/<question_id>", methods=["PUT"])
@login_required
def put_answer(assessment_id: int, question_id: str) -> ResponseReturnValue:
    try:
        data = _body()
        submission = Submission(
            question_id=question_id,
            value=data.get("value"),
            na=_typed(data, "na", (bool,), False),
            comment=_typed(data, "comment", (str,), ""),
            base_version=_typed(data, "version", (int,), None),
        )
        saved, question = answers.save(current_user, assessment_id, submission)
    except Invalid as exc:
        return _invalid(exc)
    except Conflict as exc:
        return _conflict(exc)
    return jsonify(answer_json(question, saved))


@bp.route("/assessments/<int:assessment_id>/answers/<question_id>", methods=["DELETE"])
@login_required
def delete_answer(assessment_id: int, question_id: str) -> ResponseReturnValue:
    try:
        version = request.args.get("version")
        base = int(version) if version and version.isdigit() else None
        saved, question = answers.clear(current_user, assessment_id, question_id, base)
    except Invalid as exc:
        return _invalid(exc)
    except Conflict as exc:
        return _conflict(exc)
    return jsonify(answer_json(question, saved))


@bp.route("/assessments/<int:assessment_id>/scores")
@login_required
def scores(assessment_id: int) -> ResponseReturnValue:
    context = assessments.get(current_user, assessment_id)
    return jsonify(scores_json(context.score()))
