"""Network pages: members, invitations, access requests by SIRET, the site admin's networks."""

from __future__ import annotations

import re

import pytest
from sqlalchemy import select

from app.extensions import db
from app.models import AdvisorInvitation, Grant, Network, NetworkMember
from app.services import networks

SIRET = "73282932000074"


@pytest.fixture
def network(app):
    created = networks.create("CRESS Bretagne", ["bretagne"])
    networks.add_advisor(created.id, "adam@cress.example", admin=True)
    networks.add_advisor(created.id, "alice@cress.example")
    return created


def _user(network: Network, email: str):
    return next(m.user for m in network.members if m.user.email == email)


@pytest.fixture
def admin(network):
    return _user(network, "adam@cress.example")


@pytest.fixture
def advisor(network):
    return _user(network, "alice@cress.example")


def test_networks_list_and_members(client, network, advisor):
    page = client.login(advisor).get("/networks/")
    assert page.status_code == 200
    assert "CRESS Bretagne" in page.text
    members = client.get(f"/networks/{network.id}")
    assert members.status_code == 200
    assert "adam@cress.example" in members.text
    assert "alice@cress.example" in members.text
    assert "Inviter" not in members.text  # no invite form for advisors


def test_other_networks_are_not_found(client, make_user, network):
    stranger = make_user("stranger@example.org")
    assert client.login(stranger).get(f"/networks/{network.id}").status_code == 404
    assert client.get(f"/networks/{network.id}/requests").status_code == 404


def test_admin_invites_and_the_invitee_accepts(client, other_client, make_user, network, admin):
    page = client.login(admin).post(
        f"/networks/{network.id}",
        data={"email": " Bea@Federation.example ", "role": "advisor"},
        follow_redirects=True,
    )
    assert page.status_code == 200
    assert "Invitation envoyée à bea@federation.example" in page.text
    assert "bea@federation.example" in page.text  # pending invitations
    link = re.search(r"http://[^\s<\"]+/networks/invitations/[\w-]+", page.text).group(0)
    path = link.split("localhost", 1)[-1]

    # the wrong account is told which address the invitation is for
    wrong = make_user("someone@example.org")
    response = other_client.login(wrong).post(path)
    assert response.status_code == 200
    assert "destinée à bea@federation.example" in response.text
    assert not networks.is_advisor(wrong)

    bea = make_user("bea@federation.example")
    other_client.login(bea)
    assert "Rejoindre le réseau" in other_client.get(path).text
    joined = other_client.post(path)
    assert joined.status_code == 302
    assert joined.headers["Location"].endswith("/advisor/charter")
    member = db.session.scalar(select(NetworkMember).where(NetworkMember.user_id == bea.id))
    assert (member.network_id, member.role) == (network.id, "advisor")
    # used once
    assert other_client.get(path).status_code == 404


def test_invitation_needs_login(client, network, admin):
    _invitation, token = networks.invite(admin, network.id, "bea@example.org", "advisor")
    response = client.get(f"/networks/invitations/{token}")
    assert response.status_code == 302
    assert "/login" in response.headers["Location"]


def test_advisors_cannot_invite(client, network, advisor):
    response = client.login(advisor).post(
        f"/networks/{network.id}", data={"email": "eve@example.org", "role": "admin"}
    )
    assert response.status_code == 403
    assert db.session.scalar(select(AdvisorInvitation.id)) is None
    # an invalid form changes nothing to the answer
    response = client.post(f"/networks/{network.id}", data={"email": "", "role": "admin"})
    assert response.status_code == 403


def test_invite_without_csrf_is_refused(client, network, admin):
    response = client.login(admin).post(
        f"/networks/{network.id}", data={"email": "eve@example.org", "role": "advisor"}, csrf=False
    )
    assert response.status_code == 400
    assert db.session.scalar(select(AdvisorInvitation.id)) is None


def test_request_by_siret_looks_the_same_whether_it_exists_or_not(
    client, owner, make_organisation, network, admin
):
    organisation = make_organisation(owner, name="Avec SIRET", siret=SIRET)
    client.login(admin)
    assert client.get(f"/networks/{network.id}/requests").status_code == 200

    unknown = client.post(
        f"/networks/{network.id}/requests",
        data={"siret": "55208131766522", "scope": "full", "message": "Bonjour"},
        follow_redirects=True,
    )
    known = client.post(
        f"/networks/{network.id}/requests",
        data={"siret": "732 829 320 00074", "scope": "full", "message": "Bonjour"},
        follow_redirects=True,
    )
    assert unknown.status_code == known.status_code == 200
    assert unknown.text == known.text
    assert "Demande enregistrée" in known.text
    found = list(db.session.scalars(select(Grant)))
    assert [(g.organisation_id, g.network_id, g.status, g.scope, g.message) for g in found] == [
        (organisation.id, network.id, "requested", "full", "Bonjour")
    ]


def test_only_network_admins_request_access(client, network, advisor):
    client.login(advisor)
    assert client.get(f"/networks/{network.id}/requests").status_code == 403
    response = client.post(
        f"/networks/{network.id}/requests", data={"siret": SIRET, "scope": "results"}
    )
    assert response.status_code == 403


def test_site_admin_creates_a_network(client, make_user):
    site_admin = make_user("root@example.org", is_admin=True)
    client.login(site_admin)
    assert client.get("/networks/admin").status_code == 200
    invalid = client.post("/networks/admin", data={"name": "Sans région", "kind": "cress"})
    assert invalid.status_code == 200
    assert "Choisissez au moins une région" in invalid.text
    response = client.post(
        "/networks/admin",
        data={"name": "URSCOP Ouest", "kind": "federation", "regions": ["bretagne", "normandie"]},
        follow_redirects=True,
    )
    assert response.status_code == 200
    assert "URSCOP Ouest" in response.text
    created = db.session.scalar(select(Network).where(Network.name == "URSCOP Ouest"))
    assert (created.kind, created.regions) == ("federation", ["bretagne", "normandie"])


def test_network_admin_page_is_hidden_from_others(client, admin, network):
    client.login(admin)
    assert client.get("/networks/admin").status_code == 404
    assert (
        client.post("/networks/admin", data={"name": "X", "regions": ["corse"]}).status_code == 404
    )
    assert db.session.scalar(select(Network).where(Network.name == "X")) is None
