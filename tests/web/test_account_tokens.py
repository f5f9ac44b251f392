"""The account page where people create and revoke their API tokens without writing a request."""

from __future__ import annotations

import re

from app.extensions import db
from app.models import ApiToken


def test_create_a_token_see_it_once_then_revoke_it(client, owner):
    client.login(owner)
    created = client.post("/account/tokens", data={"name": "Tableur", "days": "90"})
    assert created.status_code == 302
    page = client.get("/account/tokens").get_data(as_text=True)
    secret = re.search(r'value="(eco_[^"]+)"', page).group(1)
    assert "Tableur" in page
    assert (
        client.get(
            "/api/v1/organisations", headers={"Authorization": f"Bearer {secret}"}
        ).status_code
        == 200
    )
    assert secret not in client.get("/account/tokens").get_data(as_text=True)  # shown once
    token = db.session.scalar(db.select(ApiToken))
    revoked = client.post(f"/account/tokens/{token.id}/revoke", follow_redirects=True)
    assert "révoqué" in revoked.get_data(as_text=True)
    assert (
        client.get(
            "/api/v1/organisations", headers={"Authorization": f"Bearer {secret}"}
        ).status_code
        == 401
    )


def test_a_bad_lifetime_is_refused_next_to_its_field(client, owner):
    client.login(owner)
    page = client.post("/account/tokens", data={"name": "x", "days": "7"})
    assert page.status_code == 200
    assert "Not a valid choice" in page.get_data(as_text=True) or "choix" in page.get_data(
        as_text=True
    )
    assert db.session.scalar(db.select(db.func.count(ApiToken.id))) == 0


def test_someone_elses_token_cannot_be_revoked_from_the_page(
    client, token_client, owner, make_user
):
    other = make_user()
    token_client(other)
    token = db.session.scalar(db.select(ApiToken))
    client.login(owner)
    assert client.post(f"/account/tokens/{token.id}/revoke").status_code == 404
    assert db.session.get(ApiToken, token.id).revoked_at is None
