"""Workshop pages: the facilitator's (create, control room, projector, QR code), the phones'
(enter a code, the room), and "continue with my organisation"."""

from __future__ import annotations

import re

import pytest

from app.extensions import db
from app.models import Answer, Assessment, Stakeholder, Workshop
from app.services import workshop_room, workshops
from app.services.workshop_room import JoinData
from app.services.workshops import WorkshopData

HOSTILE = "<img src=x onerror=alert(1)>"


@pytest.fixture
def workshop(owner) -> Workshop:
    return workshops.create(owner, WorkshopData("Atelier de Lorient", categories=["salaries"]))


def test_create_a_workshop_from_the_form(client, owner):
    client.login(owner)
    page = client.get("/workshops/new").get_data(as_text=True)
    assert '<option selected value="gbp-express">' in page
    response = client.post(
        "/workshops/new",
        data={
            "title": "Atelier CRESS",
            "questionnaire": "gbp-express",
            "categories": ["salaries", "usagers"],
            "votes": "4",
            "phases": ["welcome", "diagnosis", "vote", "synthesis"],
            "intro_welcome": "**Bienvenue** à tous",
        },
    )
    assert response.status_code == 302
    workshop = db.session.scalar(db.select(Workshop))
    assert (workshop.votes, workshop.categories) == (4, ["salaries", "usagers"])
    assert workshop.phases == ["welcome", "diagnosis", "vote", "synthesis"]
    room = client.get(f"/w/{workshop.code}").get_data(as_text=True)
    assert "<strong>Bienvenue</strong> à tous" in room


def test_a_bad_value_is_shown_next_to_its_field(client, owner):
    client.login(owner)
    response = client.post(
        "/workshops/new", data={"title": "", "questionnaire": "nope", "votes": "99"}
    )
    assert response.status_code == 200
    page = response.get_data(as_text=True)
    assert 'id="title-error"' in page
    assert 'id="votes-error"' in page


def test_the_control_room_moves_phases_locks_and_reveals(client, owner, workshop):
    client.login(owner)
    page = client.get(f"/workshops/{workshop.id}").get_data(as_text=True)
    assert workshop.code in page
    assert f"/w/{workshop.code}" in page
    client.post(f"/workshops/{workshop.id}/phase", data={"phase": "diagnosis"})
    client.post(f"/workshops/{workshop.id}/settings", data={"locked": "1"})
    client.post(f"/workshops/{workshop.id}/settings", data={"revealed": "1"})
    db.session.refresh(workshop)
    assert (workshop.phase, workshop.locked, workshop.revealed) == ("diagnosis", True, True)
    client.post(f"/workshops/{workshop.id}/phase", data={"phase": "map"})
    db.session.refresh(workshop)
    assert workshop.revealed is False  # each phase's results start hidden on the projector


def test_the_projector_shows_the_code_and_a_server_drawn_qr_code(client, owner, workshop):
    client.login(owner)
    page = client.get(f"/workshops/{workshop.id}/projector").get_data(as_text=True)
    assert f">{workshop.code}<" in page
    assert "<svg" in page
    assert "audience=room" in page
    svg = client.get(f"/workshops/{workshop.id}/qr.svg")
    assert svg.content_type.startswith("image/svg+xml")
    assert b"<svg" in svg.data


def test_only_the_facilitator_reaches_the_workshop_pages(other_client, make_user, workshop):
    other_client.login(make_user())
    for url in ("", "/projector", "/qr.svg"):
        assert other_client.get(f"/workshops/{workshop.id}{url}").status_code == 404
    assert (
        other_client.post(f"/workshops/{workshop.id}/phase", data={"phase": "vote"}).status_code
        == 404
    )


def test_removing_a_participant_from_the_control_room(client, owner, workshop):
    _, participant, _ = workshop_room.join(workshop.code, JoinData("Zoé"))
    client.login(owner)
    response = client.post(f"/workshops/{workshop.id}/participants/{participant.id}/remove")
    assert response.status_code == 302
    db.session.refresh(participant)
    assert participant.removed


def test_a_hostile_pseudonym_is_text_on_the_control_room(client, owner, workshop):
    workshop_room.join(workshop.code, JoinData(HOSTILE))
    client.login(owner)
    page = client.get(f"/workshops/{workshop.id}").get_data(as_text=True)
    assert HOSTILE not in page
    assert "&lt;img src=x onerror=alert(1)&gt;" in page


def test_entering_a_code(client, workshop):
    response = client.get(f"/w?code={workshop.code.lower()}")
    assert response.status_code == 302
    assert response.headers["Location"].endswith(f"/w/{workshop.code}")
    wrong = client.get("/w?code=00000")
    assert wrong.status_code == 404
    assert "ne correspond à aucun atelier" in wrong.get_data(as_text=True)
    assert client.get("/w/ZZZZZ9").status_code == 404


def test_the_room_page_holds_every_question_with_its_levels(client, workshop):
    page = client.get(f"/w/{workshop.code}").get_data(as_text=True)
    questionnaire = workshop.questionnaire_version.questionnaire
    assert page.count('class="question room-question"') == len(questionnaire.questions())
    assert "Pas d&#39;AG effective" in page  # a level label
    assert 'data-category="salaries"' in page


def _participant_with_answers(workshop: Workshop) -> str:
    _, participant, token = workshop_room.join(
        workshop.code, JoinData("Léa", "Les Jardins", "association", "1-9")
    )
    workshops.set_phase(workshop.facilitator, workshop.id, "diagnosis")
    workshop_room.save_answer(workshop, participant, "x-gouv-ag", 3)
    workshop_room.save_answer(workshop, participant, "x-gouv-entre-ag", 1)
    workshops.set_phase(workshop.facilitator, workshop.id, "map")
    workshop_room.place(workshop, participant, "salaries", 4, 5)
    return token


def test_continue_with_my_organisation_makes_a_draft_guide_assessment(
    client, owner, organisation, workshop
):
    token = _participant_with_answers(workshop)
    phone = client  # the participant's phone, not signed in yet
    response = phone.post(f"/w/{workshop.code}/continue", data={"participant_token": token})
    assert response.status_code == 302
    assert "/login?next=" in response.headers["Location"]
    phone.login(owner)
    page = phone.get(f"/w/{workshop.code}/organisation").get_data(as_text=True)
    assert organisation.name in page
    response = phone.post(
        f"/w/{workshop.code}/organisation", data={"organisation_id": str(organisation.id)}
    )
    assert response.status_code == 302
    assessment = db.session.scalar(db.select(Assessment))
    assert assessment.organisation_id == organisation.id
    version = assessment.questionnaire_version
    assert (version.key, version.is_current) == ("gbp", True)
    short = workshop.questionnaire_version.questionnaire
    answers = {a.question_id: a for a in db.session.scalars(db.select(Answer))}
    expected = {
        target: value
        for qid, value in (("x-gouv-ag", 3), ("x-gouv-entre-ag", 1))
        for target in short.question(qid).stands_for
    }
    assert {q: a.value for q, a in answers.items()} == expected
    assert all(a.to_confirm for a in answers.values())
    stakeholder = db.session.scalar(db.select(Stakeholder))
    assert (stakeholder.category, stakeholder.influence, stakeholder.importance) == (
        "salaries",
        4,
        5,
    )
    assert response.headers["Location"].endswith(f"/assessments/{assessment.id}")


def test_continue_needs_the_participants_own_token(client, owner, workshop):
    _participant_with_answers(workshop)
    client.login(owner)
    response = client.post(f"/w/{workshop.code}/continue", data={"participant_token": "wk_forged"})
    assert response.status_code == 302
    assert response.headers["Location"].endswith(f"/w/{workshop.code}")
    assert client.get(f"/w/{workshop.code}/organisation").status_code == 404
    assert db.session.scalar(db.select(db.func.count(Assessment.id))) == 0


def test_continue_offers_to_create_the_organisation_with_what_the_participant_said(
    client, make_user, workshop
):
    token = _participant_with_answers(workshop)
    newcomer = make_user()
    client.login(newcomer)
    client.post(f"/w/{workshop.code}/continue", data={"participant_token": token})
    page = client.get(f"/w/{workshop.code}/organisation").get_data(as_text=True)
    link = re.search(r'href="(/organisations/new\?[^"]+)"', page)[1].replace("&amp;", "&")
    form = client.get(link).get_data(as_text=True)
    assert 'value="Les Jardins"' in form
    assert re.search(r'<option selected value="association"|value="association" selected', form)
