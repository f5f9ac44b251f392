"""Organisations: profile with validated SIRET, members, roles and invitations."""

from __future__ import annotations

import re

from app.extensions import db
from app.models import Membership, Organisation

PROFILE = {
    "name": "Coop des Deux Rives",
    "legal_form": "scop",
    "siret": "732 829 320 00074",
    "region": "occitanie",
    "headcount_band": "10-49",
    "has_volunteers": "no",
}


def test_create_organisation_makes_the_creator_owner(client, make_user):
    user = make_user()
    client.login(user)
    response = client.post("/organisations/new", data=PROFILE)
    assert response.status_code == 302
    organisation = db.session.scalar(
        db.select(Organisation).where(Organisation.name == "Coop des Deux Rives")
    )
    assert organisation.siret == "73282932000074"
    assert not organisation.has_volunteers
    membership = db.session.scalar(
        db.select(Membership).where(Membership.organisation_id == organisation.id)
    )
    assert (membership.user_id, membership.role) == (user.id, "owner")
    page = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "SCOP" in page
    assert "Occitanie" in page


def test_invalid_siret_is_shown_next_to_its_field_and_nothing_is_lost(client, make_user):
    client.login(make_user())
    page = client.post("/organisations/new", data={**PROFILE, "siret": "73282932000075"}).get_data(
        as_text=True
    )
    assert re.search(r'id="siret-error">SIRET invalide', page)
    assert 'value="Coop des Deux Rives"' in page  # what was typed is kept
    assert db.session.scalar(db.select(db.func.count(Organisation.id))) == 0


def test_missing_choices_are_reported_per_field(client, make_user):
    client.login(make_user())
    page = client.post("/organisations/new", data={"name": ""}).get_data(as_text=True)
    for field in ("name", "legal_form", "region", "headcount_band", "has_volunteers"):
        assert f'id="{field}-error"' in page


def test_only_owners_edit_the_profile(client, owner, organisation, make_user):
    viewer = make_user()
    db.session.add(Membership(user=viewer, organisation=organisation, role="contributor"))
    db.session.commit()
    client.login(viewer)
    assert client.get(f"/organisations/{organisation.id}/edit").status_code == 403
    assert client.post(f"/organisations/{organisation.id}/edit", data=PROFILE).status_code == 403
    client.login(owner)
    assert client.post(f"/organisations/{organisation.id}/edit", data=PROFILE).status_code == 302
    db.session.refresh(organisation)
    assert organisation.name == "Coop des Deux Rives"


def test_invitation_flow(client, other_client, owner, organisation, make_user):
    client.login(owner)
    response = client.post(
        f"/organisations/{organisation.id}/members",
        data={"email": "nadia@example.org", "role": "contributor"},
        follow_redirects=True,
    )
    page = response.get_data(as_text=True)
    assert "Invitation envoyée à nadia@example.org" in page
    link = re.search(r"http://localhost(/invitations/[\w-]+)", page).group(1)

    # Someone else cannot use it
    stranger = make_user("stranger@example.org")
    other_client.login(stranger)
    refused = other_client.post(link).get_data(as_text=True)
    assert "destinée à nadia@example.org" in refused

    nadia = make_user("nadia@example.org")
    other_client.login(nadia)
    assert "Rejoindre l'organisation" in other_client.get(link).get_data(as_text=True).replace(
        "&#39;", "'"
    )
    response = other_client.post(link)
    assert response.headers["Location"] == f"/organisations/{organisation.id}"
    membership = db.session.scalar(db.select(Membership).where(Membership.user_id == nadia.id))
    assert membership.role == "contributor"
    assert other_client.get(link).status_code == 404  # used


def test_invitation_for_anonymous_visitor_asks_to_log_in(client, owner, organisation):
    from app.services import invitations

    _, token = invitations.invite(owner, organisation.id, "new@example.org", "viewer")
    page = client.get(f"/invitations/{token}").get_data(as_text=True)
    assert "Connectez-vous ou créez un compte" in page
    assert f"/register?next=/invitations/{token}" in page


def test_roles_and_last_owner(client, owner, organisation, make_user):
    other = make_user()
    member = Membership(user=other, organisation=organisation, role="viewer")
    db.session.add(member)
    db.session.commit()
    client.login(owner)
    own = db.session.scalar(db.select(Membership).where(Membership.user_id == owner.id))
    page = client.post(
        f"/organisations/{organisation.id}/members/{own.id}/role",
        data={"role": "viewer"},
        follow_redirects=True,
    ).get_data(as_text=True)
    assert "au moins un responsable" in page
    client.post(
        f"/organisations/{organisation.id}/members/{member.id}/role", data={"role": "owner"}
    )
    db.session.refresh(member)
    assert member.role == "owner"
    member_id = member.id
    client.post(f"/organisations/{organisation.id}/members/{member_id}/remove")
    assert db.session.get(Membership, member_id) is None
