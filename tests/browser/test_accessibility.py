"""WCAG 2.1 AA checks with axe-core inside Chromium, keyboard use, and pages on a phone screen."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import Auditor, create_organisation, register, start_assessment


def test_every_page_has_no_serious_accessibility_violation(audit_context, live_server):
    page = audit_context.new_page()
    audit = Auditor(page)

    for path in ("/", "/login", "/register", "/password/forgot", "/nowhere", "/api/docs"):
        page.goto(live_server.url + path)
        audit(path)
    register(page, live_server)
    audit("new organisation")
    page.get_by_role("button", name="Créer l'organisation").click()  # empty: errors shown
    audit("organisation form with errors")
    create_organisation(page)
    audit("organisation")
    organisation = page.url
    page.goto(organisation + "/members")
    audit("members")
    page.goto(organisation + "/edit")
    audit("organisation profile")
    page.goto(live_server.url + "/account")
    audit("account")
    page.get_by_role("link", name="Gérer vos jetons d'accès").click()
    page.get_by_label("Nom du jeton").fill("Tableur")
    with page.expect_navigation():
        page.get_by_role("button", name="Créer le jeton").click()
    audit("API tokens, with a new token shown")
    page.goto(organisation)
    page.get_by_role("link", name="Commencer une évaluation").click()
    audit("choose questionnaire")
    page.locator('a[href$="/assessments/new/gbp"]').click()
    audit("new assessment")
    page.get_by_role("button", name="Commencer").click()
    page.wait_for_url("**/assessments/*")
    audit("assessment overview")
    overview = page.url
    page.locator(".theme-list a").first.click()
    page.locator("fieldset[data-question]").first.locator(".option label").nth(2).click()
    expect(page.locator(".answer-status.is-saved")).to_have_count(1)
    audit("theme page")
    page.goto(overview + "/settings")
    audit("settings")
    page.goto(overview + "/results")
    audit("results")
    page.get_by_role("button", name="English").click()
    audit("results in English")
    assert not audit.found, audit.found


def test_answering_with_the_keyboard_only(page, live_server):
    register(page, live_server)
    create_organisation(page)
    start_assessment(page, "gbp")
    page.locator(".theme-list a").first.focus()
    page.keyboard.press("Enter")
    page.wait_for_url("**/themes/**")
    first = page.locator("fieldset[data-question]").first
    first.locator('input[data-role="value"]').first.focus()
    page.keyboard.press("ArrowDown")  # radio groups move with the arrow keys
    page.keyboard.press("ArrowDown")
    expect(first.locator('input[data-role="value"]:checked')).to_have_value("2")
    expect(first.locator('[data-role="status"]')).to_contain_text("Enregistré")
    focused_outline = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
    assert focused_outline != "none"


@pytest.mark.parametrize(
    "path",
    [
        "/",
        "/login",
        "/api/docs",
        "theme",
        "results",
        "priorities",
        "plan",
        "report",
        "stakeholders",
    ],
)
def test_pages_fit_a_phone_screen(browser, live_server, path):
    context = browser.new_context(
        viewport={"width": 360, "height": 740}, is_mobile=True, has_touch=True
    )
    page = context.new_page()
    try:
        if path.startswith("/"):
            page.goto(live_server.url + path)
        else:
            register(page, live_server)
            create_organisation(page)
            organisation = page.url
            start_assessment(page, "gbp")
            overview = page.url
            if path == "theme":
                page.locator(".theme-list a").first.click()
                heights = page.locator(".option").evaluate_all(
                    "els => els.map(e => e.offsetHeight)"
                )
                assert min(heights) >= 44  # touch targets
            elif path == "stakeholders":
                page.goto(organisation + "/stakeholders")
            else:
                page.goto(f"{overview}/{path}")
        page.wait_for_load_state("networkidle")
        overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
        assert overflow <= 0, f"{path} scrolls sideways by {overflow}px on a phone"
    finally:
        context.close()
