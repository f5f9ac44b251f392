"""The synthesis of a live workshop: page, PDF, CSV and XLSX show the projector's own figures."""

from __future__ import annotations

import csv
import io

import pytest
from openpyxl import load_workbook
from pypdf import PdfReader

from app.extensions import db
from app.models import Workshop
from app.models._base import utcnow
from tests.web.workshop_room import live, move

HOSTILE = "<img src=x onerror=alert(1)>"
FORMULA = '=HYPERLINK("https://evil.example","Voir")'
PSEUDONYMS = ["Alice", HOSTILE, "Bruno", FORMULA]
FULL = "x-gouv-ag"  # answered by the four participants
FEW = "x-gouv-entre-ag"  # answered by two: below the threshold
ANSWERS = {FULL: [4, 2, 3, 4], FEW: [1, 3, None, None]}
PLACEMENTS = {"salaries": [(5, 4), (3, 4), (4, 1), (2, 2)], "usagers": [(1, 1), (5, 5)]}
VOTES = [
    {"gouvernance": 2, "emploi": 1},
    {"gouvernance": 3},
    {"emploi": 1, "territoire": 2},
    {"gouvernance": 1},
]


@pytest.fixture
def room(facilitator, workshop, phone) -> dict:
    """Four participants who answered, mapped and voted, through the phones' API."""
    code = workshop["code"]
    phones = [phone(code, pseudonym) for pseudonym in PSEUDONYMS]
    move(facilitator, workshop, "diagnosis")
    for question, values in ANSWERS.items():
        for participant, value in zip(phones, values, strict=True):
            if value is not None:
                url = f"/api/v1/workshops/{code}/answers/{question}"
                assert participant.put(url, json={"value": value}).status_code == 200
    move(facilitator, workshop, "map")
    for category, points in PLACEMENTS.items():
        for participant, (influence, importance) in zip(phones, points, strict=False):
            url = f"/api/v1/workshops/{code}/map/{category}"
            body = {"influence": influence, "importance": importance}
            assert participant.put(url, json=body).status_code == 200
    move(facilitator, workshop, "vote")
    for participant, votes in zip(phones, VOTES, strict=True):
        assert participant.put(f"/api/v1/workshops/{code}/votes", json=votes).status_code == 200
    return workshop


def questionnaire(workshop: dict):
    return db.session.get(Workshop, workshop["id"]).questionnaire_version.questionnaire


def csv_sections(data: bytes) -> dict[str, list[list[str]]]:
    """The CSV's sections by title, each with its rows after the header row."""
    assert data.startswith(b"\xef\xbb\xbf")  # the byte order mark Excel needs
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline=""), delimiter=";"))
    sections: dict[str, list[list[str]]] = {}
    block: list[list[str]] = []
    for row in [*rows, []]:
        if row:
            block.append(row)
            continue
        if block:
            body = block[1:]
            while body and len(body[0]) == 1 and len(body) > 1 and len(body[1]) > 1:
                body = body[1:]  # the section's note
            sections[block[0][0]] = body[1:]
        block = []
    return sections


def xlsx_sections(data: bytes) -> dict[str, list[list[object]]]:
    book = load_workbook(io.BytesIO(data))
    sections = {}
    for sheet in book.worksheets:
        start = 4 if sheet["A2"].font.italic else 3
        sections[sheet["A1"].value] = [
            [c.value for c in row] for row in sheet.iter_rows(min_row=start)
        ]
    return sections


def pdf_text(data: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)


def french(value: float) -> str:
    return f"{round(value, 1):.1f}".replace(".", ",")


def test_the_csv_figures_are_the_projectors(facilitator, room):
    figures = live(facilitator, room)
    response = facilitator.get(f"/workshops/{room['id']}/synthesis.csv")
    assert response.status_code == 200
    assert response.mimetype == "text/csv"
    disposition = response.headers["Content-Disposition"]
    assert disposition.startswith('attachment; filename="synthese-atelier-atelier-cress-bretagne-')
    assert disposition.endswith('.csv"')
    sections = csv_sections(response.data)
    q = questionnaire(room)

    themes = {row[0]: row for row in sections["Moyenne de la salle par thème"]}
    for theme in figures["themes"]:
        row = themes[q.theme(theme["id"]).title.fr]
        shown = "" if theme["average"] is None else french(theme["average"])
        assert row[1:] == [shown, str(theme["count"])]
    assert any(t["average"] is not None for t in figures["themes"])

    answers = sections["Réponses par question"]
    for question in figures["questions"]:
        rows = [r for r in answers if r[1] == q.question(question["id"]).text.fr]
        assert {r[2] for r in rows} == {str(question["count"])}
        if question["distribution"] is None:
            assert [r[3:] for r in rows] == [["", ""]]
        else:
            assert [int(r[4]) for r in rows] == list(question["distribution"].values())
            assert [r[3].split(" ·")[0] for r in rows] == list(question["distribution"])
    few = next(f for f in figures["questions"] if f["id"] == FEW)
    assert few == {**few, "count": 2, "distribution": None}  # the threshold holds

    ranking = sections["Vote des priorités"]
    assert [(r[1], r[2]) for r in ranking] == [
        (q.theme(v["theme"]).title.fr, str(v["votes"])) for v in figures["votes"]
    ]
    assert [r[0] for r in ranking[:4]] == ["1", "2", "2", "4"]  # ties share their rank
    assert [r[2] for r in ranking[:4]] == ["6", "2", "2", "0"]

    salaries = next(m for m in figures["map"] if m["category"] == "salaries")
    row = sections["Carte collective des parties prenantes"][0]
    assert row[1:4] == ["4", french(salaries["influence"]), french(salaries["importance"])]
    assert sections["Carte collective des parties prenantes"][1][1:] == ["2", "", "", "", ""]
    assert sections["Participation"] == [
        ["ont rejoint", "4"],
        ["répondent", str(figures["answering"])],
        ["ont terminé", str(figures["finished"])],
        ["ont voté", "4"],
    ]
    names = [r[0] for r in sections["Participants"]]
    assert names == ["Alice", HOSTILE, "Bruno", "'" + FORMULA]  # plain text, never a formula


def test_the_xlsx_figures_are_the_projectors(facilitator, room):
    figures = live(facilitator, room)
    response = facilitator.get(f"/workshops/{room['id']}/synthesis.xlsx")
    assert response.status_code == 200
    assert response.headers["Content-Disposition"].endswith('.xlsx"')
    sections = xlsx_sections(response.data)
    q = questionnaire(room)
    themes = {row[0]: row for row in sections["Moyenne de la salle par thème"]}
    for theme in figures["themes"]:
        expected = None if theme["average"] is None else round(theme["average"], 1)
        assert themes[q.theme(theme["id"]).title.fr][1:] == [expected, theme["count"]]
    answers = sections["Réponses par question"]
    for question in figures["questions"]:
        rows = [r for r in answers if r[1] == q.question(question["id"]).text.fr]
        if question["distribution"] is None:
            assert [r[2:] for r in rows] == [[question["count"], None, None]]
        else:
            assert [r[4] for r in rows] == list(question["distribution"].values())
    assert [(r[1], r[2]) for r in sections["Vote des priorités"]] == [
        (q.theme(v["theme"]).title.fr, v["votes"]) for v in figures["votes"]
    ]
    book = load_workbook(io.BytesIO(response.data))
    cells = [row[0] for row in book["Participants"].iter_rows(min_row=3)]
    assert [c.value for c in cells] == PSEUDONYMS
    assert {c.data_type for c in cells} == {"s"}  # strings, never formulas


def test_the_pdf_figures_are_the_projectors(facilitator, room):
    figures = live(facilitator, room)
    response = facilitator.get(f"/workshops/{room['id']}/synthesis.pdf")
    assert response.status_code == 200
    assert response.mimetype == "application/pdf"
    assert response.headers["Content-Disposition"].endswith('.pdf"')
    text = " ".join(pdf_text(response.data).split())  # table cells wrap: whitespace varies
    q = questionnaire(room)
    gouvernance = next(t for t in figures["themes"] if t["id"] == "gouvernance")
    title = q.theme("gouvernance").title.fr
    assert f"{title} {french(gouvernance['average'])} 4" in text
    full = next(f for f in figures["questions"] if f["id"] == FULL)
    levels = q.question(FULL).levels
    for key, count in full["distribution"].items():
        assert f"{key} · {levels[int(key)].label.fr} : {count}" in text
    assert f"{q.question(FEW).text.fr} 2 —" in text  # below the threshold: no distribution
    for rank, vote in enumerate(figures["votes"][:2], start=1):
        assert f"{rank} {q.theme(vote['theme']).title.fr} {vote['votes']}" in text
    assert HOSTILE in text  # shown as text, never run
    assert FORMULA in text.replace("// ", "//")  # a long pseudonym may wrap in its column
    assert "Moyenne de la salle par thème" in text


def test_the_english_pdf_has_english_headings(facilitator, room):
    response = facilitator.get(f"/workshops/{room['id']}/synthesis.pdf?lang=en")
    assert response.status_code == 200
    text = pdf_text(response.data)
    for heading in ("Room average per theme", "Answers per question", "Priority vote"):
        assert heading in text
    assert "Governance" in text
    assert "Moyenne de la salle par thème" not in text
    assert facilitator.get(f"/workshops/{room['id']}/synthesis.pdf?lang=de").status_code == 404


def test_the_page_escapes_pseudonyms_and_links_the_downloads(facilitator, room):
    response = facilitator.get(f"/workshops/{room['id']}/synthesis")
    assert response.status_code == 200
    page = response.get_data(as_text=True)
    assert HOSTILE not in page
    assert "&lt;img src=x onerror=alert(1)&gt;" in page
    assert "<h1>" in page
    for url in ("synthesis.pdf", "synthesis.csv", "synthesis.xlsx"):
        assert f"/workshops/{room['id']}/{url}" in page
    assert f'href="/workshops/{room["id"]}"' in page  # back to the control room
    assert page.count('src="data:image/svg+xml;base64,') == 3  # radar, map, votes
    assert "3 participants" in page
    few = page.split(f'data-question="{FEW}"')[1].split("</tr>")[0]
    assert "—" in few
    assert "<li>" not in few


def test_another_user_gets_404_on_every_synthesis_url(room, other_client, make_user):
    other_client.login(make_user())
    base = f"/workshops/{room['id']}/synthesis"
    for url in (base, f"{base}.pdf", f"{base}.csv", f"{base}.xlsx"):
        assert other_client.get(url).status_code == 404


def test_after_the_purge_no_pseudonym_remains(facilitator, room):
    move(facilitator, room, "closed")
    frozen = live(facilitator, room)
    workshop = db.session.get(Workshop, room["id"])
    workshop.purged_at = utcnow()
    db.session.commit()
    page = facilitator.get(f"/workshops/{room['id']}/synthesis").get_data(as_text=True)
    assert "Alice" not in page
    assert "Bruno" not in page
    sections = csv_sections(facilitator.get(f"/workshops/{room['id']}/synthesis.csv").data)
    assert "Participants" not in sections
    assert sections["Vote des priorités"][0][::2] == ["1", "6"]
    assert frozen["votes"][0] == {"theme": "gouvernance", "votes": 6}


def test_an_empty_workshop_has_a_synthesis_in_every_format(facilitator, workshop):
    base = f"/workshops/{workshop['id']}/synthesis"
    page = facilitator.get(base)
    assert page.status_code == 200
    assert "Personne n'a encore rejoint l'atelier." in page.get_data(as_text=True)
    for url in (f"{base}.pdf", f"{base}.csv", f"{base}.xlsx"):
        assert facilitator.get(url).status_code == 200
    sections = csv_sections(facilitator.get(f"{base}.csv").data)
    assert {row[2] for row in sections["Vote des priorités"]} == {""}
