"""The review page: both sides comment, reply and resolve; suggestions; theme statuses."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import date, timedelta

import pytest
from sqlalchemy import func, select

from app.extensions import db
from app.models import (
    AccessLogEntry,
    Action,
    Assessment,
    Comment,
    Grant,
    Membership,
    Network,
    Organisation,
    Suggestion,
    ThemeReview,
    User,
)
from app.services import charter, grants, networks, reviews
from app.services.errors import Invalid
from app.services.grants import GrantData

HOSTILE = "<script>alert('xss')</script>"


@dataclass
class World:
    owner: User
    organisation: Organisation
    assessment: Assessment
    network: Network
    advisor: User
    grant: Grant

    @property
    def page(self) -> str:
        return f"/assessments/{self.assessment.id}/review"


def build_world(owner: User, organisation: Organisation, make_assessment, make_user) -> World:
    """An owner's Guide assessment, a CRESS whose advisor accepted the charter, a full grant."""
    assessment = make_assessment(owner, organisation, "gbp")
    network = networks.create("CRESS Bretagne", ["bretagne"])
    advisor = make_user("alice@cress.example.org", "Alice Conseil")  # a cheap password hash
    networks.add_advisor(network.id, advisor.email)
    charter.accept(advisor, charter.current().version)
    grant = grants.grant(owner, organisation.id, GrantData(network_id=network.id, scope="full"))
    return World(owner, organisation, assessment, network, advisor, grant)


@pytest.fixture
def world(app, owner, organisation, make_assessment, make_user) -> World:
    return build_world(owner, organisation, make_assessment, make_user)


@pytest.fixture
def advisor_client(client, world):
    return client.login(world.advisor)


@pytest.fixture
def owner_client(other_client, world):
    return other_client.login(world.owner)


def _comments() -> list[Comment]:
    return list(db.session.scalars(select(Comment).order_by(Comment.id)))


def _count(model) -> int:
    return db.session.scalar(select(func.count()).select_from(model))


def test_a_thread_goes_from_advisor_to_owner_and_back(world, advisor_client, owner_client, caplog):
    caplog.set_level(logging.WARNING, logger="ecotone.mail")
    response = advisor_client.post(
        f"{world.page}/comments",
        data={"target": "theme:gouvernance", "text": "Pensez à l'AG.\nEt au quorum."},
    )
    assert response.status_code == 302
    [root] = _comments()
    assert (root.side, root.theme_id, root.question_id, root.author_name) == (
        "advisor",
        "gouvernance",
        None,
        "Alice Conseil",
    )
    assert root.text == "Pensez à l'AG.\nEt au quorum."
    assert "owner@example.org" in caplog.text  # the owner is told (logged: no SMTP here)
    assert f"/assessments/{world.assessment.id}/review" in caplog.text
    assert reviews.unread_for_members(world.owner) == {
        world.organisation.id: (1, world.assessment.id)
    }

    page = owner_client.get(world.page).get_data(as_text=True)
    assert "Pensez à l&#39;AG.\nEt au quorum." in page
    assert "Conseiller·ère — CRESS Bretagne" in page
    assert "Gouvernance" in page  # grouped under its theme
    assert "nouveau</strong>" in page
    assert reviews.unread_for_members(world.owner) == {world.organisation.id: (0, None)}
    assert "nouveau</strong>" not in owner_client.get(world.page).get_data(as_text=True)

    caplog.clear()
    response = owner_client.post(
        f"{world.page}/comments/{root.id}/replies", data={"text": "  Merci, c'est noté.  "}
    )
    assert response.status_code == 302
    reply = _comments()[1]
    assert (reply.side, reply.parent_id, reply.theme_id, reply.text) == (
        "organisation",
        root.id,
        "gouvernance",
        "Merci, c'est noté.",
    )
    assert "alice@cress.example.org" in caplog.text
    assert reviews.unread_for_advisor([world.organisation.id, 999999]) == {
        world.organisation.id: (1, reply.created_at),
        999999: (0, None),
    }

    response = advisor_client.post(f"{world.page}/comments/{root.id}/resolve", data={})
    assert response.status_code == 302
    db.session.refresh(root)
    assert root.resolved_at is not None
    assert root.resolved_by_id == world.advisor.id
    page = advisor_client.get(world.page).get_data(as_text=True)
    assert "Résolu" in page
    assert "Rouvrir le fil" in page
    assert reviews.unread_for_advisor([world.organisation.id])[world.organisation.id] == (0, None)
    owner_client.post(f"{world.page}/comments/{root.id}/resolve", data={"resolved": "0"})
    db.session.refresh(root)
    assert root.resolved_at is None


def test_opening_the_review_is_in_the_access_log(world, advisor_client):
    assert advisor_client.get(world.page).status_code == 200
    entries = db.session.scalars(
        select(AccessLogEntry).where(AccessLogEntry.organisation_id == world.organisation.id)
    ).all()
    assert [(e.what, e.user_id, e.assessment_id) for e in entries] == [
        ("comments", world.advisor.id, world.assessment.id)
    ]


def test_an_accepted_suggestion_becomes_an_action_of_the_plan(world, advisor_client, owner_client):
    response = advisor_client.post(
        f"{world.page}/suggestions",
        data={
            "title": "Former les administrateurs",
            "description": "Deux jours",
            "theme": "gouvernance",
        },
    )
    assert response.status_code == 302
    suggestion = db.session.scalar(select(Suggestion))
    assert (suggestion.status, suggestion.theme_id, suggestion.author_name) == (
        "pending",
        "gouvernance",
        "Alice Conseil",
    )
    before = owner_client.get(world.page).get_data(as_text=True)
    assert "Former les administrateurs" in before
    assert 'name="decision" value="accept"' in before
    assert 'name="decision"' not in advisor_client.get(world.page).get_data(as_text=True)

    url = f"{world.page}/suggestions/{suggestion.id}"
    assert owner_client.post(url, data={"decision": "accept"}).status_code == 302
    action = db.session.scalar(select(Action))
    assert (action.assessment_id, action.title, action.description, action.theme_id) == (
        world.assessment.id,
        "Former les administrateurs",
        "Deux jours",
        "gouvernance",
    )
    db.session.refresh(suggestion)
    assert (suggestion.status, suggestion.action_id) == ("accepted", action.id)
    plan = owner_client.get(f"/assessments/{world.assessment.id}/plan").get_data(as_text=True)
    assert "Former les administrateurs" in plan
    page = owner_client.get(world.page).get_data(as_text=True)
    assert f"/assessments/{world.assessment.id}/plan#action-{action.id}" in page

    again = owner_client.post(url, data={"decision": "decline"}, follow_redirects=True)
    assert "déjà reçu une réponse" in again.get_data(as_text=True)
    db.session.refresh(suggestion)
    assert suggestion.status == "accepted"
    assert _count(Action) == 1


def test_a_declined_suggestion_creates_no_action(world, advisor_client, owner_client):
    advisor_client.post(f"{world.page}/suggestions", data={"title": "Un baromètre social"})
    suggestion = db.session.scalar(select(Suggestion))
    url = f"{world.page}/suggestions/{suggestion.id}"
    undecided = owner_client.post(url, data={}, follow_redirects=True)
    assert "Choisissez d&#39;ajouter la suggestion" in undecided.get_data(as_text=True)
    db.session.refresh(suggestion)
    assert suggestion.status == "pending"
    assert owner_client.post(url, data={"decision": "decline"}).status_code == 302
    db.session.refresh(suggestion)
    assert (suggestion.status, suggestion.action_id) == ("declined", None)
    assert _count(Action) == 0


def test_members_cannot_suggest_and_advisors_cannot_decide(world, advisor_client, owner_client):
    assert owner_client.post(f"{world.page}/suggestions", data={"title": "x"}).status_code == 403
    advisor_client.post(f"{world.page}/suggestions", data={"title": "À trancher"})
    suggestion = db.session.scalar(select(Suggestion))
    url = f"{world.page}/suggestions/{suggestion.id}"
    assert advisor_client.post(url, data={"decision": "accept"}).status_code == 403
    assert _count(Action) == 0


def test_the_advisor_sets_theme_statuses_the_organisation_reads(
    world, advisor_client, owner_client
):
    url = f"{world.page}/themes/gouvernance"
    assert advisor_client.post(url, data={"status": "improvable"}).status_code == 302
    assert advisor_client.post(url, data={"status": "to_correct"}).status_code == 302
    [review] = db.session.scalars(select(ThemeReview)).all()
    assert (review.theme_id, review.status, review.author_name) == (
        "gouvernance",
        "to_correct",
        "Alice Conseil",
    )
    page = owner_client.get(world.page).get_data(as_text=True)
    assert "À corriger" in page
    assert "Pas encore revu" in page
    assert 'name="status"' not in page  # the organisation reads, does not set
    assert owner_client.post(url, data={"status": "acceptable"}).status_code == 403

    refused = advisor_client.post(url, data={"status": "parfait"})
    assert refused.status_code == 200
    html = refused.get_data(as_text=True)
    assert 'id="review-status-gouvernance-error"' in html
    assert "Choisissez un état de la liste." in html
    db.session.refresh(review)
    assert review.status == "to_correct"


def test_a_results_scope_advisor_sees_no_answer_threads(world, client, owner_client):
    owner_client.post(
        f"{world.page}/comments",
        data={"target": "question:gouv-ag-participation", "text": "Réponse à revoir"},
    )
    [on_answer] = _comments()
    assert (on_answer.theme_id, on_answer.question_id) == ("gouvernance", "gouv-ag-participation")
    world.grant.scope = "results"
    db.session.commit()
    client.login(world.advisor)

    page = client.get(world.page).get_data(as_text=True)
    assert "Réponse à revoir" not in page
    assert "question:" not in page  # no answer offered as a target
    refused = client.post(
        f"{world.page}/comments", data={"target": "question:gouv-ag-participation", "text": "Vu"}
    )
    assert refused.status_code == 404
    reply = client.post(f"{world.page}/comments/{on_answer.id}/replies", data={"text": "Vu"})
    assert reply.status_code == 404
    allowed = client.post(f"{world.page}/comments", data={"target": "theme:emploi", "text": "Ok"})
    assert allowed.status_code == 302
    assert [c.theme_id for c in _comments()] == ["gouvernance", "emploi"]
    db.session.refresh(on_answer)
    assert on_answer.read_at is None  # not shown, so not read


def _expire(world: World) -> None:
    world.grant.until = date.today() - timedelta(days=1)
    db.session.commit()


def _revoke(world: World) -> None:
    grants.revoke(world.owner, world.grant.id)


def _elsewhere(world: World) -> None:
    """The network's grant goes to another organisation: this one granted nothing."""
    world.grant.organisation_id = db.session.scalar(
        select(Organisation.id).where(Organisation.id != world.organisation.id)
    )
    db.session.commit()


@pytest.mark.parametrize("end", [_expire, _revoke, _elsewhere], ids=["expired", "revoked", "none"])
def test_an_advisor_without_an_active_grant_gets_404(
    world, client, make_user, make_organisation, end
):
    make_organisation(make_user(), name="Autre")
    client.login(world.advisor)
    assert client.get(world.page).status_code == 200
    comment = reviews.comment(world.owner, world.assessment.id, "Avant la fin")
    end(world)
    assert client.get(world.page).status_code == 404
    post = client.post(f"{world.page}/comments", data={"text": "Encore là ?"})
    assert post.status_code == 404
    assert client.post(f"{world.page}/comments/{comment.id}/resolve").status_code == 404
    api = client.get(f"/api/v1/assessments/{world.assessment.id}/comments")
    assert api.status_code == 404
    assert [c.text for c in _comments()] == ["Avant la fin"]


def test_an_advisor_who_has_not_accepted_the_charter_gets_403(world, client, make_user):
    bob = make_user("bob@cress.example.org")
    networks.add_advisor(world.network.id, bob.email)
    client.login(bob)
    assert client.get(world.page).status_code == 403
    assert client.post(f"{world.page}/comments", data={"text": "Bonjour"}).status_code == 403
    assert _comments() == []


def test_a_viewer_reads_but_cannot_comment(world, client, make_user):
    viewer = make_user()
    db.session.add(Membership(user=viewer, organisation=world.organisation, role="viewer"))
    db.session.commit()
    reviews.comment(world.advisor, world.assessment.id, "Pour toute l'équipe")
    client.login(viewer)
    page = client.get(world.page).get_data(as_text=True)
    assert "Pour toute l&#39;équipe" in page
    assert "Écrire un commentaire" not in page
    assert client.post(f"{world.page}/comments", data={"text": "Moi aussi"}).status_code == 403
    assert len(_comments()) == 1


def test_someone_of_another_organisation_gets_404(world, client, make_user, make_organisation):
    intruder = make_user()
    make_organisation(intruder, name="Autre")
    client.login(intruder)
    assert client.get(world.page).status_code == 404
    assert client.post(f"{world.page}/comments", data={"text": "Coucou"}).status_code == 404


def test_comment_text_is_escaped(world, advisor_client, owner_client):
    advisor_client.post(f"{world.page}/comments", data={"text": HOSTILE})
    page = owner_client.get(world.page).get_data(as_text=True)
    assert HOSTILE not in page
    assert "&lt;script&gt;alert(&#39;xss&#39;)&lt;/script&gt;" in page


def test_input_errors_are_shown_next_to_the_fields(world, advisor_client):
    response = advisor_client.post(
        f"{world.page}/comments", data={"target": "theme:inconnu", "text": "   "}
    )
    assert response.status_code == 200
    html = response.get_data(as_text=True)
    assert 'id="text-error"' in html
    assert "Écrivez un commentaire." in html
    assert 'id="target-error"' in html
    assert "Thème inconnu : inconnu." in html
    too_long = advisor_client.post(f"{world.page}/comments", data={"text": "x" * 5001})
    assert "5000 caractères au plus." in too_long.get_data(as_text=True)
    root = reviews.comment(world.owner, world.assessment.id, "Une question ?")
    empty_reply = advisor_client.post(f"{world.page}/comments/{root.id}/replies", data={"text": ""})
    assert f'id="reply-{root.id}-error"' in empty_reply.get_data(as_text=True)
    suggestion = advisor_client.post(f"{world.page}/suggestions", data={"title": ""})
    assert 'id="title-error"' in suggestion.get_data(as_text=True)
    assert len(_comments()) == 1
    assert _count(Suggestion) == 0


def test_a_reply_to_a_reply_or_to_another_assessment_is_refused(
    world, owner, organisation, make_assessment
):
    root = reviews.comment(world.advisor, world.assessment.id, "Racine")
    reply = reviews.comment(world.owner, world.assessment.id, "Réponse", parent=root.id)
    other = make_assessment(owner, organisation, "gbp", year=2025)
    for parent, assessment_id in [(reply.id, world.assessment.id), (root.id, other.id)]:
        with pytest.raises(Invalid) as refused:
            reviews.comment(world.owner, assessment_id, "Non", parent=parent)
        assert set(refused.value.errors) == {"parent"}
    with pytest.raises(Invalid) as refused:
        reviews.resolve(world.owner, reply.id, True)
    assert set(refused.value.errors) == {"resolved"}


def test_posting_without_the_csrf_token_is_refused(world, advisor_client):
    url = f"{world.page}/comments"
    response = advisor_client.post(url, data={"text": "Sans jeton"}, csrf=False)
    assert response.status_code == 400
    assert _comments() == []


def test_a_reply_is_not_mailed_to_an_advisor_who_lost_access(world, caplog):
    root = reviews.comment(world.advisor, world.assessment.id, "Une remarque")
    grants.revoke(world.owner, world.grant.id)
    caplog.clear()
    caplog.set_level(logging.WARNING, logger="ecotone.mail")
    reviews.comment(world.owner, world.assessment.id, "Réponse tardive", parent=root.id)
    assert "alice@cress.example.org" not in caplog.text
