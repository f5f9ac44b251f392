"""Stakeholders of an organisation, and the priorities of an assessment they weigh on."""

from __future__ import annotations

from flask import Response, url_for
from flask_login import current_user

from app.services import priorities, stakeholders
from app.services.stakeholders import StakeholderData

from . import TAGS, api
from .docs_spec import FORBIDDEN
from .replies import no_content, reply, service_errors
from .schemas import (
    AssessmentPath,
    OrganisationPath,
    PrioritiesOut,
    StakeholderCreate,
    StakeholderList,
    StakeholderOut,
    StakeholderPath,
    StakeholderUpdate,
)
from .serializers import priorities_out, stakeholder_out

TAG = [TAGS["stakeholders"]]


@api.get(
    "/organisations/<int:organisation_id>/stakeholders", tags=TAG, responses={200: StakeholderList}
)
def list_stakeholders(path: OrganisationPath) -> Response:
    """The organisation's stakeholders, the weightiest (influence × importance) first."""
    found = stakeholders.list_for(current_user, path.organisation_id)
    return reply(StakeholderList(items=[stakeholder_out(s) for s in found]))


@api.post(
    "/organisations/<int:organisation_id>/stakeholders",
    tags=TAG,
    responses={201: StakeholderOut, **FORBIDDEN},
)
@service_errors
def create_stakeholder(path: OrganisationPath, body: StakeholderCreate) -> Response:
    """Add a stakeholder (contributors and owners); themes and issues default to its category's."""
    created = stakeholders.create(
        current_user, path.organisation_id, StakeholderData(**body.model_dump())
    )
    location = url_for("api.update_stakeholder", stakeholder_id=created.id)
    return reply(stakeholder_out(created), 201, {"Location": location})


@api.patch(
    "/stakeholders/<int:stakeholder_id>", tags=TAG, responses={200: StakeholderOut, **FORBIDDEN}
)
@service_errors
def update_stakeholder(path: StakeholderPath, body: StakeholderUpdate) -> Response:
    """Change a stakeholder; fields not sent keep their value."""
    changed = stakeholders.update(
        current_user, path.stakeholder_id, body.model_dump(exclude_unset=True)
    )
    return reply(stakeholder_out(changed))


@api.delete("/stakeholders/<int:stakeholder_id>", tags=TAG, responses={204: None, **FORBIDDEN})
def delete_stakeholder(path: StakeholderPath) -> Response:
    """Remove a stakeholder from the map."""
    stakeholders.delete(current_user, path.stakeholder_id)
    return no_content()


@api.get(
    "/assessments/<int:assessment_id>/priorities",
    tags=[TAGS["plans"]],
    responses={200: PrioritiesOut},
)
def get_priorities(path: AssessmentPath) -> Response:
    """The assessment's themes ranked by priority, with the terms of the documented method.

    For each chosen theme with a score S and a weight W: salience σ = mean over the stakeholders
    linked to the theme of (influence × importance) / 25 (0 if none); priority = (100 − S) × W ×
    (1 + σ). Ranked by priority, ties by lower score, then by the questionnaire's order. Themes
    without a score are listed in `to_assess`.
    """
    return reply(priorities_out(priorities.for_assessment(current_user, path.assessment_id)))
