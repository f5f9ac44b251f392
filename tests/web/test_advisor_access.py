"""An advisor sees an organisation's data only through an active grant, and only its scope.

The walks go through every route of `app.url_map` (as test_security does for members of other
organisations): without a grant, with an expired, revoked or merely requested one, every page and
endpoint about the organisation answers 404 and nothing is logged; with a "results" grant, only the
results-side routes answer, never with the answers, stakeholders or plan; every view that answers
is written to the organisation's access log.
"""

from __future__ import annotations

from datetime import timedelta

import pytest

from app.extensions import db
from app.models import AccessLogEntry, Grant
from app.services import answers, charter, grants, networks
from app.services.access import today
from app.services.answers import Submission

from .route_walk import Victim, organisation_routes, request, url_values

#: Routes about networks (their members, their anonymous figures), not one organisation's data.
NETWORK_SCOPED = ("networks.", "benchmarks.")
NETWORK_ENDPOINTS = {"api.create_access_request", "api.get_network_statistics"}
#: What a "results" grant opens: the results, the review threads, the anonymous benchmark.
RESULTS_SIDE = {
    "advisors.organisation",
    "advisors.results",
    "reviews.show",
    "reviews.new_comment",
    "reviews.reply",
    "reviews.resolve",
    "reviews.suggest",
    "reviews.decide",  # reached, but an advisor may not decide for the organisation (403)
    "reviews.theme_status",
    "api.get_assessment",
    "api.get_scores",
    "api.list_comments",
    "api.create_comment",
    "api.update_comment",
    "api.list_suggestions",
    "api.create_suggestion",
    "api.decide_suggestion",
    "api.list_theme_reviews",
    "api.set_theme_review",
    "api.get_benchmark",
}
#: Only with a "full" grant.
FULL_SIDE = {"advisors.answers", "advisors.plan"}
#: Text that only the answers, the stakeholders and the plan hold.
HIDDEN = ("answer-note-xyz", "secret partner", "secret action")


def _organisation_routes(app):
    for rule, method in organisation_routes(app):
        if rule.endpoint.startswith(NETWORK_SCOPED) or rule.endpoint in NETWORK_ENDPOINTS:
            continue
        yield rule, method


def _log_count(victim: Victim) -> int:
    db.session.expire_all()
    return db.session.scalar(
        db.select(db.func.count(AccessLogEntry.id)).where(
            AccessLogEntry.organisation_id == victim.organisation.id
        )
    )


@pytest.fixture
def advisor(make_user, victim):
    """An advisor of the network the victim granted "full" access to, charter accepted."""
    user = make_user("advisor@cress.example", "Ada Advisor")
    networks.add_advisor(victim.grant.network_id, user.email)
    charter.accept(user, charter.current().version)
    owner = victim.membership.user
    answers.save(owner, victim.assessment.id, Submission("gouv-info", "no", comment=HIDDEN[0]))
    return user


def _set_grant(victim: Victim, **values: object) -> None:
    grant = db.session.get(Grant, victim.grant.id)
    for name, value in values.items():
        setattr(grant, name, value)
    db.session.commit()


def _walk_refused(app, client, victim: Victim) -> int:
    before = _log_count(victim)
    walked = 0
    for rule, method in _organisation_routes(app):
        response = request(client, rule, method, url_values(victim))
        assert response.status_code == 404, f"{method} {rule} -> {response.status_code}"
        assert "secret" not in response.get_data(as_text=True), f"{method} {rule} leaks"
        walked += 1
    assert _log_count(victim) == before, "a refused access was logged as a view"
    return walked


@pytest.mark.parametrize("situation", ["no grant", "expired", "revoked", "requested"])
def test_without_an_active_grant_every_route_is_404(app, client, victim, advisor, situation):
    if situation == "no grant":
        elsewhere = networks.create("Autre réseau", ["bretagne"])
        db.session.execute(db.delete(db.metadata.tables["network_members"]))
        db.session.commit()
        networks.add_advisor(elsewhere.id, advisor.email)
    elif situation == "expired":
        _set_grant(victim, until=today() - timedelta(days=1))
    elif situation == "revoked":
        grants.revoke(victim.membership.user, victim.grant.id)
    else:
        _set_grant(victim, status="requested")
    client.login(advisor)
    assert _walk_refused(app, client, victim) >= 60


def test_the_api_refuses_them_too_with_a_token(app, token_client, victim, advisor):
    _set_grant(victim, until=today() - timedelta(days=1))
    api = token_client(advisor)
    for rule, method in _organisation_routes(app):
        if not rule.endpoint.startswith("api."):
            continue
        response = request(api, rule, method, url_values(victim))
        assert response.status_code == 404, f"{method} {rule} -> {response.status_code}"
        assert response.content_type == "application/problem+json"


def test_a_results_grant_opens_the_results_only_and_each_view_is_logged(
    app, client, victim, advisor
):
    _set_grant(victim, scope="results")
    client.login(advisor)
    answered = 0
    for rule, method in _organisation_routes(app):
        before = _log_count(victim)
        response = request(client, rule, method, url_values(victim))
        body = response.get_data(as_text=True)
        for text in HIDDEN:
            assert text not in body, f"{method} {rule} shows {text!r} with a results grant"
        if rule.endpoint not in RESULTS_SIDE:
            assert response.status_code == 404, f"{method} {rule} -> {response.status_code}"
            continue
        assert response.status_code < 500, f"{method} {rule} -> {response.status_code}"
        if method == "GET":
            assert response.status_code == 200, f"{method} {rule} -> {response.status_code}"
            assert _log_count(victim) > before, f"GET {rule} was not logged"
            answered += 1
    assert answered >= 9
    scores = client.get(f"/api/v1/assessments/{victim.assessment.id}").get_json()
    assert scores["answers"] == []


def test_a_full_grant_opens_answers_and_plan_and_logs_them(app, client, victim, advisor):
    client.login(advisor)
    for endpoint, what in (("answers", "answers"), ("plan", "plan")):
        response = client.get(f"/advisor/assessments/{victim.assessment.id}/{endpoint}")
        assert response.status_code == 200
        assert db.session.scalar(
            db.select(AccessLogEntry.who).where(
                AccessLogEntry.organisation_id == victim.organisation.id,
                AccessLogEntry.what == what,
                AccessLogEntry.user_id == advisor.id,
            )
        ) in ("Ada Advisor",)
    assert HIDDEN[0] in client.get(f"/advisor/assessments/{victim.assessment.id}/answers").text
    plan = client.get(f"/advisor/assessments/{victim.assessment.id}/plan").text
    assert "secret action" in plan
    assert "secret partner" in plan
    assert set(FULL_SIDE) <= {r.endpoint for r in app.url_map.iter_rules()}


def test_the_organisation_sees_who_looked_at_what_and_when(client, victim, advisor):
    client.login(advisor)
    client.get(f"/advisor/assessments/{victim.assessment.id}")
    client.login(victim.membership.user)
    page = client.get(f"/organisations/{victim.organisation.id}/access-log")
    assert page.status_code == 200
    assert "Ada Advisor" in page.text
    api = client.get(f"/api/v1/organisations/{victim.organisation.id}/access-log").get_json()
    assert api["items"][0]["who"] == "Ada Advisor"
    assert api["items"][0]["what"] == "results"
    assert api["items"][0]["at"]
