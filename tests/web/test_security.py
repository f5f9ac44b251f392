"""Organisation isolation on every route, CSRF on every state change, escaping of user text.

The walks go through `app.url_map`, so a new route is covered (or must be classified) as soon as it
is added: the tests fail on a route they do not know how to reach.
"""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from app.extensions import db
from app.models import (
    Action,
    Answer,
    Assessment,
    Invitation,
    Membership,
    Organisation,
    Participant,
    PublicPage,
    Stakeholder,
    Workshop,
)
from app.services import actions, answers, invitations, public_pages, stakeholders, workshops
from app.services.actions import ActionData
from app.services.answers import Submission
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
    return Victim(
        organisation, assessment, membership, invitation, stakeholder, action, workshop, participant
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
    }


def _facilitator_only(endpoint: str) -> bool:
    return "workshop" in endpoint or endpoint.startswith("facilitation.")


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


def snapshot(victim: Victim) -> tuple:
    db.session.expire_all()
    organisation = db.session.get(Organisation, victim.organisation.id)
    assessment = db.session.get(Assessment, victim.assessment.id)
    return (
        organisation.name,
        assessment.label,
        tuple(assessment.themes),
        tuple((a.question_id, a.value, a.version) for a in db.session.scalars(db.select(Answer))),
        tuple(
            (m.user_id, m.role)
            for m in db.session.scalars(
                db.select(Membership).where(Membership.organisation_id == organisation.id)
            )
        ),
        db.session.scalar(db.select(db.func.count(Invitation.id))),
        db.session.scalar(db.select(db.func.count(Assessment.id))),
        tuple(
            (x.name, x.influence)
            for x in db.session.scalars(db.select(Stakeholder).order_by(Stakeholder.id))
        ),
        tuple(
            (x.title, x.status, x.position)
            for x in db.session.scalars(db.select(Action).order_by(Action.id))
        ),
        tuple((p.token, p.enabled) for p in db.session.scalars(db.select(PublicPage))),
        tuple(
            (w.title, w.phase, w.locked, w.revealed, w.paused)
            for w in db.session.scalars(db.select(Workshop))
        ),
        tuple(p.removed for p in db.session.scalars(db.select(Participant))),
    )


def test_every_route_of_another_organisation_is_refused(
    app, client, victim, make_user, make_organisation
):
    intruder = make_user("intruder@example.org")
    make_organisation(intruder, name="Organisation A")  # a member elsewhere, not of B
    client.login(intruder)
    before = snapshot(victim)
    walked = 0
    for rule, method in organisation_routes(app):
        response = request(client, rule, method, url_values(victim))
        assert response.status_code in (403, 404), f"{method} {rule} -> {response.status_code}"
        assert "secret" not in response.get_data(as_text=True), f"{method} {rule} leaks"
        walked += 1
    assert walked >= 15
    assert snapshot(victim) == before


def test_every_api_route_of_another_organisation_is_refused_with_a_token(
    app, token_client, victim, make_user, make_organisation
):
    intruder = make_user("intruder@example.org")
    make_organisation(intruder, name="Organisation A")
    api = token_client(intruder)
    before = snapshot(victim)
    walked = 0
    for rule, method in organisation_routes(app):
        if not rule.endpoint.startswith("api."):
            continue
        response = request(api, rule, method, url_values(victim))
        assert response.status_code == 404, f"{method} {rule} -> {response.status_code}"
        assert response.content_type == "application/problem+json"
        assert "secret" not in response.get_data(as_text=True), f"{method} {rule} leaks"
        walked += 1
    assert walked >= 8
    assert snapshot(victim) == before


def test_viewers_cannot_change_anything(app, client, victim, make_user):
    viewer = make_user()
    db.session.add(Membership(user=viewer, organisation=victim.organisation, role="viewer"))
    db.session.commit()
    client.login(viewer)
    before = snapshot(victim)
    for rule, method in organisation_routes(app):
        if method == "GET":
            continue
        if rule.endpoint == "organisations.remove_member":
            continue  # a viewer may leave; removing someone else is checked below
        response = request(client, rule, method, url_values(victim))
        expected = 404 if _facilitator_only(rule.endpoint) else 403
        assert response.status_code == expected, f"{method} {rule} -> {response.status_code}"
    response = client.post(
        f"/organisations/{victim.organisation.id}/members/{victim.membership.id}/remove"
    )
    assert response.status_code == 403
    assert snapshot(victim) == before


def test_state_changing_requests_without_csrf_token_are_refused(app, client, victim):
    owner = victim.membership.user
    client.login(owner)
    before = snapshot(victim)
    for rule in app.url_map.iter_rules():
        if rule.endpoint in NO_COOKIE_AUTHORITY:
            continue
        for method in sorted(rule.methods & {"POST", "PUT", "PATCH", "DELETE"}):
            values = {**url_values(victim), "token": "x"}
            response = request(client, rule, method, values, csrf=False)
            assert response.status_code == 400, f"{method} {rule} -> {response.status_code}"
    assert snapshot(victim) == before


HOSTILE = "<script>alert('xss')</script>"


def test_user_text_is_escaped_on_every_page(client, make_user, make_organisation, make_assessment):
    user = make_user(name=f"Eve {HOSTILE}")
    organisation = make_organisation(user, name=f"Org {HOSTILE}")
    assessment = make_assessment(user, organisation, label=f"Label {HOSTILE}", pilot_name=HOSTILE)
    answers.save(user, assessment.id, Submission("gouv-ag", 2, comment=f"Note {HOSTILE}"))
    answers.save(user, assessment.id, Submission("emp-commentaire", HOSTILE))
    client.login(user)
    pages = [
        "/",
        f"/organisations/{organisation.id}",
        f"/organisations/{organisation.id}/members",
        f"/organisations/{organisation.id}/edit",
        f"/assessments/{assessment.id}",
        f"/assessments/{assessment.id}/settings",
        f"/assessments/{assessment.id}/themes/gouvernance",
        f"/assessments/{assessment.id}/themes/emploi",
        f"/assessments/{assessment.id}/results",
    ]
    for page in pages:
        body = client.get(page).get_data(as_text=True)
        assert HOSTILE not in body, page
        assert "&lt;script&gt;" in body, page


def test_nul_characters_are_refused_before_reaching_the_database(
    client, token_client, owner, organisation, assessment
):
    """PostgreSQL cannot store U+0000: a request carrying one is an input error, never a 500."""
    client.login(owner)
    form = client.post(
        f"/organisations/{organisation.id}/edit",
        data={"name": "A\x00B", "legal_form": "scop", "region": "bretagne", "headcount_band": "0"},
    )
    assert form.status_code == 400
    assert client.get("/organisations/new?x=%00").status_code == 400
    api = token_client(owner)
    assert api.get("/api/v1/questionnaires/gbp%00").status_code == 400
    patched = api.patch(f"/api/v1/organisations/{organisation.id}", json={"name": "A\x00B"})
    assert patched.status_code == 422
    assert patched.get_json()["errors"][0]["field"] == "name"
    comment = api.put(
        f"/api/v1/assessments/{assessment.id}/answers/gouv-ag",
        json={"value": 1, "comment": "\x00"},
    )
    assert [e["field"] for e in comment.get_json()["errors"]] == ["comment"]
