"""Priorities, the action plan and its exports, objectives, next cycle and comparison."""

from __future__ import annotations

import csv
import io
from datetime import date, timedelta

import pytest
from icalendar import Calendar
from openpyxl import load_workbook

from app.extensions import db
from app.models import Action, Answer, Stakeholder
from app.services import answers, stakeholders
from app.services.answers import Submission
from app.services.stakeholders import StakeholderData

HOSTILE = "<script>alert(1)</script>"


@pytest.fixture
def answered(owner, assessment):
    """The mini questionnaire answered: gouvernance (2·25 + 0 + 40)/4 = 22.5; emploi 50."""
    for question_id, value in [
        ("gouv-ag", 1),
        ("gouv-info", "no"),
        ("gouv-frequence", "annuelle"),
        ("emp-formation", 2),
        ("emp-benevoles", "partial"),
    ]:
        answers.save(owner, assessment.id, Submission(question_id, value))
    return assessment


def test_priorities_follow_the_method_and_change_with_a_stakeholder(
    token_client, owner, organisation, answered
):
    api = token_client(owner)
    url = f"/api/v1/assessments/{answered.id}/priorities"
    before = api.get(url).get_json()
    # gouvernance: (100-22.5)*2*(1+0) = 155; emploi: (100-50)*1*(1+0) = 50
    assert [(r["theme"], r["priority"]) for r in before["ranked"]] == [
        ("gouvernance", pytest.approx(155)),
        ("emploi", pytest.approx(50)),
    ]
    assert before["to_assess"] == []
    created = stakeholders.create(
        owner,
        organisation.id,
        StakeholderData("Salariés", "salaries", 5, 5, themes=["emploi"], issues=[]),
    )
    after = api.get(url).get_json()
    # emploi: 50*1*(1+25/25) = 100 < 155
    emploi = next(r for r in after["ranked"] if r["theme"] == "emploi")
    assert emploi["salience"] == pytest.approx(1)
    assert emploi["priority"] == pytest.approx(100)
    assert emploi["stakeholders"] == [created.id]
    stakeholders.update(owner, created.id, {"themes": ["gouvernance"]})
    moved = api.get(url).get_json()
    # gouvernance: 77.5*2*2 = 310
    assert moved["ranked"][0]["priority"] == pytest.approx(310)


def test_accept_suggestions_write_actions_and_follow_them(client, owner, answered):
    client.login(owner)
    plan = client.get(f"/assessments/{answered.id}/plan").get_data(as_text=True)
    assert "Ouvrir l&#39;AG" in plan  # gouv-ag scores 25 < 50: its suggested action is proposed
    response = client.post(f"/assessments/{answered.id}/plan/suggestions/gouv-ag:0")
    assert response.status_code == 302
    accepted = db.session.scalar(db.select(Action))
    assert (accepted.title, accepted.theme_id, accepted.question_id) == (
        "Ouvrir l'AG",
        "gouvernance",
        "gouv-ag",
    )
    assert (
        "Ouvrir l'AG"
        not in client.get(f"/assessments/{answered.id}/plan")
        .get_data(as_text=True)
        .split("suggestions-title")[1]
    )
    client.post(
        f"/assessments/{answered.id}/plan/new",
        data={
            "title": "Former le bureau",
            "theme_id": "emploi",
            "status": "todo",
            "due_date": (date.today() - timedelta(days=3)).isoformat(),
        },
    )
    second = db.session.scalar(db.select(Action).where(Action.title == "Former le bureau"))
    assert second.position == 2
    page = client.get(f"/assessments/{answered.id}/plan").get_data(as_text=True)
    assert "En retard" in page
    client.post(f"/actions/{second.id}/move", data={"direction": "up"})
    db.session.refresh(second)
    assert second.position == 1
    client.post(f"/actions/{accepted.id}/status", data={"status": "done"})
    db.session.refresh(accepted)
    assert accepted.status == "done"
    assert accepted.done_at is not None


def test_exports_keep_hostile_text_inert(client, owner, answered):
    client.login(owner)
    client.post(
        f"/assessments/{answered.id}/plan/new",
        data={
            "title": f'=HYPERLINK("http://x") {HOSTILE}',
            "owner": "+33 6",
            "status": "todo",
            "due_date": "2027-03-01",
            "theme_id": "",
        },
    )
    csv_response = client.get(f"/assessments/{answered.id}/plan.csv")
    assert csv_response.mimetype == "text/csv"
    assert "attachment" in csv_response.headers["Content-Disposition"]
    rows = list(csv.reader(io.StringIO(csv_response.data.decode("utf-8-sig")), delimiter=";"))
    assert rows[1][1].startswith("'=HYPERLINK")
    assert HOSTILE in rows[1][1]
    assert rows[1][5] == "'+33 6"
    workbook = load_workbook(io.BytesIO(client.get(f"/assessments/{answered.id}/plan.xlsx").data))
    cells = [c for row in workbook.active.iter_rows() for c in row if c.value]
    assert all(c.data_type != "f" for c in cells)
    assert any(HOSTILE in str(c.value) for c in cells)
    calendar = Calendar.from_ical(client.get(f"/assessments/{answered.id}/plan.ics").data)
    events = list(calendar.walk("VEVENT"))
    assert len(events) == 1
    assert events[0]["DTSTART"].dt == date(2027, 3, 1)


def test_objectives_are_suggested_then_stored(client, owner, answered):
    client.login(owner)
    page = client.get(f"/assessments/{answered.id}/objectives").get_data(as_text=True)
    # gouvernance at 22.5 on a 0..4 scale (steps of 25): next level 25, then 50
    assert 'name="gouvernance-1y"' in page
    assert 'value="25' in page
    client.post(
        f"/assessments/{answered.id}/objectives",
        data={"gouvernance-1y": "40", "gouvernance-3y": "70", "emploi-1y": "", "emploi-3y": "80"},
    )
    db.session.refresh(answered)
    assert answered.objectives["gouvernance"] == [40.0, 70.0]
    assert answered.objectives["emploi"] == [None, 80.0]
    assert (
        client.post(
            f"/assessments/{answered.id}/objectives", data={"gouvernance-1y": "140"}
        ).status_code
        == 200
    )


def test_next_cycle_copies_answers_to_confirm_and_open_actions(client, owner, answered):
    client.login(owner)
    client.post(f"/assessments/{answered.id}/plan/suggestions/gouv-ag:0")
    client.post(f"/assessments/{answered.id}/plan/new", data={"title": "Fait", "status": "done"})
    response = client.post(f"/assessments/{answered.id}/next", data={"year": "2027", "label": ""})
    assert response.status_code == 302
    new_id = int(response.headers["Location"].rsplit("/", 1)[1])
    copied = db.session.scalars(db.select(Answer).where(Answer.assessment_id == new_id)).all()
    assert {a.question_id for a in copied} == {
        "gouv-ag",
        "gouv-info",
        "gouv-frequence",
        "emp-formation",
        "emp-benevoles",
    }
    assert all(a.to_confirm for a in copied)
    carried = db.session.scalars(db.select(Action).where(Action.assessment_id == new_id)).all()
    assert [a.title for a in carried] == ["Ouvrir l'AG"]
    overview = client.get(f"/assessments/{new_id}").get_data(as_text=True)
    assert "5 réponses reprises du cycle précédent sont à confirmer" in overview
    # confirming by giving the same answer again clears the mark
    answers.save(owner, new_id, Submission("gouv-ag", 1, base_version=1))
    assert not db.session.scalar(
        db.select(Answer.to_confirm).where(
            Answer.assessment_id == new_id, Answer.question_id == "gouv-ag"
        )
    )
    compare = client.get(f"/assessments/{new_id}/compare").get_data(as_text=True)
    assert "2026" in compare
    assert "2027" in compare
    assert "Fait" in compare  # done since the previous cycle


def test_stakeholder_text_is_escaped_on_the_plan_pages(client, owner, organisation, answered):
    db.session.add(
        Stakeholder(
            organisation_id=organisation.id,
            name=HOSTILE,
            category="clients",
            influence=3,
            importance=3,
            themes=["gouvernance"],
            issues=[],
        )
    )
    db.session.commit()
    client.login(owner)
    for url in (
        f"/assessments/{answered.id}/priorities",
        f"/organisations/{organisation.id}/stakeholders",
    ):
        body = client.get(url).get_data(as_text=True)
        assert HOSTILE not in body
        assert "&lt;script&gt;" in body


def test_the_action_plan_through_the_api(token_client, owner, answered):
    api = token_client(owner)
    url = f"/api/v1/assessments/{answered.id}/actions"
    first = api.post(
        url, json={"title": "Ouvrir l'AG", "question": "gouv-ag", "due_date": "2027-01-31"}
    )
    assert first.status_code == 201
    body = first.get_json()
    assert (body["theme"], body["question"], body["position"], body["status"]) == (
        "gouvernance",
        "gouv-ag",
        1,
        "todo",
    )
    second = api.post(
        url, json={"title": "Former", "theme": "emploi", "status": "in_progress"}
    ).get_json()
    moved = api.patch(
        f"/api/v1/actions/{second['id']}", json={"position": 1, "status": "done"}
    ).get_json()
    assert (moved["position"], moved["status"]) == (1, "done")
    assert moved["done_at"] is not None
    assert [a["title"] for a in api.get(url).get_json()["items"]] == ["Former", "Ouvrir l'AG"]
    bad = api.post(
        url, json={"title": "", "theme": "nope", "status": "later", "due_date": "31/01/2027"}
    )
    assert bad.status_code == 422
    assert {e["field"] for e in bad.get_json()["errors"]} == {"title", "status", "due_date"}
    wrong_theme = api.post(url, json={"title": "X", "theme": "nope"})
    assert [e["field"] for e in wrong_theme.get_json()["errors"]] == ["theme"]
    assert api.delete(f"/api/v1/actions/{second['id']}").status_code == 204
    assert [a["position"] for a in api.get(url).get_json()["items"]] == [1]


def test_results_show_where_each_theme_stands_against_its_objectives(client, owner, answered):
    client.login(owner)
    client.post(
        f"/assessments/{answered.id}/objectives",
        data={"gouvernance-1y": "20", "gouvernance-3y": "60", "emploi-1y": "75", "emploi-3y": ""},
    )
    page = client.get(f"/assessments/{answered.id}/results").get_data(as_text=True)
    assert "atteint" in page  # gouvernance 22.5 ≥ 20
    assert "encore 38" in page  # 60 − 22.5 = 37.5, shown rounded
    assert "encore 25" in page  # emploi: 75 − 50
