"""Bearer tokens: issued for e-mail and password, hashed, expiring, listed, revoked, limited."""

from __future__ import annotations

import hashlib
from datetime import timedelta

import pytest

from app.extensions import db, limiter
from app.models import ApiToken
from app.models._base import utcnow
from tests.conftest import PASSWORD


def ask_token(client, email, password=PASSWORD, **extra):
    return client.post("/api/v1/tokens", json={"email": email, "password": password, **extra})


def test_a_token_is_issued_for_the_right_password_and_stored_hashed(token_client, owner):
    anonymous = token_client()
    response = ask_token(anonymous, "Owner@Example.org", name="Tableau de bord CRESS")
    assert response.status_code == 201
    body = response.get_json()
    assert body["token"].startswith("eco_")
    assert len(body["token"]) > 40
    assert body["name"] == "Tableau de bord CRESS"
    assert body["active"] is True
    stored = db.session.get(ApiToken, body["id"])
    assert stored.token_hash == hashlib.sha256(body["token"].encode()).hexdigest()
    assert body["token"] not in (stored.prefix, stored.token_hash)
    lifetime = stored.expires_at.replace(tzinfo=None) - utcnow().replace(tzinfo=None)
    assert timedelta(days=29) < lifetime <= timedelta(days=30)
    anonymous.token = body["token"]
    assert anonymous.get("/api/v1/organisations").status_code == 200


def test_wrong_credentials_get_a_401_problem(token_client, owner):
    for email, password in [("owner@example.org", "wrong"), ("nobody@example.org", PASSWORD)]:
        response = ask_token(token_client(), email, password)
        assert response.status_code == 401
        assert response.content_type == "application/problem+json"
        assert response.get_json()["status"] == 401


def test_token_requests_are_validated(token_client, owner):
    client = token_client()
    missing = client.post("/api/v1/tokens", json={"email": "owner@example.org"})
    assert missing.status_code == 422
    assert missing.get_json()["errors"] == [{"field": "password", "message": "Champ obligatoire."}]
    too_long = ask_token(client, "owner@example.org", expires_in_days=10_000)
    assert too_long.status_code == 422
    assert too_long.get_json()["errors"][0]["field"] == "expires_in_days"
    not_json = client.post("/api/v1/tokens", data="email=x", content_type="text/plain")
    assert not_json.status_code == 422


def test_tokens_are_listed_for_their_owner_only_and_never_shown_again(
    token_client, owner, make_user
):
    mine = token_client(owner)
    ask_token(token_client(), "owner@example.org", name="second")
    token_client(make_user())  # someone else's token
    listing = mine.get("/api/v1/tokens").get_json()
    assert listing["total"] == 2
    assert {t["name"] for t in listing["items"]} == {"tests", "second"}
    assert all("token" not in t for t in listing["items"])


def test_a_revoked_token_stops_working_at_once(token_client, owner):
    client = token_client(owner)
    token_id = client.get("/api/v1/tokens").get_json()["items"][0]["id"]
    assert client.delete(f"/api/v1/tokens/{token_id}").status_code == 204
    refused = client.get("/api/v1/organisations")
    assert refused.status_code == 401
    assert refused.headers["WWW-Authenticate"].startswith("Bearer")
    assert db.session.get(ApiToken, token_id).revoked_at is not None


def test_someone_elses_token_cannot_be_revoked(token_client, owner, make_user):
    victim = token_client(make_user())
    victim_token = victim.get("/api/v1/tokens").get_json()["items"][0]["id"]
    assert token_client(owner).delete(f"/api/v1/tokens/{victim_token}").status_code == 404
    assert victim.get("/api/v1/organisations").status_code == 200


def test_an_expired_token_is_refused(token_client, owner):
    client = token_client(owner)
    token = db.session.scalar(db.select(ApiToken))
    token.expires_at = utcnow() - timedelta(seconds=1)
    db.session.commit()
    assert client.get("/api/v1/organisations").status_code == 401


@pytest.mark.parametrize(
    "header", ["Bearer eco_unknown", "Bearer", "Basic b3duZXI6cHc=", "Bearer " + "x" * 200]
)
def test_bad_authorization_headers_are_refused(client, header):
    response = client.get("/api/v1/organisations", headers={"Authorization": header})
    assert response.status_code == 401
    assert response.content_type == "application/problem+json"


def test_no_credentials_is_a_401_not_a_redirect(client):
    response = client.get("/api/v1/organisations")
    assert response.status_code == 401
    assert response.headers["WWW-Authenticate"].startswith("Bearer")


def test_a_bad_token_is_refused_even_with_a_valid_session(client, owner):
    client.login(owner)
    assert client.get("/api/v1/organisations").status_code == 200
    response = client.get("/api/v1/organisations", headers={"Authorization": "Bearer eco_nope"})
    assert response.status_code == 401


def test_a_token_needs_no_csrf_token_but_a_session_does(client, token_client, owner, organisation):
    body = {"name": "Renommée"}
    url = f"/api/v1/organisations/{organisation.id}"
    client.login(owner)
    assert client.patch(url, json=body, csrf=False).status_code == 400
    assert client.patch(url, json=body).status_code == 200
    assert token_client(owner).patch(url, json={"name": "Par jeton"}).status_code == 200


def test_a_token_request_sets_no_session_cookie(token_client, owner):
    response = token_client(owner).get("/api/v1/organisations")
    assert "Set-Cookie" not in response.headers


@pytest.fixture
def token_limit(app, monkeypatch):
    monkeypatch.setitem(app.config, "TOKEN_RATE_LIMIT", "3 per minute")
    limiter.reset()
    yield
    limiter.reset()


def test_the_token_endpoint_is_rate_limited(token_client, owner, token_limit):
    client = token_client()
    for _ in range(3):
        assert ask_token(client, "owner@example.org", "wrong").status_code == 401
    blocked = ask_token(client, "owner@example.org", PASSWORD)
    assert blocked.status_code == 429
    assert blocked.content_type == "application/problem+json"
    assert int(blocked.headers["Retry-After"]) > 0
    # another e-mail from the same address is counted apart
    assert ask_token(client, "other@example.org", "wrong").status_code == 401
