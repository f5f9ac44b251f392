"""No answer is ever lost: reloads, server restarts, a server that is down, two members at once."""

from __future__ import annotations

import json
import re

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import create_organisation, register, start_assessment

PENDING = "ecotone:pending:"


@pytest.fixture
def theme_page(page, live_server):
    """A logged-in member on the first theme of a new Guide assessment."""
    register(page, live_server)
    create_organisation(page)
    start_assessment(page, "gbp")
    with page.expect_navigation():
        page.locator(".theme-list a").first.click()
    return page


def question(page, index: int):
    return page.locator("fieldset[data-question]").nth(index)


def choose_level(page, index: int, level: int) -> None:
    question(page, index).locator(".option label").nth(level).click()


def checked_level(page, index: int) -> str | None:
    checked = question(page, index).locator('input[data-role="value"]:checked')
    return checked.get_attribute("value") if checked.count() else None


def pending(page) -> dict:
    keys = page.evaluate(f"Object.keys(localStorage).filter(k => k.startsWith('{PENDING}'))")
    return json.loads(page.evaluate(f"localStorage.getItem('{keys[0]}')")) if keys else {}


def server_scores(page) -> dict:
    assessment_id = page.locator("form[data-assessment]").get_attribute("data-assessment")
    origin = re.match(r"https?://[^/]+", page.url).group(0)
    return page.request.get(f"{origin}/api/v1/assessments/{assessment_id}/scores").json()


def answered_on_server(page) -> set[str]:
    return {q["id"] for q in server_scores(page)["questions"] if q["answered"]}


def test_reload_mid_questionnaire_keeps_every_saved_answer(theme_page):
    page = theme_page
    for index, level in [(0, 1), (1, 3), (2, 4)]:
        choose_level(page, index, level)
    expect(page.locator(".answer-status.is-saved")).to_have_count(3)
    expect(question(page, 1).locator('[data-role="status"]')).to_contain_text("Enregistré")
    page.reload()
    assert [checked_level(page, i) for i in range(3)] == ["1", "3", "4"]
    assert pending(page) == {}


def test_restarting_the_server_loses_nothing(theme_page, live_server):
    page = theme_page
    choose_level(page, 0, 2)
    question(page, 0).locator('[data-role="comment"]').fill("Avant le redémarrage")
    expect(question(page, 0).locator('[data-role="status"]')).to_contain_text(
        "Enregistré", timeout=5000
    )
    live_server.stop()
    live_server.start()
    page.reload()
    assert checked_level(page, 0) == "2"
    expect(question(page, 0).locator('[data-role="comment"]')).to_have_value("Avant le redémarrage")


def test_answers_given_while_the_server_is_down_are_sent_when_it_is_back(theme_page, live_server):
    page = theme_page
    choose_level(page, 0, 1)
    expect(question(page, 0).locator('[data-role="status"]')).to_contain_text("Enregistré")
    first_id = question(page, 0).get_attribute("data-question")
    second_id = question(page, 1).get_attribute("data-question")

    live_server.stop()
    choose_level(page, 1, 3)
    status = question(page, 1).locator('[data-role="status"]')
    expect(status).to_contain_text("Pas de connexion")
    assert pending(page)[second_id]["value"] == 3  # kept on the device
    expect(page.locator('[data-role="summary"]')).to_contain_text("pas encore envoyées")

    live_server.start()
    page.evaluate("window.dispatchEvent(new Event('online'))")  # as the browser does on reconnect
    expect(status).to_contain_text("Enregistré", timeout=35_000)
    assert pending(page) == {}
    assert {first_id, second_id} <= answered_on_server(page)


def test_a_reload_after_an_outage_sends_what_was_kept_on_the_device(theme_page, live_server):
    page = theme_page
    url = page.url
    live_server.stop()
    choose_level(page, 2, 4)
    expect(question(page, 2).locator('[data-role="status"]')).to_contain_text("Pas de connexion")
    question_id = question(page, 2).get_attribute("data-question")
    page.close()  # the member closes the tab while offline

    live_server.start()
    again = page.context.new_page()
    again.goto(url)
    assert checked_level(again, 2) == "4"  # restored from the device...
    expect(question(again, 2).locator('[data-role="status"]')).to_contain_text("Enregistré")
    assert question_id in answered_on_server(again)  # ...and now on the server
    assert pending(again) == {}


def test_two_members_answering_the_same_question_see_the_conflict(browser, live_server):
    owner_context = browser.new_context(locale="fr-FR")
    colleague_context = browser.new_context(locale="fr-FR")
    owner, colleague = owner_context.new_page(), colleague_context.new_page()
    try:
        register(owner, live_server, name="Olga")
        create_organisation(owner)
        organisation_url = owner.url
        start_assessment(owner, "gbp")
        owner.goto(f"{organisation_url}/members")
        email = f"colleague-{owner.url.split('/')[-2]}@example.org"
        owner.get_by_label("Adresse e-mail").fill(email)
        owner.get_by_label("Rôle", exact=True).select_option("contributor")
        owner.get_by_role("button", name="Envoyer l'invitation").click()
        link = re.search(
            r"https?://\S+/invitations/[\w-]+", owner.locator(".flash-dev").inner_text()
        ).group(0)

        register(colleague, live_server, email=email, name="Chloé")
        colleague.goto(link)
        colleague.get_by_role("button", name="Rejoindre l'organisation").click()
        colleague.get_by_role("link", name=re.compile("Guide des bonnes pratiques")).first.click()
        colleague.locator(".theme-list a").first.click()
        owner.goto(colleague.url)

        # Both have the page open; Olga answers first, then Chloé, based on the old state.
        choose_level(owner, 0, 1)
        expect(question(owner, 0).locator('[data-role="status"]')).to_contain_text("Enregistré")
        choose_level(colleague, 0, 3)
        conflict = question(colleague, 0).locator(".conflict")
        expect(conflict).to_contain_text("Olga a modifié cette réponse entre-temps")
        expect(conflict).to_contain_text("Niveau 1 sur 4")
        # Nothing was overwritten behind Olga's back
        owner.reload()
        assert checked_level(owner, 0) == "1"
        # Chloé decides to keep hers
        conflict.get_by_role("button", name="Garder ma réponse").click()
        expect(question(colleague, 0).locator('[data-role="status"]')).to_contain_text("Enregistré")
        owner.reload()
        assert checked_level(owner, 0) == "3"
    finally:
        owner_context.close()
        colleague_context.close()


def test_the_pages_work_without_javascript(browser, live_server):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    try:
        register(page, live_server)
        create_organisation(page)
        start_assessment(page, "gbp")
        page.locator(".theme-list a").first.click()
        first_theme = page.url
        choose_level(page, 0, 2)
        choose_level(page, 1, 4)
        page.get_by_role("button", name="Enregistrer et continuer").click()
        page.wait_for_url(re.compile(r".*/themes/(?!gouvernance).*"))
        expect(page.locator(".flash")).to_contain_text("Réponses enregistrées")
        page.goto(first_theme)
        assert [checked_level(page, 0), checked_level(page, 1)] == ["2", "4"]
    finally:
        context.close()


def test_saving_right_after_typing_sends_the_answer_then_moves_on(theme_page):
    page = theme_page
    number = page.locator('fieldset[data-type="number"]').first
    question_id = number.get_attribute("data-question")
    number.locator('[data-role="value"]').fill("42")
    number.locator('[data-role="value"]').press("Tab")  # leaving the field fires "change" too
    with page.expect_navigation():
        page.get_by_role("button", name="Enregistrer et continuer").click()
    assert "/themes/" in page.url
    assert question_id in answered_on_server(page)
    assert pending(page) == {}
