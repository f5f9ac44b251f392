"""Demo data for the advisors' side: a CRESS, its advisor, the demo organisation's consent, and
a few comparable organisations so that the benchmark and the regional dashboard show figures.

Created once, like the rest of the demo data (development only); the advisor accepts the charter
themselves on first login, as a real one would.
"""

from __future__ import annotations

from datetime import date

from app.extensions import db
from app.models import Answer, Assessment, Organisation, User

from . import accounts, grants, networks, questionnaires, score_store
from .grants import GrantData

ADVISOR_EMAIL = "conseil@example.org"
ADVISOR_PASSWORD = "ecotone-demo"  # noqa: S105 - published in the README, development only
NETWORK_NAME = "CRESS Pays de la Loire (démo)"
#: Comparable organisations (association, 10–49 employees, same region) and their usual level.
_PEERS = (1, 2, 2, 3, 1, 2, 3)


def load(owner: User, organisation: Organisation) -> bool:
    """Create the advisors' demo data around the demo organisation; False if it exists."""
    if accounts.find_user(ADVISOR_EMAIL) is not None:
        return False
    network = networks.create(NETWORK_NAME, [organisation.region], "cress")
    advisor = accounts.create_user(ADVISOR_EMAIL, ADVISOR_PASSWORD, "Dominique Conseil")
    networks.add_advisor(network.id, advisor.email, admin=True)
    grants.grant(owner, organisation.id, GrantData(network_id=network.id, scope="full"))
    grants.set_anonymous_statistics(owner, organisation.id, True)
    _peers(organisation)
    return True


def _peers(like: Organisation) -> None:
    version = questionnaires.current_version("gbp")
    questionnaire = version.questionnaire
    created: list[int] = []
    for index, level in enumerate(_PEERS, start=1):
        peer = Organisation(
            name=f"Association comparable {index} (démo)",
            legal_form=like.legal_form,
            region=like.region,
            headcount_band=like.headcount_band,
            has_volunteers=True,
            anonymous_statistics=True,
        )
        assessment = Assessment(
            organisation=peer,
            questionnaire_version=version,
            label=f"Revue {date.today().year}",
            year=date.today().year,
            themes=[t.id for t in questionnaire.themes],
        )
        db.session.add_all([peer, assessment])
        for position, question in enumerate(questionnaire.questions()):
            if question.type == "scale":
                value = min(question.max_level, max(0, level + (position + index) % 3 - 1))
                db.session.add(Answer(assessment=assessment, question_id=question.id, value=value))
        db.session.flush()
        created.append(assessment.id)
    db.session.commit()
    score_store.refresh(created)
