"""Action plans: what an organisation decides to do after its self-assessment.

The exports (CSV, XLSX, iCalendar, file names) are plain Python with no Flask import, so they are
tested without an app and the views only translate labels and send bytes.
"""

from .exports import (
    COLUMNS,
    ActionState,
    ExportRow,
    export_filename,
    neutralise_formula,
    to_csv,
    to_ical,
    to_xlsx,
)

__all__ = [
    "COLUMNS",
    "ActionState",
    "ExportRow",
    "export_filename",
    "neutralise_formula",
    "to_csv",
    "to_ical",
    "to_xlsx",
]
