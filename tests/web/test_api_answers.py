"""The answer endpoints the autosave script uses: versions, conflicts, validation, retries."""

from __future__ import annotations

from app.extensions import db
from app.models import Answer, Membership


def url(assessment, question_id="gouv-ag"):
    return f"/api/v1/assessments/{assessment.id}/answers/{question_id}"


def put(client, assessment, question_id="gouv-ag", **body):
    return client.put(
        url(assessment, question_id), json={"na": False, "comment": "", "version": None, **body}
    )


def count_answers(assessment) -> int:
    return db.session.scalar(
        db.select(db.func.count(Answer.id)).where(Answer.assessment_id == assessment.id)
    )


def test_save_then_update_with_versions(client, owner, assessment):
    client.login(owner)
    first = put(client, assessment, value=2)
    assert first.status_code == 200
    body = first.get_json()
    assert (body["value"], body["version"], body["updated_by"]) == (2, 1, "Olga Owner")
    assert body["display"] == "Niveau 2 sur 4 : En cours"
    second = put(client, assessment, value=3, comment="mieux", version=1)
    assert second.get_json()["version"] == 2
    assert second.get_json()["comment"] == "mieux"


def test_stale_version_is_a_conflict_with_the_current_answer(
    client, other_client, owner, assessment, make_user
):
    colleague = make_user(name="Chloé")
    db.session.add(
        Membership(user=colleague, organisation_id=assessment.organisation_id, role="contributor")
    )
    db.session.commit()
    client.login(owner)
    other_client.login(colleague)
    assert put(client, assessment, value=1).status_code == 200
    assert put(other_client, assessment, value=4, version=1).status_code == 200
    conflict = put(client, assessment, value=2, version=1)
    assert conflict.status_code == 409
    assert conflict.content_type == "application/problem+json"
    problem = conflict.get_json()
    assert problem["status"] == 409
    assert problem["current"]["value"] == 4
    assert problem["current"]["version"] == 2
    assert problem["current"]["updated_by"] == "Chloé"
    # both answering "first" at once: the second creation is a conflict too
    assert put(client, assessment, "gouv-info", value="yes").status_code == 200
    assert put(other_client, assessment, "gouv-info", value="no").status_code == 409


def test_resending_the_same_answer_is_not_a_conflict(client, owner, assessment):
    """A retry after a lost response (the server saved it, the phone never heard back)."""
    client.login(owner)
    assert put(client, assessment, value=2).status_code == 200
    retry = put(client, assessment, value=2)  # still based on "no answer yet"
    assert retry.status_code == 200
    assert retry.get_json()["version"] == 1


def test_invalid_values_are_422_naming_the_field_and_write_nothing(client, owner, assessment):
    client.login(owner)
    cases = [
        ("gouv-ag", {"value": 9}, "value"),
        ("gouv-ag", {"value": "trois"}, "value"),
        ("gouv-ag", {"value": None, "na": True}, "na"),
        ("gouv-frequence", {"value": "hebdo"}, "value"),
        ("gouv-presents", {"value": "douze"}, "value"),
        ("nope", {"value": 1}, "question_id"),
        ("gouv-ag", {"value": 1, "version": "x"}, "version"),
        ("gouv-ag", {"value": 1, "na": "oui"}, "na"),
        ("gouv-ag", {"value": 1, "comment": 3}, "comment"),
    ]
    for question_id, body, field in cases:
        response = put(client, assessment, question_id, **body)
        assert response.status_code == 422, (question_id, body)
        problem = response.get_json()
        assert [e["field"] for e in problem["errors"]] == [field], (question_id, body)
    response = client.put(url(assessment), data="not json", content_type="application/json")
    assert response.status_code == 422
    assert count_answers(assessment) == 0


def test_delete_clears_the_answer_but_keeps_counting_versions(client, owner, assessment):
    client.login(owner)
    put(client, assessment, value=2, comment="note")
    response = client.delete(url(assessment) + "?version=1")
    body = response.get_json()
    assert (body["value"], body["comment"], body["answered"], body["version"]) == (
        None,
        "",
        False,
        2,
    )
    assert client.delete(url(assessment) + "?version=1").status_code == 200  # already cleared
    assert put(client, assessment, value=3, version=1).status_code == 409  # stale


def test_viewer_cannot_write_and_stranger_gets_404(client, other_client, assessment, make_user):
    viewer = make_user()
    db.session.add(
        Membership(user=viewer, organisation_id=assessment.organisation_id, role="viewer")
    )
    db.session.commit()
    client.login(viewer)
    assert put(client, assessment, value=1).status_code == 403
    other_client.login(make_user())
    response = put(other_client, assessment, value=1)
    assert response.status_code == 404
    assert response.content_type == "application/problem+json"
    assert count_answers(assessment) == 0


def test_anonymous_gets_401_problem(client, assessment):
    response = put(client, assessment, value=1)
    assert response.status_code == 401
    assert response.get_json()["status"] == 401


def test_without_csrf_token_nothing_is_saved(client, owner, assessment):
    client.login(owner)
    response = client.put(url(assessment), json={"value": 1}, csrf=False)
    assert response.status_code == 400
    assert count_answers(assessment) == 0
