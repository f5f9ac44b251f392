"""API v1 consent: grants (create, list, answer, revoke), the access log, network requests and the
anonymous-statistics choice; their shapes, validation (422 naming the field, nothing written) and
who may do what (owners change, members read, others 404)."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest

from app.extensions import db
from app.models import AccessLogEntry, Grant, Organisation
from app.services import access, grants
from app.services.grants import GrantData

from .test_consent import World, build_world, network_grant

SIRET = "73282932000074"


@pytest.fixture
def world(make_user, owner, organisation, assessment) -> World:
    return build_world(make_user, owner, organisation, assessment)


@pytest.fixture
def api(token_client, world):
    """`api(user)`: a client acting as `user` with a bearer token."""
    return token_client


def grants_url(world: World) -> str:
    return f"/api/v1/organisations/{world.organisation.id}/grants"


def grant_count() -> int:
    return db.session.scalar(db.select(db.func.count(Grant.id)))


def fields(response) -> list[str]:
    return [e["field"] for e in response.get_json()["errors"]]


# --- Granting, reading, revoking -------------------------------------------------------------


def test_owner_grants_a_network_and_revoking_shuts_the_advisor_out_at_once(api, world):
    owner, advisor = api(world.owner), api(world.advisor)
    assessment_url = f"/api/v1/assessments/{world.assessment.id}"
    assert advisor.get(assessment_url).status_code == 404  # nothing granted yet

    until = (date.today() + timedelta(days=90)).isoformat()
    response = owner.post(
        grants_url(world), json={"network": world.network.id, "scope": "results", "until": until}
    )
    assert response.status_code == 201
    body = response.get_json()
    assert {k: body[k] for k in body if k not in ("id", "created_at")} == {
        "organisation": world.organisation.id,
        "network": world.network.id,
        "advisor": None,
        "who": "CRESS Bretagne",
        "scope": "results",
        "until": until,
        "status": "active",
        "active": True,
        "message": "",
    }
    assert body["created_at"].endswith(("Z", "+00:00"))

    assert advisor.get(assessment_url).status_code == 200
    log = db.session.scalars(db.select(AccessLogEntry)).all()
    assert [(e.who, e.what, e.assessment_id) for e in log] == [
        ("Alice Conseil", "results", world.assessment.id)
    ]

    listed = owner.get(grants_url(world)).get_json()["items"]
    assert [(g["id"], g["status"]) for g in listed] == [(body["id"], "active")]

    assert owner.delete(f"/api/v1/grants/{body['id']}").status_code == 204
    assert advisor.get(assessment_url).status_code == 404  # the very next request
    assert owner.get(grants_url(world)).get_json()["items"][0]["status"] == "revoked"
    assert owner.delete(f"/api/v1/grants/{body['id']}").status_code == 204  # harmless again


def test_a_grant_lasts_one_year_by_default_and_can_name_one_advisor(api, world):
    response = api(world.owner).post(grants_url(world), json={"advisor": world.advisor.id})
    assert response.status_code == 201
    body = response.get_json()
    assert (body["network"], body["advisor"], body["who"]) == (
        None,
        world.advisor.id,
        "Alice Conseil",
    )
    assert body["scope"] == "results"
    assert body["until"] == (access.today() + timedelta(days=365)).isoformat()
    assert api(world.advisor).get(f"/api/v1/assessments/{world.assessment.id}").status_code == 200
    assert api(world.admin).get(f"/api/v1/assessments/{world.assessment.id}").status_code == 404


def test_an_expired_grant_is_refused(api, world):
    granted = grants.grant(
        world.owner, world.organisation.id, GrantData(network_id=world.network.id)
    )
    granted.until = date.today() - timedelta(days=1)
    db.session.commit()
    assert api(world.advisor).get(f"/api/v1/assessments/{world.assessment.id}").status_code == 404
    item = api(world.owner).get(grants_url(world)).get_json()["items"][0]
    assert (item["status"], item["active"]) == ("active", False)


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"network": "NETWORK", "advisor": "ADVISOR"}, "network"),
        ({}, "network"),
        ({"network": 999999}, "network"),
        ({"advisor": "OWNER"}, "advisor"),  # not an advisor of any network
        ({"network": "NETWORK", "scope": "everything"}, "scope"),
        ({"network": "NETWORK", "until": "YESTERDAY"}, "until"),
        ({"network": "NETWORK", "until": "31/12/2030"}, "until"),
        ({"network": "NETWORK", "until": 20301231}, "until"),
        ({"network": "3"}, "network"),
        ({"network": "NETWORK", "colour": "red"}, "colour"),
    ],
)
def test_bad_grants_are_422_naming_the_field_and_nothing_is_written(api, world, body, field):
    values = {
        "NETWORK": world.network.id,
        "ADVISOR": world.advisor.id,
        "OWNER": world.owner.id,
        "YESTERDAY": (date.today() - timedelta(days=1)).isoformat(),
    }
    sent = {k: values.get(v, v) if isinstance(v, str) else v for k, v in body.items()}
    response = api(world.owner).post(grants_url(world), json=sent)
    assert response.status_code == 422
    assert response.mimetype == "application/problem+json"
    assert fields(response) == [field]
    assert grant_count() == 0


def test_only_owners_grant_and_revoke_and_strangers_learn_nothing(api, world):
    granted = grants.grant(
        world.owner, world.organisation.id, GrantData(network_id=world.network.id)
    )
    contributor, stranger = api(world.contributor), api(world.stranger)

    assert contributor.get(grants_url(world)).status_code == 200  # members read
    assert (
        contributor.post(grants_url(world), json={"network": world.network.id}).status_code == 403
    )
    assert contributor.delete(f"/api/v1/grants/{granted.id}").status_code == 403
    assert (
        contributor.patch(f"/api/v1/grants/{granted.id}", json={"status": "refused"}).status_code
        == 403
    )

    log_url = f"/api/v1/organisations/{world.organisation.id}/access-log"
    for person in (stranger, api(world.advisor)):  # the advisor sees data, not the consent
        assert person.get(grants_url(world)).status_code == 404
        assert person.get(log_url).status_code == 404
        assert person.post(grants_url(world), json={"network": world.network.id}).status_code == 404
        assert person.delete(f"/api/v1/grants/{granted.id}").status_code == 404
        response = person.patch(f"/api/v1/grants/{granted.id}", json={"status": "active"})
        assert response.status_code == 404
    assert [g.status for g in db.session.scalars(db.select(Grant))] == ["active"]
    assert grant_count() == 1


def test_a_browser_session_needs_the_csrf_token(client, world):
    client.login(world.owner)
    response = client.post(grants_url(world), json={"network": world.network.id}, csrf=False)
    assert response.status_code == 400
    assert grant_count() == 0
    response = client.post(grants_url(world), json={"network": world.network.id})
    assert response.status_code == 201


# --- Network requests ------------------------------------------------------------------------


def test_a_network_admin_asks_and_the_owner_accepts_with_full_scope(api, world):
    admin = api(world.admin)
    url = f"/api/v1/networks/{world.network.id}/access-requests"
    response = admin.post(
        url, json={"organisation": world.organisation.id, "message": "Accompagnement DLA"}
    )
    assert response.status_code == 202
    assert response.get_json() == {"status": "sent"}

    owner = api(world.owner)
    (item,) = owner.get(grants_url(world)).get_json()["items"]
    assert (item["status"], item["scope"], item["message"], item["active"]) == (
        "requested",
        "results",
        "Accompagnement DLA",
        False,
    )
    assert api(world.advisor).get(f"/api/v1/assessments/{world.assessment.id}").status_code == 404

    response = owner.patch(
        f"/api/v1/grants/{item['id']}", json={"status": "active", "scope": "full"}
    )
    assert response.status_code == 200
    assert (response.get_json()["status"], response.get_json()["scope"]) == ("active", "full")
    detail = api(world.advisor).get(f"/api/v1/assessments/{world.assessment.id}").get_json()
    assert detail["answers_visible"] is True

    again = owner.patch(f"/api/v1/grants/{item['id']}", json={"status": "refused"})
    assert again.status_code == 422
    assert fields(again) == ["status"]
    assert db.session.get(Grant, item["id"]).status == "active"


def test_the_owner_refuses_a_request(api, world):
    grants.request_access(world.admin, world.network.id, organisation_id=world.organisation.id)
    requested = db.session.scalar(db.select(Grant))
    response = api(world.owner).patch(f"/api/v1/grants/{requested.id}", json={"status": "refused"})
    assert response.status_code == 200
    assert response.get_json()["status"] == "refused"
    assert api(world.advisor).get(f"/api/v1/assessments/{world.assessment.id}").status_code == 404


def test_a_request_says_sent_whether_or_not_the_organisation_exists(api, world):
    world.organisation.siret = SIRET
    db.session.commit()
    admin = api(world.admin)
    url = f"/api/v1/networks/{world.network.id}/access-requests"
    for body in ({"siret": "00000000000000"}, {"organisation": 999999}):
        response = admin.post(url, json=body)
        assert (response.status_code, response.get_json()) == (202, {"status": "sent"})
    assert grant_count() == 0
    response = admin.post(url, json={"siret": "732 829 320 00074", "scope": "full"})
    assert (response.status_code, response.get_json()) == (202, {"status": "sent"})
    requested = db.session.scalar(db.select(Grant))
    assert (requested.organisation_id, requested.scope, requested.status) == (
        world.organisation.id,
        "full",
        "requested",
    )


def test_only_network_admins_ask_for_access(api, world):
    url = f"/api/v1/networks/{world.network.id}/access-requests"
    body = {"organisation": world.organisation.id}
    assert api(world.advisor).post(url, json=body).status_code == 403
    assert api(world.stranger).post(url, json=body).status_code == 404
    assert api(world.owner).post(url, json=body).status_code == 404
    assert grant_count() == 0
    response = api(world.admin).post(url, json={"scope": "all"})
    assert response.status_code == 422
    assert fields(response) == ["scope"]
    response = api(world.admin).post(url, json={"message": "x"})
    assert response.status_code == 422
    assert fields(response) == ["organisation"]


# --- Access log ------------------------------------------------------------------------------


def test_the_access_log_is_paginated_newest_first(api, world):
    network_grant(world)
    access.log(world.advisor, [world.organisation.id], "portfolio")
    access.log(world.advisor, [world.organisation.id], "answers", assessment_id=world.assessment.id)
    access.log(world.admin, [world.organisation.id], "plan", assessment_id=world.assessment.id)
    for entry, day in zip(
        db.session.scalars(db.select(AccessLogEntry).order_by(AccessLogEntry.id)),
        (1, 2, 3),
        strict=False,
    ):
        entry.at = datetime(2026, 3, day, 8, 0, tzinfo=UTC)
    db.session.commit()

    url = f"/api/v1/organisations/{world.organisation.id}/access-log"
    first = api(world.contributor).get(f"{url}?per_page=2").get_json()
    assert {k: first[k] for k in ("page", "per_page", "total", "pages")} == {
        "page": 1,
        "per_page": 2,
        "total": 3,
        "pages": 2,
    }
    assert first["items"] == [
        {
            "who": "Bruno Admin",
            "what": "plan",
            "at": "2026-03-03T08:00:00Z",
            "assessment": world.assessment.id,
        },
        {
            "who": "Alice Conseil",
            "what": "answers",
            "at": "2026-03-02T08:00:00Z",
            "assessment": world.assessment.id,
        },
    ]
    second = api(world.contributor).get(f"{url}?per_page=2&page=2").get_json()
    assert [(i["who"], i["what"], i["assessment"]) for i in second["items"]] == [
        ("Alice Conseil", "portfolio", None)
    ]
    assert api(world.owner).get(f"{url}?per_page=0").status_code == 422


# --- Anonymous statistics --------------------------------------------------------------------


def test_anonymous_statistics_are_off_by_default_and_switched_through_patch(api, world):
    owner = api(world.owner)
    url = f"/api/v1/organisations/{world.organisation.id}"
    assert owner.get(url).get_json()["anonymous_statistics"] is False

    response = owner.patch(url, json={"anonymous_statistics": True})
    assert response.status_code == 200
    assert response.get_json()["anonymous_statistics"] is True
    assert owner.get(url).get_json()["anonymous_statistics"] is True
    assert db.session.get(Organisation, world.organisation.id).anonymous_statistics is True

    for bad in (None, "yes", 1):
        response = owner.patch(url, json={"anonymous_statistics": bad})
        assert response.status_code == 422
        assert fields(response) == ["anonymous_statistics"]
    assert (
        api(world.contributor).patch(url, json={"anonymous_statistics": False}).status_code == 403
    )
    assert db.session.get(Organisation, world.organisation.id).anonymous_statistics is True

    assert (
        owner.patch(url, json={"anonymous_statistics": False}).get_json()["anonymous_statistics"]
        is False
    )
    listed = owner.get("/api/v1/organisations").get_json()["items"]
    assert [o["anonymous_statistics"] for o in listed] == [False]
