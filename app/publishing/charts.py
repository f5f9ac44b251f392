"""The report's charts as SVG, with their texts in the report's language."""

from __future__ import annotations

from flask_babel import gettext as _

from app.engagement.charts import grid_labels
from app.i18n import current_language, translate
from app.reports.svgbase import GridPoint, Series
from app.reports.svgcharts import bars, radar, stakeholder_grid, to_data_uri
from app.services.reports import ReportData


def report_charts(data: ReportData) -> dict[str, str]:
    """Data URIs of the radar (or bars), the comparison bars and the stakeholder grid."""
    lang = current_language()
    context = data.found.context
    questionnaire = context.questionnaire
    chosen = [t for t in questionnaire.themes if t.id in context.assessment.themes]
    labels = [translate(t.short_title or t.title) for t in chosen]
    cycles = data.comparison.cycles
    series = []
    for cycle in cycles[-3:]:
        scores = {t.id: t.score for t in cycle.result.themes}
        series.append(
            Series(
                str(cycle.context.assessment.year),
                [scores.get(t.id) for t in chosen],
                dashed=cycle is not cycles[-1],
            )
        )
    objectives = data.comparison.objectives
    charts = {
        "radar": radar(labels, series[-1:], _("Scores par thème"), lang=lang),
        "bars": bars(
            labels,
            series,
            _("Scores par thème, cycle après cycle"),
            targets=[objectives.get(t.id, (None, None))[0] for t in chosen],
            target_label=_("Objectif à 1 an"),
            lang=lang,
        ),
    }
    if data.found.stakeholders:
        labels = grid_labels()
        charts["grid"] = stakeholder_grid(
            [GridPoint(s.name, s.importance, s.influence) for s in data.found.stakeholders],
            _("Carte des parties prenantes"),
            labels["x"],
            labels["y"],
            (labels["associate"], labels["satisfy"], labels["inform"], labels["monitor"]),
            lang=lang,
        )
    return {name: to_data_uri(svg) for name, svg in charts.items()}
