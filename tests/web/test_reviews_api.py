"""The review API: comments and threads, suggestions, theme review statuses, access rules."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from sqlalchemy import func, select

from app.extensions import db
from app.models import Action, Comment, Membership
from app.services import networks

from .test_reviews import World, build_world


@pytest.fixture
def world(app, owner, organisation, make_assessment, make_user) -> World:
    return build_world(owner, organisation, make_assessment, make_user)


@pytest.fixture
def advisor(token_client, world):
    return token_client(world.advisor)


@pytest.fixture
def member(token_client, world):
    return token_client(world.owner)


def _fields(response) -> set[str]:
    return {error["field"] for error in response.json["errors"]}


def _url(world: World, rest: str) -> str:
    return f"/api/v1/assessments/{world.assessment.id}/{rest}"


def test_a_thread_through_the_api(world, advisor, member):
    created = advisor.post(_url(world, "comments"), json={"text": " À revoir ", "theme": "emploi"})
    assert created.status_code == 201, created.json
    body = created.json
    assert {k: body[k] for k in body if k not in ("id", "created_at")} == {
        "text": "À revoir",
        "theme": "emploi",
        "question": None,
        "parent": None,
        "side": "advisor",
        "author": "Alice Conseil",
        "read_at": None,
        "resolved": False,
        "resolved_at": None,
    }
    listed = member.get(_url(world, "comments")).json
    assert (listed["total"], listed["page"], listed["pages"]) == (1, 1, 1)
    [item] = listed["items"]
    assert item["id"] == body["id"]
    assert item["read_at"] is not None  # the organisation has now read it

    answer = member.post(
        _url(world, "comments"), json={"text": "Merci", "parent": body["id"], "theme": None}
    )
    assert answer.status_code == 201, answer.json
    assert (answer.json["parent"], answer.json["theme"], answer.json["side"]) == (
        body["id"],
        "emploi",
        "organisation",
    )
    items = advisor.get(_url(world, "comments")).json["items"]
    assert [(c["id"], c["side"]) for c in items] == [
        (body["id"], "advisor"),
        (answer.json["id"], "organisation"),
    ]
    assert items[1]["read_at"] is not None

    resolved = advisor.patch(f"/api/v1/comments/{body['id']}", json={"resolved": True})
    assert resolved.status_code == 200
    assert resolved.json["resolved"] is True
    assert resolved.json["resolved_at"] is not None
    reopened = member.patch(f"/api/v1/comments/{body['id']}", json={"resolved": False})
    assert (reopened.json["resolved"], reopened.json["resolved_at"]) == (False, None)
    on_reply = member.patch(f"/api/v1/comments/{answer.json['id']}", json={"resolved": True})
    assert on_reply.status_code == 422
    assert _fields(on_reply) == {"resolved"}


def test_a_comment_on_one_answer_implies_its_theme(world, advisor):
    created = advisor.post(
        _url(world, "comments"), json={"text": "Précisez", "question": "emp-formation"}
    )
    assert created.status_code == 201
    assert (created.json["theme"], created.json["question"]) == ("emploi", "emp-formation")


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"text": "   "}, "text"),
        ({"text": "x" * 5001}, "text"),
        ({"text": "ok", "theme": "inconnu"}, "theme"),
        ({"text": "ok", "question": "inconnue"}, "question"),
        ({"text": "ok", "theme": "gouvernance", "question": "emp-formation"}, "question"),
        ({"text": "ok", "parent": 999999}, "parent"),
        ({"text": "ok", "colour": "red"}, "colour"),
        ({"text": 3}, "text"),
    ],
)
def test_invalid_comments_are_422_naming_the_field(world, advisor, body, field):
    response = advisor.post(_url(world, "comments"), json=body)
    assert response.status_code == 422
    assert response.content_type == "application/problem+json"
    assert _fields(response) == {field}
    assert db.session.scalar(select(func.count(Comment.id))) == 0


def test_suggestions_accepted_into_the_plan_or_declined(world, advisor, member):
    refused = member.post(_url(world, "suggestions"), json={"title": "Par nous-mêmes"})
    assert refused.status_code == 403
    created = advisor.post(
        _url(world, "suggestions"),
        json={
            "title": "Former les élus",
            "description": "Un module par an",
            "theme": "gouvernance",
        },
    )
    assert created.status_code == 201, created.json
    assert (created.json["status"], created.json["action"], created.json["author"]) == (
        "pending",
        None,
        "Alice Conseil",
    )
    second = advisor.post(_url(world, "suggestions"), json={"title": "Un autre"}).json
    listed = member.get(_url(world, "suggestions")).json
    assert [s["title"] for s in listed["items"]] == ["Former les élus", "Un autre"]

    url = f"/api/v1/suggestions/{created.json['id']}"
    assert advisor.patch(url, json={"status": "accepted"}).status_code == 403
    accepted = member.patch(url, json={"status": "accepted"})
    assert accepted.status_code == 200
    assert accepted.json["status"] == "accepted"
    action = db.session.get(Action, accepted.json["action"])
    assert (action.assessment_id, action.title, action.description, action.theme_id) == (
        world.assessment.id,
        "Former les élus",
        "Un module par an",
        "gouvernance",
    )
    plan = member.get(_url(world, "actions")).json["items"]
    assert [a["title"] for a in plan] == ["Former les élus"]

    twice = member.patch(url, json={"status": "declined"})
    assert twice.status_code == 422
    assert _fields(twice) == {"status"}
    declined = member.patch(f"/api/v1/suggestions/{second['id']}", json={"status": "declined"})
    assert (declined.json["status"], declined.json["action"]) == ("declined", None)
    assert db.session.scalar(select(func.count(Action.id))) == 1
    pending = member.patch(url, json={"status": "pending"})
    assert pending.status_code == 422


def test_theme_review_statuses(world, advisor, member):
    url = _url(world, "reviews/emploi")
    assert member.put(url, json={"status": "acceptable"}).status_code == 403
    first = advisor.put(url, json={"status": "improvable"})
    assert first.status_code == 200
    assert {k: first.json[k] for k in ("theme", "status", "author")} == {
        "theme": "emploi",
        "status": "improvable",
        "author": "Alice Conseil",
    }
    advisor.put(_url(world, "reviews/gouvernance"), json={"status": "acceptable"})
    advisor.put(url, json={"status": "to_correct"})
    listed = member.get(_url(world, "reviews")).json["items"]
    assert [(r["theme"], r["status"]) for r in listed] == [
        ("gouvernance", "acceptable"),
        ("emploi", "to_correct"),
    ]
    assert advisor.put(url, json={"status": "parfait"}).status_code == 422
    unknown = advisor.put(_url(world, "reviews/inconnu"), json={"status": "acceptable"})
    assert unknown.status_code == 422
    assert _fields(unknown) == {"theme"}


def test_results_scope_hides_and_refuses_answer_comments(world, advisor, member):
    on_answer = member.post(
        _url(world, "comments"), json={"text": "Sur la réponse", "question": "emp-formation"}
    )
    member.post(_url(world, "comments"), json={"text": "Sur le thème", "theme": "emploi"})
    assert on_answer.status_code == 201
    world.grant.scope = "results"
    db.session.commit()
    items = advisor.get(_url(world, "comments")).json["items"]
    assert [c["text"] for c in items] == ["Sur le thème"]
    refused = advisor.post(
        _url(world, "comments"), json={"text": "Vu", "question": "emp-formation"}
    )
    assert refused.status_code == 404
    reply = advisor.post(
        _url(world, "comments"), json={"text": "Vu", "parent": on_answer.json["id"]}
    )
    assert reply.status_code == 404
    resolve = advisor.patch(f"/api/v1/comments/{on_answer.json['id']}", json={"resolved": True})
    assert resolve.status_code == 404
    suggestion = advisor.post(
        _url(world, "suggestions"), json={"title": "x", "question": "emp-formation"}
    )
    assert suggestion.status_code == 404


@pytest.mark.parametrize("end", ["expired", "revoked", "refused-request-only"])
def test_advisors_without_an_active_grant_get_404_everywhere(world, advisor, member, end):
    comment = member.post(_url(world, "comments"), json={"text": "Avant"}).json
    if end == "expired":
        world.grant.until = date.today() - timedelta(days=1)
    elif end == "revoked":
        world.grant.status = "revoked"
    else:
        world.grant.status = "requested"
    db.session.commit()
    calls = [
        ("get", _url(world, "comments"), None),
        ("post", _url(world, "comments"), {"text": "Encore ?"}),
        ("patch", f"/api/v1/comments/{comment['id']}", {"resolved": True}),
        ("get", _url(world, "suggestions"), None),
        ("post", _url(world, "suggestions"), {"title": "x"}),
        ("get", _url(world, "reviews"), None),
        ("put", _url(world, "reviews/emploi"), {"status": "acceptable"}),
    ]
    for method, url, body in calls:
        response = getattr(advisor, method)(url, json=body)
        assert response.status_code == 404, f"{method} {url}"
        assert response.content_type == "application/problem+json"
    assert db.session.scalar(select(func.count(Comment.id))) == 1


def test_an_advisor_without_the_charter_gets_403(world, token_client, make_user):
    bob = make_user("bob@cress.example.org")
    networks.add_advisor(world.network.id, bob.email)
    api = token_client(bob)
    assert api.get(_url(world, "comments")).status_code == 403
    assert api.post(_url(world, "comments"), json={"text": "Bonjour"}).status_code == 403


def test_a_viewer_reads_but_cannot_write(world, token_client, make_user, advisor):
    viewer = make_user()
    db.session.add(Membership(user=viewer, organisation=world.organisation, role="viewer"))
    db.session.commit()
    root = advisor.post(_url(world, "comments"), json={"text": "Pour l'équipe"}).json
    api = token_client(viewer)
    assert [c["text"] for c in api.get(_url(world, "comments")).json["items"]] == ["Pour l'équipe"]
    assert api.post(_url(world, "comments"), json={"text": "Moi"}).status_code == 403
    patch = api.patch(f"/api/v1/comments/{root['id']}", json={"resolved": True})
    assert patch.status_code == 403


def test_another_organisation_gets_404(world, token_client, make_user, make_organisation):
    intruder = make_user()
    make_organisation(intruder, name="Autre")
    api = token_client(intruder)
    assert api.get(_url(world, "comments")).status_code == 404
    assert api.post(_url(world, "comments"), json={"text": "Hop"}).status_code == 404


def test_the_session_needs_the_csrf_token(world, client):
    client.login(world.advisor)
    url = _url(world, "comments")
    assert client.post(url, json={"text": "Sans jeton"}, csrf=False).status_code == 400
    assert client.post(url, json={"text": "Avec jeton"}).status_code == 201
    assert [c.text for c in db.session.scalars(select(Comment))] == ["Avec jeton"]
