"""Short questionnaires for workshops stand for questions of a full one: checked at load."""

from __future__ import annotations

from pathlib import Path

from app.questionnaires import load_files

MINI = Path(__file__).resolve().parent.parent / "fixtures" / "questionnaires" / "mini.yaml"
LEVELS = """
        levels:
          - {label: {fr: Rien, en: Nothing}, descriptor: {fr: Rien, en: Nothing}}
          - {label: {fr: Début, en: Start}, descriptor: {fr: Début, en: Start}}
          - {label: {fr: En cours, en: Ongoing}, descriptor: {fr: En cours, en: Ongoing}}
          - {label: {fr: Établi, en: Established}, descriptor: {fr: Établi, en: Established}}
          - {label: {fr: Exemplaire, en: Exemplary}, descriptor: {fr: Exemplaire, en: Exemplary}}
"""


def express(stands_for: str, kind: str = "scale", derived: str = "derived_from: mini\n") -> str:
    body = LEVELS if kind == "scale" else ""
    return f"""id: mini-express
version: "1"
title: {{fr: Express, en: Express}}
{derived}themes:
  - id: gouvernance
    title: {{fr: Gouvernance, en: Governance}}
    questions:
      - id: x-ag
        type: {kind}
        text: {{fr: AG, en: GA}}
        stands_for: {stands_for}{body}
"""


def load(tmp_path: Path, text: str, with_base: bool = True):
    (tmp_path / "mini.yaml").write_text(MINI.read_text(encoding="utf-8"), encoding="utf-8")
    path = tmp_path / "mini-express.yaml"
    path.write_text(text, encoding="utf-8")
    return load_files([tmp_path / "mini.yaml", path] if with_base else [path])


def test_a_faithful_short_questionnaire_loads(tmp_path):
    report = load(tmp_path, express("[gouv-ag]"))
    assert report.ok, report.errors
    loaded = {q.id: q for _name, q in report.loaded}
    assert loaded["mini-express"].question("x-ag").stands_for == ["gouv-ag"]


def test_the_base_is_found_next_to_the_file_when_not_in_the_batch(tmp_path):
    report = load(tmp_path, express("[gouv-ag]"), with_base=False)
    assert report.ok, report.errors


def test_each_link_is_checked_and_the_error_names_file_line_and_field(tmp_path):
    cases = {
        "[gouv-inconnue]": "no question 'gouv-inconnue' in 'mini'",
        "[gouv-info]": "'gouv-info' is a yes_partial_no question, this one a scale",
    }
    for stands_for, message in cases.items():
        report = load(tmp_path, express(stands_for))
        assert not report.ok
        (error,) = report.errors
        assert str(error).endswith(
            f"mini-express.yaml:12: themes[0].questions[0].stands_for[0]: {message}"
        )
        assert "mini-express" not in [q.id for _n, q in report.loaded]
        assert "mini" in [q.id for _n, q in report.loaded]  # the base still loads


def test_a_scale_must_have_the_same_levels(tmp_path):
    last_level = LEVELS.splitlines()[-1] + "\n"
    text = express("[gouv-ag]").replace(last_level, "")
    report = load(
        tmp_path,
        text.replace("scale_levels", "x").replace('version: "1"', 'version: "1"\nscale_levels: 4'),
    )
    assert [e.message for e in report.errors] == ["'gouv-ag' has 5 levels, this one 4"]


def test_links_and_derived_from_go_together(tmp_path):
    missing_links = express("[]")
    report = load(tmp_path, missing_links)
    assert [e.field for e in report.errors] == ["themes[0].questions[0].stands_for"]
    no_base_named = express("[gouv-ag]", derived="")
    report = load(tmp_path, no_base_named)
    assert "stands_for needs the questionnaire's derived_from" in report.errors[0].message


def test_an_unknown_base_is_an_error_at_derived_from(tmp_path):
    report = load(tmp_path, express("[gouv-ag]", derived="derived_from: absent\n"))
    assert [(e.line, e.field) for e in report.errors] == [(4, "derived_from")]


def test_the_workshop_version_of_the_guide_has_two_questions_per_theme_all_linked():
    root = Path(__file__).resolve().parents[2] / "questionnaires"
    report = load_files([root / "gbp.yaml", root / "gbp-express.yaml"])
    assert report.ok, report.errors
    loaded = {q.id: q for _name, q in report.loaded}
    guide, express = loaded["gbp"], loaded["gbp-express"]
    assert express.derived_from == "gbp"
    assert [t.id for t in express.themes] == [t.id for t in guide.themes]
    assert all(len(t.questions) == 2 for t in express.themes)
    for theme in express.themes:
        for question in theme.questions:
            assert question.stands_for
            assert all(guide.theme_of(target).id == theme.id for target in question.stands_for)
