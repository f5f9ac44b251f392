"""Questionnaire files: every error names file, line and field; a bad file loads nothing."""

from __future__ import annotations

from pathlib import Path

import pytest

from app.questionnaires import load_files, load_questionnaire
from app.questionnaires.loader import InvalidFile

MINI = Path(__file__).resolve().parent.parent / "fixtures" / "questionnaires" / "mini.yaml"


def write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def mini_text() -> str:
    return MINI.read_text(encoding="utf-8")


def errors_of(path: Path) -> list[str]:
    with pytest.raises(InvalidFile) as caught:
        load_questionnaire(path)
    return [str(e) for e in caught.value.errors]


def line_of(text: str, needle: str, occurrence: int = 1) -> int:
    """1-based line of the n-th line containing `needle`."""
    hits = [i for i, line in enumerate(text.splitlines(), 1) if needle in line]
    return hits[occurrence - 1]


def test_the_fixture_loads():
    questionnaire = load_questionnaire(MINI)
    assert questionnaire.id == "mini"
    assert [t.id for t in questionnaire.themes] == ["gouvernance", "emploi"]
    assert questionnaire.question("gouv-ag").max_level == 4


def test_syntax_error_names_file_and_line(tmp_path):
    text = mini_text().replace("weight: 2\n    questions:", "weight: 2\n    questions: [\n", 1)
    path = write(tmp_path, "broken.yaml", text)
    (error,) = errors_of(path)
    assert error.startswith(f"{path}:")
    assert "(syntax): invalid YAML" in error
    assert int(error.split(":")[1]) > 1


def test_missing_level_gives_expected_count_at_the_levels_line(tmp_path):
    text = mini_text()
    drop = next(line + "\n" for line in text.splitlines() if "Pratiques exemplaires" in line)
    path = write(tmp_path, "levels.yaml", text.replace(drop, "", 1))
    (error,) = errors_of(path)
    expected_line = line_of(text, "        levels:", 1)
    assert (
        error == f"{path}:{expected_line}: themes[0].questions[0].levels: expected 5 levels, got 4"
    )


def test_wrong_type_names_the_field(tmp_path):
    text = mini_text().replace(
        "        weight: 2\n        text:", "        weight: lourd\n        text:", 1
    )
    path = write(tmp_path, "type.yaml", text)
    (error,) = errors_of(path)
    assert f":{line_of(mini_text(), 'weight: 2', 2)}: themes[0].questions[0].weight: " in error
    assert "number" in error


def test_duplicate_question_id(tmp_path):
    text = mini_text().replace("id: gouv-info", "id: gouv-ag", 1)
    path = write(tmp_path, "dup.yaml", text)
    (error,) = errors_of(path)
    assert (
        f":{line_of(mini_text(), 'id: gouv-info')}: "
        "themes[0].questions[1].id: duplicate question id 'gouv-ag'" in error
    )


def test_duplicate_yaml_key(tmp_path):
    text = mini_text().replace(
        "        allow_na: true\n", "        allow_na: true\n        allow_na: false\n", 1
    )
    path = write(tmp_path, "key.yaml", text)
    (error,) = errors_of(path)
    assert "themes[0].questions[1].allow_na: duplicate key 'allow_na'" in error


def test_unknown_field_is_an_error(tmp_path):
    text = mini_text().replace("        allow_na: true\n", "        alow_na: true\n", 1)
    (error,) = errors_of(write(tmp_path, "typo.yaml", text))
    assert "themes[0].questions[1].alow_na: Extra inputs are not permitted" in error


def test_missing_translation(tmp_path):
    text = mini_text().replace("title: {fr: Emploi, en: Employment}", "title: {fr: Emploi}", 1)
    (error,) = errors_of(write(tmp_path, "en.yaml", text))
    assert "themes[1].title.en: Field required" in error


def test_unknown_cross_reference(tmp_path):
    text = mini_text().replace(
        "refs: {gbp: [gouvernance], odd: [16]}", "refs: {gbp: [gouv], odd: [18]}"
    )
    errors = errors_of(write(tmp_path, "refs.yaml", text))
    assert any("refs.odd[0]" in e for e in errors)


def test_unknown_guide_theme_reference(tmp_path):
    text = mini_text().replace("refs: {gbp: [gouvernance], odd: [16]}", "refs: {gbp: [gouv]}")
    (error,) = errors_of(write(tmp_path, "refs.yaml", text))
    assert "themes[0].questions[0].refs.gbp[0]: unknown Guide theme 'gouv'" in error


def test_levels_on_a_non_scale_question(tmp_path):
    text = mini_text().replace(
        "        allow_na: true\n", "        allow_na: true\n        levels: []\n", 1
    )
    (error,) = errors_of(write(tmp_path, "lv.yaml", text))
    assert "themes[0].questions[1].levels: levels only apply to scale questions" in error


def test_declared_iso_issue_must_be_covered(tmp_path):
    text = mini_text().replace(
        "    weight: 2\n    questions:",
        "    weight: 2\n    issues:\n"
        "      - {id: env-climat, title: {fr: Climat, en: Climate}}\n    questions:",
        1,
    )
    (error,) = errors_of(write(tmp_path, "iso.yaml", text))
    assert "themes[0].issues[0].id: ISO 26000 issue 'env-climat' is covered by no question" in error


def test_top_level_must_be_a_mapping(tmp_path):
    (error,) = errors_of(write(tmp_path, "list.yaml", "- a\n- b\n"))
    assert error.endswith("(document): the top level must be a mapping")


def test_unsafe_yaml_tags_are_refused(tmp_path):
    path = write(tmp_path, "unsafe.yaml", "id: !!python/object/apply:os.system ['true']\n")
    (error,) = errors_of(path)
    assert "python/object" in error


def test_a_bad_file_does_not_stop_the_good_ones(tmp_path):
    good = write(tmp_path, "a-good.yaml", mini_text())
    bad = write(
        tmp_path,
        "b-bad.yaml",
        mini_text().replace("id: mini", "id: other").replace("type: choice", "type: chocie"),
    )
    report = load_files([bad, good])
    assert [q.id for _, q in report.loaded] == ["mini"]
    assert report.errors
    assert all(e.file == str(bad) for e in report.errors)


def test_same_questionnaire_id_in_two_files(tmp_path):
    first = write(tmp_path, "one.yaml", mini_text())
    second = write(tmp_path, "two.yaml", mini_text())
    report = load_files([first, second])
    assert len(report.loaded) == 1
    assert "questionnaire id 'mini' is already defined in" in str(report.errors[0])
