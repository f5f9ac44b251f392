"""The organisation's side of consent, through its pages: grants, network requests, revoking,
expiry, the access log, anonymous statistics, the dashboard's counts; who may do what (owners
change, members read, others get 404), CSRF and escaping."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta

import pytest
from sqlalchemy import event

from app.extensions import db
from app.models import AccessLogEntry, Assessment, Grant, Membership, Network, Organisation, User
from app.services import access, charter, grants, networks, reviews
from app.services.errors import NotFound
from app.services.grants import GrantData


@dataclass
class World:
    owner: User
    contributor: User
    stranger: User
    advisor: User
    admin: User
    organisation: Organisation
    assessment: Assessment
    network: Network


def build_world(make_user, owner, organisation, assessment) -> World:
    contributor = make_user("contributrice@example.org", "Camille Contributrice")
    db.session.add(Membership(user=contributor, organisation=organisation, role="contributor"))
    db.session.commit()
    network = networks.create("CRESS Bretagne", ["bretagne"])
    advisor = networks.add_advisor(network.id, "alice@cress.example.org")[0].user
    advisor.name = "Alice Conseil"
    admin = networks.add_advisor(network.id, "bruno@cress.example.org", admin=True)[0].user
    admin.name = "Bruno Admin"
    db.session.commit()
    for person in (advisor, admin):
        charter.accept(person, charter.current().version)
    stranger = make_user("inconnu@example.org", "Sam Inconnu")
    return World(owner, contributor, stranger, advisor, admin, organisation, assessment, network)


@pytest.fixture
def world(make_user, owner, organisation, assessment) -> World:
    return build_world(make_user, owner, organisation, assessment)


def page(client, url: str) -> str:
    response = client.get(url)
    assert response.status_code == 200, url
    return response.get_data(as_text=True)


def access_url(world: World, suffix: str = "") -> str:
    return f"/organisations/{world.organisation.id}/access{suffix}"


def grant_rows(organisation_id: int) -> list[tuple[int | None, int | None, str, str]]:
    return [
        (g.network_id, g.advisor_id, g.scope, g.status)
        for g in db.session.scalars(
            db.select(Grant).where(Grant.organisation_id == organisation_id).order_by(Grant.id)
        )
    ]


def network_grant(world: World) -> Grant:
    """The owner lets the whole network in, with the defaults (results, one year)."""
    return grants.grant(world.owner, world.organisation.id, GrantData(network_id=world.network.id))


# --- Granting and revoking -------------------------------------------------------------------


def test_owner_grants_a_network_then_its_advisor_sees_the_results_and_it_is_logged(client, world):
    client.login(world.owner)
    until = date.today() + timedelta(days=30)
    response = client.post(
        access_url(world),
        data={
            "whom": f"network-{world.network.id}",
            "scope": "results",
            "until": until.isoformat(),
        },
    )
    assert response.status_code == 302
    assert grant_rows(world.organisation.id) == [(world.network.id, None, "results", "active")]
    assert db.session.scalar(db.select(Grant.until)) == until

    view = access.advisor_view(world.advisor, world.organisation.id, what="results")
    assert (view.organisation.id, view.scope) == (world.organisation.id, "results")
    with pytest.raises(NotFound):  # results scope: no answers
        access.advisor_view(world.advisor, world.organisation.id, need="full")
    entries = db.session.scalars(db.select(AccessLogEntry)).all()
    assert [(e.organisation_id, e.who, e.what) for e in entries] == [
        (world.organisation.id, "Alice Conseil", "results")
    ]

    html = page(client, access_url(world))
    assert "CRESS Bretagne (tous ses conseillers)" in html
    assert "Résultats : scores, priorités, progrès" in html
    assert until.strftime("%d/%m/%Y") in html
    assert "Actif" in html
    assert "Retirer l'accès" in html


def test_the_grant_form_lists_networks_and_each_advisor_and_defaults_to_one_year(client, world):
    client.login(world.owner)
    html = page(client, access_url(world))
    assert f'value="network-{world.network.id}"' in html
    assert "CRESS Bretagne — tous ses conseillers" in html
    assert (
        f'<option value="advisor-{world.advisor.id}">CRESS Bretagne — Alice Conseil</option>'
        in html
    )
    assert f'<option value="advisor-{world.admin.id}">CRESS Bretagne — Bruno Admin</option>' in html
    default = date.today() + timedelta(days=365)
    assert f'value="{default.isoformat()}"' in html
    assert "Complet : aussi les réponses, commentaires, parties prenantes et plan d'action" in html


def test_owner_grants_one_named_advisor_full_access(client, world):
    client.login(world.owner)
    until = (date.today() + timedelta(days=10)).isoformat()
    response = client.post(
        access_url(world),
        data={"whom": f"advisor-{world.advisor.id}", "scope": "full", "until": until},
    )
    assert response.status_code == 302
    assert grant_rows(world.organisation.id) == [(None, world.advisor.id, "full", "active")]
    assert access.advisor_view(world.advisor, world.organisation.id, need="full").scope == "full"
    with pytest.raises(NotFound):  # a named grant lets in that advisor only
        access.advisor_view(world.admin, world.organisation.id)


def test_a_past_date_is_refused_on_the_form_and_nothing_is_granted(client, world):
    world.organisation.anonymous_statistics = True
    db.session.commit()
    client.login(world.owner)
    yesterday = (date.today() - timedelta(days=1)).isoformat()
    response = client.post(
        access_url(world),
        data={"whom": f"network-{world.network.id}", "scope": "results", "until": yesterday},
    )
    assert response.status_code == 200
    html = response.get_data(as_text=True)
    assert "La date de fin ne peut pas être passée." in html
    assert 'checked id="enabled"' in html  # the other form still shows what is stored
    assert grant_rows(world.organisation.id) == []


def test_revoking_takes_effect_on_the_next_request(client, world):
    granted = grants.grant(
        world.owner, world.organisation.id, GrantData(network_id=world.network.id)
    )
    access.advisor_view(world.advisor, world.organisation.id)  # works before
    client.login(world.owner)
    response = client.post(access_url(world, f"/grants/{granted.id}/revoke"))
    assert response.status_code == 302
    assert grant_rows(world.organisation.id) == [(world.network.id, None, "results", "revoked")]
    with pytest.raises(NotFound):
        access.advisor_view(world.advisor, world.organisation.id)
    html = page(client, access_url(world))
    assert "Retiré" in html
    assert "Retirer l'accès" not in html  # nothing left to revoke


def test_an_expired_grant_lets_nobody_in_and_is_marked_expired(client, world):
    granted = grants.grant(
        world.owner, world.organisation.id, GrantData(network_id=world.network.id)
    )
    granted.until = date.today() - timedelta(days=1)
    db.session.commit()
    with pytest.raises(NotFound):
        access.advisor_view(world.advisor, world.organisation.id)
    client.login(world.owner)
    html = page(client, access_url(world))
    assert "Expiré" in html
    assert "la date est passée" in html
    assert "Retirer l'accès" not in html


def test_a_grant_of_another_organisation_cannot_be_revoked_through_this_one(
    client, world, make_organisation
):
    other = make_organisation(world.owner, name="Autre")
    granted = grants.grant(world.owner, other.id, GrantData(network_id=world.network.id))
    client.login(world.owner)
    response = client.post(access_url(world, f"/grants/{granted.id}/revoke"))
    assert response.status_code == 404
    assert db.session.get(Grant, granted.id).status == "active"


# --- Network requests ------------------------------------------------------------------------


def test_a_network_request_appears_and_the_owner_accepts_it_with_full_scope(client, world):
    grants.request_access(
        world.admin, world.network.id, organisation_id=world.organisation.id, message="Suivi DLA"
    )
    requested = db.session.scalar(db.select(Grant))
    assert (requested.status, requested.scope) == ("requested", "results")
    with pytest.raises(NotFound):  # asking gives nothing yet
        access.advisor_view(world.advisor, world.organisation.id)

    client.login(world.owner)
    html = page(client, access_url(world))
    assert "Demandes des réseaux" in html
    assert "Suivi DLA" in html
    assert f"/access/requests/{requested.id}" in html

    response = client.post(
        access_url(world, f"/requests/{requested.id}"), data={"scope": "full", "accept": "y"}
    )
    assert response.status_code == 302
    assert grant_rows(world.organisation.id) == [(world.network.id, None, "full", "active")]
    assert access.advisor_view(world.advisor, world.organisation.id, need="full").scope == "full"
    assert "Aucune demande en attente." in page(client, access_url(world))


def test_the_owner_refuses_a_network_request(client, world):
    grants.request_access(world.admin, world.network.id, organisation_id=world.organisation.id)
    requested = db.session.scalar(db.select(Grant))
    client.login(world.owner)
    response = client.post(
        access_url(world, f"/requests/{requested.id}"), data={"scope": "full", "refuse": "y"}
    )
    assert response.status_code == 302
    assert grant_rows(world.organisation.id) == [(world.network.id, None, "results", "refused")]
    with pytest.raises(NotFound):
        access.advisor_view(world.advisor, world.organisation.id)
    assert "Refusé" in page(client, access_url(world))


def test_a_decision_without_a_button_changes_nothing(client, world):
    grants.request_access(world.admin, world.network.id, organisation_id=world.organisation.id)
    requested = db.session.scalar(db.select(Grant))
    client.login(world.owner)
    client.post(access_url(world, f"/requests/{requested.id}"), data={"scope": "full"})
    assert db.session.get(Grant, requested.id).status == "requested"


# --- Who may do what -------------------------------------------------------------------------


def test_a_contributor_reads_the_page_but_cannot_change_anything(client, world):
    granted = grants.grant(
        world.owner, world.organisation.id, GrantData(network_id=world.network.id)
    )
    grants.request_access(world.admin, world.network.id, organisation_id=world.organisation.id)
    requested = db.session.scalar(db.select(Grant).where(Grant.status == "requested"))
    client.login(world.contributor)
    html = page(client, access_url(world))
    assert "CRESS Bretagne (tous ses conseillers)" in html
    assert "Ouvrir un accès" not in html
    assert "Retirer l'accès" not in html
    assert 'name="accept"' not in html
    posts = [
        (access_url(world), {"whom": f"network-{world.network.id}", "scope": "full"}),
        (access_url(world, f"/grants/{granted.id}/revoke"), {}),
        (access_url(world, f"/requests/{requested.id}"), {"scope": "full", "accept": "y"}),
        (access_url(world, "/statistics"), {"enabled": "y"}),
    ]
    for url, data in posts:
        assert client.post(url, data=data).status_code == 403, url
    assert sorted(s for *_, s in grant_rows(world.organisation.id)) == ["active", "requested"]
    assert len(grant_rows(world.organisation.id)) == 2
    assert db.session.get(Organisation, world.organisation.id).anonymous_statistics is False
    assert page(client, f"/organisations/{world.organisation.id}/access-log")


def test_a_stranger_and_an_advisor_get_404_everywhere(client, world):
    granted = grants.grant(
        world.owner, world.organisation.id, GrantData(network_id=world.network.id)
    )
    for person in (world.stranger, world.advisor):  # even an advisor with access to the data
        client.login(person)
        assert client.get(access_url(world)).status_code == 404
        assert client.get(f"/organisations/{world.organisation.id}/access-log").status_code == 404
        for url, data in [
            (access_url(world), {"whom": f"network-{world.network.id}", "scope": "full"}),
            (access_url(world, f"/grants/{granted.id}/revoke"), {}),
            (access_url(world, f"/requests/{granted.id}"), {"accept": "y"}),
            (access_url(world, "/statistics"), {"enabled": "y"}),
        ]:
            assert client.post(url, data=data).status_code == 404, url
    assert grant_rows(world.organisation.id) == [(world.network.id, None, "results", "active")]
    assert db.session.get(Organisation, world.organisation.id).anonymous_statistics is False


def test_a_post_without_csrf_token_is_refused(client, world):
    granted = grants.grant(
        world.owner, world.organisation.id, GrantData(network_id=world.network.id)
    )
    client.login(world.owner)
    for url, data in [
        (access_url(world), {"whom": f"network-{world.network.id}", "scope": "full"}),
        (access_url(world, f"/grants/{granted.id}/revoke"), {}),
        (access_url(world, "/statistics"), {"enabled": "y"}),
    ]:
        assert client.post(url, data=data, csrf=False).status_code == 400, url
    assert grant_rows(world.organisation.id) == [(world.network.id, None, "results", "active")]
    assert db.session.get(Organisation, world.organisation.id).anonymous_statistics is False


def test_a_hostile_network_name_is_escaped(client, world):
    hostile = networks.create("<script>x</script>", ["bretagne"])
    grants.grant(world.owner, world.organisation.id, GrantData(network_id=hostile.id))
    grants.request_access(
        world.admin, world.network.id, organisation_id=world.organisation.id, message="<b>lisez</b>"
    )
    client.login(world.owner)
    html = page(client, access_url(world))
    assert "<script>x</script>" not in html
    assert "<b>lisez</b>" not in html
    assert "&lt;script&gt;x&lt;/script&gt; (tous ses conseillers)" in html  # the grants' table
    assert "&lt;script&gt;x&lt;/script&gt; — tous ses conseillers" in html  # the form's choices
    assert "&lt;b&gt;lisez&lt;/b&gt;" in html


# --- Access log ------------------------------------------------------------------------------


def test_the_access_log_says_who_saw_what_and_when_and_is_paginated(client, world):
    network_grant(world)
    access.log(world.advisor, [world.organisation.id], "answers", assessment_id=world.assessment.id)
    access.log(world.admin, [world.organisation.id], "mystery")
    for entry in db.session.scalars(db.select(AccessLogEntry)):
        # 9:30 UTC in January is 10:30 in Paris (the default time zone)
        entry.at = datetime(2026, 1, 15, 9, 30, tzinfo=UTC) + timedelta(days=entry.id % 2)
    db.session.commit()
    client.login(world.contributor)
    html = page(client, f"/organisations/{world.organisation.id}/access-log")
    rows = re.findall(
        r"<tr>\s*<th scope=\"row\">(.*?)</th>\s*<td>(.*?)</td>\s*<td>(.*?)</td>", html
    )
    by_who = {who: (when, what) for when, who, what in rows}
    assert set(by_who) == {"Alice Conseil", "Bruno Admin"}
    assert by_who["Alice Conseil"][1] == "Réponses au questionnaire"
    assert by_who["Bruno Admin"][1] == "Autre consultation (mystery)"
    assert {when for when, _ in by_who.values()} == {"15/01/2026 10:30", "16/01/2026 10:30"}
    assert f'href="/assessments/{world.assessment.id}/results"' in html

    for _ in range(51):
        access.log(world.advisor, [world.organisation.id], "results")
    first = page(client, f"/organisations/{world.organisation.id}/access-log")
    second = page(client, f"/organisations/{world.organisation.id}/access-log?page=2")
    assert first.count('<th scope="row">') == 50
    assert second.count('<th scope="row">') == 3  # 53 entries: 50 + 3
    assert "page 2 sur 2, 53 en tout" in second
    assert "?page=2" in first
    assert "?page=1" in second
    assert "Bruno Admin" in second
    assert "Bruno Admin" not in first
    assert page(client, f"/organisations/{world.organisation.id}/access-log?page=0")
    assert "Cette page du journal est vide." in page(
        client, f"/organisations/{world.organisation.id}/access-log?page=9"
    )


# --- Anonymous statistics --------------------------------------------------------------------


def test_anonymous_statistics_are_off_by_default_and_the_owner_switches_them(client, world):
    assert world.organisation.anonymous_statistics is False
    client.login(world.owner)
    html = page(client, access_url(world))
    assert "Actuellement : désactivé." in html
    assert "au moins 5 organisations" in html
    assert "Jamais votre nom" in html
    assert "organisations comme la vôtre" in html
    assert 'id="enabled" name="enabled" type="checkbox" value="y">' in html

    assert client.post(access_url(world, "/statistics"), data={"enabled": "y"}).status_code == 302
    assert db.session.get(Organisation, world.organisation.id).anonymous_statistics is True
    html = page(client, access_url(world))
    assert "Actuellement : activé." in html
    assert 'checked id="enabled"' in html

    assert client.post(access_url(world, "/statistics"), data={}).status_code == 302
    assert db.session.get(Organisation, world.organisation.id).anonymous_statistics is False


# --- Organisation page and dashboard ---------------------------------------------------------


def test_the_organisation_page_links_to_the_access_page(client, world):
    client.login(world.contributor)
    html = page(client, f"/organisations/{world.organisation.id}")
    assert f'href="/organisations/{world.organisation.id}/access"' in html
    assert "Accès des conseillers et statistiques" in html


def test_the_dashboard_shows_unread_comments_and_pending_requests(client, world):
    network_grant(world)
    reviews.comment(world.advisor, world.assessment.id, "Bravo pour l'AG")
    reviews.comment(world.advisor, world.assessment.id, "Et les salariés ?")
    grants.request_access(world.admin, world.network.id, organisation_id=world.organisation.id)
    client.login(world.owner)
    html = page(client, "/")
    assert "2 nouveaux commentaires de conseillers" in html
    assert "1 demande d'accès d'un réseau à examiner" in html
    assert f'href="/assessments/{world.assessment.id}/review"' in html  # the comments
    assert f'href="/organisations/{world.organisation.id}/access"' in html  # the request

    client.login(world.contributor)  # sees the comments, not the requests (owners answer them)
    html = page(client, "/")
    assert "2 nouveaux commentaires de conseillers" in html
    assert "demande d'accès" not in html


def test_the_dashboard_counts_take_the_same_queries_for_one_or_many_organisations(
    app, client, world, make_organisation
):
    def statements_on(table: str) -> int:
        seen: list[str] = []

        def record(conn, cursor, statement, *args) -> None:
            seen.append(statement)

        event.listen(db.engine, "before_cursor_execute", record)
        try:
            page(client, "/")
        finally:
            event.remove(db.engine, "before_cursor_execute", record)
        return sum(1 for s in seen if re.search(rf"\bFROM {table}\b|\bJOIN {table}\b", s))

    client.login(world.owner)
    one = (statements_on("comments"), statements_on("grants"))
    for index in range(3):
        other = make_organisation(world.owner, name=f"Autre {index}")
        grants.request_access(world.admin, world.network.id, organisation_id=other.id)
    many = (statements_on("comments"), statements_on("grants"))
    assert one == many == (1, 1)
