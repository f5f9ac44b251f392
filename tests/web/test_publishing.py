"""The general-assembly report (print page and PDF) and the public commitments page."""

from __future__ import annotations

import io

import pytest
from pypdf import PdfReader

from app.extensions import db
from app.models import PublicPage
from app.services import actions, answers, stakeholders
from app.services.actions import ActionData
from app.services.answers import Submission
from app.services.stakeholders import StakeholderData

HOSTILE = "<script>alert(1)</script>"


@pytest.fixture
def reported(owner, make_organisation, make_assessment):
    organisation = make_organisation(owner, name=f"Coop {HOSTILE}")
    assessment = make_assessment(owner, organisation)
    for question_id, value in [("gouv-ag", 1), ("gouv-info", "no"), ("emp-formation", 3)]:
        answers.save(owner, assessment.id, Submission(question_id, value))
    stakeholders.create(
        owner, organisation.id, StakeholderData(f"Voisins {HOSTILE}", "communaute-locale", 2, 4)
    )
    actions.create(
        owner, assessment.id, ActionData(f"Ouvrir l'AG {HOSTILE}", theme_id="gouvernance")
    )
    actions.create(owner, assessment.id, ActionData("Former les bénévoles", status="done"))
    return assessment


def pdf_text(data: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)


def pdf_images(data: bytes) -> int:
    """Charts are SVG drawn into the PDF as vector forms (XObjects), counted here."""
    count = 0
    for page in PdfReader(io.BytesIO(data)).pages:
        resources = page.get("/Resources") or {}
        count += len((resources.get("/XObject") or {}).keys())
    return count


def test_the_print_page_escapes_and_holds_every_part(client, owner, reported):
    client.login(owner)
    page = client.get(f"/assessments/{reported.id}/report").get_data(as_text=True)
    assert HOSTILE not in page
    assert "Coop &lt;script&gt;" in page
    for part in (
        "Gouvernance",
        "Emploi",
        "Ouvrir l&#39;AG",
        "Voisins &lt;script&gt;",
        "Former les bénévoles",
    ):
        assert part in page
    assert page.count('src="data:image/svg+xml;base64,') >= 2  # radar, stakeholder grid


def test_the_pdf_holds_the_name_every_theme_the_actions_and_the_charts(
    client, owner, reported, tmp_path
):
    client.login(owner)
    response = client.get(f"/assessments/{reported.id}/report.pdf")
    assert response.status_code == 200
    assert response.mimetype == "application/pdf"
    assert response.data.startswith(b"%PDF")
    text = pdf_text(response.data)
    assert f"Coop {HOSTILE}" in text  # shown as text, never run
    for part in ("Gouvernance", "Emploi", "Ouvrir l'AG", "Former les bénévoles", "Voisins"):
        assert part in text
    assert "Scores par thème" in text  # the radar's SVG title, drawn into the PDF
    assert pdf_images(response.data) >= 2  # the radar and the stakeholder grid
    english = pdf_text(client.get(f"/assessments/{reported.id}/report.pdf?lang=en").data)
    assert "Governance" in english
    assert "Action plan" in english


def test_the_public_page_shows_only_what_was_chosen_until_revoked(client, owner, reported):
    organisation_id = reported.organisation_id
    client.login(owner)
    plan = actions.list_for(owner, reported.id)[1]
    chosen = next(a for a in plan if a.title == "Former les bénévoles")
    response = client.post(
        f"/organisations/{organisation_id}/public",
        data={
            "enabled": "y",
            "assessment_id": str(reported.id),
            "intro": "Nos engagements pour 2027",
            "themes": ["gouvernance"],
            "actions": [str(chosen.id)],
        },
    )
    assert response.status_code == 302
    page = db.session.scalar(db.select(PublicPage))
    anonymous = client.application.test_client()
    public = anonymous.get(f"/p/{page.token}").get_data(as_text=True)
    assert "Nos engagements pour 2027" in public
    assert "Former les bénévoles" in public
    assert "Ouvrir l" not in public  # not chosen
    assert "Emploi" not in public
    assert "Voisins" not in public  # stakeholders are never public
    old_token = page.token
    client.post(f"/organisations/{organisation_id}/public/revoke")
    assert anonymous.get(f"/p/{old_token}").status_code == 404
    assert anonymous.get("/p/not-a-token").status_code == 404
