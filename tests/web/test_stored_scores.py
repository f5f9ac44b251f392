"""Stored scores follow every change they depend on, and the advisors' CLI and charter work.

The regional dashboard and the benchmark read `ScoreRecord` rows only, so a record that lags
behind its answers would show wrong figures: each writer of what a score depends on is checked.
"""

from __future__ import annotations

import pytest

from app.extensions import db
from app.models import CharterAcceptance, NetworkMember, ScoreRecord, User
from app.services import (
    assessments,
    charter,
    cycles,
    organisations,
    priorities,
    score_store,
    stakeholders,
)
from app.services.answers import Submission, save
from app.services.errors import Invalid
from app.services.stakeholders import StakeholderData

pytestmark = pytest.mark.usefixtures("app")


def record(assessment_id: int) -> ScoreRecord:
    db.session.expire_all()
    return db.session.get(ScoreRecord, assessment_id)


def expected(user: User, assessment_id: int) -> tuple:
    context = assessments.get(user, assessment_id)
    result = context.score()
    ranked = priorities.of_context(context).ranking.ranked
    return (
        result.overall,
        result.completion,
        {t.id: t.score for t in result.themes if t.id in context.assessment.themes},
        [a.theme_id for a in ranked[:3]],
    )


def stored(assessment_id: int) -> tuple:
    row = record(assessment_id)
    return (row.overall, row.completion, row.themes, row.ranked)


def test_a_new_assessment_has_an_empty_record(owner, assessment):
    row = record(assessment.id)
    assert row.overall is None
    assert row.completion == 0
    assert row.questionnaire_key == "mini"
    assert row.year == 2026
    assert row.top_level == 4


def test_answers_update_the_record(owner, assessment):
    save(owner, assessment.id, Submission("gouv-ag", 4))
    # gouv-ag is the only scored answer: level 4 of 0..4 is 100, so its theme and overall are 100.
    assert record(assessment.id).overall == 100
    assert record(assessment.id).themes["gouvernance"] == 100
    save(owner, assessment.id, Submission("gouv-info", "no"))
    save(owner, assessment.id, Submission("gouv-frequence", "annuelle"))
    assert stored(assessment.id) == expected(owner, assessment.id)
    assert record(assessment.id).overall < 100
    assert record(assessment.id).activity_at is not None


def test_profile_settings_and_stakeholders_update_the_record(owner, organisation, assessment):
    save(owner, assessment.id, Submission("gouv-ag", 1))
    save(owner, assessment.id, Submission("emp-formation", 4))
    with_employees = stored(assessment.id)
    assert with_employees[2]["emploi"] == 100
    # Without employees the training question no longer applies: the theme loses its score.
    organisations.patch_organisation(owner, organisation.id, {"headcount_band": "0"})
    assert stored(assessment.id) == expected(owner, assessment.id)
    assert stored(assessment.id)[2]["emploi"] != 100
    organisations.patch_organisation(owner, organisation.id, {"headcount_band": "1-9"})
    assert stored(assessment.id) == with_employees
    stakeholders.create(
        owner,
        organisation.id,
        StakeholderData("Salariés", "salaries", 5, 5, themes=["emploi"]),
    )
    assert stored(assessment.id) == expected(owner, assessment.id)
    assessments.update_settings(
        owner, assessment.id, label="Cycle", pilot_name="", themes=["gouvernance"]
    )
    assert set(record(assessment.id).themes) == {"gouvernance"}
    assert stored(assessment.id) == expected(owner, assessment.id)


def test_next_cycle_and_rebuild(owner, assessment):
    save(owner, assessment.id, Submission("gouv-ag", 3))
    following = cycles.start_next(owner, assessment.id)
    assert record(following.id).year == 2027
    assert record(following.id).overall == record(assessment.id).overall
    db.session.execute(db.delete(ScoreRecord))
    db.session.commit()
    assert score_store.missing() == 2
    assert score_store.refresh_all(batch=1) == 2
    assert score_store.missing() == 0
    assert stored(assessment.id) == expected(owner, assessment.id)


def test_cli_creates_networks_and_advisors(app, make_user):
    runner = app.test_cli_runner()
    created = runner.invoke(args=["networks", "create", "CRESS Bretagne", "--region", "bretagne"])
    assert created.exit_code == 0, created.output
    network_id = int(created.output.strip())
    added = runner.invoke(
        args=["networks", "add-advisor", str(network_id), "Conseil@Example.org", "--admin"]
    )
    assert added.exit_code == 0, added.output
    user = db.session.scalar(db.select(User).where(User.email == "conseil@example.org"))
    member = db.session.scalar(db.select(NetworkMember).where(NetworkMember.user_id == user.id))
    assert (member.network_id, member.role) == (network_id, "admin")
    existing = make_user("deja@example.org")
    again = runner.invoke(args=["networks", "add-advisor", str(network_id), "deja@example.org"])
    assert again.exit_code == 0
    assert "new account" not in again.output
    assert (
        db.session.scalar(db.select(NetworkMember.role).where(NetworkMember.user_id == existing.id))
        == "advisor"
    )
    assert runner.invoke(args=["networks", "add-advisor", "999", "x@example.org"]).exit_code == 1
    bad = runner.invoke(args=["networks", "create", "X", "--region", "atlantide"])
    assert bad.exit_code != 0


def test_the_charter_is_accepted_per_version(owner, monkeypatch):
    current = charter.current()
    assert current.version
    assert "Confidentialité" in current.text_in("fr")
    assert "Confidentiality" in current.text_in("en")
    assert not charter.accepted_current(owner)
    with pytest.raises(Invalid) as error:
        charter.accept(owner, "0-old")
    assert "version" in error.value.errors
    charter.accept(owner, current.version)
    charter.accept(owner, current.version)  # twice: still one record
    assert charter.accepted_current(owner)
    rows = db.session.scalars(db.select(CharterAcceptance)).all()
    assert [(r.user_id, r.version) for r in rows] == [(owner.id, current.version)]
    assert rows[0].accepted_at is not None
    changed = charter.Charter("2099-1", current.title, current.text)
    monkeypatch.setattr(charter, "current", lambda: changed)
    assert not charter.accepted_current(owner)
