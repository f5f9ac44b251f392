"""« Organisations comme la vôtre »: the benchmark on the results page and in the API, checked
against hand-computed quartiles; the asking organisation never counts, non-opted-in ones never
count, the group widens region → country, size band → all, and nothing shows below k."""

from __future__ import annotations

from app.extensions import db
from app.models import ScoreRecord
from app.services import answers as answers_service
from app.services import assessments, questionnaires
from app.services.answers import Submission

from .test_statistics_figures import LAST_YEAR, add_organisation, add_record

HIDDEN = {"shown": False, "group": None, "count": None, "themes": []}


def viewer_organisation(make_organisation, owner, **fields):
    """The owner's SCOP of 10 to 49 employees in Brittany (opted in: it must still not count)."""
    organisation = make_organisation(
        owner, legal_form="scop", headcount_band="10-49", region="bretagne", **fields
    )
    organisation.anonymous_statistics = True
    db.session.commit()
    return organisation


def benchmark(client, organisation_id: int) -> dict:
    response = client.get(f"/api/v1/organisations/{organisation_id}/benchmark")
    assert response.status_code == 200, response.json
    return response.json


def governance(body: dict) -> dict:
    return next(t for t in body["themes"] if t["id"] == "gouvernance")


def test_four_peers_show_nothing_five_show_hand_computed_values(client, owner, make_organisation):
    client.login(owner)
    mine = viewer_organisation(make_organisation, owner)
    own = add_record(mine, {"gouvernance": 75, "emploi": 10})
    peers = [add_organisation() for _ in range(5)]
    for peer, score in zip(peers[:4], (20, 40, 70, 90), strict=True):
        add_record(peer, {"gouvernance": score})

    # 4 others (the viewer's own organisation, opted in, is not one of them)
    assert benchmark(client, mine.id) == HIDDEN
    page = client.get(f"/assessments/{own.id}/results").get_data(as_text=True)
    assert "Pas encore assez d'organisations comparables (il en faut au moins 5)" in page
    assert "Votre score" not in page
    assert "Médiane" not in page.split("Organisations comme la vôtre", 1)[1]

    add_record(peers[4], {"gouvernance": 50})
    body = benchmark(client, mine.id)
    assert body["shown"] is True
    assert body["group"] == {"legal_form": "scop", "size_band": "10-49", "region": "bretagne"}
    assert body["count"] == 5
    figures = governance(body)
    # sorted 20, 40, 50, 70, 90 (without the viewer's 75): inclusive quartiles at positions
    # 4·¼ = 1, 4·½ = 2, 4·¾ = 3 → q1 40, median 50, q3 70
    assert (figures["q1"], figures["median"], figures["q3"]) == (40, 50, 70)
    assert figures["own"] == 75
    # levels: floor(score·4/100 + 0.5): 20→1, 40→2, 50→2, 70→3, 90→4; own 75 → 3.5 → 3
    assert figures["levels"] == [0, 1, 2, 1, 1]
    assert figures["own_level"] == 3
    # no peer scored "emploi": no figure, but the organisation's own score is there
    emploi = next(t for t in body["themes"] if t["id"] == "emploi")
    assert emploi["median"] is None
    assert emploi["levels"] is None
    assert emploi["own"] == 10

    page = client.get(f"/assessments/{own.id}/results").get_data(as_text=True)
    section = page.split("Organisations comme la vôtre", 1)[1]
    assert "SCOP, 10 à 49 salariés, Bretagne" in section
    assert "5 organisations" in section
    assert "Votre score : 75 — au-dessus du 3e quartile" in section
    assert "50,0" in section
    assert "data-plotly" in section


def test_organisations_that_did_not_opt_in_never_count(client, owner, make_organisation):
    client.login(owner)
    mine = viewer_organisation(make_organisation, owner)
    add_record(mine, {"gouvernance": 75})
    for score in (20, 40, 50, 70, 90):
        add_record(add_organisation(), {"gouvernance": score})
    before = benchmark(client, mine.id)
    for index in range(10):
        add_record(add_organisation(opted=False), {"gouvernance": 0 if index % 2 else 100})
    assert benchmark(client, mine.id) == before
    assert governance(before)["median"] == 50


def test_the_group_widens_region_then_size_never_legal_form(client, owner, make_organisation):
    client.login(owner)
    mine = viewer_organisation(make_organisation, owner)
    add_record(mine, {"gouvernance": 50})
    for _ in range(10):  # associations never count for a SCOP
        add_record(add_organisation(legal_form="association"), {"gouvernance": 0})
    for score in (10, 20, 30):
        add_record(add_organisation(), {"gouvernance": score})
    assert benchmark(client, mine.id) == HIDDEN  # 3 SCOP of 10-49 anywhere

    add_record(add_organisation(band="1-9", region="normandie"), {"gouvernance": 40})
    assert benchmark(client, mine.id) == HIDDEN  # 4 SCOP in all

    add_record(add_organisation(band="1-9", region="bretagne"), {"gouvernance": 80})
    body = benchmark(client, mine.id)
    # 3 of 10-49 in Brittany, 3 in France: every size → 10, 20, 30, 40, 80
    assert body["group"] == {"legal_form": "scop", "size_band": None, "region": None}
    assert body["count"] == 5
    assert (governance(body)["q1"], governance(body)["median"]) == (20, 30)
    assert governance(body)["q3"] == 40

    for score in (60, 70):
        add_record(add_organisation(region="normandie"), {"gouvernance": score})
    body = benchmark(client, mine.id)
    # 5 SCOP of 10-49 in France: 10, 20, 30 (Brittany), 60, 70 (Normandy)
    assert body["group"] == {"legal_form": "scop", "size_band": "10-49", "region": None}
    assert (governance(body)["q1"], governance(body)["median"]) == (20, 30)
    assert governance(body)["q3"] == 60
    page = client.get(f"/assessments/{add_record(mine, {'gouvernance': 50}).id}/results").get_data(
        as_text=True
    )
    assert "SCOP, 10 à 49 salariés, toute la France" in page


def test_latest_record_counts_and_own_score_is_the_assessment_shown(
    client, owner, make_organisation
):
    client.login(owner)
    mine = viewer_organisation(make_organisation, owner)
    older = add_record(mine, {"gouvernance": 30}, year=LAST_YEAR)
    add_record(mine, {"gouvernance": 75})
    for score in (20, 40, 50, 70, 90):
        peer = add_organisation()
        add_record(peer, {"gouvernance": 100 - score}, year=LAST_YEAR)  # older: not counted
        add_record(peer, {"gouvernance": score})
        add_record(peer, {"gouvernance": None, "emploi": 60})  # newest, without it: skipped
    body = benchmark(client, mine.id)
    assert (governance(body)["median"], governance(body)["own"]) == (50, 75)
    page = client.get(f"/assessments/{older.id}/results").get_data(as_text=True)
    assert "Votre score : 30 — en dessous du 1er quartile" in page  # 30 < q1 = 40


def test_scores_from_real_answers_reach_the_benchmark(client, owner, make_organisation):
    """The chain: answers saved → score record refreshed → counted in the benchmark."""
    client.login(owner)
    mine = viewer_organisation(make_organisation, owner)
    add_record(mine, {"gouvernance": 75})
    for score in (20, 40, 70, 90):
        add_record(add_organisation(), {"gouvernance": score})
    answered = make_organisation(
        owner, name="Coop réelle", legal_form="scop", headcount_band="10-49", region="bretagne"
    )
    answered.anonymous_statistics = True
    db.session.commit()
    assessment = assessments.start(owner, answered.id, "gbp", themes=["gouvernance"])
    questionnaire = questionnaires.current_version("gbp").questionnaire
    scale = [q for q in questionnaire.theme("gouvernance").questions if q.type == "scale"]
    # every scale question at level 2 of 0..4 → 100·2/4 = 50 for the theme
    answers_service.save_batch(
        owner, assessment.id, [Submission(question_id=q.id, value=2) for q in scale]
    )
    record = db.session.get(ScoreRecord, assessment.id)
    assert record.themes["gouvernance"] == 50
    body = benchmark(client, mine.id)
    assert body["count"] == 5
    assert (governance(body)["q1"], governance(body)["median"]) == (40, 50)
    assert governance(body)["q3"] == 70
