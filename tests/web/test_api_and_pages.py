"""The pages and the API are two faces of one service layer: what one writes, the other shows."""

from __future__ import annotations

import re


def test_an_answer_given_through_the_api_is_what_the_page_shows(
    client, token_client, owner, assessment
):
    api = token_client(owner)
    url = f"/api/v1/assessments/{assessment.id}/answers"
    api.put(f"{url}/gouv-ag", json={"value": 3, "comment": "Vu en bureau"})
    api.put(f"{url}/gouv-frequence", json={"value": "mensuelle"})
    client.login(owner)
    page = client.get(f"/assessments/{assessment.id}/themes/gouvernance").get_data(as_text=True)
    assert re.search(r'value="3"[^>]*checked|checked[^>]*value="3"', page)
    assert "Vu en bureau" in page
    results = client.get(f"/assessments/{assessment.id}/results").get_data(as_text=True)
    api_overall = api.get(f"/api/v1/assessments/{assessment.id}/scores").get_json()["overall"]
    assert re.search(rf'big-figure-value">{round(api_overall)}<', results)


def test_an_answer_given_on_the_page_is_what_the_api_returns(
    client, token_client, owner, assessment
):
    client.login(owner)
    client.post(
        f"/assessments/{assessment.id}/themes/gouvernance",
        data={"value-gouv-ag": "2", "value-gouv-presents": "1 234,5"},
    )
    detail = token_client(owner).get(f"/api/v1/assessments/{assessment.id}").get_json()
    given = {a["question_id"]: a for a in detail["answers"]}
    assert given["gouv-ag"]["value"] == 2
    assert given["gouv-ag"]["updated_by"] == "Olga Owner"
    assert given["gouv-presents"]["value"] == 1234.5


def test_an_organisation_changed_through_the_api_is_what_its_page_shows(
    client, token_client, owner, organisation
):
    token_client(owner).patch(
        f"/api/v1/organisations/{organisation.id}", json={"name": "Nom par l'API"}
    )
    client.login(owner)
    assert "Nom par l&#39;API" in client.get(f"/organisations/{organisation.id}").get_data(
        as_text=True
    )


def test_an_assessment_started_on_the_page_is_listed_by_the_api(
    client, token_client, owner, organisation
):
    client.login(owner)
    client.post(
        f"/organisations/{organisation.id}/assessments/new/mini",
        data={"year": "2027", "label": "Cycle 2027", "themes": ["gouvernance"]},
    )
    listed = token_client(owner).get(f"/api/v1/organisations/{organisation.id}/assessments")
    items = listed.get_json()["items"]
    assert [(a["label"], a["year"], a["themes"]) for a in items] == [
        ("Cycle 2027", 2027, ["gouvernance"])
    ]
