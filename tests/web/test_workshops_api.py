"""Live workshops over the API: the facilitator's operations and the participants' phones."""

from __future__ import annotations

from datetime import timedelta
from statistics import mean

import pytest

from app.extensions import db, limiter
from app.models import Participant, QuestionnaireVersion, Workshop, WorkshopAnswer
from app.models._base import utcnow
from app.scoring import AnswerInput, score
from app.services import workshops
from app.workshops import ALPHABET
from tests.web.workshop_room import live, move

EXPRESS_FIRST = "x-gouv-ag"


def test_a_new_workshop_has_a_six_character_code_and_a_join_url(workshop):
    assert len(workshop["code"]) == 6
    assert set(workshop["code"]) <= set(ALPHABET)
    assert not set(workshop["code"]) & set("0O1I")
    assert workshop["join_url"].endswith(f"/w/{workshop['code']}")
    assert workshop["phase"] == "welcome"
    assert workshop["questionnaire"] == "gbp-express"
    assert workshop["votes"] == 3


def test_creating_a_workshop_names_each_bad_field(facilitator):
    response = facilitator.post(
        "/api/v1/workshops",
        json={"title": " ", "questionnaire": "nope", "categories": ["aliens"]},
    )
    assert response.status_code == 422
    fields = {e["field"] for e in response.json["errors"]}
    assert fields == {"title", "questionnaire", "categories"}


def test_joining_gives_a_token_and_a_wrong_code_is_a_404_problem(workshop, token_client):
    anonymous = token_client()
    response = anonymous.post(f"/api/v1/workshops/{workshop['code']}/participants", json={})
    assert response.status_code == 201
    assert response.json["token"].startswith("wk_")
    wrong = "ZZZZZZ" if workshop["code"] != "ZZZZZZ" else "YYYYYY"
    response = anonymous.post(f"/api/v1/workshops/{wrong}/participants", json={})
    assert response.status_code == 404
    assert response.content_type == "application/problem+json"


def test_the_code_is_case_insensitive(workshop, token_client):
    response = token_client().post(
        f"/api/v1/workshops/{workshop['code'].lower()}/participants", json={}
    )
    assert response.status_code == 201


def test_locked_and_closed_workshops_refuse_joins_with_a_clear_409(facilitator, workshop, phone):
    phone(workshop["code"])  # someone already in
    facilitator.patch(f"/api/v1/workshops/{workshop['id']}", json={"locked": True})
    from_phone = facilitator.application.test_client()
    late = from_phone.post(f"/api/v1/workshops/{workshop['code']}/participants", json={})
    assert late.status_code == 409
    assert "plus de nouveaux participants" in late.json["detail"]
    move(facilitator, workshop, "closed")
    closed = from_phone.post(f"/api/v1/workshops/{workshop['code']}/participants", json={})
    assert closed.status_code == 409
    assert "terminé" in closed.json["detail"]


def test_phones_follow_the_phase_and_an_unchanged_state_is_a_304(facilitator, workshop, phone):
    participant = phone(workshop["code"])
    url = f"/api/v1/workshops/{workshop['code']}/state"
    first = participant.get(url)
    assert first.json["phase"] == "welcome"
    etag = first.headers["ETag"]
    assert participant.get(url, headers={"If-None-Match": etag}).status_code == 304
    move(facilitator, workshop, "diagnosis")
    moved = participant.get(url, headers={"If-None-Match": etag})
    assert moved.status_code == 200
    assert moved.json["phase"] == "diagnosis"


def test_answers_are_taken_only_during_the_self_diagnosis(facilitator, workshop, phone):
    participant = phone(workshop["code"])
    url = f"/api/v1/workshops/{workshop['code']}/answers/{EXPRESS_FIRST}"
    assert participant.put(url, json={"value": 3}).status_code == 409
    move(facilitator, workshop, "diagnosis")
    saved = participant.put(url, json={"value": 3})
    assert saved.status_code == 200
    assert saved.json == {"question_id": EXPRESS_FIRST, "value": 3, "na": False}
    assert participant.put(url, json={"value": 3}).status_code == 200  # a re-send is harmless
    move(facilitator, workshop, "map")
    assert participant.put(url, json={"value": 4}).status_code == 409


@pytest.mark.parametrize(
    ("question", "body", "field"),
    [
        (EXPRESS_FIRST, {"value": 9}, "value"),
        (EXPRESS_FIRST, {"value": "3"}, "value"),
        (EXPRESS_FIRST, {"value": True}, "value"),
        ("x-unknown", {"value": 1}, "question_id"),
    ],
)
def test_a_bad_answer_is_a_422_naming_the_field(
    facilitator, workshop, phone, question, body, field
):
    participant = phone(workshop["code"])
    move(facilitator, workshop, "diagnosis")
    response = participant.put(
        f"/api/v1/workshops/{workshop['code']}/answers/{question}", json=body
    )
    assert response.status_code == 422
    assert field in {e["field"] for e in response.json["errors"]}


def test_a_participant_needs_their_own_token(facilitator, workshop, phone, token_client):
    move(facilitator, workshop, "diagnosis")
    url = f"/api/v1/workshops/{workshop['code']}/answers/{EXPRESS_FIRST}"
    assert token_client().put(url, json={"value": 1}).status_code == 401
    stranger = token_client()
    stranger.token = "wk_not-a-token"
    assert stranger.put(url, json={"value": 1}).status_code == 401


def test_a_token_from_another_workshop_does_not_work_here(facilitator, workshop, phone):
    other = facilitator.post("/api/v1/workshops", json={"title": "Autre atelier"}).json
    participant = phone(other["code"])
    move(facilitator, workshop, "diagnosis")
    response = participant.put(
        f"/api/v1/workshops/{workshop['code']}/answers/{EXPRESS_FIRST}", json={"value": 1}
    )
    assert response.status_code == 401
    assert participant.get(f"/api/v1/workshops/{workshop['code']}/me").status_code == 401


def test_another_facilitator_cannot_see_or_run_the_workshop(workshop, other_client, make_user):
    other_client.login(make_user())
    base = f"/api/v1/workshops/{workshop['id']}"
    assert other_client.get(base).status_code == 404
    assert other_client.get(f"{base}/live").status_code == 404
    assert other_client.put(f"{base}/phase", json={"phase": "vote"}).status_code == 404
    assert other_client.patch(base, json={"locked": True}).status_code == 404
    assert other_client.get("/api/v1/workshops").json["items"] == []


def test_a_distribution_shows_only_from_three_answers(facilitator, workshop, phone):
    phones = [phone(workshop["code"], f"P{i}") for i in range(3)]
    move(facilitator, workshop, "diagnosis")
    url = f"/api/v1/workshops/{workshop['code']}/answers/{EXPRESS_FIRST}"
    phones[0].put(url, json={"value": 4})
    phones[1].put(url, json={"value": 2})
    figures = live(facilitator, workshop)
    first = next(q for q in figures["questions"] if q["id"] == EXPRESS_FIRST)
    assert first == {"id": EXPRESS_FIRST, "theme": "gouvernance", "count": 2, "distribution": None}
    phones[2].put(url, json={"value": 4})
    first = next(q for q in live(facilitator, workshop)["questions"] if q["id"] == EXPRESS_FIRST)
    assert first["count"] == 3
    assert first["distribution"] == {"0": 0, "1": 0, "2": 1, "3": 0, "4": 2}


def test_theme_averages_are_the_scoring_method_averaged_over_participants(
    facilitator, workshop, phone
):
    version = db.session.get(Workshop, workshop["id"]).questionnaire_version
    questionnaire = version.questionnaire
    theme = questionnaire.themes[0]
    given = [{theme.questions[0].id: 4, theme.questions[1].id: 1}, {theme.questions[0].id: 2}]
    given.append({theme.questions[1].id: 3})
    phones = [phone(workshop["code"]) for _ in given]
    move(facilitator, workshop, "diagnosis")
    for participant, answers in zip(phones, given, strict=True):
        for qid, value in answers.items():
            url = f"/api/v1/workshops/{workshop['code']}/answers/{qid}"
            assert participant.put(url, json={"value": value}).status_code == 200
    expected = mean(
        score(questionnaire, {q: AnswerInput(v) for q, v in answers.items()}).theme(theme.id).score
        for answers in given
    )
    figures = live(facilitator, workshop)
    assert figures["themes"][0] == {"id": theme.id, "average": pytest.approx(expected), "count": 3}
    assert figures["joined"] == 3
    assert figures["answering"] == 3
    assert figures["finished"] == 0
    mine = phones[0].get(f"/api/v1/workshops/{workshop['code']}/me").json
    assert mine["answers"][theme.questions[0].id] == {"value": 4, "na": False}
    assert mine["themes"][0]["room"] == pytest.approx(expected)


def test_the_map_and_the_vote(facilitator, workshop, phone):
    phones = [phone(workshop["code"]) for _ in range(3)]
    code = workshop["code"]
    move(facilitator, workshop, "map")
    for participant, (influence, importance) in zip(phones, [(5, 4), (3, 4), (4, 1)], strict=True):
        response = participant.put(
            f"/api/v1/workshops/{code}/map/salaries",
            json={"influence": influence, "importance": importance},
        )
        assert response.status_code == 200
    bad = phones[0].put(
        f"/api/v1/workshops/{code}/map/salaries", json={"influence": 6, "importance": 1}
    )
    assert bad.status_code == 422
    unknown = phones[0].put(
        f"/api/v1/workshops/{code}/map/environnement", json={"influence": 1, "importance": 1}
    )
    assert unknown.status_code == 422
    salaries = live(facilitator, workshop)["map"][0]
    assert salaries["category"] == "salaries"
    assert (salaries["count"], salaries["influence"], salaries["importance"]) == (3, 4.0, 3.0)
    move(facilitator, workshop, "vote")
    over = phones[0].put(f"/api/v1/workshops/{code}/votes", json={"gouvernance": 4})
    assert over.status_code == 422
    for participant, votes in zip(
        phones, [{"gouvernance": 2, "emploi": 1}, {"gouvernance": 3}, {"emploi": 1}], strict=True
    ):
        assert participant.put(f"/api/v1/workshops/{code}/votes", json=votes).status_code == 200
    phones[2].put(f"/api/v1/workshops/{code}/votes", json={"emploi": 2})  # replaces its vote
    ranking = live(facilitator, workshop)["votes"]
    assert ranking[:2] == [{"theme": "gouvernance", "votes": 5}, {"theme": "emploi", "votes": 3}]


def test_the_projector_hides_results_until_revealed(facilitator, workshop, phone):
    phones = [phone(workshop["code"]) for _ in range(3)]
    move(facilitator, workshop, "diagnosis")
    for participant in phones:
        participant.put(
            f"/api/v1/workshops/{workshop['code']}/answers/{EXPRESS_FIRST}", json={"value": 1}
        )
    room = live(facilitator, workshop, "room")
    assert room["revealed"] is False
    assert room["joined"] == 3
    assert all(q["distribution"] is None for q in room["questions"])
    assert live(facilitator, workshop)["questions"][0]["distribution"] is not None  # peek
    facilitator.patch(f"/api/v1/workshops/{workshop['id']}", json={"revealed": True})
    assert live(facilitator, workshop, "room")["questions"][0]["distribution"] is not None


def test_a_removed_participant_leaves_every_figure(facilitator, workshop, phone):
    phones = [phone(workshop["code"]) for _ in range(3)]
    move(facilitator, workshop, "diagnosis")
    for participant in phones:
        participant.put(
            f"/api/v1/workshops/{workshop['code']}/answers/{EXPRESS_FIRST}", json={"value": 2}
        )
    removed = phones[0]
    response = facilitator.delete(
        f"/api/v1/workshops/{workshop['id']}/roster/{removed.participant_id}"
    )
    assert response.status_code == 204
    figures = live(facilitator, workshop)
    assert figures["joined"] == 2
    assert figures["questions"][0]["count"] == 2
    again = removed.put(
        f"/api/v1/workshops/{workshop['code']}/answers/{EXPRESS_FIRST}", json={"value": 2}
    )
    assert again.status_code == 409


def test_a_closed_workshop_keeps_frozen_figures(facilitator, workshop, phone):
    phones = [phone(workshop["code"]) for _ in range(3)]
    move(facilitator, workshop, "diagnosis")
    for participant in phones:
        participant.put(
            f"/api/v1/workshops/{workshop['code']}/answers/{EXPRESS_FIRST}", json={"value": 3}
        )
    move(facilitator, workshop, "closed")
    assert (
        facilitator.put(
            f"/api/v1/workshops/{workshop['id']}/phase", json={"phase": "vote"}
        ).status_code
        == 409
    )
    figures = live(facilitator, workshop, "room")
    assert figures["phase"] == "closed"
    assert figures["questions"][0]["distribution"]["3"] == 3


def test_the_live_figures_answer_304_when_unchanged(facilitator, workshop):
    url = f"/api/v1/workshops/{workshop['id']}/live"
    etag = facilitator.get(url).headers["ETag"]
    assert facilitator.get(url, headers={"If-None-Match": etag}).status_code == 304


@pytest.fixture
def strict_codes(app, monkeypatch):
    monkeypatch.setitem(app.config, "WORKSHOP_CODE_RATE_LIMIT", "3 per minute")
    yield
    limiter.reset()


def test_wrong_codes_are_rate_limited_per_address_and_right_codes_never(
    strict_codes, workshop, token_client
):
    anonymous = token_client()
    right = f"/api/v1/workshops/{workshop['code']}/participants"
    for _ in range(3):
        assert anonymous.post("/api/v1/workshops/ZZZZZ9/participants", json={}).status_code == 404
    blocked = anonymous.post("/api/v1/workshops/ZZZZZ9/participants", json={})
    assert blocked.status_code == 429
    assert int(blocked.headers["Retry-After"]) >= 1
    assert anonymous.get("/w/ZZZZZ8").status_code == 429  # the page too
    assert anonymous.post(right, json={}).status_code == 429  # a guesser cannot tell


def test_a_few_wrong_codes_do_not_block_the_room(strict_codes, workshop, token_client):
    anonymous = token_client()
    right = f"/api/v1/workshops/{workshop['code']}/participants"
    assert anonymous.post("/api/v1/workshops/ZZZZZ9/participants", json={}).status_code == 404
    statuses = {anonymous.post(right, json={}).status_code for _ in range(20)}
    assert statuses == {201}


def test_five_hundred_joins_from_one_address_all_succeed(workshop, token_client):
    anonymous = token_client()
    url = f"/api/v1/workshops/{workshop['code']}/participants"
    statuses = {anonymous.post(url, json={"pseudonym": f"P{i}"}).status_code for i in range(500)}
    assert statuses == {201}
    assert db.session.get(Workshop, workshop["id"]).joined == 500
    assert anonymous.post(url, json={}).status_code == 409  # the capacity (500 by default)


def test_any_current_questionnaire_can_be_chosen(facilitator):
    response = facilitator.post(
        "/api/v1/workshops", json={"title": "Atelier complet", "questionnaire": "gbp"}
    )
    assert response.status_code == 201
    version = db.session.get(Workshop, response.json["id"]).questionnaire_version
    assert isinstance(version, QuestionnaireVersion)
    assert version.key == "gbp"


def test_participants_answers_are_deleted_after_the_retention_period(facilitator, workshop, phone):
    phones = [phone(workshop["code"], f"P{i}") for i in range(3)]
    move(facilitator, workshop, "diagnosis")
    for participant in phones:
        participant.put(
            f"/api/v1/workshops/{workshop['code']}/answers/{EXPRESS_FIRST}", json={"value": 2}
        )
    move(facilitator, workshop, "closed")
    closed = live(facilitator, workshop)
    assert workshops.purge_expired(90) == 0  # closed today: kept
    later = utcnow() + timedelta(days=91)
    assert workshops.purge_expired(90, now=later) == 1
    assert db.session.scalar(db.select(db.func.count(Participant.id))) == 0
    assert db.session.scalar(db.select(db.func.count(WorkshopAnswer.participant_id))) == 0
    assert live(facilitator, workshop) == closed  # the aggregated figures remain
    assert workshops.purge_expired(90, now=later) == 0
