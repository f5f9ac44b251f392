"""A live workshop in real browsers (issue 6, "done when" 1 and 2): a facilitator with the control
room and the projector, four phones (touch, phone-sized) that join by code and by the QR code's
address, answer, map and vote; the projector follows within 2 s and the phones follow the phases by
themselves. A phone that loses the network or reloads loses nothing and stays one participant."""

from __future__ import annotations

import re
import time

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import Auditor, register

LIVE = 2_000  # ms: the projector shows a change, and phones follow a phase, within 2 s
PHONE = {"viewport": {"width": 390, "height": 844}, "has_touch": True, "is_mobile": True}


def new_phone(browser):
    context = browser.new_context(locale="fr-FR", bypass_csp=True, **PHONE)
    context.set_default_timeout(10_000)
    return context


@pytest.fixture
def facilitator(browser, live_server):
    context = browser.new_context(
        locale="fr-FR", viewport={"width": 1280, "height": 900}, bypass_csp=True
    )
    context.set_default_timeout(10_000)
    page = context.new_page()
    register(page, live_server, name="Fanny Facilitatrice")
    yield page
    context.close()


def create_workshop(page, server) -> str:
    page.goto(f"{server.url}/workshops/new")
    page.get_by_label("Titre").fill("Atelier Guide — CRESS Bretagne")
    page.get_by_label("Lieu").fill("Rennes")
    page.get_by_role("button", name="Créer l'atelier").click()
    page.wait_for_url(re.compile(r".*/workshops/\d+$"))
    return page.locator("strong.code").inner_text().strip()


def next_phase(control) -> None:
    with control.expect_navigation():
        control.locator("[data-next-phase]").click()


def join(phone_page, pseudonym: str) -> None:
    phone_page.get_by_label("Pseudonyme (facultatif)").fill(pseudonym)
    phone_page.get_by_role("button", name="Entrer dans l'atelier").click()
    expect(phone_page.get_by_role("heading", name="Accueil")).to_be_visible()


def answer_all(phone_page, level: int, count: int | None = None, start: int = 0) -> None:
    """Tap a level on each question, then "next" (one question per screen)."""
    questions = phone_page.locator("fieldset[data-question]")
    total = questions.count() if count is None else count
    for index in range(start, start + total):
        question = questions.nth(index)
        expect(question).to_be_visible()
        question.locator(".option label").nth(level).tap()
        phone_page.locator("[data-next]").tap()


def fits_a_phone(phone_page, targets: str) -> None:
    """No sideways scrolling, and touch targets of at least 44 px."""
    overflow = phone_page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 0, f"scrolls sideways by {overflow}px"
    sizes = phone_page.locator(targets).evaluate_all(
        "els => els.filter(e => e.offsetParent).map(e => Math.min(e.offsetHeight, e.offsetWidth))"
    )
    assert sizes
    assert min(sizes) >= 44, targets


def saved(phone_page) -> None:
    """Wait until the phone's outbox is empty: the server has every write. The 2 s a figure takes
    to show are counted from there."""
    code = phone_page.locator("#room").get_attribute("data-code")
    phone_page.wait_for_function(
        "() => Object.keys(JSON.parse("
        f"localStorage.getItem('ecotone:outbox:{code}') || '{{}}')).length === 0"
    )


def projector_count(projector, key: str):
    return projector.locator(f'[data-count="{key}"]')


def test_a_workshop_with_four_phones_and_a_projector(browser, live_server, facilitator):
    control = facilitator
    code = create_workshop(control, live_server)
    assert re.fullmatch(r"[A-HJ-NP-Z2-9]{6}", code)
    join_url = control.locator(f'a[href$="/w/{code}"]').first.get_attribute("href")
    with control.context.expect_page() as opened:
        control.get_by_role("link", name="Ouvrir l'écran de la salle").click()
    projector = opened.value
    expect(projector.locator("[data-code]")).to_have_text(code)
    assert projector.locator(".projector-qr svg").count() == 1

    phones = [new_phone(browser) for _ in range(4)]
    pages = [p.new_page() for p in phones]
    try:
        for index, phone_page in enumerate(pages[:2]):  # by typing the code
            phone_page.goto(f"{live_server.url}/w")
            phone_page.get_by_label("Code de l'atelier").fill(code.lower())
            phone_page.get_by_role("button", name="Rejoindre").tap()
            join(phone_page, f"Téléphone {index + 1}")
        for index, phone_page in enumerate(pages[2:]):  # by the QR code's address
            phone_page.goto(join_url)
            join(phone_page, f"<img src=x onerror=alert({index})>")
        expect(projector_count(projector, "joined")).to_have_text("4", timeout=LIVE)

        for _ in range(3):  # welcome → reminder → testimonies → self-diagnosis
            next_phase(control)
        for phone_page in pages:
            expect(phone_page.get_by_role("heading", name="Autodiagnostic")).to_be_visible(
                timeout=LIVE
            )
        expect(projector.locator("[data-hidden-note]")).to_be_visible(timeout=LIVE)
        fits_a_phone(pages[0], ".room-question:not([hidden]) .option label")

        for phone_page, level in zip(pages, (4, 3, 3, 1), strict=True):
            answer_all(phone_page, level)
            expect(phone_page.locator("[data-done]")).to_be_visible()
            saved(phone_page)
        started = time.monotonic()
        expect(projector_count(projector, "finished")).to_have_text("4", timeout=LIVE)
        assert time.monotonic() - started < LIVE / 1000

        with control.expect_navigation():
            control.locator("[data-reveal]").click()
        first = projector.locator(".live-question").first
        expect(first.locator(".live-values")).to_contain_text("4 réponses", timeout=LIVE)
        expect(first.locator(".live-values")).to_contain_text(": 2")  # two phones said level 3
        themes = control.locator('[data-table="themes"] tr')
        expect(themes.first.locator("td").first).to_have_text(
            "68.8", timeout=LIVE
        )  # (100+75+75+25)/4

        next_phase(control)  # the stakeholder map
        for phone_page, (influence, importance) in zip(
            pages, ((5, 4), (4, 4), (3, 5), (4, 3)), strict=True
        ):
            expect(
                phone_page.get_by_role("heading", name="Carte des parties prenantes")
            ).to_be_visible(timeout=LIVE)
            category = phone_page.locator("fieldset[data-category]").first
            category.locator(f'input[data-axis="influence"][value="{influence}"] + span').tap()
            category.locator(f'input[data-axis="importance"][value="{importance}"] + span').tap()
            saved(phone_page)
        fits_a_phone(pages[0], ".scale-5-option span")
        salaries = control.locator('[data-table="map"] tr').first
        expect(salaries.locator("td").nth(2)).to_have_text("4", timeout=LIVE)  # placements
        expect(salaries.locator("td").nth(0)).to_have_text("4")  # mean influence

        next_phase(control)  # the vote
        for phone_page in pages:
            expect(phone_page.get_by_role("heading", name="Vote des priorités")).to_be_visible(
                timeout=LIVE
            )
            plus = phone_page.locator("[data-theme]").first.locator('[data-delta="1"]')
            for _ in range(3):
                plus.tap()
            expect(phone_page.locator("#votes-left")).to_have_text("0")
            expect(plus).to_be_disabled()
            saved(phone_page)
        fits_a_phone(pages[0], ".vote-button")
        with control.expect_navigation():
            control.locator("[data-reveal]").click()
        expect(projector.locator('[data-table="votes"] tr').first.locator("td")).to_have_text(
            "12", timeout=LIVE
        )

        next_phase(control)  # synthesis
        for phone_page in pages:
            results = phone_page.locator("#my-results")
            expect(results).to_be_visible(timeout=LIVE)
            expect(results.locator("[data-room]").first).to_have_text("69")
        expect(pages[0].locator("#my-results [data-own]").first).to_have_text("100")
        body = control.content()
        assert "<img src=x" not in body
        assert "&lt;img src=x onerror=alert(0)&gt;" in body
    finally:
        for context in phones:
            context.close()


def test_a_phone_that_loses_the_network_or_reloads_loses_nothing(browser, live_server, facilitator):
    control = facilitator
    code = create_workshop(control, live_server)
    for _ in range(3):
        next_phase(control)
    phone = new_phone(browser)
    try:
        page = phone.new_page()
        page.goto(f"{live_server.url}/w/{code}")
        page.get_by_label("Pseudonyme (facultatif)").fill("Hors ligne")
        page.get_by_role("button", name="Entrer dans l'atelier").click()
        expect(page.get_by_role("heading", name="Autodiagnostic")).to_be_visible()
        answer_all(page, 2, count=3)

        phone.set_offline(True)
        answer_all(page, 4, count=2, start=3)  # questions 4 and 5, with no network
        expect(page.locator("#room-status")).to_contain_text("Pas de connexion", timeout=LIVE * 3)
        phone.set_offline(False)
        page.reload()  # back online, straight into a reload: the outbox is sent on load
        expect(page.locator("#room-progress-text")).to_have_text("5 / 16")
        expect(
            page.locator("fieldset[data-question]").nth(5)
        ).to_be_visible()  # the first unanswered
        page.wait_for_function(  # the outbox empties: everything reached the server
            "() => Object.keys(JSON.parse("
            f"localStorage.getItem('ecotone:outbox:{code}') || '{{}}')).length === 0"
        )

        page.reload()
        expect(page.locator("#room-progress-text")).to_have_text("5 / 16")
        checked = page.locator("fieldset[data-question]").nth(4).locator("input:checked")
        expect(checked).to_have_value("4")

        workshop_id = re.search(r"/workshops/(\d+)", control.url)[1]
        url = f"{live_server.url}/api/v1/workshops/{workshop_id}/live"
        deadline = time.monotonic() + LIVE / 1000 + 1  # figures are at most a second or so old
        while True:
            figures = control.request.get(url).json()
            counts = [q["count"] for q in figures["questions"][:6]]
            if counts == [1, 1, 1, 1, 1, 0] or time.monotonic() > deadline:
                break
            time.sleep(0.2)
        assert counts == [1, 1, 1, 1, 1, 0]
        assert figures["joined"] == 1  # still one participant
    finally:
        phone.close()


def test_workshop_pages_pass_axe(browser, live_server, facilitator):
    control = facilitator
    code = create_workshop(control, live_server)
    audit = Auditor(control, settle="load")
    control.goto(f"{live_server.url}/workshops/new")
    audit("new workshop")
    control.go_back()
    control.wait_for_url(re.compile(r".*/workshops/\d+$"))
    control.wait_for_selector('[data-table="themes"] tr', state="attached")  # figures drawn
    audit("control room")
    workshop_id = re.search(r"/workshops/(\d+)", control.url)[1]
    control.goto(f"{live_server.url}/workshops/{workshop_id}/projector")
    control.wait_for_selector('[data-table="themes"] tr', state="attached")
    audit("projector")
    control.goto(f"{live_server.url}/workshops/{workshop_id}")
    phone = new_phone(browser)
    try:
        page = phone.new_page()
        phone_audit = Auditor(page, settle="load")
        page.goto(f"{live_server.url}/w")
        phone_audit("enter the code")
        page.goto(f"{live_server.url}/w/{code}")
        expect(page.get_by_role("button", name="Entrer dans l'atelier")).to_be_visible()
        phone_audit("join")
        join(page, "Axe")
        for _ in range(3):
            next_phase(control)
        expect(page.get_by_role("heading", name="Autodiagnostic")).to_be_visible(timeout=LIVE)
        phone_audit("self-diagnosis")
        next_phase(control)
        expect(page.get_by_role("heading", name="Carte des parties prenantes")).to_be_visible(
            timeout=LIVE
        )
        phone_audit("map")
        next_phase(control)
        expect(page.get_by_role("heading", name="Vote des priorités")).to_be_visible(timeout=LIVE)
        phone_audit("vote")
        next_phase(control)
        expect(page.locator("#my-results")).to_be_visible(timeout=LIVE)
        phone_audit("synthesis")
        assert phone_audit.found == {}
    finally:
        phone.close()
    assert audit.found == {}
