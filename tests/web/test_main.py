"""Home page, health check, language switch, vendored plotly, security headers."""

from __future__ import annotations

import gzip

import pytest
from flask import url_for

from app import create_app
from app.main.vendor import PLOTLY_VERSION


def test_home_is_french_by_default(client):
    response = client.get("/", headers={"Accept-Language": "en-US,en;q=0.9"})
    assert response.status_code == 200
    page = response.get_data(as_text=True)
    assert '<html lang="fr">' in page
    assert "Créer un compte" in page


def test_language_switch_to_english_and_back(client):
    response = client.post("/language", data={"lang": "en", "next": "/login"})
    assert response.status_code == 302
    assert response.headers["Location"] == "/login"
    page = client.get("/login").get_data(as_text=True)
    assert '<html lang="en">' in page
    assert "Log in" in page
    client.post("/language", data={"lang": "fr"})
    assert "Se connecter" in client.get("/login").get_data(as_text=True)


def test_language_switch_ignores_unknown_language_and_foreign_redirect(client):
    response = client.post("/language", data={"lang": "xx", "next": "https://evil.example/"})
    assert response.headers["Location"] == "/"
    assert '<html lang="fr">' in client.get("/").get_data(as_text=True)


def test_healthz_reports_database(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.get_json() == {"status": "ok", "database": "ok"}


def test_plotly_is_served_by_the_app_compressed(client):
    response = client.get(
        f"/vendor/plotly-{PLOTLY_VERSION}.min.js", headers={"Accept-Encoding": "gzip"}
    )
    assert response.status_code == 200
    assert response.headers["Content-Encoding"] == "gzip"
    assert b"plotly" in gzip.decompress(response.data)[:2000].lower()
    assert "immutable" in response.headers["Cache-Control"]


def test_security_headers(client):
    response = client.get("/")
    assert "script-src 'self'" in response.headers["Content-Security-Policy"]
    assert response.headers["X-Frame-Options"] == "DENY"
    assert response.headers["X-Content-Type-Options"] == "nosniff"


def test_unknown_page_is_a_french_404(client):
    response = client.get("/nowhere")
    assert response.status_code == 404
    assert "Page introuvable" in response.get_data(as_text=True)


@pytest.mark.parametrize(
    ("hops", "expected"), [(1, "https://ecotone.example.org/"), (0, "http://localhost/")]
)
def test_forwarded_headers_are_trusted_only_behind_a_proxy(hops, expected):
    app = create_app("testing", {"TRUSTED_PROXIES": hops})
    app.add_url_rule("/_probe", "probe", lambda: url_for("main.home", _external=True))
    headers = {"X-Forwarded-Proto": "https", "X-Forwarded-Host": "ecotone.example.org"}
    assert app.test_client().get("/_probe", headers=headers).get_data(as_text=True) == expected


def test_healthz_is_503_when_the_database_is_unreachable():
    app = create_app(
        "testing",
        {
            "SQLALCHEMY_DATABASE_URI": "postgresql+psycopg://nobody@127.0.0.1:1/none?connect_timeout=1"
        },
    )
    response = app.test_client().get("/healthz")
    assert response.status_code == 503
    assert response.get_json()["database"] == "unreachable"
