"""Editing a questionnaire file never changes an existing assessment's questions or scores."""

from __future__ import annotations

import pytest

from app.services import answers, assessments
from app.services import questionnaires as questionnaire_service
from app.services.answers import Submission
from tests.conftest import MINI

ANSWERS = [("gouv-ag", 3), ("gouv-info", "partial"), ("gouv-frequence", "annuelle")]


@pytest.fixture
def edited_mini(tmp_path):
    """The test questionnaire with a question reworded and re-weighted, and a choice re-scored."""
    text = MINI.read_text(encoding="utf-8")
    edited = (
        text.replace('version: "1"', 'version: "2"')
        .replace("Vie de l'assemblée générale", "Participation à l'assemblée générale")
        .replace("        weight: 2\n        text:", "        weight: 5\n        text:")
        .replace("score: 40}", "score: 90}")
    )
    assert edited.count("weight: 5") == 1
    path = tmp_path / "mini.yaml"
    path.write_text(edited, encoding="utf-8")
    return path


def answer_all(user, assessment):
    for question_id, value in ANSWERS:
        answers.save(user, assessment.id, Submission(question_id, value))


def test_changing_a_question_leaves_existing_scores_unchanged(
    client, owner, organisation, assessment, edited_mini
):
    answer_all(owner, assessment)
    before = assessments.get(owner, assessment.id).score()
    # (2·75 + 50 + 40) / 4 = 60
    assert before.theme("gouvernance").score == pytest.approx(60.0)

    report = questionnaire_service.sync([edited_mini])
    assert report.ok, report.errors
    assert report.files[0][2:] == ("2", "new")

    after = assessments.get(owner, assessment.id)
    assert after.assessment.questionnaire_version.version == "1"
    assert after.score().theme("gouvernance").score == before.theme("gouvernance").score
    assert after.score().overall == before.overall
    client.login(owner)
    page = client.get(f"/assessments/{assessment.id}/results").get_data(as_text=True)
    assert "Vie de l&#39;assemblée générale" in page
    assert "Participation à l&#39;assemblée" not in page

    # A new assessment gets the new version, and the new weights and scores
    newer = assessments.start(owner, organisation.id, "mini", year=2027)
    assert newer.questionnaire_version.version == "2"
    answer_all(owner, newer)
    # (5·75 + 50 + 90) / 7
    assert assessments.get(owner, newer.id).score().theme("gouvernance").score == pytest.approx(
        515 / 7
    )


def test_changed_content_under_the_same_version_is_refused(tmp_path, app):
    path = tmp_path / "mini.yaml"
    path.write_text(
        MINI.read_text(encoding="utf-8").replace("Mini questionnaire", "Mini changé"),
        encoding="utf-8",
    )
    report = questionnaire_service.sync([path])
    assert not report.ok
    (error,) = report.errors
    assert str(error).startswith(f"{path}:3: version: the content changed but version '1'")
    current = questionnaire_service.current_version("mini")
    assert current.questionnaire.title.fr == "Mini questionnaire"


def test_going_back_to_a_previous_file_makes_its_version_current_again(edited_mini, app):
    questionnaire_service.sync([edited_mini])
    assert questionnaire_service.current_version("mini").version == "2"
    report = questionnaire_service.sync([MINI])
    assert report.files[0][3] == "current"
    assert questionnaire_service.current_version("mini").version == "1"


def test_the_checksum_covers_what_the_file_says_not_the_schema_defaults():
    """A new optional schema field (like `short_title`) must not make unchanged files look changed
    (loading them would then be refused as "changed without a version bump")."""
    import json

    from app.questionnaires import load_questionnaire
    from app.services.questionnaires import checksum

    questionnaire = load_questionnaire(MINI)  # mini.yaml sets no short_title
    assert "short_title" in json.dumps(questionnaire.model_dump())
    assert "short_title" not in json.dumps(questionnaire.model_dump(exclude_unset=True))
    reread = type(questionnaire).model_validate(questionnaire.model_dump(exclude_unset=True))
    assert checksum(reread) == checksum(questionnaire)
