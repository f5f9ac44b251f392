"""Downloads of the action plan: CSV, XLSX, and an iCalendar file of its due dates.

The files are built by `app/actions/exports.py` (plain Python) from rows translated here.
"""

from __future__ import annotations

from datetime import date

from flask import Response, request
from flask_babel import gettext as _
from flask_login import current_user, login_required

from app.actions.exports import ExportRow, export_filename, to_csv, to_ical, to_xlsx
from app.i18n import current_language, translate
from app.labels import ACTION_STATUS_LABELS
from app.models import Action
from app.services import actions
from app.services.assessments import AssessmentContext

from . import bp

MEDIA_TYPES = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "ics": "text/calendar; charset=utf-8",
}


def headers() -> dict[str, str]:
    return {
        "rank": _("Priorité"),
        "title": _("Action"),
        "description": _("Description"),
        "theme": _("Thème"),
        "question": _("Question"),
        "owner": _("Qui la porte"),
        "due": _("Échéance"),
        "status": _("État"),
        "indicator": _("Indicateur"),
        "target": _("Cible"),
        "overdue": _("En retard"),
    }


def rows(context: AssessmentContext, items: list[Action], today: date) -> list[ExportRow]:
    questionnaire = context.questionnaire
    result = []
    for action in items:
        theme = questionnaire.theme(action.theme_id or "")
        question = questionnaire.question(action.question_id or "")
        result.append(
            ExportRow(
                key=str(action.id),
                rank=action.position,
                title=action.title,
                description=action.description,
                theme=translate(theme.title) if theme else "",
                question=translate(question.text) if question else "",
                owner=action.owner,
                due=action.due_date,
                status=str(ACTION_STATUS_LABELS[action.status]),
                indicator=action.indicator,
                target=action.target,
                overdue=action.is_overdue(today),
                state="open" if action.status in ("todo", "in_progress") else action.status,
            )
        )
    return result


@bp.route("/assessments/<int:assessment_id>/plan.<any(csv, xlsx, ics):kind>")
@login_required
def export(assessment_id: int, kind: str) -> Response:
    context, items = actions.list_for(current_user, assessment_id)
    today = date.today()
    organisation = context.organisation.name
    title = _(
        "Plan d'actions — %(name)s — %(label)s", name=organisation, label=context.assessment.label
    )
    data = rows(context, items, today)
    if kind == "csv":
        body = to_csv(data, headers())
    elif kind == "xlsx":
        body = to_xlsx(data, headers(), sheet_title=_("Plan d'actions"), title=title)
    else:
        body = to_ical(
            data,
            title,
            organisation,
            uid_domain=request.host.split(":")[0],
            headers=headers(),
            separator=" : " if current_language() == "fr" else ": ",
        )
    name = export_filename(organisation, _("plan-d-actions"), today, kind)
    return Response(
        body,
        mimetype=MEDIA_TYPES[kind],
        headers={"Content-Disposition": f'attachment; filename="{name}"'},
    )
