"""The room's aggregate figures, checked against values computed by hand."""

from __future__ import annotations

import json
import math
from pathlib import Path

import pytest

from app.questionnaires import load_questionnaire
from app.scoring import AnswerInput, score
from app.workshops import THRESHOLD, ParticipantInput, compute, own_scores

MINI = load_questionnaire(
    Path(__file__).resolve().parent.parent / "fixtures" / "questionnaires" / "mini.yaml"
)
CATEGORIES = ["usagers", "salaries", "financeurs"]
KEYS = {"joined", "answering", "finished", "questions", "themes", "map", "voters", "votes"}


def people(*answers: dict, **kwargs) -> list[ParticipantInput]:
    return [ParticipantInput(i, answers=a, **kwargs) for i, a in enumerate(answers, start=1)]


def question(result: dict, question_id: str) -> dict:
    return next(q for q in result["questions"] if q["id"] == question_id)


def test_nobody_yet():
    result = compute(MINI, [], CATEGORIES)
    assert set(result) == KEYS
    assert (result["joined"], result["answering"], result["finished"], result["voters"]) == (
        0,
        0,
        0,
        0,
    )
    assert [q["id"] for q in result["questions"]] == [q.id for q in MINI.questions()]
    assert result["questions"][0] == {
        "id": "gouv-ag",
        "theme": "gouvernance",
        "count": 0,
        "distribution": None,
    }
    assert result["themes"] == [
        {"id": "gouvernance", "average": None, "count": 0},
        {"id": "emploi", "average": None, "count": 0},
    ]
    assert [c["category"] for c in result["map"]] == CATEGORIES
    assert result["votes"] == [
        {"theme": "gouvernance", "votes": None},
        {"theme": "emploi", "votes": None},
    ]


def test_a_distribution_is_shown_from_three_answers_with_every_value():
    assert THRESHOLD == 3
    two = people({"gouv-ag": AnswerInput(3)}, {"gouv-ag": AnswerInput(1)})
    assert question(compute(MINI, two, []), "gouv-ag") == {
        "id": "gouv-ag",
        "theme": "gouvernance",
        "count": 2,
        "distribution": None,
    }
    three = people(
        {"gouv-ag": AnswerInput(3)}, {"gouv-ag": AnswerInput(1)}, {"gouv-ag": AnswerInput(3)}
    )
    assert question(compute(MINI, three, []), "gouv-ag")["distribution"] == {
        "0": 0,
        "1": 1,
        "2": 0,
        "3": 2,
        "4": 0,
    }
    assert list(question(compute(MINI, three, []), "gouv-ag")["distribution"]) == list("01234")
    # the threshold can be set (a demo with one phone)
    assert question(compute(MINI, two, [], threshold=1), "gouv-ag")["distribution"] == {
        "0": 0,
        "1": 1,
        "2": 0,
        "3": 1,
        "4": 0,
    }


def test_not_concerned_has_its_key_where_allowed_and_unfit_answers_count_nowhere():
    group = people(
        {"gouv-info": AnswerInput("yes"), "gouv-ag": AnswerInput(None, na=True)},
        {"gouv-info": AnswerInput(None, na=True), "gouv-ag": AnswerInput(7)},
        {"gouv-info": AnswerInput("partial"), "gouv-ag": AnswerInput(True)},
        {"gouv-info": AnswerInput("maybe"), "gouv-ag": AnswerInput("2")},
        {"gouv-frequence": AnswerInput("mensuelle"), "gouv-info": AnswerInput(None)},
        {"gouv-frequence": AnswerInput("jamais")},
        {"gouv-frequence": AnswerInput("mensuelle")},
        {"gouv-frequence": AnswerInput("hebdo")},
    )
    result = compute(MINI, group, [])
    info = question(result, "gouv-info")
    assert info["count"] == 3
    assert info["distribution"] == {"yes": 1, "partial": 1, "no": 0, "na": 1}
    assert list(info["distribution"]) == ["yes", "partial", "no", "na"]
    # N/A not allowed, level out of range, a bool, a string: none fits
    assert question(result, "gouv-ag") == {
        "id": "gouv-ag",
        "theme": "gouvernance",
        "count": 0,
        "distribution": None,
    }
    frequence = question(result, "gouv-frequence")
    assert frequence["count"] == 3
    assert frequence["distribution"] == {"jamais": 1, "annuelle": 0, "mensuelle": 2}


def test_numbers_and_texts_are_counted_but_never_distributed():
    group = people(
        {"gouv-presents": AnswerInput(12), "emp-commentaire": AnswerInput("Bien")},
        {"gouv-presents": AnswerInput(None, na=True), "emp-commentaire": AnswerInput("Oui")},
        {"gouv-presents": AnswerInput(3), "emp-commentaire": AnswerInput(None, na=True)},
        {"gouv-presents": AnswerInput(-4), "emp-commentaire": AnswerInput(5)},  # unfit
    )
    result = compute(MINI, group, [])
    assert question(result, "gouv-presents")["count"] == 3
    assert question(result, "gouv-presents")["distribution"] is None
    assert question(result, "emp-commentaire")["count"] == 3
    assert question(result, "emp-commentaire")["distribution"] is None


EVERYTHING = {
    "gouv-ag": AnswerInput(4),
    "gouv-info": AnswerInput(None, na=True),
    "gouv-frequence": AnswerInput("annuelle"),
    "gouv-presents": AnswerInput(20),
    "emp-formation": AnswerInput(2),
    "emp-benevoles": AnswerInput("no"),
    "emp-commentaire": AnswerInput("Merci"),
}


def test_joined_answering_finished():
    group = people(
        EVERYTHING,
        {**EVERYTHING, "emp-commentaire": AnswerInput(None)},
        {"gouv-ag": AnswerInput(1), "elsewhere": AnswerInput(3)},
        {"elsewhere": AnswerInput(3)},
        {},
    )
    result = compute(MINI, group, [])
    assert (result["joined"], result["answering"], result["finished"]) == (5, 2, 1)


def test_theme_averages_are_the_mean_of_each_participants_theme_score():
    answers = [
        {"gouv-ag": AnswerInput(3), "gouv-info": AnswerInput("partial")},  # (2·75 + 50) / 3
        {"gouv-ag": AnswerInput(4), "emp-formation": AnswerInput(2)},  # 100; emploi 50
        {"gouv-frequence": AnswerInput("mensuelle")},  # 100
        {"gouv-presents": AnswerInput(10)},  # an indicator only: no score
    ]
    group = people(*answers)
    result = compute(MINI, group, CATEGORIES)
    assert result["themes"][0] == {
        "id": "gouvernance",
        "average": pytest.approx((200 / 3 + 100 + 100) / 3),
        "count": 3,
    }
    assert result["themes"][1] == {"id": "emploi", "average": None, "count": 1}
    by_scoring = [score(MINI, a).theme("gouvernance").score for a in answers[:3]]
    assert result["themes"][0]["average"] == pytest.approx(sum(by_scoring) / 3)
    assert compute(MINI, group, [], threshold=1)["themes"][1]["average"] == pytest.approx(50.0)


def test_own_scores():
    assert own_scores(MINI, {"gouv-ag": AnswerInput(3), "gouv-info": AnswerInput("partial")}) == [
        {"id": "gouvernance", "score": pytest.approx(200 / 3)},
        {"id": "emploi", "score": None},
    ]
    assert own_scores(MINI, {}) == [
        {"id": "gouvernance", "score": None},
        {"id": "emploi", "score": None},
    ]


def test_map_means_and_spreads_from_three_placements():
    placements = [
        {"usagers": (5, 4), "salaries": (2, 2), "financeurs": (6, 2)},
        {"usagers": (3, 4), "salaries": (4, 4), "financeurs": (3, 3)},
        {"usagers": (4, 1), "financeurs": (1, 5), "inconnus": (3, 3)},
        {"usagers": (0, 3), "financeurs": (True, 5)},  # off the grid, a bool: ignored
    ]
    group = [ParticipantInput(i, placements=p) for i, p in enumerate(placements)]
    usagers, salaries, financeurs = compute(MINI, group, CATEGORIES)["map"]
    assert usagers == {
        "category": "usagers",
        "count": 3,
        "influence": pytest.approx(4.0),
        "importance": pytest.approx(3.0),
        "influence_spread": pytest.approx(math.sqrt(2 / 3)),  # deviations 1, -1, 0
        "importance_spread": pytest.approx(math.sqrt(2)),  # deviations 1, 1, -2
    }
    assert salaries == {
        "category": "salaries",
        "count": 2,
        "influence": None,
        "importance": None,
        "influence_spread": None,
        "importance_spread": None,
    }
    assert financeurs["count"] == 2
    assert financeurs["influence"] is None


def test_votes_are_hidden_below_three_voters_then_sorted():
    votes = [
        {"emploi": 3, "gouvernance": 1},
        {"emploi": 2, "culture": 9},
        {"gouvernance": 0},  # not a voter
        {"culture": 5},  # unknown theme only: not a voter
    ]
    group = [ParticipantInput(i, votes=v) for i, v in enumerate(votes)]
    result = compute(MINI, group, [])
    assert result["voters"] == 2
    assert result["votes"] == [
        {"theme": "gouvernance", "votes": None},
        {"theme": "emploi", "votes": None},
    ]
    group.append(ParticipantInput(9, votes={"gouvernance": 2}))
    result = compute(MINI, group, [])
    assert result["voters"] == 3
    assert result["votes"] == [
        {"theme": "emploi", "votes": 5},
        {"theme": "gouvernance", "votes": 3},
    ]
    # at equal votes, questionnaire order
    group.append(ParticipantInput(10, votes={"gouvernance": 2}))
    assert compute(MINI, group, [])["votes"] == [
        {"theme": "gouvernance", "votes": 5},
        {"theme": "emploi", "votes": 5},
    ]


def test_the_figures_are_json_ready():
    group = [
        ParticipantInput(
            i,
            answers=EVERYTHING,
            placements={"usagers": (i + 1, 5 - i)},
            votes={"emploi": i + 1},
        )
        for i in range(4)
    ]
    result = compute(MINI, group, CATEGORIES)
    assert json.loads(json.dumps(result)) == result
    assert question(result, "gouv-info")["distribution"] == {
        "yes": 0,
        "partial": 0,
        "no": 0,
        "na": 4,
    }
    assert result["finished"] == 4
    assert result["votes"][0] == {"theme": "emploi", "votes": 10}
