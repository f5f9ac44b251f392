"""What a valid answer is, per question type (shared by pages and API)."""

from __future__ import annotations

from pathlib import Path

import pytest

from app.questionnaires import load_questionnaire
from app.questionnaires.answers import AnswerError, normalise

MINI = load_questionnaire(
    Path(__file__).resolve().parent.parent / "fixtures" / "questionnaires" / "mini.yaml"
)


@pytest.mark.parametrize(
    ("question_id", "raw", "stored"),
    [
        ("gouv-ag", 3, 3),
        ("gouv-ag", "2", 2),
        ("gouv-ag", None, None),
        ("gouv-ag", "", None),
        ("gouv-info", "partial", "partial"),
        ("gouv-frequence", "annuelle", "annuelle"),
        ("gouv-presents", "12", 12),
        ("gouv-presents", "12,5", 12.5),
        ("gouv-presents", "1 234", 1234),
        ("gouv-presents", 7.25, 7.25),
        ("emp-commentaire", "  du texte  ", "du texte"),
    ],
)
def test_valid_values(question_id, raw, stored):
    assert normalise(MINI.question(question_id), raw) == stored


@pytest.mark.parametrize(
    ("question_id", "raw", "code"),
    [
        ("gouv-ag", 5, "level_out_of_range"),
        ("gouv-ag", -1, "level_out_of_range"),
        ("gouv-ag", "trois", "level_not_integer"),
        ("gouv-ag", 2.5, "level_not_integer"),
        ("gouv-ag", True, "level_not_integer"),
        ("gouv-info", "peut-être", "not_yes_partial_no"),
        ("gouv-frequence", "hebdo", "unknown_option"),
        ("gouv-frequence", 3, "unknown_option"),
        ("gouv-presents", "douze", "not_a_number"),
        ("gouv-presents", "-1", "number_below_min"),
        ("gouv-presents", float("nan"), "not_a_number"),
        ("emp-commentaire", 12, "not_a_text"),
        ("emp-commentaire", "x" * 5001, "text_too_long"),
    ],
)
def test_invalid_values(question_id, raw, code):
    with pytest.raises(AnswerError) as caught:
        normalise(MINI.question(question_id), raw)
    assert caught.value.code == code


def test_not_concerned_only_where_allowed():
    assert normalise(MINI.question("gouv-info"), "yes", na=True) is None
    with pytest.raises(AnswerError) as caught:
        normalise(MINI.question("gouv-ag"), None, na=True)
    assert caught.value.code == "na_not_allowed"
