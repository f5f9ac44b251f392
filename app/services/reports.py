"""The yearly general-assembly report: everything the law asks an organisation to present.

One set of figures feeds the print page and the PDF (WeasyPrint): the profile, the method, the
scores, the stakeholder map, the ranked areas, the plan and the progress since last cycle. The
charts are drawn as SVG by `app/reports/svgcharts.py` (no browser is started), which keeps a full
Guide + ISO 26000 report well under two seconds.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from app.models import Action, User

from . import actions, cycles, priorities
from .assessments import get
from .cycles import Comparison
from .priorities import Priorities


@dataclass
class ReportData:
    found: Priorities
    actions: list[Action]
    comparison: Comparison
    today: date


def gather(user: User, assessment_id: int) -> ReportData:
    """Every figure of the report, for a member of the organisation."""
    context = get(user, assessment_id)
    found = priorities.of_context(context)
    plan = actions.plan_of(context)
    return ReportData(found, plan, cycles.history_of(user, context), date.today())


def render_pdf(html: str) -> bytes:
    """The print page as a PDF. Everything it needs is inline: nothing is fetched over HTTP."""
    from weasyprint import HTML

    return HTML(string=html, base_url=None).write_pdf()
