"""Synthesis of a workshop, for its facilitator: the page, and its PDF, CSV and XLSX downloads.

Every format shows the projector's own figures (`services.workshop_synthesis`), so a download
taken during the workshop or after it matches what the room saw. The charts are the report's
SVG charts (`app/reports/svgcharts.py`), drawn on the server, each followed by a table giving the
same figures. `?lang=fr|en` chooses the language of a download (the page's by default).
"""

from __future__ import annotations

import math
from collections.abc import Callable
from contextlib import AbstractContextManager, nullcontext

from flask import Response, abort, render_template, request
from flask.typing import ResponseReturnValue
from flask_babel import force_locale
from flask_babel import gettext as _
from flask_login import current_user, login_required

from app.actions.exports import export_filename
from app.engagement.charts import grid_labels
from app.i18n import current_language
from app.reports.svgbase import GridPoint, Series
from app.reports.svgcharts import bars, radar, stakeholder_grid, to_data_uri
from app.services import reports
from app.services.workshop_synthesis import Synthesis, gather, rounded, sheets, threshold_note
from app.workshops import exports

from . import bp

MEDIA_TYPES = {
    "pdf": "application/pdf",
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


def synthesis_charts(synthesis: Synthesis) -> dict[str, str]:
    """Data URIs of the theme radar, the collective map and the vote bars, when they have data."""
    lang = current_language()
    charts: dict[str, str] = {}
    averages = [t.average for t in synthesis.themes]
    if any(a is not None for a in averages):
        charts["radar"] = radar(
            [t.short_title for t in synthesis.themes],
            [Series(_("Moyenne de la salle"), averages)],
            _("Moyenne de la salle par thème"),
            lang=lang,
        )
    placed = [m for m in synthesis.map if m.influence is not None and m.importance is not None]
    if placed:
        labels = grid_labels()
        charts["grid"] = stakeholder_grid(
            [
                GridPoint(f"{m.label} ({m.count})", rounded(m.importance), rounded(m.influence))
                for m in placed
            ],
            _("Carte collective des parties prenantes"),
            labels["x"],
            labels["y"],
            (labels["associate"], labels["satisfy"], labels["inform"], labels["monitor"]),
            lang=lang,
        )
    voted = [v for v in synthesis.votes if v.votes is not None]
    if voted:
        top = max(v.votes or 0 for v in voted)
        charts["votes"] = bars(
            [v.title for v in voted],
            [Series(_("Votes"), [v.votes for v in voted])],
            _("Vote des priorités"),
            max_value=max(4, 4 * math.ceil(top / 4)),  # whole numbers on the scale
            lang=lang,
        )
    return {name: to_data_uri(svg) for name, svg in charts.items()}


def _language() -> AbstractContextManager[object]:
    """The language asked with `?lang=fr|en`, else the page's; any other value is a 404."""
    lang = request.args.get("lang")
    if lang is not None and lang not in ("fr", "en"):
        abort(404)
    return force_locale(lang) if lang else nullcontext()


def _render(synthesis: Synthesis, for_pdf: bool) -> str:
    """The page, or the PDF's HTML: the same template in another frame."""
    return render_template(
        "facilitation/synthesis.html",
        syn=synthesis,
        charts=synthesis_charts(synthesis),
        note=threshold_note(),
        for_pdf=for_pdf,
    )


def _download(workshop_id: int, kind: str, build: Callable[[Synthesis], bytes]) -> Response:
    with _language():
        synthesis = gather(current_user, workshop_id)
        body = build(synthesis)
        workshop = synthesis.workshop
        name = export_filename(
            workshop.title, _("synthese-atelier"), workshop.held_on or synthesis.today, kind
        )
    return Response(
        body,
        mimetype=MEDIA_TYPES[kind],
        headers={"Content-Disposition": f'attachment; filename="{name}"'},
    )


def _title(synthesis: Synthesis) -> str:
    return _("Synthèse") + " — " + synthesis.workshop.title


@bp.route("/workshops/<int:workshop_id>/synthesis")
@login_required
def synthesis(workshop_id: int) -> ResponseReturnValue:
    return _render(gather(current_user, workshop_id), for_pdf=False)


@bp.route("/workshops/<int:workshop_id>/synthesis.pdf")
@login_required
def synthesis_pdf(workshop_id: int) -> ResponseReturnValue:
    return _download(
        workshop_id, "pdf", lambda found: reports.render_pdf(_render(found, for_pdf=True))
    )


@bp.route("/workshops/<int:workshop_id>/synthesis.csv")
@login_required
def synthesis_csv(workshop_id: int) -> ResponseReturnValue:
    def build(found: Synthesis) -> bytes:
        decimal = "," if current_language() == "fr" else "."
        text = exports.synthesis_csv(sheets(found), title=_title(found), decimal=decimal)
        return text.encode("utf-8-sig")  # the byte order mark makes Excel read UTF-8

    return _download(workshop_id, "csv", build)


@bp.route("/workshops/<int:workshop_id>/synthesis.xlsx")
@login_required
def synthesis_xlsx(workshop_id: int) -> ResponseReturnValue:
    return _download(
        workshop_id,
        "xlsx",
        lambda found: exports.synthesis_xlsx(sheets(found), title=_title(found)),
    )
