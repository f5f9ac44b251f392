"""Organisation isolation on every route, CSRF on every state change, escaping of user text.

The walks go through `app.url_map`, so a new route is covered (or must be classified) as soon as it
is added: the tests fail on a route they do not know how to reach.
"""

from __future__ import annotations

from app.extensions import db
from app.models import (
    Action,
    Answer,
    Assessment,
    Comment,
    Grant,
    Invitation,
    Membership,
    Organisation,
    Participant,
    PublicPage,
    Stakeholder,
    Suggestion,
    Workshop,
)
from app.services import answers
from app.services.answers import Submission

from .route_walk import (
    NO_COOKIE_AUTHORITY,
    Victim,
    not_for_members,
    organisation_routes,
    request,
    url_values,
)


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
        tuple((g.status, g.scope) for g in db.session.scalars(db.select(Grant))),
        organisation.anonymous_statistics,
        tuple((c.text, c.resolved_at) for c in db.session.scalars(db.select(Comment))),
        tuple((s.status, s.action_id) for s in db.session.scalars(db.select(Suggestion))),
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
        expected = 404 if not_for_members(rule.endpoint) else 403
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
