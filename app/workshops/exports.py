"""Exports of a workshop's synthesis: one CSV with a section after another, one XLSX sheet each.

Plain Python with no Flask import: the caller passes :class:`Sheet` objects whose title, note,
headers and text cells are already translated, and numbers already rounded as they are displayed.
Pseudonyms are typed by anonymous people in the room, so every text cell is untrusted here: the
house rules of the action-plan exports apply (`app/actions/exports.py`, whose helpers are reused):
in the CSV a text that a spreadsheet would read as a formula gets an apostrophe in front, in the
XLSX it is stored as a string cell, never a formula. Nothing else is altered: HTML such as
``<img src=x>`` stays verbatim, a spreadsheet is not a web page.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from dataclasses import dataclass

from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Alignment, Border, Font, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from app.actions.exports import (
    MAX_WIDTH,
    MIN_WIDTH,
    display_width,
    neutralise_formula,
    safe_sheet_title,
    set_text,
)

Value = str | int | float | None
"""A cell: a text, a number (already rounded for display), or None for "no figure" (empty)."""


@dataclass(frozen=True)
class Sheet:
    """One section of the synthesis: a CSV block, an XLSX sheet.

    ``note`` is an optional line under the title (e.g. why some cells are empty); every row has
    as many cells as there are headers.
    """

    title: str
    headers: Sequence[str]
    rows: Sequence[Sequence[Value]]
    note: str = ""

    def __post_init__(self) -> None:
        if not self.headers:
            raise ValueError(f"section {self.title!r} has no headers")
        for row in self.rows:
            if len(row) != len(self.headers):
                raise ValueError(
                    f"section {self.title!r}: a row of {len(row)} cells "
                    f"for {len(self.headers)} headers"
                )


def _csv_cell(value: Value, decimal: str) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):  # a bool is an int to Python, never a figure here
        raise TypeError("booleans have no place in the synthesis; pass a translated text")
    if isinstance(value, float):
        return repr(value).replace(".", decimal)
    if isinstance(value, int):
        return str(value)
    return neutralise_formula(value)


def synthesis_csv(sheets: Sequence[Sheet], title: str = "", decimal: str = ",") -> str:
    """Every section in one CSV: its title on a row, its note if any, headers, rows, then a
    blank line before the next one.

    ``;`` as separator and CRLF line ends, as in the action plan's CSV that French Excel opens
    right; ``decimal`` is the decimal separator of the reader's language ("," in French). The
    caller encodes the text (UTF-8 with a byte order mark, for Excel). An optional document
    ``title`` comes first, followed by a blank line.
    """
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n", quoting=csv.QUOTE_MINIMAL)
    if title:
        writer.writerow([neutralise_formula(title)])
        writer.writerow([])
    for index, sheet in enumerate(sheets):
        if index:
            writer.writerow([])
        writer.writerow([neutralise_formula(sheet.title)])
        if sheet.note:
            writer.writerow([neutralise_formula(sheet.note)])
        writer.writerow([neutralise_formula(header) for header in sheet.headers])
        for row in sheet.rows:
            writer.writerow([_csv_cell(value, decimal) for value in row])
    return buffer.getvalue()


def _unique_title(title: str, taken: set[str]) -> str:
    """A valid sheet name not yet used in the workbook (Excel compares them case-blind)."""
    base = safe_sheet_title(title)
    candidate, n = base, 1
    while candidate.lower() in taken:
        n += 1
        suffix = f" ({n})"
        candidate = base[: 31 - len(suffix)].rstrip() + suffix
    taken.add(candidate.lower())
    return candidate


def _fill(worksheet: Worksheet, sheet: Sheet) -> None:
    """Title, note, bold header row (frozen, filtered, repeated on print), rows, column widths."""
    title_cell = worksheet.cell(row=1, column=1)
    set_text(title_cell, sheet.title)
    title_cell.font = Font(bold=True, size=14)
    header_row = 2
    if sheet.note:
        note_cell = worksheet.cell(row=2, column=1)
        set_text(note_cell, sheet.note)
        note_cell.font = Font(italic=True)
        header_row = 3

    widths = [len(header) for header in sheet.headers]
    bottom = Border(bottom=Side(style="thin"))
    top_wrap = Alignment(vertical="top", wrap_text=True)
    for index, header in enumerate(sheet.headers, start=1):
        cell = worksheet.cell(row=header_row, column=index)
        set_text(cell, header)
        cell.font = Font(bold=True)
        cell.border = bottom
        cell.alignment = top_wrap

    row_number = header_row
    for row in sheet.rows:
        row_number += 1
        for index, value in enumerate(row, start=1):
            cell = worksheet.cell(row=row_number, column=index)
            if isinstance(value, bool):
                raise TypeError("booleans have no place in the synthesis; pass a translated text")
            if isinstance(value, int | float):
                cell.value = value
                if isinstance(value, float):
                    cell.number_format = "0.0"
            elif value is not None:
                set_text(cell, value)
            cell.alignment = top_wrap
            widths[index - 1] = max(widths[index - 1], display_width(value))

    for index, width in enumerate(widths, start=1):
        letter = get_column_letter(index)
        worksheet.column_dimensions[letter].width = min(max(width, MIN_WIDTH), MAX_WIDTH) + 2
    last_column = get_column_letter(len(sheet.headers))
    worksheet.auto_filter.ref = f"A{header_row}:{last_column}{row_number}"
    worksheet.freeze_panes = f"A{header_row + 1}"
    worksheet.print_title_rows = f"{header_row}:{header_row}"
    worksheet.page_setup.fitToWidth = 1
    worksheet.page_setup.fitToHeight = 0
    worksheet.sheet_properties.pageSetUpPr.fitToPage = True


def synthesis_xlsx(sheets: Sequence[Sheet], title: str = "") -> bytes:
    """One worksheet per section, in order, laid out like the action plan's workbook.

    Numbers are real numbers (floats shown with one decimal, as on screen), so the room's figures
    can be sorted and charted; text cells follow the action plan's rule: strings, never formulas.
    """
    workbook = Workbook()
    workbook.remove(workbook.active)
    workbook.properties.title = ILLEGAL_CHARACTERS_RE.sub("", title)
    workbook.properties.creator = "Écotone"
    taken: set[str] = set()
    for sheet in sheets:
        _fill(workbook.create_sheet(_unique_title(sheet.title, taken)), sheet)
    if not sheets:
        workbook.create_sheet("-")
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
