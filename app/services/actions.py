"""The action plan of an assessment: proposed from the priorities, written and followed by members.

Members read the plan; contributors and owners change it. `position` is the order of priority
(1 first) and stays a gapless sequence: adding appends, moving swaps, deleting closes the gap.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, fields
from datetime import date
from typing import Any

from flask_babel import gettext as _
from sqlalchemy import func, select

from app.extensions import db
from app.models import ACTION_STATUSES, Action, User
from app.models._base import utcnow
from app.priorities import Suggestion

from . import priorities as priorities_service
from .assessments import AssessmentContext, get
from .errors import Invalid, NotFound

TITLE_MAX_LENGTH = 200
SHORT_MAX_LENGTH = 200
OWNER_MAX_LENGTH = 120
DESCRIPTION_MAX_LENGTH = 5000


@dataclass
class ActionData:
    title: str
    description: str = ""
    theme_id: str | None = None
    question_id: str | None = None
    owner: str = ""
    due_date: date | None = None
    indicator: str = ""
    target: str = ""
    status: str = "todo"


def _text(value: Any, name: str, limit: int, errors: dict[str, str], required: bool = False) -> str:
    text = (value or "").strip() if isinstance(value, str) or value is None else None
    if text is None:
        errors[name] = _("Texte attendu.")
        return ""
    if required and not text:
        errors[name] = _("Indiquez un titre.")
    elif len(text) > limit:
        errors[name] = _("%(n)d caractères au plus.", n=limit)
    return text


def validate(context: AssessmentContext, data: ActionData) -> ActionData:
    """The cleaned data, or Invalid naming each bad field."""
    errors: dict[str, str] = {}
    title = _text(data.title, "title", TITLE_MAX_LENGTH, errors, required=True)
    description = _text(data.description, "description", DESCRIPTION_MAX_LENGTH, errors)
    owner = _text(data.owner, "owner", OWNER_MAX_LENGTH, errors)
    indicator = _text(data.indicator, "indicator", SHORT_MAX_LENGTH, errors)
    target = _text(data.target, "target", SHORT_MAX_LENGTH, errors)
    questionnaire = context.questionnaire
    theme_id = data.theme_id or None
    question_id = data.question_id or None
    if theme_id is not None and questionnaire.theme(theme_id) is None:
        errors["theme_id"] = _("Thème inconnu : %(ids)s.", ids=theme_id)
    if question_id is not None:
        found = questionnaire.question(question_id)
        if found is None:
            errors["question_id"] = _("Cette question ne fait pas partie de l'évaluation.")
        elif theme_id is None:
            theme_id = questionnaire.theme_of(question_id).id
        elif questionnaire.theme_of(question_id).id != theme_id:
            errors["question_id"] = _("Cette question n'est pas dans le thème choisi.")
    if data.due_date is not None and not isinstance(data.due_date, date):
        errors["due_date"] = _("Date invalide.")
    if data.status not in ACTION_STATUSES:
        errors["status"] = _("Choisissez un état de la liste.")
    if errors:
        raise Invalid(errors)
    return ActionData(
        title,
        description,
        theme_id,
        question_id,
        owner,
        data.due_date,
        indicator,
        target,
        data.status,
    )


def list_for(user: User, assessment_id: int) -> tuple[AssessmentContext, list[Action]]:
    context = get(user, assessment_id)
    return context, _plan(assessment_id)


def plan_of(context: AssessmentContext) -> list[Action]:
    """The plan of an assessment already read with access checked."""
    return _plan(context.assessment.id)


def _plan(assessment_id: int) -> list[Action]:
    return list(
        db.session.scalars(
            select(Action)
            .where(Action.assessment_id == assessment_id)
            .order_by(Action.position, Action.id)
        )
    )


def get_action(
    user: User, action_id: int, role: str = "viewer"
) -> tuple[AssessmentContext, Action]:
    action = db.session.get(Action, action_id)
    if action is None:
        raise NotFound()
    return get(user, action.assessment_id, role), action


def _next_position(assessment_id: int) -> int:
    last = db.session.scalar(
        select(func.max(Action.position)).where(Action.assessment_id == assessment_id)
    )
    return (last or 0) + 1


def create(
    user: User, assessment_id: int, data: ActionData, suggestion_key: str | None = None
) -> Action:
    context = get(user, assessment_id, "contributor")
    clean = validate(context, data)
    action = Action(
        assessment_id=assessment_id,
        position=_next_position(assessment_id),
        suggestion_key=suggestion_key,
        created_by_id=user.id,
        done_at=utcnow() if clean.status == "done" else None,
        **vars(clean),
    )
    db.session.add(action)
    db.session.commit()
    return action


def _open_suggestions(context: AssessmentContext, plan: list[Action]) -> list[Suggestion]:
    taken = {a.suggestion_key for a in plan if a.suggestion_key}
    found = priorities_service.of_context(context)
    return [s for s in priorities_service.suggestions(found) if s.key not in taken]


def open_suggestions(user: User, assessment_id: int) -> tuple[AssessmentContext, list[Suggestion]]:
    """Suggestions from the top areas that are not in the plan yet."""
    context = get(user, assessment_id)
    return context, _open_suggestions(context, _plan(assessment_id))


def plan_with_suggestions(
    user: User, assessment_id: int
) -> tuple[AssessmentContext, list[Action], list[Suggestion]]:
    """What the plan page shows: the plan, and the suggestions not taken yet."""
    context = get(user, assessment_id)
    plan = _plan(assessment_id)
    return context, plan, _open_suggestions(context, plan)


def accept(user: User, assessment_id: int, key: str, locale: str | None) -> Action:
    """Put a suggested action in the plan, in the user's language (editable afterwards)."""
    context = get(user, assessment_id, "contributor")
    available = _open_suggestions(context, _plan(assessment_id))
    suggestion = next((s for s in available if s.key == key), None)
    if suggestion is None:
        raise Invalid({"suggestion": _("Cette suggestion n'est plus proposée.")})
    data = ActionData(
        title=suggestion.title.get(locale)[:TITLE_MAX_LENGTH],
        description=suggestion.description.get(locale) if suggestion.description else "",
        theme_id=suggestion.theme_id,
        question_id=suggestion.question_id,
    )
    return create(user, assessment_id, data, suggestion_key=key)


def update(user: User, action_id: int, changes: Mapping[str, Any]) -> Action:
    """Change the given fields; the others keep their value."""
    context, action = get_action(user, action_id, "contributor")
    names = {f.name for f in fields(ActionData)}
    unknown = set(changes) - names
    if unknown:
        raise Invalid({name: _("Champ inconnu.") for name in sorted(unknown)})
    current = {name: getattr(action, name) for name in names}
    clean = validate(context, ActionData(**{**current, **changes}))
    if clean.status != action.status:
        action.done_at = utcnow() if clean.status == "done" else None
    for name, value in vars(clean).items():
        setattr(action, name, value)
    db.session.commit()
    return action


def move_to(user: User, action_id: int, position: int) -> Action:
    """Put an action at `position` (1 first; past the end means last), the others following."""
    _context, action = get_action(user, action_id, "contributor")
    plan = [a for a in _plan(action.assessment_id) if a.id != action.id]
    plan.insert(max(0, min(position - 1, len(plan))), action)
    for index, item in enumerate(plan, start=1):
        item.position = index
    db.session.commit()
    return action


def move(user: User, action_id: int, offset: int) -> Action:
    """Move an action up (-1) or down (+1) in the order of priority."""
    _context, action = get_action(user, action_id, "contributor")
    return move_to(user, action_id, action.position + offset)


def delete(user: User, action_id: int) -> int:
    """Remove an action; returns its assessment's id."""
    _context, action = get_action(user, action_id, "contributor")
    assessment_id = action.assessment_id
    db.session.delete(action)
    db.session.flush()
    for position, item in enumerate(_plan(assessment_id), start=1):
        item.position = position
    db.session.commit()
    return assessment_id
