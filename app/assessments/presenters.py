"""How answers and scores read on screen, in the user's language."""

from __future__ import annotations

from typing import Any

from flask_babel import format_decimal
from flask_babel import gettext as _

from app.i18n import datetime_short, translate
from app.models import Answer
from app.models._base import as_utc
from app.questionnaires import Question


def answer_text(question: Question, value: Any, na: bool) -> str:
    """An answer as a sentence fragment: "Niveau 3 sur 4 : Établi", "En partie", "12 %"..."""
    if na:
        return _("Non concerné")
    if value is None:
        return _("Sans réponse")
    if question.type == "scale" and isinstance(value, int) and 0 <= value <= question.max_level:
        level = (question.levels or [])[value]
        return _(
            "Niveau %(k)d sur %(n)d : %(label)s",
            k=value,
            n=question.max_level,
            label=translate(level.label),
        )
    if question.type == "yes_partial_no":
        return {"yes": _("Oui"), "partial": _("En partie"), "no": _("Non")}.get(value, str(value))
    if question.type == "choice":
        option = question.option(value) if isinstance(value, str) else None
        return translate(option.label) if option else str(value)
    if question.type == "number" and isinstance(value, int | float):
        unit = translate(question.unit) if question.unit else ""
        return f"{format_decimal(value)} {unit}".strip()
    return str(value)


def answer_json(question: Question, answer: Answer | None) -> dict[str, Any] | None:
    """An answer as the API and the autosave script see it."""
    if answer is None:
        return None
    return {
        "question_id": answer.question_id,
        "value": answer.value,
        "na": answer.na,
        "comment": answer.comment,
        "version": answer.version,
        "answered": answer.answered,
        "updated_at": as_utc(answer.updated_at).isoformat(),
        "updated_by": answer.updated_by.display_name if answer.updated_by else None,
        "display": answer_text(question, answer.value, answer.na),
        "updated_at_display": datetime_short(answer.updated_at),
    }
