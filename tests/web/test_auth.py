"""Registration, login, logout, password reset."""

from __future__ import annotations

import re

import pytest

from app.extensions import db
from app.models import User
from app.services import accounts
from tests.conftest import PASSWORD


def register(client, **fields):
    data = {
        "name": "Inès",
        "email": "ines@example.org",
        "password": "assez-long-pour-passer",
        "confirm": "assez-long-pour-passer",
        **fields,
    }
    return client.post("/register", data=data)


def test_register_creates_a_hashed_account_and_logs_in(client):
    response = register(client)
    assert response.status_code == 302
    assert response.headers["Location"] == "/organisations/new"
    user = db.session.scalar(db.select(User).where(User.email == "ines@example.org"))
    assert user.password_hash.startswith("scrypt:")
    assert "assez-long" not in user.password_hash
    assert "Créer une organisation" in client.get("/organisations/new").get_data(as_text=True)


def test_register_errors_are_shown_next_to_their_fields(client, make_user):
    make_user("taken@example.org")
    page = register(client, email="TAKEN@example.org", password="court", confirm="autre").get_data(
        as_text=True
    )
    assert re.search(r'id="password-error">Au moins 10 caractères', page)
    assert re.search(r'id="confirm-error">Les deux mots de passe ne sont pas identiques', page)
    page = register(client, email="Taken@Example.org").get_data(as_text=True)
    assert re.search(r'id="email-error">Un compte existe déjà avec cette adresse', page)
    assert 'aria-invalid="true"' in page


def test_login_and_logout(client, make_user):
    make_user("lea@example.org")
    page = client.post("/login", data={"email": "lea@example.org", "password": "faux-mot-de-passe"})
    assert "Adresse e-mail ou mot de passe incorrect" in page.get_data(as_text=True)
    response = client.post("/login", data={"email": " LEA@example.org", "password": PASSWORD})
    assert response.status_code == 302
    assert "Mes organisations" in client.get("/").get_data(as_text=True)
    client.post("/logout")
    assert "Créer un compte" in client.get("/").get_data(as_text=True)


def test_login_redirects_only_to_local_pages(client, make_user):
    make_user("lea@example.org")
    response = client.post(
        "/login?next=https://evil.example/x",
        data={"email": "lea@example.org", "password": PASSWORD},
    )
    assert response.headers["Location"] == "/"
    client.post("/logout")
    response = client.post(
        "/login?next=/organisations/new", data={"email": "lea@example.org", "password": PASSWORD}
    )
    assert response.headers["Location"] == "/organisations/new"


def test_pages_need_login(client):
    response = client.get("/organisations/new")
    assert response.status_code == 302
    assert response.headers["Location"].startswith("/login?next=")


def test_password_reset_link_works_once(client, make_user):
    make_user("lea@example.org")
    response = client.post(
        "/password/forgot", data={"email": "lea@example.org"}, follow_redirects=True
    )
    page = response.get_data(as_text=True)
    assert "Si un compte existe pour cette adresse" in page
    link = re.search(r"http://localhost(/password/reset/[^\s<]+)", page).group(1)
    assert client.get(link).status_code == 200
    response = client.post(
        link, data={"password": "nouveau-mot-de-passe", "confirm": "nouveau-mot-de-passe"}
    )
    assert response.status_code == 302
    client.post("/logout")
    assert client.get(link).status_code == 404  # used: the password changed
    response = client.post(
        "/login", data={"email": "lea@example.org", "password": "nouveau-mot-de-passe"}
    )
    assert response.status_code == 302


def test_password_reset_does_not_tell_whether_an_account_exists(client):
    page = client.post(
        "/password/forgot", data={"email": "nobody@example.org"}, follow_redirects=True
    )
    text = page.get_data(as_text=True)
    assert "Si un compte existe pour cette adresse" in text
    assert "/password/reset/" not in text


def test_tampered_reset_token_is_refused(client, make_user):
    user = make_user("lea@example.org")
    token = accounts.reset_token(user)
    assert client.get(f"/password/reset/{token[:-2]}xx").status_code == 404


def test_real_accounts_use_scrypt(app):
    user = accounts.create_user("real@example.org", "un-vrai-mot-de-passe")
    assert user.password_hash.startswith("scrypt:")
    assert accounts.authenticate("REAL@example.org", "un-vrai-mot-de-passe") == user
    assert accounts.authenticate("real@example.org", "mauvais") is None
    assert accounts.authenticate("absent@example.org", "mauvais") is None


@pytest.fixture
def rate_limits(app, monkeypatch):
    """A small login limit for one test, on fresh counters."""
    from app.extensions import limiter

    monkeypatch.setitem(app.config, "LOGIN_RATE_LIMIT", "3 per minute")
    limiter.reset()
    yield
    limiter.reset()


def test_login_attempts_are_rate_limited_per_address_and_email(client, rate_limits):
    for _ in range(3):
        assert (
            client.post("/login", data={"email": "x@example.org", "password": "wrong"}).status_code
            == 200
        )
    blocked = client.post("/login", data={"email": "x@example.org", "password": "wrong"})
    assert blocked.status_code == 429
    assert "Trop de tentatives" in blocked.get_data(as_text=True)
    assert int(blocked.headers["Retry-After"]) > 0
    # Another e-mail from the same address (a room sharing one wifi) is not blocked
    assert (
        client.post("/login", data={"email": "y@example.org", "password": "wrong"}).status_code
        == 200
    )


def test_password_reset_mail_goes_through_smtp_when_configured(client, app, make_user, monkeypatch):
    sent = []

    class FakeSMTP:
        def __init__(self, host, port, timeout):
            sent.append(("connect", host, port))

        def __enter__(self):
            return self

        def __exit__(self, *exc):
            return False

        def starttls(self):
            sent.append(("starttls",))

        def login(self, user, password):
            sent.append(("login", user))

        def send_message(self, message):
            sent.append(("message", message["To"], message["Subject"], message.get_content()))

    monkeypatch.setattr("smtplib.SMTP", FakeSMTP)
    monkeypatch.setitem(app.config, "MAIL_SERVER", "smtp.example.org")
    monkeypatch.setitem(app.config, "MAIL_USERNAME", "ecotone")
    monkeypatch.setitem(app.config, "SHOW_EMAIL_LINKS", False)
    make_user("lea@example.org")
    page = client.post("/password/forgot", data={"email": "lea@example.org"}, follow_redirects=True)
    assert "/password/reset/" not in page.get_data(as_text=True)  # only in the mail
    assert sent[0] == ("connect", "smtp.example.org", 587)
    assert ("starttls",) in sent
    assert ("login", "ecotone") in sent
    message = sent[-1]
    assert message[1] == "lea@example.org"
    assert "http://localhost/password/reset/" in message[3]


def test_account_page_changes_name_and_password(client, make_user):
    user = make_user("lea@example.org", name="Léa")
    client.login(user)
    assert 'value="Léa"' in client.get("/account").get_data(as_text=True)
    response = client.post("/account", data={"profile-name": "Léa Martin", "profile-save": "1"})
    assert response.status_code == 302
    db.session.refresh(user)
    assert user.name == "Léa Martin"

    wrong = client.post(
        "/account",
        data={
            "password-current_password": "pas-le-bon",
            "password-password": "nouveau-secret-1",
            "password-confirm": "nouveau-secret-1",
            "password-save": "1",
        },
    ).get_data(as_text=True)
    assert re.search(r'id="password-current_password-error">Mot de passe actuel incorrect', wrong)
    response = client.post(
        "/account",
        data={
            "password-current_password": PASSWORD,
            "password-password": "nouveau-secret-1",
            "password-confirm": "nouveau-secret-1",
            "password-save": "1",
        },
    )
    assert response.status_code == 302
    db.session.refresh(user)
    assert user.check_password("nouveau-secret-1")
    assert user.password_hash.startswith("scrypt:")
