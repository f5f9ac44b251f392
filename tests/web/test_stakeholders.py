"""Stakeholder map: pages and API, validation, the grid, and who may change it."""

from __future__ import annotations

import json
import re

from app.extensions import db
from app.models import Membership, Stakeholder

FORM = {
    "name": "Mairie de Lorient",
    "category": "collectivites",
    "influence": "4",
    "importance": "3",
    "dialogue": "consultation",
    "expectations": "Emplois locaux",
}


def test_add_a_stakeholder_with_its_category_themes_and_see_it_on_the_grid(
    client, owner, organisation
):
    client.login(owner)
    response = client.post(f"/organisations/{organisation.id}/stakeholders/new", data=FORM)
    assert response.status_code == 302
    stakeholder = db.session.scalar(db.select(Stakeholder))
    assert (stakeholder.influence, stakeholder.importance) == (4, 3)
    assert stakeholder.themes  # the category's defaults
    assert stakeholder.issues
    page = client.get(f"/organisations/{organisation.id}/stakeholders").get_data(as_text=True)
    assert "Mairie de Lorient" in page
    figure = json.loads(re.search(r'<script type="application/json">(.*?)</script>', page, re.S)[1])
    points = figure["data"][0]
    assert points["x"] == [3]
    assert points["y"] == [4]
    assert points["customdata"] == [f"/stakeholders/{stakeholder.id}/edit"]
    assert "Associer étroitement" in page  # its quadrant, in the table


def test_the_form_shows_errors_next_to_the_fields(client, owner, organisation):
    client.login(owner)
    page = client.post(
        f"/organisations/{organisation.id}/stakeholders/new",
        data={**FORM, "name": "", "influence": "9"},
    ).get_data(as_text=True)
    assert 'id="name-error"' in page
    assert 'id="influence-error"' in page
    assert db.session.scalar(db.select(db.func.count(Stakeholder.id))) == 0


def test_stakeholders_through_the_api(token_client, owner, organisation):
    api = token_client(owner)
    url = f"/api/v1/organisations/{organisation.id}/stakeholders"
    created = api.post(
        url,
        json={
            "name": "Bénévoles",
            "category": "benevoles",
            "influence": 3,
            "importance": 5,
            "themes": ["gouvernance", "emploi"],
        },
    )
    assert created.status_code == 201
    body = created.get_json()
    assert body["themes"] == ["gouvernance", "emploi"]
    assert {
        "id",
        "name",
        "category",
        "influence",
        "importance",
        "dialogue",
        "expectations",
    } <= body.keys()
    patched = api.patch(f"/api/v1/stakeholders/{body['id']}", json={"influence": 5})
    assert patched.get_json()["influence"] == 5
    bad = api.patch(f"/api/v1/stakeholders/{body['id']}", json={"influence": 6, "themes": ["x"]})
    assert bad.status_code == 422
    assert {e["field"] for e in bad.get_json()["errors"]} == {"influence"}
    unknown_theme = api.patch(f"/api/v1/stakeholders/{body['id']}", json={"themes": ["nope"]})
    assert [e["field"] for e in unknown_theme.get_json()["errors"]] == ["themes"]
    assert [s["name"] for s in api.get(url).get_json()["items"]] == ["Bénévoles"]
    assert api.delete(f"/api/v1/stakeholders/{body['id']}").status_code == 204
    assert api.get(url).get_json()["items"] == []


def test_viewers_see_the_map_but_cannot_change_it(client, token_client, organisation, make_user):
    viewer = make_user()
    db.session.add(Membership(user=viewer, organisation=organisation, role="viewer"))
    db.session.commit()
    client.login(viewer)
    assert client.get(f"/organisations/{organisation.id}/stakeholders").status_code == 200
    assert (
        client.post(f"/organisations/{organisation.id}/stakeholders/new", data=FORM).status_code
        == 403
    )
    api = token_client(viewer)
    response = api.post(
        f"/api/v1/organisations/{organisation.id}/stakeholders",
        json={"name": "X", "category": "clients", "influence": 1, "importance": 1},
    )
    assert response.status_code == 403
