"""The action plan of an assessment."""

from __future__ import annotations

from typing import Any

from flask import Response, url_for
from flask_login import current_user

from app.services import actions
from app.services.actions import ActionData

from . import TAGS, api
from .docs_spec import FORBIDDEN
from .replies import no_content, renaming, reply
from .schemas import ActionCreate, ActionList, ActionOut, ActionPath, ActionUpdate, AssessmentPath
from .serializers import action_out

TAG = [TAGS["plans"]]
#: API field → service field.
RENAMED = {"theme": "theme_id", "question": "question_id"}
#: ... and back, for the errors.
API_NAMES = {service: api for api, service in RENAMED.items()}


def _service_fields(fields: dict[str, Any]) -> dict[str, Any]:
    return {RENAMED.get(name, name): value for name, value in fields.items()}


@api.get("/assessments/<int:assessment_id>/actions", tags=TAG, responses={200: ActionList})
def list_actions(path: AssessmentPath) -> Response:
    """The action plan, in order of priority."""
    _context, items = actions.list_for(current_user, path.assessment_id)
    return reply(ActionList(items=[action_out(a) for a in items]))


@api.post(
    "/assessments/<int:assessment_id>/actions",
    tags=TAG,
    responses={201: ActionOut, **FORBIDDEN},
)
@renaming(API_NAMES)
def create_action(path: AssessmentPath, body: ActionCreate) -> Response:
    """Add an action at the end of the plan (contributors and owners)."""
    data = ActionData(**_service_fields(body.model_dump()))
    created = actions.create(current_user, path.assessment_id, data)
    location = url_for("api.update_action", action_id=created.id)
    return reply(action_out(created), 201, {"Location": location})


@api.patch("/actions/<int:action_id>", tags=TAG, responses={200: ActionOut, **FORBIDDEN})
@renaming(API_NAMES)
def update_action(path: ActionPath, body: ActionUpdate) -> Response:
    """Change an action; fields not sent keep their value. `position` reorders the plan."""
    changes = _service_fields(body.model_dump(exclude_unset=True))
    position = changes.pop("position", None)
    changed = actions.update(current_user, path.action_id, changes)
    if position is not None:
        changed = actions.move_to(current_user, path.action_id, position)
    return reply(action_out(changed))


@api.delete("/actions/<int:action_id>", tags=TAG, responses={204: None, **FORBIDDEN})
def delete_action(path: ActionPath) -> Response:
    """Remove an action from the plan (the others close the gap)."""
    actions.delete(current_user, path.action_id)
    return no_content()
