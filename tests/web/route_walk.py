"""Walking every route of the app as someone who should not get in.

The walks go through `app.url_map`, so a new route is covered (or must be classified) as soon as it
is added: they fail on a route they do not know how to reach. `victim` is an organisation with one
of everything (assessment, answers, stakeholder, action, workshop, grant, comment...), owned by
someone else than the walker.
"""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from app.extensions import db
from app.models import (
    Action,
    Assessment,
    Comment,
    Grant,
    Invitation,
    Membership,
    Organisation,
    Participant,
    Stakeholder,
    Suggestion,
    Workshop,
)
from app.services import (
    actions,
    answers,
    grants,
    invitations,
    networks,
    public_pages,
    stakeholders,
    workshops,
)
from app.services.actions import ActionData
from app.services.answers import Submission
from app.services.grants import GrantData
from app.services.stakeholders import StakeholderData
from app.services.workshop_room import JoinData, join
from app.services.workshops import WorkshopData

PARTICIPANT_ENDPOINTS = {
    "api.join_workshop",
    "api.get_workshop_state",
    "api.get_my_workshop",
    "api.save_workshop_answer",
    "api.place_workshop_category",
    "api.cast_workshop_votes",
}
#: Routes that are not about one organisation's data: reachable by anyone (or by one's own
#: session), or guarded by a secret token rather than by membership.
NOT_ORGANISATION_SCOPED = {
    "static",
    "main.home",
    "main.set_language",
    "main.healthz",
    "main.plotly_bundle",
    "auth.register",
    "auth.login",
    "auth.logout",
    "auth.account",
    "auth.api_tokens",
    "auth.revoke_api_token",
    "auth.forgot_password",
    "auth.reset_password",
    "organisations.new",
    "organisations.invitation",
    "publishing.public",
    "api_docs.openapi_json",
    "api_docs.reference",
    "api.create_token",
    "api.list_tokens",
    "api.revoke_token",
    "api.list_organisations",
    "api.create_organisation",
    "api.list_questionnaires",
    "api.get_questionnaire",
    "api.list_workshops",
    "api.create_workshop",
    "room.enter",
    "room.join",
    "room.continue_with_organisation",  # the participant's token proves who they are
    "room.choose_organisation",  # only after that proof, kept in the session
    "facilitation.index",
    "facilitation.new",
    # The advisor's own pages (their portfolio shows only what was granted to them: tested in
    # test_advisors and test_advisor_access), and the networks they belong to.
    "advisors.charter",
    "advisors.portfolio",
    "advisors.portfolio_csv",
    "networks.index",
    "networks.admin",
    "networks.invitation",  # guarded by the invitation's token and its e-mail address
    "api.get_charter",
    "api.accept_charter",
    "api.list_portfolio",
    # A workshop participant's phone: guarded by the participant's token (tested in
    # test_workshops_api: another workshop's token is refused).
    *PARTICIPANT_ENDPOINTS,
}
#: State-changing routes that do not rely on the session cookie, so need no CSRF token.
NO_COOKIE_AUTHORITY = {"api.create_token", *PARTICIPANT_ENDPOINTS}
#: A plausible body for each state-changing route, so that a refusal is about access, not input.
BODIES = {
    "organisations.edit": {
        "name": "Pris",
        "legal_form": "scop",
        "region": "bretagne",
        "headcount_band": "0",
        "has_volunteers": "no",
    },
    "organisations.members": {"email": "intrus@example.org", "role": "owner"},
    "organisations.change_role": {"role": "viewer"},
    "assessments.new": {"year": "2026", "themes": ["gouvernance"]},
    "assessments.settings": {"label": "Pris", "themes": ["gouvernance"]},
    "assessments.theme": {"value-gouv-ag": "0"},
    "api.put_answer": {"value": 0, "na": False, "comment": "", "version": 1},
    "api.update_organisation": {"name": "Pris"},
    "api.create_assessment": {"questionnaire": "mini"},
    "api.create_stakeholder": {"name": "X", "category": "clients", "influence": 1, "importance": 1},
    "api.update_stakeholder": {"name": "Pris"},
    "api.create_action": {"title": "Pris"},
    "api.update_action": {"title": "Pris"},
    "api.set_workshop_phase": {"phase": "closed"},
    "api.update_workshop": {"locked": True},
    "engagement.new": {"name": "X", "category": "clients", "influence": "1", "importance": "1"},
    "engagement.edit": {"name": "X", "category": "clients", "influence": "1", "importance": "1"},
    "plans.new_action": {"title": "Pris", "status": "todo"},
    "plans.edit_action": {"title": "Pris", "status": "todo"},
    "plans.set_status": {"status": "done"},
    "plans.next_cycle": {"year": "2027"},
    "publishing.public_settings": {"assessment_id": "1", "enabled": "y"},
    "consent.index": {"whom": "network-1", "scope": "full"},
    "consent.decide": {"accept": "y", "scope": "full"},
    "consent.statistics": {"enabled": "y"},
    "reviews.new_comment": {"text": "Pris", "target": "assessment"},
    "reviews.reply": {"text": "Pris"},
    "reviews.resolve": {"resolved": "1"},
    "reviews.suggest": {"title": "Pris"},
    "reviews.decide": {"decision": "accept"},
    "reviews.theme_status": {"status": "acceptable"},
    "networks.show": {"email": "intrus@example.org", "role": "admin"},
    "networks.requests": {"siret": "73282932000074", "scope": "full"},
    "api.create_grant": {"network": 1, "scope": "full"},
    "api.update_grant": {"status": "refused"},
    "api.create_access_request": {"organisation": 1},
    "api.create_comment": {"text": "Pris"},
    "api.update_comment": {"resolved": True},
    "api.create_suggestion": {"title": "Pris"},
    "api.decide_suggestion": {"status": "accepted"},
    "api.set_theme_review": {"status": "acceptable"},
    "api.create_organisation": {
        "name": "Nouvelle",
        "legal_form": "scop",
        "region": "bretagne",
        "headcount_band": "0",
    },
}


@dataclass
class Victim:
    organisation: Organisation
    assessment: Assessment
    membership: Membership
    invitation: Invitation
    stakeholder: Stakeholder
    action: Action
    workshop: Workshop
    participant: Participant
    grant: Grant
    comment: Comment
    suggestion: Suggestion


@pytest.fixture
def victim(make_user, make_organisation, make_assessment) -> Victim:
    owner = make_user("victim@example.org")
    organisation = make_organisation(owner, name="Organisation B")
    assessment = make_assessment(owner, organisation)
    answers.save(owner, assessment.id, Submission("gouv-ag", 4, comment="secret"))
    invitation, _ = invitations.invite(owner, organisation.id, "guest@example.org", "viewer")
    membership = db.session.scalar(db.select(Membership).where(Membership.user_id == owner.id))
    stakeholder = stakeholders.create(
        owner, organisation.id, StakeholderData("secret partner", "clients", 4, 4)
    )
    action = actions.create(owner, assessment.id, ActionData("secret action"))
    public_pages.configure(
        owner,
        organisation.id,
        assessment_id=assessment.id,
        theme_ids=["gouvernance"],
        action_ids=[],
        intro="",
        enabled=True,
    )
    workshop = workshops.create(owner, WorkshopData("secret workshop"))
    _, participant, _ = join(workshop.code, JoinData("secret participant"))
    network = networks.create("Réseau de B", ["bretagne"])
    grant = grants.grant(owner, organisation.id, GrantData(network_id=network.id, scope="full"))
    comment = Comment(
        assessment_id=assessment.id,
        organisation_id=organisation.id,
        side="organisation",
        author_name="B",
        text="secret comment",
    )
    suggestion = Suggestion(assessment_id=assessment.id, title="secret suggestion", author_name="B")
    db.session.add_all([comment, suggestion])
    db.session.commit()
    return Victim(
        organisation,
        assessment,
        membership,
        invitation,
        stakeholder,
        action,
        workshop,
        participant,
        grant,
        comment,
        suggestion,
    )


def url_values(victim: Victim) -> dict[str, object]:
    return {
        "organisation_id": victim.organisation.id,
        "assessment_id": victim.assessment.id,
        "membership_id": victim.membership.id,
        "invitation_id": victim.invitation.id,
        "theme_id": "gouvernance",
        "question_id": "gouv-ag",
        "key": "mini",
        "token_id": 1,
        "stakeholder_id": victim.stakeholder.id,
        "action_id": victim.action.id,
        "kind": "csv",
        "questionnaire_id": "mini",
        "workshop_id": victim.workshop.id,
        "participant_id": victim.participant.id,
        "code": victim.workshop.code,
        "category": "salaries",
        "network_id": victim.grant.network_id,
        "grant_id": victim.grant.id,
        "comment_id": victim.comment.id,
        "suggestion_id": victim.suggestion.id,
    }


def not_for_members(endpoint: str) -> bool:
    """Routes guarded by something else than the organisation's membership: a viewer of the
    organisation is a stranger there (404), not a member with too low a role (403)."""
    return (
        "workshop" in endpoint
        or endpoint.startswith(("facilitation.", "networks.", "benchmarks."))
        or endpoint in {"api.create_access_request", "api.get_network_statistics"}
    )


def organisation_routes(app):
    for rule in app.url_map.iter_rules():
        if rule.endpoint in NOT_ORGANISATION_SCOPED:
            continue
        for method in sorted(rule.methods - {"HEAD", "OPTIONS"}):
            yield rule, method


def request(client, rule, method, values, csrf=True):
    unknown = set(rule.arguments) - set(values)
    assert not unknown, f"{rule.endpoint}: teach this test the argument(s) {unknown}"
    url = rule.build(values, append_unknown=False)[1]
    body = BODIES.get(rule.endpoint, {})
    if rule.endpoint.startswith("api."):
        return client.open(url, method=method, json=body, csrf=csrf)
    return client.open(url, method=method, data=body, csrf=csrf)
