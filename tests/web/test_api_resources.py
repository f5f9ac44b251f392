"""API v1 resources over a bearer token: questionnaires, organisations, assessments, answers,
scores; their shapes (the contract), pagination, validation (422 naming the field, nothing written)
and access (404 for others' things, 403 for viewers)."""

from __future__ import annotations

import pytest

from app.extensions import db
from app.models import Answer, Membership, Organisation

ORGANISATION = {
    "name": "Coopérative des Pentes",
    "legal_form": "scic",
    "region": "auvergne-rhone-alpes",
    "headcount_band": "10-49",
    "has_volunteers": True,
}


@pytest.fixture
def api(token_client, owner):
    return token_client(owner)


def answers_count(assessment_id: int) -> int:
    return db.session.scalar(
        db.select(db.func.count(Answer.id)).where(Answer.assessment_id == assessment_id)
    )


# --- questionnaires ---------------------------------------------------------------------------


def test_questionnaires_are_listed_with_their_themes_and_counts(api):
    body = api.get("/api/v1/questionnaires").get_json()
    assert {"page", "per_page", "total", "pages"} <= body.keys()
    by_id = {q["id"]: q for q in body["items"]}
    assert {"gbp", "iso26000", "mini"} <= by_id.keys()
    mini = by_id["mini"]
    assert mini["version"] == "1"
    assert mini["title"] == {"fr": "Mini questionnaire", "en": "Mini questionnaire"}
    assert [(t["id"], t["question_count"]) for t in mini["themes"]] == [
        ("gouvernance", 4),
        ("emploi", 3),
    ]
    assert mini["question_count"] == 7


def test_a_questionnaire_in_full_follows_the_contract(api):
    body = api.get("/api/v1/questionnaires/mini").get_json()
    assert (body["id"], body["version"], body["current"]) == ("mini", "1", True)
    theme = body["themes"][0]
    assert (theme["id"], theme["title"]["en"], theme["weight"]) == ("gouvernance", "Governance", 2)
    scale, yes_no, choice, number = theme["questions"]
    assert scale["type"] == "scale"
    assert scale["weight"] == 2
    assert scale["allow_na"] is False
    assert [level["value"] for level in scale["levels"]] == [0, 1, 2, 3, 4]
    assert scale["levels"][3]["label"] == {"fr": "Établi", "en": "Established"}
    assert scale["refs"] == {"gbp": ["gouvernance"], "iso26000": [], "odd": [16]}
    assert scale["suggested_actions"][0]["title"]["fr"] == "Ouvrir l'AG"
    assert yes_no["allow_na"] is True
    assert choice["options"][2] == {
        "id": "mensuelle",
        "label": {"fr": "Mensuelle", "en": "Monthly"},
        "score": 100.0,
    }
    assert number["scored"] is False
    assert number["unit"]["fr"] == "personnes"


def test_a_pinned_version_can_be_read_and_unknown_ones_are_404(api):
    assert api.get("/api/v1/questionnaires/mini?version=1").status_code == 200
    assert api.get("/api/v1/questionnaires/mini?version=9").status_code == 404
    assert api.get("/api/v1/questionnaires/nope").status_code == 404


def test_every_iso26000_question_carries_its_cross_references(api):
    body = api.get("/api/v1/questionnaires/iso26000").get_json()
    issues = {i for t in body["themes"] for q in t["questions"] for i in q["refs"]["iso26000"]}
    assert len(issues) == 37


# --- organisations ----------------------------------------------------------------------------


def test_create_read_list_and_patch_an_organisation(api, owner):
    created = api.post("/api/v1/organisations", json=ORGANISATION)
    assert created.status_code == 201
    body = created.get_json()
    assert body["role"] == "owner"
    assert body["name"] == ORGANISATION["name"]
    assert created.headers["Location"].endswith(f"/api/v1/organisations/{body['id']}")
    assert api.get(f"/api/v1/organisations/{body['id']}").get_json() == body
    changes = {"headcount_band": "0", "siret": "73282932000074"}
    patched = api.patch(f"/api/v1/organisations/{body['id']}", json=changes).get_json()
    assert (patched["headcount_band"], patched["siret"], patched["name"]) == (
        "0",
        "73282932000074",
        ORGANISATION["name"],
    )
    names = [o["name"] for o in api.get("/api/v1/organisations").get_json()["items"]]
    assert names == [ORGANISATION["name"]]


def test_organisation_input_errors_name_each_field_and_write_nothing(api):
    before = db.session.scalar(db.select(db.func.count(Organisation.id)))
    bad = {**ORGANISATION, "legal_form": "sarl", "siret": "12345678901234", "colour": "red"}
    response = api.post("/api/v1/organisations", json=bad)
    assert response.status_code == 422
    assert response.content_type == "application/problem+json"
    fields = {e["field"] for e in response.get_json()["errors"]}
    assert fields == {"legal_form", "colour"}
    siret = api.post("/api/v1/organisations", json={**ORGANISATION, "siret": "12345678901234"})
    assert [e["field"] for e in siret.get_json()["errors"]] == ["siret"]
    null_name = api.post("/api/v1/organisations", json={**ORGANISATION, "name": None})
    assert [e["field"] for e in null_name.get_json()["errors"]] == ["name"]
    assert db.session.scalar(db.select(db.func.count(Organisation.id))) == before


def test_lists_are_paginated(api):
    for number in range(3):
        api.post("/api/v1/organisations", json={**ORGANISATION, "name": f"Org {number}"})
    page = api.get("/api/v1/organisations?page=2&per_page=2").get_json()
    assert (page["page"], page["per_page"], page["total"], page["pages"]) == (2, 2, 3, 2)
    assert [o["name"] for o in page["items"]] == ["Org 2"]
    assert api.get("/api/v1/organisations?per_page=0").status_code == 422
    assert api.get("/api/v1/organisations?per_page=101").status_code == 422
    assert api.get("/api/v1/organisations?page=x").get_json()["errors"][0]["field"] == "page"


# --- assessments, answers, scores -------------------------------------------------------------


def test_start_list_and_read_an_assessment(api, organisation):
    created = api.post(
        f"/api/v1/organisations/{organisation.id}/assessments",
        json={"questionnaire": "mini", "label": "Bilan 2026"},
    )
    assert created.status_code == 201
    body = created.get_json()
    assert body["questionnaire"] == {"id": "mini", "version": "1"}
    assert (body["label"], body["overall"], body["completion"]) == ("Bilan 2026", None, 0)
    listed = api.get(f"/api/v1/organisations/{organisation.id}/assessments").get_json()
    assert [a["id"] for a in listed["items"]] == [body["id"]]
    detail = api.get(f"/api/v1/assessments/{body['id']}").get_json()
    assert detail["answers"] == []
    # 1-9 employees and volunteers: everything applies
    assert detail["applicable_questions"][:2] == ["gouv-ag", "gouv-info"]
    assert len(detail["applicable_questions"]) == 7


def test_assessment_input_errors(api, organisation):
    url = f"/api/v1/organisations/{organisation.id}/assessments"
    unknown = api.post(url, json={"questionnaire": "nope"})
    assert unknown.status_code == 422
    assert unknown.get_json()["errors"][0]["field"] == "questionnaire"
    themes = api.post(url, json={"questionnaire": "mini", "themes": ["nope"]})
    assert themes.get_json()["errors"][0]["field"] == "themes"


def test_answer_every_type_and_read_the_scores(api, assessment):
    base = f"/api/v1/assessments/{assessment.id}"
    for question_id, value in [
        ("gouv-ag", 3),
        ("gouv-info", "partial"),
        ("gouv-frequence", "annuelle"),
        ("gouv-presents", 42),
        ("emp-formation", 4),
        ("emp-commentaire", "RAS"),
    ]:
        response = api.put(f"{base}/answers/{question_id}", json={"value": value})
        assert response.status_code == 200, response.get_json()
        assert response.get_json()["version"] == 1
    api.put(f"{base}/answers/emp-benevoles", json={"value": None, "na": False})
    scores = api.get(f"{base}/scores").get_json()
    # gouvernance: (2·75 + 50 + 40) / 4 = 60; emploi: 100; overall: (2·60 + 100) / 3
    themes = {t["id"]: t for t in scores["themes"]}
    assert themes["gouvernance"]["score"] == pytest.approx(60)
    assert themes["emploi"]["score"] == pytest.approx(100)
    assert scores["overall"] == pytest.approx(220 / 3)
    assert scores["completion"] == pytest.approx(6 / 7)
    questions = {q["id"]: q["score"] for q in scores["questions"]}
    assert questions["gouv-ag"] == 75
    assert questions["gouv-presents"] is None
    detail = api.get(base).get_json()
    assert {a["question_id"]: a["value"] for a in detail["answers"]}["gouv-presents"] == 42


@pytest.mark.parametrize(
    ("question_id", "body", "field"),
    [
        ("gouv-ag", {"value": 5}, "value"),  # level out of range
        ("gouv-ag", {"value": -1}, "value"),
        ("gouv-ag", {"value": True}, "value"),  # a boolean is not a level
        ("gouv-ag", {"value": "3"}, "value"),
        ("gouv-frequence", {"value": "hebdomadaire"}, "value"),  # no such choice
        ("gouv-info", {"value": "peut-être"}, "value"),
        ("gouv-presents", {"value": "beaucoup"}, "value"),  # a string where a number is due
        ("gouv-presents", {"value": -3}, "value"),  # below min
        ("gouv-ag", {"value": None, "na": True}, "na"),  # N/A not allowed
        ("gouv-ag", {"value": 2, "na": "yes"}, "na"),
        ("gouv-ag", {"value": 2, "comment": 12}, "comment"),
        ("gouv-ag", {"value": 2, "comment": "x" * 5001}, "comment"),
        ("gouv-ag", {"value": 2, "version": "1"}, "version"),
        ("gouv-ag", {"value": 2, "extra": 1}, "extra"),
        ("inconnue", {"value": 2}, "question_id"),  # unknown question id
        ("emp-benevoles-x", {"value": "yes"}, "question_id"),
    ],
)
def test_invalid_answers_are_422_naming_the_field_and_write_nothing(
    api, assessment, question_id, body, field
):
    response = api.put(f"/api/v1/assessments/{assessment.id}/answers/{question_id}", json=body)
    assert response.status_code == 422, response.get_json()
    assert response.content_type == "application/problem+json"
    problem = response.get_json()
    assert {"type", "title", "status", "detail"} <= problem.keys()
    assert [e["field"] for e in problem["errors"]] == [field]
    assert answers_count(assessment.id) == 0


def test_a_non_object_body_is_a_422(api, assessment):
    url = f"/api/v1/assessments/{assessment.id}/answers/gouv-ag"
    for body in ([1, 2], "3", 3):
        response = api.put(url, json=body)
        assert response.status_code == 422
    assert answers_count(assessment.id) == 0


def test_a_stale_version_is_a_409_with_the_current_answer(api, token_client, assessment, make_user):
    colleague = make_user(name="Chloé")
    db.session.add(
        Membership(user=colleague, organisation_id=assessment.organisation_id, role="contributor")
    )
    db.session.commit()
    other = token_client(colleague)
    url = f"/api/v1/assessments/{assessment.id}/answers/gouv-ag"
    assert api.put(url, json={"value": 1}).get_json()["version"] == 1
    assert other.put(url, json={"value": 4, "version": 1}).get_json()["version"] == 2
    conflict = api.put(url, json={"value": 2, "version": 1})
    assert conflict.status_code == 409
    assert conflict.content_type == "application/problem+json"
    assert conflict.get_json()["current"]["value"] == 4
    assert conflict.get_json()["current"]["updated_by"] == "Chloé"
    stale_delete = api.delete(f"{url}?version=1")
    assert stale_delete.status_code == 409
    cleared = api.delete(f"{url}?version=2").get_json()
    assert (cleared["value"], cleared["answered"], cleared["version"]) == (None, False, 3)


def test_viewers_read_but_cannot_write(token_client, assessment, organisation, make_user):
    viewer = make_user()
    db.session.add(Membership(user=viewer, organisation=organisation, role="viewer"))
    db.session.commit()
    api = token_client(viewer)
    base = f"/api/v1/assessments/{assessment.id}"
    assert api.get(base).status_code == 200
    assert api.get(f"{base}/scores").status_code == 200
    for method, url, body in [
        ("PUT", f"{base}/answers/gouv-ag", {"value": 1}),
        ("DELETE", f"{base}/answers/gouv-ag", None),
        ("PATCH", f"/api/v1/organisations/{organisation.id}", {"name": "Pris"}),
        ("POST", f"/api/v1/organisations/{organisation.id}/assessments", {"questionnaire": "mini"}),
    ]:
        response = api.open(url, method=method, json=body)
        assert response.status_code == 403, f"{method} {url}"
        assert response.content_type == "application/problem+json"
    assert answers_count(assessment.id) == 0


def test_problems_speak_the_language_the_client_asks_for(api, assessment):
    url = f"/api/v1/assessments/{assessment.id}/answers/gouv-ag"
    french = api.put(url, json={"value": 9}).get_json()
    english = api.put(url, json={"value": 9}, headers={"Accept-Language": "en"}).get_json()
    assert french["errors"][0]["message"] == "Choisissez un niveau entre 0 et 4."
    assert english["errors"][0]["message"] == "Choose a level between 0 and 4."
    assert english["title"] != french["title"]
