"""The advisors' area: charter gate, portfolio (grants, filters, sorts, CSV), read-only views."""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta

import pytest
from flask import url_for
from sqlalchemy import select

from app.extensions import db
from app.models import AccessLogEntry, CharterAcceptance, Comment, Grant, Organisation, User
from app.services import (
    actions,
    answers,
    assessments,
    charter,
    grants,
    networks,
    portfolio,
    review_suggestions,
)
from app.services.actions import ActionData
from app.services.answers import Submission
from app.services.charter import Charter
from app.services.grants import GrantData
from app.services.portfolio import PortfolioFilters

SIRET = "73282932000074"
#: gouvernance (2/4·100 + 4/4·100)/2 = 75; concertation 1/4·100 = 25; territoire 3/4·100 = 75.
ANSWERS = [
    ("gouv-ag-participation", 2),
    ("gouv-information-membres", 4),
    ("conc-cartographie-parties-prenantes", 1),
    ("terr-diagnostic-territoire", 3),
]
OVERALL = (75 + 25 + 75) / 3


@dataclass
class World:
    owner: User
    advisor: User
    admin: User
    outsider: User
    network_id: int
    amis: Organisation  # network grant, results scope, answered Guide assessment
    formula: Organisation  # named grant to the advisor, full scope
    revoked: Organisation
    expired: Organisation
    requested: Organisation
    private: Organisation  # no grant at all
    assessment_id: int  # the answered assessment of `amis`
    formula_assessment_id: int


def build_world(make_user, make_organisation, owner: User) -> World:
    """An owner with six organisations, a CRESS with an advisor and an admin, and grants."""
    network = networks.create("CRESS Bretagne", ["bretagne"])
    advisor = networks.add_advisor(network.id, "alice@cress.example")[0].user
    advisor.name = "Alice Conseil"
    admin = networks.add_advisor(network.id, "adam@cress.example", admin=True)[0].user
    outsider = make_user("nobody@example.org")
    db.session.commit()

    amis = make_organisation(owner, name="Les Amis du Quartier")
    formula = make_organisation(
        owner, name="=cmd|' /C calc'!A0", legal_form="scop", region="occitanie"
    )
    revoked = make_organisation(owner, name="Révoquée")
    expired = make_organisation(owner, name="Expirée")
    requested = make_organisation(owner, name="Demandée", siret=SIRET)
    private = make_organisation(owner, name="Privée")

    started = assessments.start(owner, amis.id, "gbp", year=2026)
    for question_id, value in ANSWERS:
        answers.save(owner, started.id, Submission(question_id, value))
    other = assessments.start(owner, formula.id, "gbp", year=2026)
    answers.save(owner, other.id, Submission("gouv-ag-participation", 4))
    for organisation in (revoked, expired, private):
        assessments.start(owner, organisation.id, "gbp", year=2026)

    grants.grant(owner, amis.id, GrantData(network_id=network.id, scope="results"))
    grants.grant(owner, formula.id, GrantData(advisor_id=advisor.id, scope="full"))
    gone = grants.grant(owner, revoked.id, GrantData(network_id=network.id, scope="full"))
    grants.revoke(owner, gone.id)
    old = grants.grant(owner, expired.id, GrantData(network_id=network.id, scope="full"))
    old.until = date.today() - timedelta(days=1)
    db.session.commit()
    grants.request_access(admin, network.id, siret=SIRET, scope="full")
    return World(
        owner,
        advisor,
        admin,
        outsider,
        network.id,
        amis,
        formula,
        revoked,
        expired,
        requested,
        private,
        started.id,
        other.id,
    )


@pytest.fixture
def world(app, make_user, make_organisation, owner) -> World:
    return build_world(make_user, make_organisation, owner)


@pytest.fixture
def accepted(world) -> World:
    charter.accept(world.advisor, charter.current().version)
    return world


@pytest.fixture
def advisor_client(client, world):
    return client.login(world.advisor)


def log_rows(organisation_id: int, what: str | None = None) -> list[AccessLogEntry]:
    query = select(AccessLogEntry).where(AccessLogEntry.organisation_id == organisation_id)
    if what is not None:
        query = query.where(AccessLogEntry.what == what)
    return list(db.session.scalars(query))


# --- Charter ------------------------------------------------------------------------------------


def test_pages_lead_to_the_charter_until_it_is_accepted(advisor_client, world):
    for url in (
        "/advisor/",
        "/advisor/portfolio.csv",
        f"/advisor/organisations/{world.amis.id}",
        f"/advisor/assessments/{world.assessment_id}",
    ):
        response = advisor_client.get(url)
        assert response.status_code == 302, url
        assert response.headers["Location"].endswith("/advisor/charter"), url
    assert log_rows(world.amis.id) == []

    page = advisor_client.get("/advisor/charter")
    assert page.status_code == 200
    html = page.get_data(as_text=True)
    assert "Charte des conseillères et conseillers" in html
    assert "<strong>Confidentialité.</strong>" in html  # the markdown is rendered
    assert f'value="{charter.current().version}"' in html
    assert "J&#39;ai lu et j&#39;accepte la charte" in html or "J'ai lu et j'accepte" in html


def test_accepting_needs_the_box_and_records_version_and_time(advisor_client, world):
    version = charter.current().version
    refused = advisor_client.post("/advisor/charter", data={"version": version})
    assert refused.status_code == 200
    assert "Cochez la case" in refused.get_data(as_text=True)
    assert not charter.accepted_current(world.advisor)

    before = datetime.now(UTC).replace(microsecond=0)
    response = advisor_client.post("/advisor/charter", data={"version": version, "accept": "y"})
    assert response.status_code == 302
    assert response.headers["Location"].endswith("/advisor/")
    row = db.session.scalar(
        select(CharterAcceptance).where(CharterAcceptance.user_id == world.advisor.id)
    )
    assert row.version == version
    accepted_at = row.accepted_at.replace(tzinfo=row.accepted_at.tzinfo or UTC)
    assert before - timedelta(seconds=1) <= accepted_at <= datetime.now(UTC)
    assert advisor_client.get("/advisor/").status_code == 200
    assert "Vous avez accepté cette version" in advisor_client.get("/advisor/charter").text


def test_a_stale_version_is_refused(advisor_client, world):
    response = advisor_client.post("/advisor/charter", data={"version": "1999-1", "accept": "y"})
    assert response.status_code == 302
    assert not charter.accepted_current(world.advisor)


def test_a_new_charter_version_asks_again(advisor_client, accepted, monkeypatch):
    assert advisor_client.get("/advisor/").status_code == 200
    old = charter.current()
    monkeypatch.setattr(charter, "current", lambda: Charter("2099-1", old.title, old.text))
    response = advisor_client.get("/advisor/")
    assert response.status_code == 302
    assert response.headers["Location"].endswith("/advisor/charter")
    assert "Version 2099-1" in advisor_client.get("/advisor/charter").text


def test_the_charter_page_is_for_advisors_only(client, world):
    assert client.login(world.outsider).get("/advisor/charter").status_code == 404
    assert client.get("/advisor/").status_code == 404


# --- Portfolio ----------------------------------------------------------------------------------


def test_portfolio_lists_only_what_is_granted_today(accepted):
    rows = portfolio.portfolio(accepted.advisor)
    assert [r.organisation_id for r in rows] == [accepted.formula.id, accepted.amis.id]
    amis = rows[1]
    assert (amis.scope, amis.legal_form, amis.region, amis.headcount_band) == (
        "results",
        "association",
        "bretagne",
        "1-9",
    )
    assert amis.assessment.id == accepted.assessment_id
    assert amis.assessment.overall == pytest.approx(OVERALL)
    assert amis.assessment.themes["gouvernance"] == pytest.approx(75)
    assert amis.assessment.themes["concertation"] == pytest.approx(25)
    assert amis.assessment.themes["emploi"] is None
    # (100 − 25)·1 = 75 is the first priority; 75-score themes follow
    assert amis.assessment.priorities[0] == "concertation"
    assert set(amis.assessment.priorities[1:]) == {"gouvernance", "territoire"}
    assert amis.last_activity is not None
    assert rows[0].scope == "full"
    # the admin sees the network's grant, not Alice's named one; asking for "Demandée" gives nothing
    charter.accept(accepted.admin, charter.current().version)
    assert [r.name for r in portfolio.portfolio(accepted.admin)] == [accepted.amis.name]


def test_several_grants_give_the_widest_scope_and_latest_date(accepted):
    later = date.today() + timedelta(days=30)
    grants.grant(
        accepted.owner,
        accepted.amis.id,
        GrantData(advisor_id=accepted.advisor.id, scope="full", until=later),
    )
    row = next(r for r in portfolio.portfolio(accepted.advisor) if r.name == accepted.amis.name)
    assert row.scope == "full"
    assert row.until == date.today() + timedelta(days=365)


def test_portfolio_counts_overdue_actions(accepted):
    past, future = date.today() - timedelta(days=3), date.today() + timedelta(days=3)
    for title, due, status in [
        ("En retard", past, "todo"),
        ("En retard aussi", past, "in_progress"),
        ("Faite", past, "done"),
        ("Abandonnée", past, "dropped"),
        ("À venir", future, "todo"),
        ("Sans date", None, "todo"),
    ]:
        actions.create(
            accepted.owner,
            accepted.assessment_id,
            ActionData(title=title, due_date=due, status=status),
        )
    counts = {r.name: r.overdue_actions for r in portfolio.portfolio(accepted.advisor)}
    assert counts == {accepted.amis.name: 2, accepted.formula.name: 0}


def _unread(world: World, organisation: Organisation, assessment_id: int, when: datetime) -> None:
    db.session.add(
        Comment(
            assessment_id=assessment_id,
            organisation_id=organisation.id,
            author_id=world.owner.id,
            author_name="Olga",
            side="organisation",
            text="Réponse",
            created_at=when,
        )
    )
    db.session.commit()


def test_sort_by_oldest_unread_reply(accepted, owner, make_organisation):
    third = make_organisation(owner, name="Aucune réponse")
    grants.grant(owner, third.id, GrantData(network_id=accepted.network_id))
    now = datetime.now(UTC)
    _unread(accepted, accepted.amis, accepted.assessment_id, now - timedelta(days=1))
    _unread(accepted, accepted.formula, accepted.formula_assessment_id, now - timedelta(days=5))
    _unread(accepted, accepted.formula, accepted.formula_assessment_id, now - timedelta(hours=1))
    rows = portfolio.portfolio(accepted.advisor, sort="unread")
    assert [r.name for r in rows] == [accepted.formula.name, accepted.amis.name, third.name]
    assert [r.unread_count for r in rows] == [2, 1, 0]
    # descending: newest waiting first, still without unread last
    rows = portfolio.portfolio(accepted.advisor, sort="unread", descending=True)
    assert [r.name for r in rows] == [accepted.amis.name, accepted.formula.name, third.name]


def test_sort_by_overall_puts_organisations_without_assessment_last(
    accepted, owner, make_organisation
):
    third = make_organisation(owner, name="Aaa sans évaluation")
    grants.grant(owner, third.id, GrantData(network_id=accepted.network_id))
    names = [r.name for r in portfolio.portfolio(accepted.advisor, sort="overall")]
    # formula: one answer at level 4 → 100; amis 58.3
    assert names == [accepted.amis.name, accepted.formula.name, third.name]
    names = [r.name for r in portfolio.portfolio(accepted.advisor, sort="overall", descending=True)]
    assert names == [accepted.formula.name, accepted.amis.name, third.name]


@pytest.mark.parametrize(
    ("filters", "expected"),
    [
        (PortfolioFilters(legal_form="scop"), ["formula"]),
        (PortfolioFilters(region="bretagne"), ["amis"]),
        (PortfolioFilters(size_band="1-9"), ["formula", "amis"]),
        (PortfolioFilters(size_band="250+"), []),
        (PortfolioFilters(scope="results"), ["amis"]),
        (PortfolioFilters(text="AMIS du"), ["amis"]),
        (PortfolioFilters(text="amis", legal_form="scop"), []),
    ],
)
def test_portfolio_filters(accepted, filters, expected):
    names = [r.name for r in portfolio.portfolio(accepted.advisor, filters=filters)]
    assert names == [getattr(accepted, key).name for key in expected]


def test_portfolio_page_and_log(advisor_client, accepted):
    response = advisor_client.get("/advisor/?sort=name&order=desc")
    assert response.status_code == 200
    html = response.text
    assert "Les Amis du Quartier" in html
    for hidden in ("Révoquée", "Expirée", "Demandée", "Privée"):
        assert hidden not in html
    assert 'aria-sort="descending"' in html
    assert html.index("Les Amis du Quartier") < html.index("=cmd")
    assert len(log_rows(accepted.amis.id, "portfolio")) == 1
    assert len(log_rows(accepted.formula.id, "portfolio")) == 1
    assert log_rows(accepted.private.id) == []
    filtered = advisor_client.get("/advisor/?legal_form=scop").text
    assert "Les Amis du Quartier" not in filtered
    assert "=cmd" in filtered
    assert len(log_rows(accepted.amis.id, "portfolio")) == 1  # not listed: not logged


def test_organisation_names_are_escaped(advisor_client, accepted, owner, make_organisation):
    hostile = make_organisation(owner, name="<script>alert(1)</script>")
    grants.grant(owner, hostile.id, GrantData(network_id=accepted.network_id))
    html = advisor_client.get("/advisor/").text
    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    page = advisor_client.get(f"/advisor/organisations/{hostile.id}").text
    assert "<script>alert(1)</script>" not in page


def test_empty_portfolio_explains_consent(client, world):
    other = networks.create("Fédération", ["corse"], kind="federation")
    lonely = networks.add_advisor(other.id, "solo@federation.example")[0].user
    charter.accept(lonely, charter.current().version)
    html = client.login(lonely).get("/advisor/").text
    assert "ouvert l&#39;accès" in html or "ouvert l'accès" in html


def test_portfolio_csv_is_formula_safe(advisor_client, accepted):
    response = advisor_client.get("/advisor/portfolio.csv")
    assert response.status_code == 200
    assert response.mimetype == "text/csv"
    assert response.data.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(response.data.decode("utf-8-sig")), delimiter=";"))
    assert rows[0][:3] == ["Organisation", "Forme juridique", "Région"]
    names = [r[0] for r in rows[1:]]
    assert names == ["'=cmd|' /C calc'!A0", "Les Amis du Quartier"]
    amis = rows[2]
    assert amis[7] == "58,3"  # overall, French decimal comma
    assert "concertation" in amis[9]


def test_portfolio_csv_helper_neutralises_every_cell():
    row = portfolio.PortfolioRow(1, "+33 1", "association", "bretagne", "0", "full", date.today())
    text = portfolio.portfolio_csv([row], "en")
    assert "'+33 1" in text
    assert "Overall score" in text or "Score global" in text


# --- Read-only views of a granted organisation ---------------------------------------------------


def test_results_scope_sees_results_but_not_answers_nor_plan(advisor_client, accepted):
    aid = accepted.assessment_id
    organisation = advisor_client.get(f"/advisor/organisations/{accepted.amis.id}")
    assert organisation.status_code == 200
    assert f"/advisor/assessments/{aid}/answers" not in organisation.text
    results = advisor_client.get(f"/advisor/assessments/{aid}")
    assert results.status_code == 200
    assert "58" in results.text
    assert "data-plotly" in results.text
    assert url_for("reviews.show", assessment_id=aid) in results.text
    assert "pas encore revu" in results.text
    review_suggestions.set_theme_review(accepted.advisor, aid, "gouvernance", "to_correct")
    assert "À corriger" in advisor_client.get(f"/advisor/assessments/{aid}").text
    assert advisor_client.get(f"/advisor/assessments/{aid}/answers").status_code == 404
    assert advisor_client.get(f"/advisor/assessments/{aid}/plan").status_code == 404
    whats = sorted(e.what for e in log_rows(accepted.amis.id))
    assert whats == ["comments", "organisation", "results", "results"]


def test_full_scope_sees_answers_and_plan(advisor_client, accepted):
    aid = accepted.formula_assessment_id
    actions.create(accepted.owner, aid, ActionData(title="Former les élus <b>"))
    answers_page = advisor_client.get(f"/advisor/assessments/{aid}/answers")
    assert answers_page.status_code == 200
    assert "Réponses" in answers_page.text
    plan = advisor_client.get(f"/advisor/assessments/{aid}/plan")
    assert plan.status_code == 200
    assert "Former les élus &lt;b&gt;" in plan.text
    whats = sorted(e.what for e in log_rows(accepted.formula.id))
    assert whats == ["answers", "plan"]
    assert all(e.assessment_id == aid for e in log_rows(accepted.formula.id))


@pytest.mark.parametrize("key", ["revoked", "expired", "requested", "private"])
def test_no_active_grant_means_404_everywhere(advisor_client, accepted, key):
    organisation = getattr(accepted, key)
    found = assessments.list_for_organisation(accepted.owner, organisation.id)
    assessment_id = found[0][0].assessment.id if found else 999999
    for url in (
        f"/advisor/organisations/{organisation.id}",
        f"/advisor/assessments/{assessment_id}",
        f"/advisor/assessments/{assessment_id}/answers",
        f"/advisor/assessments/{assessment_id}/plan",
    ):
        assert advisor_client.get(url).status_code == 404, url
    assert log_rows(organisation.id) == []


def test_revoking_refuses_the_next_request(advisor_client, accepted):
    url = f"/advisor/assessments/{accepted.assessment_id}"
    assert advisor_client.get(url).status_code == 200
    grant = db.session.scalar(select(Grant).where(Grant.organisation_id == accepted.amis.id))
    grants.revoke(accepted.owner, grant.id)
    assert advisor_client.get(url).status_code == 404


def test_members_use_their_own_pages(client, accepted):
    member = client.login(accepted.owner)
    assert member.get(f"/advisor/assessments/{accepted.assessment_id}").status_code == 404


def test_portfolio_queries_do_not_grow_with_the_organisations(accepted, owner, make_organisation):
    from sqlalchemy import event
    from sqlalchemy.engine import Engine

    statements: list[str] = []

    def count(conn, cursor, statement, *args):
        statements.append(statement)

    def queries() -> int:
        statements.clear()
        event.listen(Engine, "before_cursor_execute", count)
        try:
            portfolio.portfolio(accepted.advisor)
        finally:
            event.remove(Engine, "before_cursor_execute", count)
        return len([s for s in statements if not s.lstrip().upper().startswith("SAVEPOINT")])

    few = queries()
    assert 5 <= few <= 12, statements  # charter, grants, scores, actions, replies, log
    for n in range(5):
        extra = make_organisation(owner, name=f"Organisation {n}")
        started = assessments.start(owner, extra.id, "gbp", year=2026)
        answers.save(owner, started.id, Submission("gouv-ag-participation", n % 5))
        grants.grant(owner, extra.id, GrantData(network_id=accepted.network_id))
    assert len(portfolio.portfolio(accepted.advisor)) == 7
    assert queries() == few
