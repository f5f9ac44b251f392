""" "Continue with my organisation": a participant's workshop answers become a draft assessment.

The workshop leads into the yearly cycle instead of ending with it. After signing in, the
participant picks (or creates) their organisation; the app then

1. starts an assessment of the full questionnaire the workshop's one stands for (`derived_from`,
   e.g. `gbp` for `gbp-express`; the questionnaire itself when the room answered a full one),
   pinned to its current version like any new assessment;
2. copies each workshop answer to the question(s) it stands for (`app.workshops.carry_over`),
   marked "to confirm": the organisation's members check them like last year's answers;
3. adds the categories the participant placed on the map as stakeholders of the organisation,
   with their influence and importance (unless the map already has one of that category).

Only the participant's own contributions are used, and only with the token their phone holds.
"""

from __future__ import annotations

from datetime import date

from flask_babel import gettext as _
from sqlalchemy import select

from app.extensions import db
from app.i18n import translate
from app.models import (
    Answer,
    Assessment,
    Participant,
    Stakeholder,
    User,
    WorkshopAnswer,
    WorkshopPlacement,
)
from app.scoring import AnswerInput
from app.workshops import carry_over

from . import (
    assessments,
    organisations,
    questionnaires,
    score_store,
    stakeholders,
    workshop_room,
)
from .errors import NotFound
from .stakeholders import StakeholderData


def claim(code: str, token: str | None) -> Participant:
    """The participant whose phone holds `token` in the workshop with `code`."""
    _workshop, participant = workshop_room.participant_for(code, token)
    return participant


def participant(participant_id: int, code: str) -> Participant:
    found = db.session.get(Participant, participant_id)
    if found is None or found.removed or found.workshop.code != code:
        raise NotFound()
    return found


def continue_with(user: User, participant_id: int, code: str, organisation_id: int) -> Assessment:
    """Start the organisation's draft assessment from the participant's workshop contributions."""
    found = participant(participant_id, code)
    organisation = organisations.membership(user, organisation_id, "contributor").organisation
    workshop = found.workshop
    short = workshop.questionnaire_version.questionnaire
    full_key = short.derived_from or short.id
    full = questionnaires.current_version(full_key).questionnaire
    assessment = assessments.start(
        user,
        organisation.id,
        full_key,
        year=date.today().year,
        label=_(
            "%(title)s (depuis l'atelier %(workshop)s)",
            title=translate(full.title),
            workshop=workshop.title,
        )[:120],
    )
    given = {
        a.question_id: AnswerInput(a.value, a.na)
        for a in db.session.scalars(
            select(WorkshopAnswer).where(WorkshopAnswer.participant_id == found.id)
        )
    }
    carried = carry_over(short, full, given) if short.derived_from else given
    applicable = assessments.get(user, assessment.id).applicable
    for question_id, answer in carried.items():
        if question_id in applicable:
            db.session.add(
                Answer(
                    assessment_id=assessment.id,
                    question_id=question_id,
                    value=answer.value,
                    na=answer.na,
                    updated_by_id=user.id,
                    to_confirm=True,
                )
            )
    _add_stakeholders(user, organisation.id, found)
    db.session.commit()
    score_store.refresh([assessment.id])
    return assessment


def _add_stakeholders(user: User, organisation_id: int, found: Participant) -> None:
    mapped = db.session.scalars(
        select(Stakeholder.category).where(Stakeholder.organisation_id == organisation_id)
    ).all()
    known = stakeholders.categories()
    for placement in db.session.scalars(
        select(WorkshopPlacement).where(WorkshopPlacement.participant_id == found.id)
    ):
        category = known.get(placement.category)
        if category is None or placement.category in mapped:
            continue
        stakeholders.create(
            user,
            organisation_id,
            StakeholderData(
                translate(category.label),
                category.id,
                placement.influence,
                placement.importance,
            ),
        )
