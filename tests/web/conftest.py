"""Fixtures of the live-workshop tests: a facilitator, a workshop made through the API, phones."""

from __future__ import annotations

import pytest

from .route_walk import victim  # noqa: F401 - a fixture for the route walks


@pytest.fixture
def facilitator(client, owner):
    return client.login(owner)


@pytest.fixture
def workshop(facilitator) -> dict:
    response = facilitator.post(
        "/api/v1/workshops",
        json={"title": "Atelier CRESS Bretagne", "categories": ["salaries", "usagers"]},
    )
    assert response.status_code == 201, response.json
    return response.json


@pytest.fixture
def phone(token_client):
    """`phone(code, pseudonym)`: a participant who joined the workshop, with their token."""

    def join(code: str, pseudonym: str = "") -> object:
        made = token_client()
        response = made.post(
            f"/api/v1/workshops/{code}/participants", json={"pseudonym": pseudonym}
        )
        assert response.status_code == 201, response.json
        made.token = response.json["token"]
        made.participant_id = response.json["id"]
        return made

    return join
