"""Ranked improvement areas and action suggestions, checked against values computed by hand."""

from __future__ import annotations

from pathlib import Path

import pytest

from app.priorities import (
    RankedArea,
    Ranking,
    StakeholderInput,
    Suggestion,
    rank,
    suggest_actions,
)
from app.questionnaires import Questionnaire, load_questionnaire

QUESTIONNAIRES = Path(__file__).resolve().parents[2] / "questionnaires"


def _text(words: str) -> dict[str, str]:
    return {"fr": words, "en": words}


def _question(qid: str, actions: int = 0, kind: str = "yes_partial_no") -> dict:
    return {
        "id": qid,
        "type": kind,
        "text": _text(f"Question {qid}"),
        "suggested_actions": [
            {"title": _text(f"{qid} action {i}"), **({"description": _text("Why")} if i else {})}
            for i in range(actions)
        ],
    }


def _theme(tid: str, weight: float, questions: list[dict], issues: tuple[str, ...] = ()) -> dict:
    return {
        "id": tid,
        "title": _text(tid.capitalize()),
        "weight": weight,
        "issues": [{"id": issue, "title": _text(issue)} for issue in issues],
        "questions": questions,
    }


def _questionnaire(themes: list[dict]) -> Questionnaire:
    return Questionnaire.model_validate(
        {"id": "test", "version": "1", "title": _text("Test"), "themes": themes}
    )


# Four themes of different weights; three declare ISO 26000 issues, `ethique` none.
Q = _questionnaire(
    [
        _theme(
            "gouvernance",
            2,
            [_question("gouv-a", 2), _question("gouv-b", 1), _question("gouv-n", 1, "number")],
            ("gouv-organisation",),
        ),
        _theme("emploi", 1.5, [_question("emp-a", 1), _question("emp-b", 2)], ("rt-formation",)),
        _theme("environnement", 1, [_question("env-a", 1)], ("env-climat", "env-pollution")),
        _theme("ethique", 3, [_question("eth-a", 3)]),
    ]
)

# Linked by Guide theme only: gouvernance and emploi; weighs 4×5 = 20.
SALARIES = StakeholderInput(1, "Salariés", 4, 5, frozenset({"gouvernance", "emploi"}))
# Linked to gouvernance by theme and to emploi through ISO issue rt-formation; weighs 2×3 = 6.
BENEVOLES = StakeholderInput(
    2, "Bénévoles", 2, 3, frozenset({"gouvernance"}), frozenset({"rt-formation"})
)
# Linked to environnement through ISO issue env-climat only; weighs 5×5 = 25.
FINANCEUR = StakeholderInput(3, "Financeur", 5, 5, issues=frozenset({"env-climat"}))
# Concerned by a Guide theme and an ISO issue that no theme of Q has: linked to nothing.
ISOLE = StakeholderInput(4, "Isolé", 3, 3, frozenset({"territoire"}), frozenset({"lp-corruption"}))
STAKEHOLDERS = (BENEVOLES, FINANCEUR, SALARIES)

SCORES = {"gouvernance": 40.0, "emploi": 70.0, "environnement": 55.0, "ethique": 80.0}


def _areas(ranking: Ranking) -> dict[str, RankedArea]:
    return {area.theme_id: area for area in ranking.ranked}


def test_salience_and_priority_by_hand():
    areas = _areas(rank(Q, SCORES, STAKEHOLDERS))
    # several linked stakeholders: Salariés 4×5 and Bénévoles 2×3
    # σ = (4*5/25 + 2*3/25)/2 = (0.8 + 0.24)/2 = 0.52
    assert areas["gouvernance"].salience == pytest.approx(0.52)
    # (100-40)*2*(1+0.52) = 60*2*1.52 = 182.4
    assert areas["gouvernance"].priority == pytest.approx(182.4)
    # Salariés by theme, Bénévoles through rt-formation: σ = 0.52 as well
    # (100-70)*1.5*(1+0.52) = 30*1.5*1.52 = 68.4
    assert areas["emploi"].salience == pytest.approx(0.52)
    assert areas["emploi"].priority == pytest.approx(68.4)
    # one linked stakeholder: Financeur 5×5, σ = 25/25 = 1
    # (100-55)*1*(1+1) = 45*2 = 90
    assert areas["environnement"].salience == pytest.approx(1.0)
    assert areas["environnement"].priority == pytest.approx(90.0)
    # no linked stakeholder: σ = 0
    # (100-80)*3*(1+0) = 20*3 = 60
    assert areas["ethique"].salience == 0.0
    assert areas["ethique"].priority == pytest.approx(60.0)
    assert (areas["ethique"].score, areas["ethique"].weight) == (80.0, 3.0)


def test_ranked_by_priority_descending():
    ranking = rank(Q, SCORES, STAKEHOLDERS)
    # 182.4 > 90 > 68.4 > 60
    assert [a.theme_id for a in ranking.ranked] == [
        "gouvernance",
        "environnement",
        "emploi",
        "ethique",
    ]
    assert ranking.to_assess == ()


def test_stakeholders_linked_through_iso_issues():
    areas = _areas(rank(Q, SCORES, STAKEHOLDERS))
    # Financeur names no Guide theme, only env-climat, which environnement declares
    assert areas["environnement"].stakeholders == (FINANCEUR,)
    # Bénévoles reaches emploi only through rt-formation; heaviest (4×5 = 20 > 2×3 = 6) first
    assert areas["emploi"].stakeholders == (SALARIES, BENEVOLES)
    assert areas["gouvernance"].stakeholders == (SALARIES, BENEVOLES)
    assert areas["ethique"].stakeholders == ()


def test_linked_stakeholders_sorted_by_weight_then_name():
    zoe = StakeholderInput(10, "Zoé", 2, 5, frozenset({"ethique"}))  # 2×5 = 10
    anna = StakeholderInput(11, "Anna", 5, 2, frozenset({"ethique"}))  # 5×2 = 10
    top = StakeholderInput(12, "Mairie", 3, 4, frozenset({"ethique"}))  # 3×4 = 12
    area = _areas(rank(Q, SCORES, [zoe, anna, top]))["ethique"]
    assert area.stakeholders == (top, anna, zoe)
    # σ = (10/25 + 10/25 + 12/25)/3 = (32/25)/3 = 1.28/3
    assert area.salience == pytest.approx(1.28 / 3)
    # (100-80)*3*(1+1.28/3) = 60*(1+0.42666...) = 60 + 25.6 = 85.6
    assert area.priority == pytest.approx(85.6)


def test_stakeholder_linked_to_no_theme_changes_nothing():
    without = rank(Q, SCORES, STAKEHOLDERS)
    with_isole = rank(Q, SCORES, [*STAKEHOLDERS, ISOLE])
    assert with_isole == without
    assert all(ISOLE not in area.stakeholders for area in with_isole.ranked)


def test_ties_broken_by_lower_score_then_questionnaire_order():
    q = _questionnaire(
        [
            _theme("a", 2, [_question("a-1")]),
            _theme("b", 1, [_question("b-1")]),
            _theme("c", 1, [_question("c-1")]),
            _theme("d", 4, [_question("d-1")]),
        ]
    )
    # given in another order than the questionnaire's, to show the order does not come from here
    scores = {"d": 75.0, "c": 0.0, "b": 0.0, "a": 50.0}
    ranking = rank(q, scores, [])
    # a: (100-50)*2*1 = 100; b: (100-0)*1*1 = 100; c: 100*1*1 = 100; d: (100-75)*4*1 = 100
    assert [a.priority for a in ranking.ranked] == [100.0, 100.0, 100.0, 100.0]
    # all equal: lower score first (b and c at 0, a at 50, d at 75), then b before c by order
    assert [a.theme_id for a in ranking.ranked] == ["b", "c", "a", "d"]


def test_ties_compare_exact_floats():
    q = _questionnaire([_theme("a", 2, [_question("a-1")]), _theme("b", 2.2, [_question("b-1")])])
    ranking = rank(q, {"a": 45.0, "b": 50.0}, [])
    # a: (100-45)*2*1 = 110 exactly; b: (100-50)*2.2*1 = 110 on paper, 110.00000000000001 in
    # floating point. Nothing is rounded, so b's priority is higher and b comes first, although
    # a has the lower score and comes first in the questionnaire.
    assert [area.priority for area in ranking.ranked] == [110.00000000000001, 110.0]
    assert [area.theme_id for area in ranking.ranked] == ["b", "a"]
    # exactly equal priorities and scores fall back on questionnaire order
    ranking = rank(q, {"b": 100.0, "a": 100.0}, [])  # (100-100)*W*1 = 0 for both
    assert [area.theme_id for area in ranking.ranked] == ["a", "b"]


def test_themes_without_score_are_to_assess_first():
    # emploi is None, ethique is missing: both to assess, in questionnaire order
    ranking = rank(Q, {"ethique": None, "gouvernance": 40.0, "environnement": 55.0}, STAKEHOLDERS)
    assert ranking.to_assess == ("emploi", "ethique")
    assert [a.theme_id for a in ranking.ranked] == ["gouvernance", "environnement"]
    # a score of 0 is a score, not a missing one: (100-0)*1.5*(1+0.52) = 150*1.52 = 228
    ranking = rank(Q, {"emploi": 0.0}, STAKEHOLDERS)
    assert ranking.ranked[0].theme_id == "emploi"
    assert ranking.ranked[0].priority == pytest.approx(228.0)
    assert ranking.to_assess == ("gouvernance", "environnement", "ethique")


def test_themes_not_chosen_are_ignored():
    scores = {**SCORES, "emploi": None}
    ranking = rank(Q, scores, STAKEHOLDERS, chosen_themes=["ethique", "emploi", "unknown"])
    # gouvernance (182.4) and environnement (90) would outrank ethique: not chosen, not listed
    assert [a.theme_id for a in ranking.ranked] == ["ethique"]
    assert ranking.to_assess == ("emploi",)
    # None means every theme
    assert rank(Q, scores, STAKEHOLDERS, None) == rank(Q, scores, STAKEHOLDERS)
    assert rank(Q, scores, STAKEHOLDERS, chosen_themes=()) == Ranking((), ())


def test_stakeholder_input_checks_its_grid_values():
    with pytest.raises(ValueError, match="influence"):
        StakeholderInput(1, "X", 0, 3)
    with pytest.raises(ValueError, match="importance"):
        StakeholderInput(1, "X", 3, 6)


QUESTION_SCORES = {
    "gouv-a": 0.0,  # 2 actions
    "gouv-b": 50.0,  # exactly 50: no suggestion
    "gouv-n": 10.0,  # an indicator: never suggests
    "emp-a": 49.9,  # 1 action, but emploi is third
    "emp-b": None,  # unanswered
    "env-a": 25.0,  # 1 action
    "eth-a": 0.0,  # 3 actions, but ethique is fourth
}


def test_suggestions_from_the_top_areas_below_fifty():
    ranking = rank(Q, SCORES, STAKEHOLDERS)  # gouvernance, environnement, emploi, ethique
    suggestions = suggest_actions(Q, ranking, QUESTION_SCORES, top=2)
    assert [s.key for s in suggestions] == ["gouv-a:0", "gouv-a:1", "env-a:0"]
    first = suggestions[0]
    assert first == Suggestion(
        theme_id="gouvernance",
        question_id="gouv-a",
        question_score=0.0,
        title=Q.question("gouv-a").suggested_actions[0].title,
        description=None,
        key="gouv-a:0",
    )
    assert suggestions[1].description is not None
    assert suggestions[2].theme_id == "environnement"
    assert suggestions[2].question_score == 25.0
    # the default top 3 adds emploi's question at 49.9 (strictly below 50), not ethique's
    keys = [s.key for s in suggest_actions(Q, ranking, QUESTION_SCORES)]
    assert keys == ["gouv-a:0", "gouv-a:1", "env-a:0", "emp-a:0"]


def test_a_question_at_exactly_the_threshold_suggests_nothing():
    ranking = rank(Q, SCORES, STAKEHOLDERS)
    assert suggest_actions(Q, ranking, {"gouv-a": 50.0, "gouv-b": 50.0}, top=1) == []
    assert [s.key for s in suggest_actions(Q, ranking, {"gouv-b": 49.0}, top=1)] == ["gouv-b:0"]
    # the threshold is a parameter: at 60, gouv-b's 50 counts
    keys = [s.key for s in suggest_actions(Q, ranking, {"gouv-b": 50.0}, top=1, threshold=60)]
    assert keys == ["gouv-b:0"]
    assert suggest_actions(Q, ranking, QUESTION_SCORES, top=0) == []


def test_suggestion_keys_are_stable_and_unique():
    ranking = rank(Q, SCORES, STAKEHOLDERS)
    scores = {**QUESTION_SCORES, "eth-a": 10.0}
    all_areas = suggest_actions(Q, ranking, scores, top=10)
    keys = [s.key for s in all_areas]
    assert len(keys) == len(set(keys))
    assert [k for k in keys if k.startswith("eth-a")] == ["eth-a:0", "eth-a:1", "eth-a:2"]
    # the key of an action does not depend on the ranking or on the other questions' scores
    other = rank(Q, {"ethique": 0.0}, [])
    again = suggest_actions(Q, other, {"eth-a": 10.0}, top=1)
    assert [s.key for s in again] == ["eth-a:0", "eth-a:1", "eth-a:2"]
    assert [s.title for s in again] == [a.title for a in Q.question("eth-a").suggested_actions]
    # an area listed twice (a hand-made ranking) does not repeat its suggestions
    twice = Ranking((other.ranked[0], other.ranked[0]), ())
    assert [s.key for s in suggest_actions(Q, twice, {"eth-a": 10.0})] == [
        "eth-a:0",
        "eth-a:1",
        "eth-a:2",
    ]


def test_every_guide_theme_can_be_ranked_and_low_scores_get_suggestions():
    gbp = load_questionnaire(QUESTIONNAIRES / "gbp.yaml")
    theme_ids = [t.id for t in gbp.themes]
    everyone = StakeholderInput(1, "Tous", 5, 5, frozenset(theme_ids))
    scores = {tid: 10.0 * i for i, tid in enumerate(theme_ids)}
    ranking = rank(gbp, scores, [everyone])
    assert sorted(a.theme_id for a in ranking.ranked) == sorted(theme_ids)
    assert ranking.to_assess == ()
    for area in ranking.ranked:
        theme = gbp.theme(area.theme_id)
        # σ = 25/25 = 1: priority = (100 - S) * W * 2
        assert area.salience == pytest.approx(1.0)
        assert area.priority == pytest.approx((100 - area.score) * theme.weight * 2)
    priorities = [a.priority for a in ranking.ranked]
    assert priorities == sorted(priorities, reverse=True)

    low = {q.id: 0.0 for q in gbp.questions() if q.scored}
    suggestions = suggest_actions(gbp, ranking, low)
    assert suggestions
    top_three = {a.theme_id for a in ranking.ranked[:3]}
    assert {s.theme_id for s in suggestions} <= top_three
    for s in suggestions:
        question_id, index = s.key.split(":")
        assert question_id == s.question_id
        assert gbp.question(question_id).suggested_actions[int(index)].title == s.title
    # every theme of the Guide offers suggestions when it is weak and on top
    for tid in theme_ids:
        alone = rank(gbp, {tid: 0.0}, [], chosen_themes=[tid])
        assert suggest_actions(gbp, alone, low, top=1), tid


def test_iso_questionnaire_links_stakeholders_by_issue():
    iso = load_questionnaire(QUESTIONNAIRES / "iso26000.yaml")
    trainee = StakeholderInput(1, "Apprentis", 4, 5, issues=frozenset({"rt-formation"}))
    areas = _areas(rank(iso, {t.id: 50.0 for t in iso.themes}, [trainee]))
    linked = [tid for tid, area in areas.items() if area.stakeholders]
    assert linked == ["relations-travail"]
    # σ = 4*5/25 = 0.8: (100-50)*1*(1+0.8) = 90
    assert areas["relations-travail"].priority == pytest.approx(90.0)
