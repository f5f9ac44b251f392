"""What the workshop tests do over the API: move the room to a phase, read its live figures."""

from __future__ import annotations


def move(facilitator, workshop: dict, phase: str) -> None:
    response = facilitator.put(f"/api/v1/workshops/{workshop['id']}/phase", json={"phase": phase})
    assert response.status_code == 200, response.json


def live(facilitator, workshop: dict, audience: str = "facilitator") -> dict:
    response = facilitator.get(f"/api/v1/workshops/{workshop['id']}/live?audience={audience}")
    assert response.status_code == 200
    return response.json
