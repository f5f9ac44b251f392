"""Demo data for development: a newcomer sees a real organisation with results at once.

Created once (a second `make run` finds the demo user and changes nothing); never in production
(the CLI refuses unless the configuration allows demo data).
"""

from __future__ import annotations

from datetime import date

from app.models import User
from app.questionnaires import Question

from . import (
    accounts,
    actions,
    answers,
    assessments,
    demo_network,
    organisations,
    questionnaires,
    stakeholders,
    workshop_room,
    workshops,
)
from .actions import ActionData
from .answers import Submission
from .organisations import OrganisationData
from .stakeholders import StakeholderData
from .workshop_room import JoinData
from .workshops import WorkshopData

DEMO_EMAIL = "demo@example.org"
DEMO_PASSWORD = "ecotone-demo"  # noqa: S105 - published in the README, development only
DEMO_ORGANISATION = "La Fabrique Solidaire (démo)"
#: Share of each theme's questions answered, theme by theme (the last ones are left to do).
_ANSWERED_SHARE = (1.0, 1.0, 1.0, 0.8, 0.6, 0.5, 0.0, 0.0)


def load() -> bool:
    """Create the demo data; False if it already exists.

    NotFound when the Guide questionnaire is not loaded yet (checked first, so that nothing is
    half-created).
    """
    questionnaires.current_version("gbp")
    user = accounts.find_user(DEMO_EMAIL)
    if user is not None:  # created by an earlier run: only what later versions added
        found = [m.organisation for m in organisations.memberships_of(user)]
        demo = next((o for o in found if o.name == DEMO_ORGANISATION), None)
        return demo is not None and demo_network.load(user, demo)
    user = accounts.create_user(DEMO_EMAIL, DEMO_PASSWORD, "Camille Démo", locale="fr")
    organisation = organisations.create_organisation(
        user,
        OrganisationData(
            name=DEMO_ORGANISATION,
            legal_form="association",
            region="pays-de-la-loire",
            headcount_band="10-49",
            has_volunteers=True,
        ),
    )
    assessment = assessments.start(
        user,
        organisation.id,
        "gbp",
        year=date.today().year,
        label=f"Revue des pratiques {date.today().year}",
        pilot_name="Camille Démo",
    )
    _answer_some(user, assessment.id)
    _map_stakeholders(user, organisation.id)
    _plan_some(user, assessment.id)
    _run_workshop(user)
    demo_network.load(user, organisation)
    return True


#: (pseudonym, level offset) of the demo workshop's participants.
_PARTICIPANTS = (("Awa", 0), ("Bruno", 1), ("Chloé", 2), ("", 1), ("Djamel", 3), ("Élise", 2))


def _run_workshop(user: User) -> None:
    """A workshop that went through its phases, so the control room, the projector and the
    synthesis show something at once."""
    workshop = workshops.create(
        user, WorkshopData("Atelier Guide des bonnes pratiques (démo)", place="Nantes")
    )
    people = [workshop_room.join(workshop.code, JoinData(name))[1] for name, _ in _PARTICIPANTS]
    questionnaire = workshop.questionnaire_version.questionnaire
    phases = (("diagnosis", _answer), ("map", _place), ("vote", _vote))
    for phase, act in phases:
        workshops.set_phase(user, workshop.id, phase)
        for (_, offset), participant in zip(_PARTICIPANTS, people, strict=True):
            act(workshop, participant, questionnaire, offset)
    workshops.set_phase(user, workshop.id, "synthesis")


def _answer(workshop, participant, questionnaire, offset: int) -> None:  # noqa: ANN001
    for index, question in enumerate(questionnaire.questions()):
        level = (index + offset) % (question.max_level + 1)
        workshop_room.save_answer(workshop, participant, question.id, level)


def _place(workshop, participant, questionnaire, offset: int) -> None:  # noqa: ANN001
    for index, category in enumerate(workshop.categories):
        influence, importance = 1 + (index + offset) % 5, 1 + (2 * index + offset) % 5
        workshop_room.place(workshop, participant, category, influence, importance)


def _vote(workshop, participant, questionnaire, offset: int) -> None:  # noqa: ANN001
    themes = [t.id for t in questionnaire.themes]
    workshop_room.vote(
        workshop, participant, {themes[offset % 3]: 2, themes[(offset + 4) % len(themes)]: 1}
    )


#: (name, category, influence, importance, dialogue) of the demo's stakeholder map.
_STAKEHOLDERS = (
    ("Équipe salariée", "salaries", 4, 5, "concertation"),
    ("Bénévoles", "benevoles", 3, 4, "consultation"),
    ("Adhérents", "membres", 5, 4, "information"),
    ("Personnes accompagnées", "usagers", 2, 5, "consultation"),
    ("Région", "financeurs-publics", 5, 3, "information"),
    ("Mairie", "collectivites", 4, 3, "concertation"),
    ("Fournisseurs locaux", "fournisseurs", 1, 2, "none"),
)


def _map_stakeholders(user: User, organisation_id: int) -> None:
    for name, category, influence, importance, dialogue in _STAKEHOLDERS:
        stakeholders.create(
            user,
            organisation_id,
            StakeholderData(name, category, influence, importance, dialogue=dialogue),
        )


def _plan_some(user: User, assessment_id: int) -> None:
    """Two suggestions accepted, one action of the organisation's own, one already done."""
    _context, suggestions = actions.open_suggestions(user, assessment_id)
    for suggestion in suggestions[:2]:
        actions.accept(user, assessment_id, suggestion.key, "fr")
    actions.create(
        user,
        assessment_id,
        ActionData(
            "Présenter la revue des pratiques à l'assemblée générale",
            owner="Camille Démo",
            due_date=date(date.today().year, 6, 30),
            theme_id="gouvernance",
            indicator="Présentation faite",
            target="Chaque année",
        ),
    )
    actions.create(
        user, assessment_id, ActionData("Nommer un pilote de la démarche", status="done")
    )


def _answer_some(user: User, assessment_id: int) -> None:
    """Plausible answers: varied levels, one "non concerné", a few comments."""
    context = assessments.get(user, assessment_id)
    for theme_index, theme in enumerate(context.questionnaire.themes):
        questions = [q for q in theme.questions if q.id in context.applicable]
        share = _ANSWERED_SHARE[theme_index % len(_ANSWERED_SHARE)]
        for index, question in enumerate(questions[: round(len(questions) * share)]):
            seed = theme_index * 7 + index * 3
            value, na = _value_for(question, seed)
            comment = "Point discuté en bureau." if seed % 5 == 0 else ""
            answers.save(user, assessment_id, Submission(question.id, value, na, comment))


def _value_for(question: Question, seed: int) -> tuple[object, bool]:
    if question.allow_na and seed % 11 == 0:
        return None, True
    if question.type == "scale":
        return 1 + seed % question.max_level, False
    if question.type == "yes_partial_no":
        return ("yes", "partial", "no")[seed % 3], False
    if question.type == "choice":
        return question.options[seed % len(question.options)].id, False
    if question.type == "number":
        low = question.min if question.min is not None else 0
        high = question.max if question.max is not None else low + 100
        return round(low + (high - low) * ((seed % 10) / 10)), False
    return "Nous avons commencé à en parler lors de la dernière assemblée générale.", False
