"""Who may read the anonymous figures, and the exact shapes of the statistics API: network
members who accepted the charter (403 before, 404 for anyone else), the organisation's members
and granted advisors for its benchmark; unknown filter values are 422 naming the field."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from app.extensions import db
from app.models import AccessLogEntry
from app.services import charter, grants, networks
from app.services.grants import GrantData

from .test_statistics_figures import add_organisation, add_record, make_crew

HIDDEN = {"shown": False, "count": None, "themes": []}


def five_in_brittany(scores=(20, 40, 50, 70, 90)) -> None:
    for score in scores:
        add_record(add_organisation(), {"gouvernance": score}, ranked=["gouvernance"])


# --- Regional statistics --------------------------------------------------------------------------


def test_shape_of_shown_statistics(client, make_user):
    crew = make_crew(make_user)
    five_in_brittany()
    client.login(crew.advisor)
    body = client.get(f"/api/v1/networks/{crew.network.id}/statistics?questionnaire=gbp").json
    assert set(body) >= {
        "shown",
        "count",
        "themes",
        "assessed_this_year",
        "ranked_first",
        "actions_done_share",
        "progress",
    }
    assert body["shown"] is True
    assert body["count"] == 5
    assert [t["id"] for t in body["themes"]][:2] == ["gouvernance", "concertation"]
    assert set(body["themes"][0]) >= {"id", "median", "q1", "q3", "levels"}
    assert body["ranked_first"] == [{"theme": "gouvernance", "count": 5}]
    assert body["actions_done_share"] is None  # no action at all
    assert body["progress"] is None  # nobody assessed two years running


def test_empty_filters_mean_no_filter(client, make_user):
    crew = make_crew(make_user)
    five_in_brittany()
    client.login(crew.advisor)
    url = f"/api/v1/networks/{crew.network.id}/statistics"
    plain = client.get(url).json
    assert client.get(url + "?questionnaire=gbp&legal_form=&size_band=&year=").json == plain
    assert client.get(url, query_string={"legal_form": "scop"}).json == plain  # all are SCOP


@pytest.mark.parametrize(
    ("query", "field"),
    [
        ({"legal_form": "sarl"}, "legal_form"),
        ({"size_band": "10-20"}, "size_band"),
        ({"year": "deux-mille"}, "year"),
        ({"year": "1850"}, "year"),
        ({"questionnaire": "inconnu"}, "questionnaire"),
        ({"questionnaire": "../gbp"}, "questionnaire"),
    ],
)
def test_unknown_filter_values_are_422_naming_the_field(client, make_user, query, field):
    crew = make_crew(make_user)
    client.login(crew.advisor)
    response = client.get(f"/api/v1/networks/{crew.network.id}/statistics", query_string=query)
    assert response.status_code == 422
    assert response.mimetype == "application/problem+json"
    assert [e["field"] for e in response.json["errors"]] == [field]


def test_below_k_the_answer_is_exactly_hidden(client, make_user):
    crew = make_crew(make_user)
    five_in_brittany((20, 40, 70, 90))
    client.login(crew.advisor)
    response = client.get(f"/api/v1/networks/{crew.network.id}/statistics")
    assert response.json == HIDDEN


def test_network_member_without_the_charter_gets_403(client, make_user):
    crew = make_crew(make_user)
    five_in_brittany()
    newcomer = make_user("nouveau@cress.example.org")
    networks.add_advisor(crew.network.id, newcomer.email)
    client.login(newcomer)
    assert client.get(f"/api/v1/networks/{crew.network.id}/statistics").status_code == 403
    assert client.get(f"/networks/{crew.network.id}/statistics").status_code == 403
    assert client.get(f"/networks/{crew.network.id}/statistics.csv").status_code == 403
    charter.accept(newcomer, charter.current().version)
    assert client.get(f"/api/v1/networks/{crew.network.id}/statistics").status_code == 200


def test_strangers_and_other_networks_get_404(client, make_user, owner, organisation):
    crew = make_crew(make_user)
    five_in_brittany()
    other = make_crew(make_user, regions=("normandie",))
    for person in (other.advisor, owner):  # an advisor elsewhere; an organisation's owner
        client.login(person)
        assert client.get(f"/api/v1/networks/{crew.network.id}/statistics").status_code == 404
        assert client.get(f"/networks/{crew.network.id}/statistics").status_code == 404
        assert client.get(f"/networks/{crew.network.id}/statistics.csv").status_code == 404
    client.login(crew.advisor)
    assert client.get("/api/v1/networks/999999/statistics").status_code == 404


def test_anonymous_callers_are_refused(client, make_user):
    crew = make_crew(make_user)
    assert client.get(f"/api/v1/networks/{crew.network.id}/statistics").status_code == 401
    page = client.get(f"/networks/{crew.network.id}/statistics")
    assert page.status_code == 302
    assert "/login" in page.headers["Location"]


def test_bearer_token_reads_the_same_figures(token_client, client, make_user):
    crew = make_crew(make_user)
    five_in_brittany()
    client.login(crew.advisor)
    url = f"/api/v1/networks/{crew.network.id}/statistics"
    assert token_client(crew.advisor).get(url).json == client.get(url).json


def test_dashboard_logs_nothing_per_organisation(client, make_user):
    crew = make_crew(make_user)
    five_in_brittany()
    client.login(crew.advisor)
    client.get(f"/api/v1/networks/{crew.network.id}/statistics")
    client.get(f"/networks/{crew.network.id}/statistics")
    assert db.session.scalars(select(AccessLogEntry)).all() == []


# --- Benchmark ------------------------------------------------------------------------------------


def _mine(make_organisation, owner):
    return make_organisation(owner, legal_form="scop", headcount_band="10-49", region="bretagne")


def test_members_read_their_benchmark_strangers_get_404(
    client, make_user, owner, make_organisation
):
    mine = _mine(make_organisation, owner)  # not opted in: it may still compare itself
    add_record(mine, {"gouvernance": 62})
    five_in_brittany()
    client.login(owner)
    body = client.get(f"/api/v1/organisations/{mine.id}/benchmark?questionnaire=gbp").json
    assert body["shown"] is True
    assert body["count"] == 5
    governance = body["themes"][0]
    assert set(governance) >= {"id", "median", "q1", "q3", "own", "levels"}
    assert (governance["id"], governance["own"]) == ("gouvernance", 62)
    page = client.get(f"/assessments/{add_record(mine, {'gouvernance': 62}).id}/results")
    html = page.get_data(as_text=True)
    assert "Votre score : 62 — entre la médiane et le 3e quartile" in html  # 50 ≤ 62 ≤ 70
    assert f"/organisations/{mine.id}/access" in html  # invited to opt in

    stranger = make_user("curieux@example.org")
    client.login(stranger)
    assert client.get(f"/api/v1/organisations/{mine.id}/benchmark").status_code == 404
    assert client.get("/api/v1/organisations/999999/benchmark").status_code == 404


def test_unknown_questionnaire_of_a_benchmark_is_422(client, owner, make_organisation):
    mine = _mine(make_organisation, owner)
    client.login(owner)
    response = client.get(f"/api/v1/organisations/{mine.id}/benchmark?questionnaire=nope")
    assert response.status_code == 422
    assert [e["field"] for e in response.json["errors"]] == ["questionnaire"]


def test_advisors_read_a_benchmark_only_with_a_grant_and_it_is_logged(
    client, make_user, owner, make_organisation
):
    mine = _mine(make_organisation, owner)
    add_record(mine, {"gouvernance": 62})
    five_in_brittany()
    crew = make_crew(make_user)
    client.login(crew.advisor)
    url = f"/api/v1/organisations/{mine.id}/benchmark"
    assert client.get(url).status_code == 404  # no grant

    grants.grant(owner, mine.id, GrantData(network_id=crew.network.id, scope="results"))
    response = client.get(url)
    assert response.status_code == 200
    assert response.json["themes"][0]["own"] == 62
    logged = db.session.scalars(select(AccessLogEntry)).all()
    assert [(e.organisation_id, e.what) for e in logged] == [(mine.id, "statistics")]

    newcomer = make_user("sans-charte@cress.example.org")
    networks.add_advisor(crew.network.id, newcomer.email)
    client.login(newcomer)
    assert client.get(url).status_code == 403


def test_hidden_benchmark_shape(client, owner, make_organisation):
    mine = _mine(make_organisation, owner)
    five_in_brittany((20, 40, 70, 90))
    client.login(owner)
    body = client.get(f"/api/v1/organisations/{mine.id}/benchmark").json
    assert body == {**HIDDEN, "group": None}


def test_openapi_documents_both_operations(client):
    paths = client.get("/api/openapi.json").json["paths"]
    benchmark = paths["/api/v1/organisations/{organisation_id}/benchmark"]["get"]
    statistics = paths["/api/v1/networks/{network_id}/statistics"]["get"]
    assert benchmark["tags"] == ["statistics"]
    assert statistics["tags"] == ["statistics"]
    names = {p["name"] for p in statistics["parameters"]}
    assert names >= {"network_id", "questionnaire", "legal_form", "size_band", "year"}
    assert "304" not in statistics["responses"]
