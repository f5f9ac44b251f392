"""From the scores to the general assembly, in Chromium: stakeholders on the grid, priorities that
move with them, suggested and written actions, and every download (issue 4, "done when" 1)."""

from __future__ import annotations

import re

from playwright.sync_api import expect

from tests.browser.conftest import Auditor, create_organisation, register, start_assessment

STAKEHOLDERS = [
    ("Équipe salariée", "salaries", 4, 5),
    ("Bénévoles du jeudi", "benevoles", 2, 4),
    ("Sociétaires", "membres", 5, 4),
    ("Familles accueillies", "usagers", 2, 5),
    ("Région Bretagne", "financeurs-publics", 5, 3),
    ("Mairie", "collectivites", 4, 2),
    ("Épicerie voisine", "fournisseurs", 1, 2),
    ("Réseau des ressourceries", "reseaux", 2, 2),
]


def answer_everything_low(page) -> None:
    """Answers through the JSON API with the page's session and CSRF token (the autosave's way),
    at the lowest levels, so that every theme has weak questions and suggestions."""
    token = page.locator('meta[name="csrf-token"]').get_attribute("content")
    site = re.match(r"https?://[^/]+", page.url)[0]
    assessment_id = int(re.search(r"/assessments/(\d+)", page.url)[1])
    detail = page.request.get(f"{site}/api/v1/assessments/{assessment_id}").json()
    questionnaire = page.request.get(
        f"{site}/api/v1/questionnaires/{detail['questionnaire']['id']}"
        f"?version={detail['questionnaire']['version']}"
    ).json()
    questions = {q["id"]: q for t in questionnaire["themes"] for q in t["questions"]}
    for question_id in detail["applicable_questions"]:
        question = questions[question_id]
        value = {
            "scale": 1,
            "yes_partial_no": "no",
            "choice": question["options"][0]["id"] if question["options"] else None,
            "number": question["min"] or 0,
            "text": "Rien de prévu.",
        }[question["type"]]
        response = page.request.put(
            f"{site}/api/v1/assessments/{assessment_id}/answers/{question_id}",
            data={"value": value, "na": False, "comment": "", "version": None},
            headers={"X-CSRFToken": token},
        )
        assert response.ok, response.text()


def add_stakeholder(page, name: str, category: str, influence: int, importance: int) -> None:
    page.get_by_role("link", name="Ajouter une partie prenante").click()
    page.get_by_label("Nom", exact=True).fill(name)
    page.get_by_label("Catégorie").select_option(category)
    page.locator(f'input[name="influence"][value="{influence}"]').check()
    page.locator(f'input[name="importance"][value="{importance}"]').check()
    with page.expect_navigation():
        page.get_by_role("button", name="Enregistrer").click()
    expect(page.locator(".flash-success")).to_contain_text(name)


def priority_rows(page) -> list[str]:
    return [row.inner_text() for row in page.locator("table.priorities tbody tr").all()]


def test_stakeholders_priorities_plan_and_every_download(audit_context, live_server, tmp_path):
    page = audit_context.new_page()
    audit = Auditor(page)

    register(page, live_server)
    create_organisation(page, "La Recyclerie du Port")
    organisation_url = page.url
    overview = start_assessment(page, "gbp")
    answer_everything_low(page)

    # 8 stakeholders, on the grid and in its table
    page.goto(organisation_url)
    page.get_by_role("link", name="Parties prenantes").first.click()
    audit("stakeholders (empty)")
    for name, category, influence, importance in STAKEHOLDERS:
        add_stakeholder(page, name, category, influence, importance)
    stakeholders_url = page.url
    expect(page.locator("table tbody tr")).to_have_count(8)
    expect(page.locator("[data-plotly] .scatterlayer .point")).to_have_count(8)
    audit("stakeholders grid")

    # the ranked areas move when a stakeholder's influence changes
    page.goto(overview)
    page.get_by_role("link", name="Priorités").click()
    before = priority_rows(page)
    assert len(before) == 8
    audit("priorities")
    page.goto(stakeholders_url)
    page.get_by_role("link", name="Épicerie voisine").click()
    audit("stakeholder form")
    page.locator('input[name="influence"][value="5"]').check()
    page.locator('input[name="importance"][value="5"]').check()
    with page.expect_navigation():
        page.get_by_role("button", name="Enregistrer").click()
    page.goto(overview)
    page.get_by_role("link", name="Priorités").click()
    after = priority_rows(page)
    assert after != before

    # 5 suggested actions accepted, 2 written, 1 done
    page.get_by_role("link", name="Plan d'actions").first.click()
    audit("plan with suggestions")
    for _ in range(5):
        with page.expect_navigation():
            page.locator(".suggestions button").first.click()
    for title in ("Présenter la revue des pratiques à l'AG", "Nommer un référent dialogue"):
        page.get_by_role("link", name="Écrire une action").click()
        page.get_by_label("Titre de l'action").fill(title)
        page.get_by_label("Échéance").fill("2027-06-30")
        with page.expect_navigation():
            page.get_by_role("button", name="Enregistrer").click()
    expect(page.locator("ol.plan > li")).to_have_count(7)
    first = page.locator("ol.plan > li").first
    first.get_by_label(re.compile("^État")).select_option("done")
    with page.expect_navigation():
        first.get_by_role("button", name=re.compile("Changer l'état")).click()
    expect(page.locator("ol.plan > li").first).to_contain_text("Fait")
    audit("plan")

    downloads = {}
    for label, kind in (
        ("CSV", "csv"),
        ("tableur (XLSX)", "xlsx"),
        ("agenda des échéances (iCal)", "ics"),
    ):
        with page.expect_download() as info:
            page.get_by_role("link", name=label).click()
        downloads[kind] = info.value
    page.goto(overview)
    page.get_by_role("link", name="Rapport à l'assemblée générale").click()
    audit("general-assembly report")
    with page.expect_download() as info:
        page.get_by_role("link", name="Télécharger en PDF").click()
    downloads["pdf"] = info.value
    signatures = {"csv": b"\xef\xbb\xbf", "xlsx": b"PK", "ics": b"BEGIN:VCALENDAR", "pdf": b"%PDF"}
    for kind, download in downloads.items():
        path = tmp_path / f"plan.{kind}"
        download.save_as(path)
        assert path.read_bytes().startswith(signatures[kind]), kind
    assert "Nommer un référent dialogue" in (tmp_path / "plan.csv").read_text(encoding="utf-8-sig")

    # the public page: switched on with one theme and one action, then seen by anyone with the link
    page.goto(organisation_url)
    page.get_by_role("link", name="Page publique").click()
    audit("public page settings")
    page.get_by_label("Page publique activée").check()
    page.get_by_label("Gouvernance démocratique").check()
    page.get_by_label("Présenter la revue des pratiques à l'AG").check()
    with page.expect_navigation():
        page.get_by_role("button", name="Enregistrer").click()
    public_link = page.locator(".flash-success a").get_attribute("href")
    visitor = audit_context.browser.new_context(bypass_csp=True).new_page()
    visitor.goto(public_link)
    expect(visitor.get_by_role("heading", level=1)).to_contain_text("La Recyclerie du Port")
    expect(visitor.locator("main")).to_contain_text("Présenter la revue des pratiques à l'AG")
    expect(visitor.locator("main")).not_to_contain_text("Nommer un référent dialogue")
    public_audit = Auditor(visitor)
    public_audit("public page")
    assert not public_audit.found, public_audit.found

    for name in ("Objectifs", "Comparer les cycles", "Commencer le cycle suivant"):
        page.goto(overview)
        page.get_by_role("link", name=name).click()
        audit(name)
    assert not audit.found, audit.found
