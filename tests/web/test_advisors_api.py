"""The advisors' API: charter, portfolio, and assessments read through a grant."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from app.extensions import db
from app.models import AccessLogEntry, CharterAcceptance
from app.services import charter
from app.services.charter import Charter

from .test_advisors import OVERALL, World, build_world


@pytest.fixture
def world(app, make_user, make_organisation, owner) -> World:
    return build_world(make_user, make_organisation, owner)


@pytest.fixture
def api(token_client, world):
    return token_client(world.advisor)


@pytest.fixture
def accepted_api(api, world):
    charter.accept(world.advisor, charter.current().version)
    return api


def test_charter_is_readable_by_any_user_in_their_language(token_client, world):
    client = token_client(world.outsider)
    body = client.get("/api/v1/charter").get_json()
    assert body["version"] == charter.current().version
    assert body["title"] == "Charte des conseillères et conseillers"
    assert "**Confidentialité.**" in body["text"]
    english = client.get("/api/v1/charter", headers={"Accept-Language": "en"}).get_json()
    assert english["title"] == "Advisors' charter"
    assert token_client().get("/api/v1/charter").status_code == 401


def test_portfolio_is_403_until_the_charter_is_accepted(api, world):
    refused = api.get("/api/v1/advisor/organisations")
    assert refused.status_code == 403
    assert refused.mimetype == "application/problem+json"
    assert "charte" in refused.get_json()["detail"]
    assert api.get(f"/api/v1/assessments/{world.assessment_id}").status_code == 403

    wrong = api.post("/api/v1/charter/acceptances", json={"version": "1999-1"})
    assert wrong.status_code == 422
    assert [e["field"] for e in wrong.get_json()["errors"]] == ["version"]

    version = charter.current().version
    created = api.post("/api/v1/charter/acceptances", json={"version": version})
    assert created.status_code == 201
    assert created.get_json()["version"] == version
    row = db.session.scalar(
        select(CharterAcceptance).where(CharterAcceptance.user_id == world.advisor.id)
    )
    assert row.version == version
    assert api.get("/api/v1/advisor/organisations").status_code == 200


def test_a_new_version_closes_the_portfolio_again(accepted_api, monkeypatch):
    assert accepted_api.get("/api/v1/advisor/organisations").status_code == 200
    old = charter.current()
    monkeypatch.setattr(charter, "current", lambda: Charter("2099-1", old.title, old.text))
    assert accepted_api.get("/api/v1/advisor/organisations").status_code == 403
    assert accepted_api.get("/api/v1/charter").get_json()["version"] == "2099-1"
    again = accepted_api.post("/api/v1/charter/acceptances", json={"version": "2099-1"})
    assert again.status_code == 201
    assert accepted_api.get("/api/v1/advisor/organisations").status_code == 200


def test_non_advisors_get_403_not_an_advisor(token_client, world):
    client = token_client(world.outsider)
    response = client.get("/api/v1/advisor/organisations")
    assert response.status_code == 403
    assert "aucun réseau" in response.get_json()["detail"]
    version = charter.current().version
    refused = client.post("/api/v1/charter/acceptances", json={"version": version})
    assert refused.status_code == 403


def test_portfolio_shape(accepted_api, world):
    body = accepted_api.get("/api/v1/advisor/organisations?questionnaire=gbp").get_json()
    assert (body["page"], body["per_page"], body["total"], body["pages"]) == (1, 20, 2, 1)
    formula, amis = body["items"]
    assert formula["name"] == world.formula.name
    assert formula["scope"] == "full"
    assert amis == {
        "id": world.amis.id,
        "name": "Les Amis du Quartier",
        "legal_form": "association",
        "region": "bretagne",
        "size_band": "1-9",
        "scope": "results",
        "until": amis["until"],
        "assessment": {
            "id": world.assessment_id,
            "year": 2026,
            "overall": pytest.approx(OVERALL),
            "completion": pytest.approx(4 / 57),  # 4 answered of 57 applicable questions
            "themes": amis["assessment"]["themes"],
            "priorities": amis["assessment"]["priorities"],
        },
        "overdue_actions": 0,
        "last_activity": amis["last_activity"],
        "unread": {"count": 0, "oldest": None},
    }
    themes = {t["id"]: t["score"] for t in amis["assessment"]["themes"]}
    assert themes["gouvernance"] == pytest.approx(75)
    assert themes["emploi"] is None
    assert amis["assessment"]["priorities"][0] == "concertation"
    assert amis["last_activity"] is not None
    # no ISO 26000 assessment anywhere
    iso = accepted_api.get("/api/v1/advisor/organisations?questionnaire=iso26000").get_json()
    assert [item["assessment"] for item in iso["items"]] == [None, None]


def test_portfolio_pages_and_logs_only_the_page(accepted_api, world):
    first = accepted_api.get("/api/v1/advisor/organisations?per_page=1").get_json()
    assert (first["total"], first["pages"]) == (2, 2)
    assert [i["id"] for i in first["items"]] == [world.formula.id]
    second = accepted_api.get("/api/v1/advisor/organisations?per_page=1&page=2").get_json()
    assert [i["id"] for i in second["items"]] == [world.amis.id]
    logged = list(
        db.session.scalars(select(AccessLogEntry.organisation_id).order_by(AccessLogEntry.id))
    )
    assert logged == [world.formula.id, world.amis.id]
    filtered = accepted_api.get("/api/v1/advisor/organisations?legal_form=scop").get_json()
    assert [i["id"] for i in filtered["items"]] == [world.formula.id]
    assert accepted_api.get("/api/v1/advisor/organisations?sort=bogus").status_code == 422


def test_results_scope_reads_the_assessment_without_answers(accepted_api, world):
    detail = accepted_api.get(f"/api/v1/assessments/{world.assessment_id}")
    assert detail.status_code == 200
    body = detail.get_json()
    assert body["answers"] == []
    assert body["answers_visible"] is False
    assert body["overall"] == pytest.approx(OVERALL)
    scores = accepted_api.get(f"/api/v1/assessments/{world.assessment_id}/scores").get_json()
    assert scores["overall"] == pytest.approx(OVERALL)
    assert scores["questions"] == []
    whats = list(
        db.session.scalars(
            select(AccessLogEntry.what).where(AccessLogEntry.organisation_id == world.amis.id)
        )
    )
    assert whats == ["results", "results"]


def test_full_scope_reads_the_answers(accepted_api, world):
    body = accepted_api.get(f"/api/v1/assessments/{world.formula_assessment_id}").get_json()
    assert body["answers_visible"] is True
    assert [(a["question_id"], a["value"]) for a in body["answers"]] == [
        ("gouv-ag-participation", 4)
    ]
    scores = accepted_api.get(f"/api/v1/assessments/{world.formula_assessment_id}/scores")
    assert any(q["id"] == "gouv-ag-participation" for q in scores.get_json()["questions"])


@pytest.mark.parametrize("key", ["revoked", "expired", "requested", "private"])
def test_no_grant_is_404(accepted_api, world, key):
    from app.models import Assessment

    organisation = getattr(world, key)
    found = db.session.scalar(
        select(Assessment.id).where(Assessment.organisation_id == organisation.id)
    )
    assessment_id = found or 999999
    assert accepted_api.get(f"/api/v1/assessments/{assessment_id}").status_code == 404
    assert accepted_api.get(f"/api/v1/assessments/{assessment_id}/scores").status_code == 404


def test_members_still_see_their_answers(token_client, world):
    body = token_client(world.owner).get(f"/api/v1/assessments/{world.assessment_id}").get_json()
    assert len(body["answers"]) == 4
    assert body["answers_visible"] is True
    assert db.session.scalar(select(AccessLogEntry.id)) is None


def test_unread_replies_in_the_portfolio(accepted_api, world):
    from datetime import UTC, datetime

    from app.models import Comment

    when = datetime(2026, 3, 1, 9, 30, tzinfo=UTC)
    db.session.add(
        Comment(
            assessment_id=world.assessment_id,
            organisation_id=world.amis.id,
            author_name="Olga",
            side="organisation",
            text="Merci",
            created_at=when,
        )
    )
    db.session.commit()
    items = accepted_api.get("/api/v1/advisor/organisations?sort=unread").get_json()["items"]
    assert items[0]["id"] == world.amis.id
    assert items[0]["unread"]["count"] == 1
    assert items[0]["unread"]["oldest"].startswith("2026-03-01T09:30:00")
    assert items[1]["unread"] == {"count": 0, "oldest": None}
