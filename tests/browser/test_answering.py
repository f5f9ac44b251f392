"""A new user answers whole questionnaires in Chromium, sees results in French and English."""

from __future__ import annotations

import random
import re

from playwright.sync_api import expect

from tests.browser.conftest import create_organisation, register, start_assessment


def answer_theme_page(page, rng: random.Random) -> int:
    """Answer every question on the current theme page through the autosave; returns the count."""
    questions = page.locator("fieldset[data-question]")
    count = questions.count()
    for index in range(count):
        question = questions.nth(index)
        kind = question.get_attribute("data-type")
        if kind in ("scale", "yes_partial_no", "choice"):
            options = question.locator(".option label")
            options.nth(rng.randrange(options.count())).click()
        elif kind == "number":
            question.locator('[data-role="value"]').fill(str(rng.randint(0, 90)))
        else:
            question.locator('[data-role="value"]').fill("Nous en parlons en bureau.")
    expect(page.locator(".answer-status.is-saved")).to_have_count(count, timeout=20_000)
    return count


def answer_whole_assessment(page, rng: random.Random) -> int:
    overview = page.url
    with page.expect_navigation():
        page.locator(".theme-list a").first.click()
    answered = 0
    while "/themes/" in page.url:
        answered += answer_theme_page(page, rng)
        with page.expect_navigation():
            page.locator(".form-footer button[type=submit]").click()
    assert page.url == overview
    expect(page.locator("#progress-overall")).to_have_attribute("value", "100")
    return answered


def check_results(page) -> None:
    page.get_by_role("link", name="Voir les résultats").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Résultats")
    expect(page.locator(".big-figure-value").nth(1)).to_have_text(re.compile(r"100\s?%"))
    # Both charts drawn by plotly.js, served by the app itself
    expect(page.locator(".plot .main-svg").first).to_be_visible()
    assert page.locator(".plot").count() == 2
    assert page.locator(".plot .main-svg").count() >= 2
    expect(
        page.get_by_role("heading", name="Comment les scores sont-ils calculés ?")
    ).to_be_visible()


def test_register_answer_both_questionnaires_see_results_and_switch_to_english(page, live_server):
    rng = random.Random(2026)
    errors: list[str] = []
    page.on("console", lambda message: message.type == "error" and errors.append(message.text))
    page.on("pageerror", lambda error: errors.append(str(error)))

    page.goto(live_server.url)
    expect(page.locator("html")).to_have_attribute(
        "lang", "fr"
    )  # French although the browser is English
    register(page, live_server)
    create_organisation(page)
    organisation = page.url

    start_assessment(page, "gbp")
    guide_answers = answer_whole_assessment(page, rng)
    assert guide_answers >= 50
    check_results(page)
    guide_results = page.url

    page.goto(organisation)
    start_assessment(page, "iso26000")
    iso_answers = answer_whole_assessment(page, rng)
    assert iso_answers >= 50
    check_results(page)

    page.get_by_role("button", name="English").click()
    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Results")
    expect(page.get_by_role("heading", name="How are the scores calculated?")).to_be_visible()
    page.goto(guide_results)
    expect(page.locator("h1")).to_contain_text("Results")
    expect(page.locator(".plot .main-svg").first).to_be_visible()
    assert not errors, errors
