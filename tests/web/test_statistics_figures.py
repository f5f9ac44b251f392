"""The regional dashboard's figures, checked against values computed by hand: the k threshold,
filters that would isolate organisations by difference, non-opted-in organisations never
counted, progress year on year, the share of actions done, the page and its CSV.

The helpers at the top (organisations and score records written straight to the database) are
shared with test_benchmark.py and test_statistics_api.py.
"""

from __future__ import annotations

import itertools
import uuid
from dataclasses import dataclass
from statistics import median

from app.extensions import db
from app.models import HEADCOUNT_BANDS, Action, Assessment, Network, Organisation, ScoreRecord, User
from app.questionnaires.references import LEGAL_FORMS
from app.services import access, charter, networks, questionnaires

K = 5
THIS_YEAR = access.today().year
LAST_YEAR = THIS_YEAR - 1


# --- Helpers -------------------------------------------------------------------------------------


def add_organisation(
    *,
    opted: bool = True,
    legal_form: str = "scop",
    band: str = "10-49",
    region: str = "bretagne",
    name: str = "",
) -> Organisation:
    organisation = Organisation(
        name=name or f"Orga secrète {uuid.uuid4().hex[:6]}",
        legal_form=legal_form,
        region=region,
        headcount_band=band,
        anonymous_statistics=opted,
    )
    db.session.add(organisation)
    db.session.commit()
    return organisation


def add_record(
    organisation: Organisation,
    themes: dict[str, float | None],
    *,
    year: int = THIS_YEAR,
    overall: float | None = None,
    ranked: list[str] | None = None,
    questionnaire: str = "gbp",
) -> Assessment:
    """An assessment of the current version and its score record, with the given theme scores
    (the overall score is their mean unless given)."""
    version = questionnaires.current_version(questionnaire)
    assessment = Assessment(
        organisation_id=organisation.id,
        questionnaire_version_id=version.id,
        label=f"Évaluation {year}",
        year=year,
        themes=[t.id for t in version.questionnaire.themes],
    )
    db.session.add(assessment)
    db.session.flush()
    scored = [value for value in themes.values() if value is not None]
    if overall is None and scored:
        overall = sum(scored) / len(scored)
    db.session.add(
        ScoreRecord(
            assessment_id=assessment.id,
            organisation_id=organisation.id,
            questionnaire_key=questionnaire,
            year=year,
            overall=overall,
            completion=1.0,
            themes=themes,
            ranked=ranked or [],
            top_level=version.questionnaire.scale_levels - 1,
        )
    )
    db.session.commit()
    return assessment


def add_actions(assessment: Assessment, *statuses: str) -> None:
    for position, status in enumerate(statuses, start=1):
        db.session.add(
            Action(assessment_id=assessment.id, position=position, title="Action", status=status)
        )
    db.session.commit()


@dataclass
class Crew:
    network: Network
    advisor: User


def make_crew(make_user, regions: tuple[str, ...] = ("bretagne",)) -> Crew:
    """A network over `regions` and one of its advisors, who accepted the charter."""
    network = networks.create("CRESS Bretagne", list(regions))
    advisor = make_user(f"conseil-{uuid.uuid4().hex[:6]}@cress.example.org", "Alice Conseil")
    networks.add_advisor(network.id, advisor.email)
    charter.accept(advisor, charter.current().version)
    return Crew(network, advisor)


def stats(client, network_id: int, **query: object) -> dict:
    response = client.get(f"/api/v1/networks/{network_id}/statistics", query_string=query)
    assert response.status_code == 200, response.json
    return response.json


def theme(body: dict, theme_id: str) -> dict:
    return next(t for t in body["themes"] if t["id"] == theme_id)


HIDDEN = {"shown": False, "count": None, "themes": []}


# --- k threshold and hand-computed spread --------------------------------------------------------


def test_four_organisations_show_nothing_five_show_hand_computed_quartiles(client, make_user):
    crew = make_crew(make_user)
    client.login(crew.advisor)
    ranked = ["gouvernance", "gouvernance", "emploi", "gouvernance", "emploi"]
    scores = [20, 40, 70, 90, 50]
    organisations = [add_organisation() for _ in range(5)]
    for organisation, score, first in list(zip(organisations, scores, ranked, strict=True))[:4]:
        add_record(organisation, {"gouvernance": score, "emploi": 60}, ranked=[first])

    assert stats(client, crew.network.id) == HIDDEN

    add_record(organisations[4], {"gouvernance": 50, "emploi": None}, ranked=[ranked[4]])
    body = stats(client, crew.network.id)
    assert body["shown"] is True
    assert body["count"] == 5
    governance = theme(body, "gouvernance")
    # sorted 20, 40, 50, 70, 90; inclusive quartiles sit at (n − 1)·p = 4·p: q1 at position 1
    # (40), median at 2 (50), q3 at 3 (70)
    assert (governance["q1"], governance["median"], governance["q3"]) == (40, 50, 70)
    assert governance["count"] == 5
    # level = floor(score·4/100 + 0.5): 20→1, 40→2, 50→2, 70→3, 90→4
    assert governance["levels"] == [0, 1, 2, 1, 1]
    # only 4 organisations scored "emploi": no figure for it
    assert theme(body, "emploi") | {"id": None} == {
        "id": None,
        "median": None,
        "q1": None,
        "q3": None,
        "count": None,
        "levels": None,
    }
    # ranked first: gouvernance 3 times, emploi twice
    assert body["ranked_first"] == [
        {"theme": "gouvernance", "count": 3},
        {"theme": "emploi", "count": 2},
    ]
    # all five were assessed this year
    assert body["assessed_this_year"] == 5


def test_organisations_that_did_not_opt_in_or_are_elsewhere_never_count(client, make_user):
    crew = make_crew(make_user)
    client.login(crew.advisor)
    for score in (20, 40, 50, 70, 90):
        add_record(add_organisation(), {"gouvernance": score})
    before = stats(client, crew.network.id)
    for index in range(10):  # extreme scores, same region and profile, but not opted in
        hidden = add_organisation(opted=False)
        assessment = add_record(hidden, {"gouvernance": 0 if index % 2 else 100}, ranked=["emploi"])
        add_actions(assessment, "done", "done")
    for score in (0, 100, 0, 100, 0):  # opted in, but in another region
        add_record(add_organisation(region="normandie"), {"gouvernance": score})
    assert stats(client, crew.network.id) == before
    assert theme(before, "gouvernance")["median"] == 50


def test_filters_whose_complement_holds_one_to_four_are_hidden(client, make_user):
    crew = make_crew(make_user)
    client.login(crew.advisor)
    for index in range(9):  # 6 SCOP and 3 associations
        legal_form = "scop" if index < 6 else "association"
        add_record(add_organisation(legal_form=legal_form), {"gouvernance": 10 * index})
    assert stats(client, crew.network.id)["count"] == 9
    # 6 SCOP ≥ 5, but 9 − 6 = 3 associations would be the difference with the whole group
    assert stats(client, crew.network.id, legal_form="scop") == HIDDEN
    assert stats(client, crew.network.id, legal_form="association") == HIDDEN  # 3 < 5
    assert stats(client, crew.network.id, legal_form="fondation") == HIDDEN  # none
    # the page disables both, and says why
    page = client.get(f"/networks/{crew.network.id}/statistics").get_data(as_text=True)
    assert '<option value="scop" disabled>' in page
    assert '<option value="association" disabled>' in page
    assert "isolerait des organisations par différence" in page
    assert "moins de 5 organisations" in page


#: (legal form, size band, years, how many organisations) for the filter-combination tests.
PLAN = [
    ("scop", "10-49", (THIS_YEAR,), 7),
    ("scop", "10-49", (LAST_YEAR, THIS_YEAR), 3),
    ("scop", "1-9", (LAST_YEAR,), 6),
    ("association", "1-9", (THIS_YEAR,), 5),
    ("association", "10-49", (LAST_YEAR, THIS_YEAR), 2),
    ("association", "50-249", (THIS_YEAR,), 1),
    ("scic", "10-49", (LAST_YEAR,), 4),
]
COMBINATIONS = list(
    itertools.product((None, *LEGAL_FORMS), (None, *HEADCOUNT_BANDS), (None, LAST_YEAR, THIS_YEAR))
)


def build_plan() -> dict[int, tuple[str, str, tuple[int, ...]]]:
    """The organisations of PLAN, opted in, in the network's region: id → profile and years."""
    built = {}
    score = 0
    for legal_form, band, years, count in PLAN:
        for _ in range(count):
            organisation = add_organisation(legal_form=legal_form, band=band)
            for year in years:
                score = (score + 37) % 101
                add_record(organisation, {"gouvernance": score}, year=year, ranked=["emploi"])
            built[organisation.id] = (legal_form, band, years)
    return built


def every_answer(client, network_id: int) -> dict[tuple, dict]:
    answers = {}
    for combination in COMBINATIONS:
        query = dict(zip(("legal_form", "size_band", "year"), combination, strict=True))
        answers[combination] = stats(
            client, network_id, **{k: v for k, v in query.items() if v is not None}
        )
    return answers


def test_no_combination_of_filters_isolates_anyone_by_difference(client, make_user):
    """Every combination of legal form × size band × year (each or none): of two shown groups
    where one's filters include the other's, the difference is 0 or at least k organisations.
    Then ten non-opted-in organisations change no answer at all."""
    crew = make_crew(make_user)
    client.login(crew.advisor)
    build_plan()
    answers = every_answer(client, crew.network.id)
    shown = {key: body["count"] for key, body in answers.items() if body["shown"]}
    assert len(shown) >= 5  # the test would be empty otherwise
    assert shown[(None, None, None)] == 28
    for narrow, narrow_count in shown.items():
        for wide, wide_count in shown.items():
            wider = all(w is None or w == n for w, n in zip(wide, narrow, strict=True))
            if wider and wide != narrow:
                assert not 0 < wide_count - narrow_count < K, (wide, narrow)
    for body in answers.values():
        assert body["shown"] or body == HIDDEN
        if body["shown"]:
            assert body["count"] >= K

    for index in range(10):
        outsider = add_organisation(
            opted=False,
            legal_form=("scop", "association", "scic")[index % 3],
            band=("10-49", "1-9")[index % 2],
        )
        add_record(outsider, {"gouvernance": 100}, year=(THIS_YEAR, LAST_YEAR)[index % 2])
    assert every_answer(client, crew.network.id) == answers


def test_no_two_shown_groups_differ_by_one_to_four_organisations(client, make_user):
    """The same combinations, compared by the organisations they actually hold (known here):
    no shown group may contain another shown group plus 1 to k−1 organisations, and more
    strictly no two shown groups may differ, on either side, by 1 to k−1 organisations.

    Before the global plan, scop & LAST_YEAR (9) was shown and held both 1-9 & LAST_YEAR (6)
    and scop & 1-9 (6), also shown: their difference is the 3 SCOP 10-49 assessed last year."""
    crew = make_crew(make_user)
    client.login(crew.advisor)
    built = build_plan()
    answers = every_answer(client, crew.network.id)

    def holds(combination: tuple) -> frozenset[int]:
        legal_form, band, year = combination
        return frozenset(
            organisation_id
            for organisation_id, (lf, hb, years) in built.items()
            if legal_form in (None, lf) and band in (None, hb) and year in (None, *years)
        )

    shown = {key: holds(key) for key, body in answers.items() if body["shown"]}
    for key, body in answers.items():
        if body["shown"]:
            assert body["count"] == len(shown[key])
    leaks = [
        (wide, narrow)
        for wide, wide_ids in shown.items()
        for narrow, narrow_ids in shown.items()
        if narrow_ids < wide_ids and len(wide_ids - narrow_ids) < K
    ]
    assert leaks == []
    one_sided = [
        (one, other)
        for one, one_ids in shown.items()
        for other, other_ids in shown.items()
        if 0 < len(one_ids - other_ids) < K
    ]
    assert one_sided == []
    # The groups of the old leak, recomputed by hand under the global plan (coarse first):
    # 1-9 (11: 6 SCOP + 5 associations) is shown; scop & LAST_YEAR (9: 6 SCOP 1-9 + 3 SCOP
    # 10-49) differs from it by those 3, so it, the finer one, is hidden.
    assert answers[(None, "1-9", None)]["count"] == 11
    assert answers[("scop", None, LAST_YEAR)] == HIDDEN
    # scop & 1-9 = 1-9 & LAST_YEAR (the same 6) pass the pair rule, but scop & LAST_YEAR
    # split by size is 6 + 3: with the 3 hidden (too few) the 6 are suppressed as well.
    assert answers[(None, "1-9", LAST_YEAR)] == HIDDEN
    assert answers[("scop", "1-9", None)] == HIDDEN


# --- Year on year, actions, summary ---------------------------------------------------------------


def test_progress_actions_done_and_assessed_this_year_by_hand(client, make_user):
    crew = make_crew(make_user)
    client.login(crew.advisor)
    # overall scores last year → this year
    pairs = [(40, 50), (30, 35), (60, 58), (20, 40), (50, 50)]
    latest = []
    for before, after in pairs:
        organisation = add_organisation()
        old = add_record(organisation, {"gouvernance": before}, year=LAST_YEAR, overall=before)
        add_actions(old, "done", "done", "done")  # an older plan: never counted
        latest.append(add_record(organisation, {"gouvernance": after}, overall=after))
    only_last_year = add_organisation()
    add_record(only_last_year, {"gouvernance": 80}, year=LAST_YEAR)
    # the latest plans: (done, not dropped) = (2, 3), (1, 1), (0, 2), (1, 1), (1, 2)
    add_actions(latest[0], "done", "done", "todo")
    add_actions(latest[1], "done", "dropped")
    add_actions(latest[2], "todo", "in_progress")
    add_actions(latest[3], "done")
    add_actions(latest[4], "todo", "done", "dropped", "dropped")

    body = stats(client, crew.network.id)
    assert body["count"] == 6
    # changes 50−40, 35−30, 58−60, 40−20, 50−50 = 10, 5, −2, 20, 0: sorted −2, 0, 5, 10, 20
    assert body["progress"] == {"from": LAST_YEAR, "to": THIS_YEAR, "median": 5, "count": 5}
    assert median([10, 5, -2, 20, 0]) == 5
    # done 2+1+0+1+1 = 5 over 3+1+2+1+2 = 9 actions not dropped
    assert abs(body["actions_done_share"] - 5 / 9) < 1e-9
    # 5 of the 6 were assessed this year: showing 5 would single out the 6th (6 − 5 = 1)
    assert body["assessed_this_year"] is None
    assert stats(client, crew.network.id, year=THIS_YEAR) == HIDDEN  # same reason

    # last year: all 6, progress from the year before needs organisations scored then: none
    last = stats(client, crew.network.id, year=LAST_YEAR)
    assert last["count"] == 6
    assert last["progress"] is None
    # median of last year's scores 20, 30, 40, 50, 60, 80 = (40 + 50) / 2
    assert theme(last, "gouvernance")["median"] == 45
    # last year's plans: 5 × (3 done of 3); the 6th has none
    assert last["actions_done_share"] == 1


def test_progress_and_actions_need_k_organisations(client, make_user):
    crew = make_crew(make_user)
    client.login(crew.advisor)
    for index in range(5):
        organisation = add_organisation()
        if index < 4:
            add_record(organisation, {"gouvernance": 10}, year=LAST_YEAR)
        assessment = add_record(organisation, {"gouvernance": 30})
        if index < 4:
            add_actions(assessment, "done")
    body = stats(client, crew.network.id)
    assert body["shown"] is True
    assert body["progress"] is None  # 4 organisations scored both years
    assert body["actions_done_share"] is None  # 4 plans with actions


# --- Page and CSV --------------------------------------------------------------------------------


def test_page_and_csv_show_the_figures_and_no_name(client, make_user):
    crew = make_crew(make_user)
    client.login(crew.advisor)
    names = []
    for score in (20, 40, 50, 70, 90):
        organisation = add_organisation(name=f"=Coopérative {score}")
        names.append(organisation.name)
        add_record(organisation, {"gouvernance": score}, ranked=["gouvernance"])
    page = client.get(f"/networks/{crew.network.id}/statistics")
    assert page.status_code == 200
    html = page.get_data(as_text=True)
    assert "<caption>" in html
    assert 'scope="row"' in html
    assert "data-plotly" in html
    assert "cdn" not in html.lower()
    assert "50,0" in html
    assert "40,0" in html
    assert "70,0" in html
    assert not any(name in html for name in names)

    response = client.get(f"/networks/{crew.network.id}/statistics.csv")
    assert response.status_code == 200
    assert response.mimetype == "text/csv"
    text = response.get_data().decode("utf-8-sig")
    assert not any(name in text for name in names)
    governance = next(line for line in text.splitlines() if line.startswith("Gouvernance"))
    cells = governance.split(";")
    # organisations, median, q1, q3, then levels 0..4
    assert cells[1:] == ["5", "50,0", "40,0", "70,0", "0", "1", "2", "1", "1"]
    assert "Organisations du groupe;5" in text
    assert "CRESS Bretagne" in text


def test_hidden_dashboard_page_and_csv_show_no_number(client, make_user):
    crew = make_crew(make_user)
    client.login(crew.advisor)
    for score in (20, 40, 70, 90):
        add_record(add_organisation(), {"gouvernance": score})
    html = client.get(f"/networks/{crew.network.id}/statistics").get_data(as_text=True)
    assert "moins de 5 organisations ayant accepté" in html
    assert "Organisations du groupe" not in html
    assert "Médiane" not in html
    text = client.get(f"/networks/{crew.network.id}/statistics.csv").get_data().decode("utf-8-sig")
    assert "Organisations du groupe" not in text
    assert not any(str(value) in text.split("Année", 1)[1] for value in (20, 40, 70, 90, 4))


def test_csv_cells_that_look_like_formulas_are_neutralised(client, make_user):
    crew = make_crew(make_user)
    crew.network.name = "=HYPERLINK(1)"
    db.session.commit()
    client.login(crew.advisor)
    text = client.get(f"/networks/{crew.network.id}/statistics.csv").get_data().decode("utf-8-sig")
    assert "'=HYPERLINK(1)" in text
