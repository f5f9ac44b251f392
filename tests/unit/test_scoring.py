"""The documented scoring method, checked against values computed by hand."""

from __future__ import annotations

from pathlib import Path

import pytest

from app.questionnaires import load_questionnaire
from app.questionnaires.applicability import OrganisationProfile, applicable_questions
from app.scoring import AnswerInput, question_score, score

MINI = load_questionnaire(
    Path(__file__).resolve().parent.parent / "fixtures" / "questionnaires" / "mini.yaml"
)
EVERYONE = OrganisationProfile("association", has_employees=True, has_volunteers=True)

FULL = {
    "gouv-ag": AnswerInput(3),  # scale 3 of 0..4 -> 75, weight 2
    "gouv-info": AnswerInput("partial"),  # 50
    "gouv-frequence": AnswerInput("annuelle"),  # 40
    "gouv-presents": AnswerInput(12),  # indicator, not scored
    "emp-formation": AnswerInput(1),  # 25
    "emp-benevoles": AnswerInput("yes"),  # 100
}


def test_scores_by_hand():
    result = score(MINI, FULL, applicable_questions(MINI, EVERYONE))
    gouvernance = result.theme("gouvernance")
    emploi = result.theme("emploi")
    # (2·75 + 1·50 + 1·40) / (2 + 1 + 1) = 240 / 4
    assert gouvernance.score == pytest.approx(60.0)
    # (25 + 100) / 2
    assert emploi.score == pytest.approx(62.5)
    # themes weigh 2 and 1: (2·60 + 1·62.5) / 3
    assert result.overall == pytest.approx(182.5 / 3)
    # 7 applicable questions, the text one unanswered
    assert (result.answered, result.applicable) == (6, 7)
    assert result.completion == pytest.approx(6 / 7)
    assert gouvernance.completion == 1.0
    assert emploi.completion == pytest.approx(2 / 3)
    assert result.questions["gouv-ag"].score == 75.0
    assert result.questions["gouv-presents"].score is None
    assert result.questions["gouv-presents"].answered


def test_not_concerned_is_left_out_of_the_score_but_counts_as_answered():
    answers = {**FULL, "gouv-info": AnswerInput(None, na=True)}
    result = score(MINI, answers, applicable_questions(MINI, EVERYONE))
    # (2·75 + 40) / 3
    assert result.theme("gouvernance").score == pytest.approx(190 / 3)
    assert result.questions["gouv-info"].na
    assert result.questions["gouv-info"].score is None
    assert result.answered == 6


def test_questions_that_do_not_apply_are_left_out_everywhere():
    profile = OrganisationProfile("association", has_employees=False, has_volunteers=True)
    result = score(MINI, FULL, applicable_questions(MINI, profile))
    assert result.theme("emploi").score == pytest.approx(100.0)  # only the volunteers question
    assert result.applicable == 6
    assert not result.questions["emp-formation"].applicable
    assert result.questions["emp-formation"].score is None


def test_themes_not_chosen_this_cycle_are_left_out():
    chosen = applicable_questions(MINI, EVERYONE, themes=["emploi"])
    result = score(MINI, FULL, chosen)
    assert result.theme("gouvernance").score is None
    assert result.theme("gouvernance").applicable == 0
    assert result.overall == pytest.approx(62.5)
    assert result.applicable == 3


def test_nothing_answered_has_no_score():
    result = score(MINI, {}, applicable_questions(MINI, EVERYONE))
    assert result.overall is None
    assert all(t.score is None for t in result.themes)
    assert result.completion == 0.0


def test_a_theme_with_only_indicators_answered_has_no_score():
    result = score(MINI, {"gouv-presents": AnswerInput(3)}, None)
    assert result.theme("gouvernance").score is None
    assert result.theme("gouvernance").answered == 1


@pytest.mark.parametrize(
    ("question_id", "value", "expected"),
    [
        ("gouv-ag", 0, 0.0),
        ("gouv-ag", 1, 25.0),
        ("gouv-ag", 4, 100.0),
        ("gouv-ag", 5, None),  # out of range: not a guess
        ("gouv-ag", True, None),
        ("gouv-info", "yes", 100.0),
        ("gouv-info", "no", 0.0),
        ("gouv-info", "maybe", None),
        ("gouv-frequence", "mensuelle", 100.0),
        ("gouv-frequence", "hebdo", None),
        ("emp-commentaire", "texte", None),
    ],
)
def test_question_scores(question_id, value, expected):
    assert question_score(MINI.question(question_id), AnswerInput(value)) == expected
