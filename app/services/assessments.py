"""Assessments: starting one, reading it with its pinned questionnaire, scoring it.

Saving answers lives in `answers.py`. Every function takes the acting user and checks that they
belong to the assessment's organisation with a sufficient role.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from datetime import date

from flask_babel import gettext as _
from sqlalchemy import Select, select
from sqlalchemy.orm import selectinload

from app.extensions import db
from app.models import Answer, Assessment, Membership, Organisation, User
from app.questionnaires import Questionnaire
from app.questionnaires.applicability import applicable_questions
from app.scoring import AssessmentScore, score

from . import score_store
from .access import AdvisorView, advisor_view
from .errors import Invalid, NotFound
from .organisations import membership
from .pagination import Page, paginate
from .questionnaires import current_version

LABEL_MAX_LENGTH = 120


@dataclass
class AssessmentContext:
    """An assessment as one member may see it: the pinned questionnaire and what applies."""

    assessment: Assessment
    membership: Membership
    questionnaire: Questionnaire
    applicable: set[str]
    #: Set when an advisor reads it through a grant (the membership is then a stand-in viewer).
    advisor: AdvisorView | None = None

    @property
    def organisation(self) -> Organisation:
        return self.assessment.organisation

    @property
    def can_answer(self) -> bool:
        return self.advisor is None and self.membership.allows("contributor")

    @property
    def shows_answers(self) -> bool:
        """Members see the answers; an advisor only with a "full" grant."""
        return self.advisor is None or self.advisor.full

    @property
    def to_confirm(self) -> list[str]:
        """Questions whose answer was copied from last cycle and not confirmed yet."""
        return [a.question_id for a in self.assessment.answers if a.to_confirm]

    def answers(self) -> dict[str, Answer]:
        return {a.question_id: a for a in self.assessment.answers}

    def score(self) -> AssessmentScore:
        inputs = {a.question_id: a.as_input() for a in self.assessment.answers}
        return score(self.questionnaire, inputs, self.applicable)


def _context(
    assessment: Assessment, member: Membership, advisor: AdvisorView | None = None
) -> AssessmentContext:
    questionnaire = assessment.questionnaire_version.questionnaire
    applicable = applicable_questions(
        questionnaire, assessment.organisation.profile, assessment.themes
    )
    return AssessmentContext(assessment, member, questionnaire, applicable, advisor)


def public_context(assessment: Assessment) -> AssessmentContext:
    """An assessment read for its organisation's public page (whose owner chose what shows):
    no member is acting, so no role applies."""
    return _context(
        assessment, Membership(role="viewer", organisation_id=assessment.organisation_id)
    )


def get(user: User, assessment_id: int, role: str = "viewer") -> AssessmentContext:
    """The assessment if the user's membership of its organisation allows `role`."""
    assessment = db.session.get(Assessment, assessment_id)
    if assessment is None:
        raise NotFound()
    return _context(assessment, membership(user, assessment.organisation_id, role))


def read(
    user: User, assessment_id: int, *, need: str = "results", what: str = "results"
) -> AssessmentContext:
    """The assessment for reading: by a member of its organisation, or by an advisor whose grant
    allows `need` ("results" or "full"; the view is then written to the access log as `what`)."""
    assessment = db.session.get(Assessment, assessment_id)
    if assessment is None:
        raise NotFound()
    try:
        return _context(assessment, membership(user, assessment.organisation_id, "viewer"))
    except NotFound:
        pass
    view = advisor_view(
        user, assessment.organisation_id, need=need, what=what, assessment_id=assessment_id
    )
    stand_in = Membership(role="viewer", organisation_id=assessment.organisation_id)
    return _context(assessment, stand_in, view)


def _organisation_assessments(organisation_id: int) -> Select[tuple[Assessment]]:
    return (
        select(Assessment)
        .where(Assessment.organisation_id == organisation_id)
        .options(selectinload(Assessment.answers), selectinload(Assessment.questionnaire_version))
        .order_by(Assessment.year.desc(), Assessment.id.desc())
    )


def list_for_organisation(
    user: User, organisation_id: int
) -> list[tuple[AssessmentContext, AssessmentScore]]:
    """The organisation's assessments, newest first, each with its scores."""
    member = membership(user, organisation_id, "viewer")
    contexts = [
        _context(a, member) for a in db.session.scalars(_organisation_assessments(organisation_id))
    ]
    return [(c, c.score()) for c in contexts]


def page_for_organisation(
    user: User, organisation_id: int, page: int, per_page: int
) -> Page[tuple[AssessmentContext, AssessmentScore]]:
    """The same, one page at a time."""
    member = membership(user, organisation_id, "viewer")
    found = paginate(_organisation_assessments(organisation_id), page, per_page)
    return found.map(lambda a: _context(a, member)).map(lambda c: (c, c.score()))


def _clean_settings(
    questionnaire: Questionnaire, label: str, pilot_name: str, themes: Collection[str] | None
) -> tuple[str, str, list[str]]:
    errors: dict[str, str] = {}
    label = (label or "").strip()
    if len(label) > LABEL_MAX_LENGTH:
        errors["label"] = _("%(n)d caractères au plus.", n=LABEL_MAX_LENGTH)
    pilot_name = (pilot_name or "").strip()
    if len(pilot_name) > LABEL_MAX_LENGTH:
        errors["pilot_name"] = _("%(n)d caractères au plus.", n=LABEL_MAX_LENGTH)
    all_ids = [t.id for t in questionnaire.themes]
    chosen = all_ids if themes is None else [t for t in all_ids if t in set(themes)]
    unknown = set(themes or ()) - set(all_ids)
    if unknown:
        errors["themes"] = _("Thème inconnu : %(ids)s.", ids=", ".join(sorted(unknown)))
    elif not chosen:
        errors["themes"] = _("Choisissez au moins un thème.")
    if errors:
        raise Invalid(errors)
    return label, pilot_name, chosen


def start(
    user: User,
    organisation_id: int,
    questionnaire_key: str,
    *,
    year: int | None = None,
    label: str = "",
    pilot_name: str = "",
    themes: Collection[str] | None = None,
) -> Assessment:
    """Start an assessment on the current version of a questionnaire, which it pins for good."""
    member = membership(user, organisation_id, "contributor")
    try:
        version = current_version(questionnaire_key)
    except NotFound:
        raise Invalid({"questionnaire": _("Questionnaire inconnu.")}) from None
    year = year if year is not None else date.today().year
    if not 2000 <= year <= 2100:
        raise Invalid({"year": _("Année entre 2000 et 2100.")})
    questionnaire = version.questionnaire
    label, pilot_name, chosen = _clean_settings(questionnaire, label, pilot_name, themes)
    assessment = Assessment(
        organisation_id=member.organisation_id,
        questionnaire_version=version,
        label=label or f"{questionnaire.title.get('fr')} {year}",
        year=year,
        pilot_name=pilot_name,
        themes=chosen,
        created_by_id=user.id,
    )
    db.session.add(assessment)
    db.session.commit()
    score_store.refresh([assessment.id])
    return assessment


def update_settings(
    user: User,
    assessment_id: int,
    *,
    label: str,
    pilot_name: str,
    themes: Collection[str],
) -> Assessment:
    """Rename, change the pilot or the themes of this cycle (answers to other themes are kept)."""
    context = get(user, assessment_id, "contributor")
    label, pilot_name, chosen = _clean_settings(context.questionnaire, label, pilot_name, themes)
    assessment = context.assessment
    assessment.label = label or assessment.label
    assessment.pilot_name = pilot_name
    assessment.themes = chosen
    db.session.commit()
    score_store.refresh([assessment.id])
    return assessment


def delete(user: User, assessment_id: int) -> int:
    """Delete an assessment and its answers; returns its organisation's id. Owners only."""
    context = get(user, assessment_id, "owner")
    organisation_id = context.assessment.organisation_id
    db.session.delete(context.assessment)
    db.session.commit()
    return organisation_id
