"""The stakeholder categories file: the real one loads; every error names file, line and field."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from app.questionnaires.loader import InvalidFile
from app.questionnaires.references import GBP_THEMES, ISO26000_ISSUES
from app.stakeholders import (
    DIALOGUE_LABELS,
    DIALOGUE_LEVELS,
    StakeholderCategories,
    categories_from,
    default_path,
    load_categories,
)

QUESTIONNAIRES = Path(__file__).resolve().parents[2] / "questionnaires"

EXPECTED_IDS = [
    "salaries",
    "benevoles",
    "membres",
    "usagers",
    "clients",
    "financeurs-publics",
    "financeurs-prives",
    "collectivites",
    "fournisseurs",
    "partenaires-ess",
    "entreprises",
    "reseaux",
    "communaute-locale",
    "environnement",
]

# Line numbers below count from 1; keep this text's layout in step with the assertions.
VALID = """\
version: "1"
categories:
  - id: salaries
    label: {fr: "Salariés", en: "Employees"}
    themes: [emploi, diversite]
    issues: [rt-emploi]
  - id: benevoles
    label: {fr: "Bénévoles", en: "Volunteers"}
    description: {fr: "Ils donnent leur temps.", en: "They give their time."}
    themes:
      - gouvernance
      - concertation
    issues:
      - gouv-organisation
      - rt-formation
"""


def write(tmp_path: Path, text: str, name: str = "stakeholders.yaml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def errors_of(path: Path) -> list[str]:
    with pytest.raises(InvalidFile) as caught:
        load_categories(path)
    return [str(e) for e in caught.value.errors]


def test_the_real_file_loads_with_every_category():
    categories = load_categories(default_path(QUESTIONNAIRES))
    assert categories.version == "2026.1"
    assert categories.ids() == EXPECTED_IDS
    for category in categories.categories:
        assert category.themes, category.id
        assert category.issues, category.id
        assert set(category.themes) <= set(GBP_THEMES)
        assert set(category.issues) <= set(ISO26000_ISSUES)
        assert category.description is not None


def test_get_and_ids(tmp_path):
    categories = load_categories(write(tmp_path, VALID))
    assert isinstance(categories, StakeholderCategories)
    assert categories.ids() == ["salaries", "benevoles"]
    benevoles = categories.get("benevoles")
    assert benevoles is not None
    assert benevoles.label.get("en") == "Volunteers"
    assert benevoles.themes == ["gouvernance", "concertation"]
    assert categories.get("salaries").description is None
    assert categories.get("inconnu") is None


def test_text_overrides_the_file_content(tmp_path):
    path = tmp_path / "absent.yaml"
    assert load_categories(path, VALID).ids() == ["salaries", "benevoles"]


def test_dialogue_levels_have_labels():
    assert DIALOGUE_LEVELS == (
        "none",
        "information",
        "consultation",
        "concertation",
        "co-construction",
    )
    assert set(DIALOGUE_LABELS) == set(DIALOGUE_LEVELS)
    assert DIALOGUE_LABELS["none"].get("fr") == "Aucun"
    assert DIALOGUE_LABELS["co-construction"].get("en") == "Co-construction"


def test_duplicate_category_id(tmp_path):
    path = write(tmp_path, VALID.replace("id: benevoles", "id: salaries"))
    assert errors_of(path) == [f"{path}:7: categories[1].id: duplicate category id 'salaries'"]


def test_unknown_theme_in_a_flow_list(tmp_path):
    path = write(tmp_path, VALID.replace("[emploi, diversite]", "[emploi, diversité]"))
    (error,) = errors_of(path)
    assert error.startswith(
        f"{path}:5: categories[0].themes[1]: unknown Guide theme 'diversité' (expected one of "
    )
    assert "gouvernance, concertation, territoire" in error


def test_unknown_theme_in_a_block_list(tmp_path):
    path = write(tmp_path, VALID.replace("      - concertation", "      - dialogue"))
    (error,) = errors_of(path)
    assert error.startswith(f"{path}:12: categories[1].themes[1]: unknown Guide theme 'dialogue'")


def test_unknown_issue(tmp_path):
    path = write(tmp_path, VALID.replace("      - rt-formation", "      - rt-formations"))
    assert errors_of(path) == [
        f"{path}:15: categories[1].issues[1]: unknown ISO 26000 issue 'rt-formations'"
    ]


def test_duplicate_theme_inside_a_category(tmp_path):
    path = write(tmp_path, VALID.replace("      - concertation", "      - gouvernance"))
    assert errors_of(path) == [
        f"{path}:12: categories[1].themes[1]: duplicate Guide theme id 'gouvernance'"
    ]


def test_duplicate_issue_inside_a_category(tmp_path):
    path = write(tmp_path, VALID.replace("[rt-emploi]", "[rt-emploi, rt-formation, rt-emploi]"))
    assert errors_of(path) == [
        f"{path}:6: categories[0].issues[2]: duplicate ISO 26000 issue id 'rt-emploi'"
    ]


def test_same_id_in_two_categories_is_fine(tmp_path):
    path = write(tmp_path, VALID.replace("      - rt-formation", "      - rt-emploi"))
    assert load_categories(path).get("benevoles").issues == ["gouv-organisation", "rt-emploi"]


def test_every_error_is_reported_in_file_order(tmp_path):
    text = (
        VALID.replace("id: benevoles", "id: salaries")
        .replace("[rt-emploi]", "[rt-emplois]")
        .replace("      - rt-formation", "      - gouv-organisation")
    )
    path = write(tmp_path, text)
    assert errors_of(path) == [
        f"{path}:6: categories[0].issues[0]: unknown ISO 26000 issue 'rt-emplois'",
        f"{path}:7: categories[1].id: duplicate category id 'salaries'",
        f"{path}:15: categories[1].issues[1]: duplicate ISO 26000 issue id 'gouv-organisation'",
    ]


def test_schema_errors_name_the_field(tmp_path):
    path = write(tmp_path, VALID.replace('    label: {fr: "Bénévoles"', '    name: {fr: "B"'))
    errors = errors_of(path)
    assert f"{path}:8: categories[1].name: Extra inputs are not permitted" in errors
    assert any(e.startswith(f"{path}:7: categories[1].label: Field required") for e in errors)


def test_bad_slug_and_missing_english(tmp_path):
    text = VALID.replace("id: salaries", "id: Salariés").replace(', en: "Volunteers"', "")
    path = write(tmp_path, text)
    errors = errors_of(path)
    assert any(e.startswith(f"{path}:3: categories[0].id: String should match") for e in errors)
    assert any(e.startswith(f"{path}:8: categories[1].label.en: Field required") for e in errors)


def test_no_category(tmp_path):
    path = write(tmp_path, 'version: "1"\ncategories: []\n')
    (error,) = errors_of(path)
    assert error.startswith(f"{path}:2: categories: List should have at least 1 item")


def test_duplicate_yaml_key_names_file_and_line(tmp_path):
    text = VALID.replace("    issues: [rt-emploi]\n", "    issues: [rt-emploi]\n    themes: []\n")
    path = write(tmp_path, text)
    assert errors_of(path) == [
        f"{path}:7: categories[0].themes: duplicate key 'themes' (first defined on line 5)"
    ]


def test_syntax_error_names_file_and_line(tmp_path):
    path = write(tmp_path, VALID.replace("[rt-emploi]", "[rt-emploi"))
    (error,) = errors_of(path)
    assert error.startswith(f"{path}:")
    assert ": (syntax): invalid YAML" in error
    assert int(error.split(":")[1]) >= 6


def test_missing_file_is_an_invalid_file(tmp_path):
    path = tmp_path / "absent.yaml"
    (error,) = errors_of(path)
    assert error.startswith(f"{path}: (file): cannot read")
    with pytest.raises(InvalidFile):
        categories_from(path)


def test_cache_rereads_only_when_the_file_changes(tmp_path):
    path = write(tmp_path, VALID)
    first = categories_from(path)
    assert categories_from(path) is first
    stat = path.stat()
    # Same size, same modification time: the cached value is kept (the file is not read again).
    path.write_text(VALID.replace('version: "1"', 'version: "2"'), encoding="utf-8")
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns))
    assert categories_from(path) is first
    # A new modification time: the new content is read.
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000_000))
    second = categories_from(path)
    assert second is not first
    assert second.version == "2"
    assert categories_from(path) is second


def test_cache_does_not_keep_a_broken_file(tmp_path):
    path = write(tmp_path, VALID.replace("id: benevoles", "id: salaries"))
    with pytest.raises(InvalidFile):
        categories_from(path)
    path.write_text(VALID, encoding="utf-8")
    assert categories_from(path).ids() == ["salaries", "benevoles"]
