"""Starting an assessment, answering theme by theme without JavaScript, results."""

from __future__ import annotations

import json
import re

from app.extensions import db
from app.models import Answer, Assessment, Membership
from app.services import answers
from app.services.answers import Submission


def stored(assessment) -> dict[str, Answer]:
    rows = db.session.scalars(db.select(Answer).where(Answer.assessment_id == assessment.id))
    return {a.question_id: a for a in rows}


def test_start_an_assessment_choosing_themes(client, owner, organisation):
    client.login(owner)
    page = client.get(f"/organisations/{organisation.id}/assessments/new").get_data(as_text=True)
    assert "Guide des bonnes pratiques" in page or "Mini questionnaire" in page
    response = client.post(
        f"/organisations/{organisation.id}/assessments/new/mini",
        data={
            "year": "2026",
            "label": "Revue 2026",
            "pilot_name": "Paul Pilote",
            "themes": ["emploi"],
        },
    )
    assert response.status_code == 302
    assessment = db.session.scalar(db.select(Assessment).where(Assessment.label == "Revue 2026"))
    assert assessment.themes == ["emploi"]
    assert assessment.pilot_name == "Paul Pilote"
    assert assessment.questionnaire_version.key == "mini"
    overview = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "Pilote : Paul Pilote" in overview
    assert "Thèmes non travaillés pendant ce cycle" in overview


def test_no_theme_chosen_is_an_error_next_to_the_field(client, owner, organisation):
    client.login(owner)
    page = client.post(
        f"/organisations/{organisation.id}/assessments/new/mini", data={"year": "2026"}
    ).get_data(as_text=True)
    assert re.search(r'id="themes-error">Choisissez au moins un thème', page)


def test_theme_page_shows_levels_descriptors_help_and_na(client, owner, assessment):
    client.login(owner)
    page = client.get(f"/assessments/{assessment.id}/themes/gouvernance").get_data(as_text=True)
    assert "Vie de l&#39;assemblée générale" in page
    assert "Pratiques exemplaires" in page  # a level descriptor
    assert "Aide" in page  # help text
    assert 'name="na-gouv-info"' in page  # N/A where allowed
    assert 'name="na-gouv-ag"' not in page  # and only there
    assert "data-autosave" in page


def test_questions_that_do_not_apply_are_not_asked(
    client, owner, make_organisation, make_assessment
):
    organisation = make_organisation(owner, headcount_band="0", has_volunteers=False)
    assessment = make_assessment(owner, organisation)
    client.login(owner)
    page = client.get(f"/assessments/{assessment.id}/themes/emploi").get_data(as_text=True)
    assert "emp-formation" not in page
    assert "emp-benevoles" not in page
    assert "2 questions de ce thème ne concernent pas votre organisation" in page


def test_submit_a_theme_without_javascript(client, owner, assessment):
    client.login(owner)
    response = client.post(
        f"/assessments/{assessment.id}/themes/gouvernance",
        data={
            "value-gouv-ag": "3",
            "value-gouv-info": "yes",
            "na-gouv-info": "y",
            "value-gouv-frequence": "mensuelle",
            "value-gouv-presents": "42",
            "comment-gouv-ag": "Discuté en bureau",
        },
    )
    assert response.status_code == 302
    assert response.headers["Location"].endswith("/themes/emploi")
    answers_ = stored(assessment)
    assert answers_["gouv-ag"].value == 3
    assert answers_["gouv-ag"].comment == "Discuté en bureau"
    assert answers_["gouv-info"].na
    assert answers_["gouv-info"].value is None
    assert answers_["gouv-frequence"].value == "mensuelle"
    assert answers_["gouv-presents"].value == 42


def test_an_invalid_value_saves_nothing_and_is_shown_next_to_its_question(
    client, owner, assessment
):
    client.login(owner)
    page = client.post(
        f"/assessments/{assessment.id}/themes/gouvernance",
        data={"value-gouv-ag": "2", "value-gouv-presents": "beaucoup"},
    ).get_data(as_text=True)
    assert 'id="error-gouv-presents">Saisissez un nombre.' in page
    assert 'value="beaucoup"' in page  # what was typed is kept
    assert stored(assessment) == {}


def test_concurrent_change_is_shown_not_overwritten(
    client, other_client, owner, assessment, make_user
):
    colleague = make_user(name="Chloé Collègue")
    db.session.add(
        Membership(user=colleague, organisation_id=assessment.organisation_id, role="contributor")
    )
    db.session.commit()
    client.login(owner)
    client.get(f"/assessments/{assessment.id}/themes/gouvernance")
    # Both open the page before anything is answered; the colleague saves first.
    answers.save(colleague, assessment.id, Submission("gouv-ag", 4))
    page = client.post(
        f"/assessments/{assessment.id}/themes/gouvernance",
        data={
            "value-gouv-ag": "1",
            "value-gouv-info": "no",
            "version-gouv-ag": "",
            "version-gouv-info": "",
        },
    ).get_data(as_text=True)
    assert "Chloé Collègue a modifié cette réponse entre-temps" in page
    assert "Niveau 4 sur 4" in page
    result = stored(assessment)
    assert result["gouv-ag"].value == 4  # not overwritten
    assert result["gouv-info"].value == "no"  # the other answer is saved
    # Saving again, knowingly, replaces it.
    version = re.search(r'name="version-gouv-ag" type="hidden" value="(\d+)"', page).group(1)
    original = re.search(r'name="original-gouv-ag" type="hidden" value="(\w+)"', page).group(1)
    client.post(
        f"/assessments/{assessment.id}/themes/gouvernance",
        data={"value-gouv-ag": "1", "version-gouv-ag": version, "original-gouv-ag": original},
    )
    assert stored(assessment)["gouv-ag"].value == 1


def test_an_untouched_question_does_not_overwrite_a_newer_answer(
    client, owner, assessment, make_user
):
    colleague = make_user()
    db.session.add(
        Membership(user=colleague, organisation_id=assessment.organisation_id, role="contributor")
    )
    db.session.commit()
    client.login(owner)
    page = client.get(f"/assessments/{assessment.id}/themes/gouvernance").get_data(as_text=True)
    original = re.search(r'name="original-gouv-ag" type="hidden" value="(\w+)"', page).group(1)
    answers.save(colleague, assessment.id, Submission("gouv-ag", 4))
    response = client.post(
        f"/assessments/{assessment.id}/themes/gouvernance",
        data={"original-gouv-ag": original, "version-gouv-ag": "", "value-gouv-info": "yes"},
    )
    assert response.status_code == 302
    assert stored(assessment)["gouv-ag"].value == 4


def test_viewers_read_but_cannot_answer(client, assessment, make_user):
    viewer = make_user()
    db.session.add(
        Membership(user=viewer, organisation_id=assessment.organisation_id, role="viewer")
    )
    db.session.commit()
    client.login(viewer)
    page = client.get(f"/assessments/{assessment.id}/themes/gouvernance").get_data(as_text=True)
    assert "data-autosave" not in page
    assert "disabled" in page
    response = client.post(
        f"/assessments/{assessment.id}/themes/gouvernance", data={"value-gouv-ag": "2"}
    )
    assert response.status_code == 403
    assert stored(assessment) == {}


def test_results_page_has_scores_charts_and_method(client, owner, assessment):
    for question_id, value in [
        ("gouv-ag", 3),
        ("gouv-info", "partial"),
        ("gouv-frequence", "annuelle"),
        ("emp-formation", 1),
        ("emp-benevoles", "yes"),
    ]:
        answers.save(owner, assessment.id, Submission(question_id, value))
    client.login(owner)
    page = client.get(f"/assessments/{assessment.id}/results").get_data(as_text=True)
    assert "Comment les scores sont-ils calculés" in page
    assert re.search(r'big-figure-value">61<', page)  # (2·60 + 62.5)/3 = 60.83
    figures = re.findall(r'<script type="application/json">(.*?)</script>', page, re.S)
    assert len(figures) == 1  # a bar chart; a radar needs 3 themes
    bars = json.loads(figures[0])
    assert sorted(bars["data"][0]["x"]) == [60.0, 62.5]
    assert "/vendor/plotly-" in page
    assert "Niveau 3 sur 4 : Établi" in page


def test_scores_json_follows_the_method(client, owner, assessment):
    answers.save(owner, assessment.id, Submission("gouv-ag", 3))
    answers.save(owner, assessment.id, Submission("gouv-info", None, na=True))
    client.login(owner)
    data = client.get(f"/api/v1/assessments/{assessment.id}/scores").get_json()
    assert data["overall"] == 75.0
    gouvernance = next(t for t in data["themes"] if t["id"] == "gouvernance")
    assert gouvernance["score"] == 75.0
    assert gouvernance["completion"] == 0.5
    assert {"id": "gouv-ag", "score": 75.0}.items() <= next(
        q for q in data["questions"] if q["id"] == "gouv-ag"
    ).items()


def test_theme_page_shows_who_changed_each_answer_last_and_numbers_in_french(
    client, owner, assessment
):
    answers.save(owner, assessment.id, Submission("gouv-ag", 2))
    answers.save(owner, assessment.id, Submission("gouv-presents", "12,5"))
    client.login(owner)
    page = client.get(f"/assessments/{assessment.id}/themes/gouvernance").get_data(as_text=True)
    assert "Dernière modification : Olga Owner," in page
    assert 'value="12,5"' in page
    # Submitting the page unchanged writes nothing (12,5 is still 12.5)
    client.post(
        f"/assessments/{assessment.id}/themes/gouvernance", data={"value-gouv-presents": "12,5"}
    )
    assert stored(assessment)["gouv-presents"].version == 1
