"""Browser tests: Debian's Chromium driven by playwright against a real server.

The server is gunicorn with two workers (as in production) on its own database (SQLite file, or a
fresh PostgreSQL database when DATABASE_URL points at a server), migrated and loaded with the
questionnaires exactly as `make run` does. Tests can stop and restart it.

When Chromium is missing the tests fail loudly (`make test` installs it); they never pass silently.
"""

from __future__ import annotations

import os
import shutil
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.conftest import PASSWORD
from tests.live_server import LiveServer, running_server

CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-dev-shm-usage",
]
AXE = Path(__file__).resolve().parent / "node_modules" / "axe-core" / "axe.min.js"


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if "tests/browser" in str(item.fspath):
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def live_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveServer]:
    with running_server(tmp_path_factory.mktemp("live")) as server:
        yield server


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    if not Path(CHROMIUM).exists() and not shutil.which("chromium"):
        pytest.fail(
            f"Chromium is not installed ({CHROMIUM} missing): the browser tests cannot run. "
            "Install it with `apt-get install chromium` (make test does so when it runs as root).",
            pytrace=False,
        )
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def context(browser: object) -> Iterator[object]:
    """A fresh browser profile (cookies, localStorage), English-speaking like many test machines."""
    context = browser.new_context(locale="en-US", viewport={"width": 1280, "height": 900})
    context.set_default_timeout(10_000)
    yield context
    context.close()


@pytest.fixture
def page(context: object) -> object:
    return context.new_page()


SERIOUS = ("serious", "critical")


def axe_violations(page) -> list[dict]:
    if not AXE.exists():
        pytest.fail(
            f"axe-core is missing ({AXE}); run `make test` (it runs npm ci).", pytrace=False
        )
    page.add_script_tag(path=str(AXE))
    result = page.evaluate(
        """() => axe.run(document, {runOnly: {type: 'tag',
             values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice']}})"""
    )
    return [
        {
            "id": v["id"],
            "impact": v["impact"],
            "help": v["help"],
            "nodes": [n["target"] for n in v["nodes"]][:3],
        }
        for v in result["violations"]
        if v["impact"] in SERIOUS
    ]


class Auditor:
    """Runs axe on a page under a name; `found` collects the serious violations by page."""

    def __init__(self, page: object, settle: str = "networkidle") -> None:
        """`settle`: the load state to wait for; pages that keep a request open or poll twice
        a second (live workshops) never reach "networkidle", so they wait for "load"."""
        self.page = page
        self.settle = settle
        self.found: dict[str, list] = {}

    def __call__(self, name: str) -> None:
        self.page.wait_for_load_state(self.settle)
        violations = axe_violations(self.page)
        if violations:
            self.found[name] = violations


@pytest.fixture
def audit_context(browser):
    # axe is injected as a script: the page's CSP (scripts from our origin only) is bypassed here
    context = browser.new_context(bypass_csp=True, locale="fr-FR")
    yield context
    context.close()


# --- Helpers used by the scenarios ------------------------------------------------------------


def unique_email() -> str:
    return f"user-{uuid.uuid4().hex[:10]}@example.org"


def register(page: object, server: LiveServer, email: str | None = None, name: str = "Alex") -> str:
    email = email or unique_email()
    page.goto(f"{server.url}/register")
    page.get_by_label("Votre nom").fill(name)
    page.get_by_label("Adresse e-mail").fill(email)
    page.get_by_label("Mot de passe", exact=True).fill(PASSWORD)
    page.get_by_label("Mot de passe, encore une fois").fill(PASSWORD)
    page.get_by_role("button", name="Créer mon compte").click()
    page.wait_for_url("**/organisations/new")
    return email


def create_organisation(page: object, name: str = "Les Jardins Partagés") -> None:
    page.get_by_label("Nom de l'organisation").fill(name)
    page.get_by_label("Forme juridique").select_option("association")
    page.get_by_label("Région").select_option("bretagne")
    page.get_by_label("Effectif salarié").select_option("10-49")
    page.get_by_role("radio", name="Oui").check()
    page.get_by_role("button", name="Créer l'organisation").click()
    page.wait_for_url("**/organisations/*")


def start_assessment(page: object, key: str) -> str:
    """From the organisation page, start an assessment of questionnaire `key`; returns its overview
    URL. (Several titles begin alike: the Guide and its workshop version.)"""
    page.get_by_role("link", name="Commencer une évaluation").click()
    page.locator(f'a[href$="/assessments/new/{key}"]').click()
    page.get_by_role("button", name="Commencer").click()
    page.wait_for_url("**/assessments/*")
    return page.url
