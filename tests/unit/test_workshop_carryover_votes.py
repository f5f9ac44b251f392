"""Carrying workshop answers over to the full questionnaire, and checking votes."""

from __future__ import annotations

from pathlib import Path

import pytest

from app.questionnaires import Questionnaire, load_files
from app.scoring import AnswerInput
from app.workshops import VoteError, carry_over, check_votes

ROOT = Path(__file__).resolve().parent.parent.parent / "questionnaires"
_REPORT = load_files([ROOT / "gbp.yaml", ROOT / "gbp-express.yaml"])
assert _REPORT.ok, _REPORT.errors
_LOADED = {q.id: q for _name, q in _REPORT.loaded}
GBP = _LOADED["gbp"]
EXPRESS = _LOADED["gbp-express"]


def test_every_express_answer_carries_over_to_the_questions_it_stands_for():
    questions = EXPRESS.questions()
    answers = {q.id: AnswerInput(i % (q.max_level + 1)) for i, q in enumerate(questions)}
    carried = carry_over(EXPRESS, GBP, answers)
    expected = {
        target: AnswerInput(i % (q.max_level + 1))
        for i, q in enumerate(questions)
        for target in q.stands_for
    }
    assert len(expected) == len(questions) == 16
    assert carried == expected
    assert carried["gouv-ag-participation"] == AnswerInput(0)
    assert carried["gouv-implication-membres"] == AnswerInput(1)
    assert all(GBP.question(target) is not None for target in carried)


def test_not_concerned_carries_over_only_where_the_full_question_allows_it():
    answers = {
        "x-terr-achats": AnswerInput(None, na=True),  # terr-achats-locaux allows it
        "x-gouv-ag": AnswerInput(None, na=True),  # gouv-ag-participation does not
    }
    assert GBP.question("terr-achats-locaux").allow_na
    assert not GBP.question("gouv-ag-participation").allow_na
    assert carry_over(EXPRESS, GBP, answers) == {"terr-achats-locaux": AnswerInput(None, na=True)}


def test_unanswered_and_unfit_answers_are_not_carried():
    answers = {
        "x-gouv-ag": AnswerInput(None),  # unanswered
        "x-gouv-entre-ag": AnswerInput(9),  # level out of range
        "x-conc-strategie": AnswerInput("3"),  # a string is not a level, strictly
        "x-emp-sante": AnswerInput(True),  # a bool is not a level
        "x-eth-comptes": AnswerInput(4),
        "not-a-question": AnswerInput(2),
    }
    assert carry_over(EXPRESS, GBP, answers) == {"eth-transparence-comptes": AnswerInput(4)}
    assert carry_over(EXPRESS, GBP, {}) == {}


def test_the_first_short_question_wins_and_unknown_targets_are_skipped():
    data = EXPRESS.model_dump()
    first, second = data["themes"][0]["questions"][:2]
    second["stands_for"] = ["gouv-ag-participation", "no-such-question", "gouv-implication-membres"]
    short = Questionnaire.model_validate(data)
    carried = carry_over(short, GBP, {first["id"]: AnswerInput(2), second["id"]: AnswerInput(4)})
    assert carried == {
        "gouv-ag-participation": AnswerInput(2),
        "gouv-implication-membres": AnswerInput(4),
    }
    # when the first is unanswered, the second fills in
    carried = carry_over(short, GBP, {second["id"]: AnswerInput(4)})
    assert carried["gouv-ag-participation"] == AnswerInput(4)


THEMES = ["gouvernance", "emploi", "environnement"]


def test_valid_votes_are_returned_as_ints_without_zeros():
    assert check_votes({"gouvernance": 3, "emploi": 0, "environnement": 2.0}, THEMES, 5) == {
        "gouvernance": 3,
        "environnement": 2,
    }
    result = check_votes({"environnement": 2.0}, THEMES, 5)
    assert type(result["environnement"]) is int
    assert check_votes({}, THEMES, 5) == {}
    assert check_votes({"emploi": 0}, THEMES, 0) == {}


def test_the_budget_may_be_spent_exactly_but_not_exceeded():
    assert check_votes({"gouvernance": 4, "emploi": 1}, THEMES, 5) == {
        "gouvernance": 4,
        "emploi": 1,
    }
    with pytest.raises(VoteError) as error:
        check_votes({"gouvernance": 4, "emploi": 2}, THEMES, 5)
    assert error.value.code == "over_budget"
    assert error.value.params == {"budget": 5, "total": 6}


@pytest.mark.parametrize(
    ("votes", "code", "params"),
    [
        ({"culture": 1}, "unknown_theme", {"theme": "culture"}),
        ({"emploi": True}, "not_integer", {"theme": "emploi"}),
        ({"emploi": 1.5}, "not_integer", {"theme": "emploi"}),
        ({"emploi": "2"}, "not_integer", {"theme": "emploi"}),
        ({"emploi": None}, "not_integer", {"theme": "emploi"}),
        ({"emploi": -1}, "negative", {"theme": "emploi"}),
        ({"emploi": -1.0}, "negative", {"theme": "emploi"}),
    ],
)
def test_each_invalid_vote_has_its_code(votes, code, params):
    with pytest.raises(VoteError) as error:
        check_votes({"gouvernance": 1, **votes}, THEMES, 10)
    assert error.value.code == code
    assert error.value.params == params
    assert str(error.value) == f"{code} {params}"
