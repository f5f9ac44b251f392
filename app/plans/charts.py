"""Plotly figure of the comparison page: theme scores cycle after cycle."""

from __future__ import annotations

import plotly.graph_objects as go

from app.assessments.charts import ACCENT, FONT
from app.i18n import translate
from app.services.cycles import Comparison

#: One colour per cycle, oldest lightest, all AA against white for the bar labels.
PALETTE = ("#8a6d3b", "#1f4e79", ACCENT, "#6a1b9a", "#b35900")


def cycles_bars(comparison: Comparison, axis_title: str) -> dict | None:
    current = comparison.cycles[-1].context.questionnaire
    titles = [translate(t.short_title or t.title) for t in current.themes]
    figure = go.Figure()
    for index, cycle in enumerate(comparison.cycles):
        scores = {t.id: t.score for t in cycle.result.themes}
        values = [scores.get(t.id) for t in current.themes]
        if all(v is None for v in values):
            continue
        figure.add_trace(
            go.Bar(
                name=str(cycle.context.assessment.year),
                y=titles,
                x=values,
                orientation="h",
                marker={"color": PALETTE[index % len(PALETTE)]},
                hovertemplate="%{y}: %{x:.0f}/100<extra>%{fullData.name}</extra>",
            )
        )
    if not figure.data:
        return None
    figure.update_layout(
        barmode="group",
        xaxis={"range": [0, 100], "title": {"text": axis_title}},
        yaxis={"autorange": "reversed"},
        legend={"orientation": "h", "y": -0.15},
        margin={"l": 10, "r": 20, "t": 10, "b": 80},
        font=FONT,
        height=140 + 34 * len(titles) * max(1, len(figure.data)),
    )
    figure.update_yaxes(automargin=True)
    return figure.to_plotly_json()
