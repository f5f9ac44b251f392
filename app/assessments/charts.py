"""Plotly figures of an assessment's results, prepared here and drawn by `static/js/charts.js`.

Templates receive the figures as plain data (never build them) and embed them with Jinja's `tojson`,
which escapes `<`, `>` and `&` so that no text can close the script element. Each chart has a table
with the same figures on the page, for screen readers and for print.
"""

from __future__ import annotations

import plotly.graph_objects as go

from app.i18n import translate
from app.questionnaires import Questionnaire, Theme
from app.questionnaires.schema import I18n
from app.scoring import AssessmentScore

ACCENT = "#1f6f4a"
ACCENT_FILL = "rgba(31, 111, 74, 0.25)"
FONT = {"family": "system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif", "size": 14}


def _themes_with_scores(
    questionnaire: Questionnaire, result: AssessmentScore
) -> list[tuple[str, float]]:
    return [
        (translate(_short(questionnaire.theme(t.id))), round(t.score, 1))
        for t in result.themes
        if t.score is not None
    ]


def _short(theme: Theme) -> I18n:
    return theme.short_title or theme.title


def _truncate(label: str, length: int) -> str:
    """Long titles shortened around a radar (the full titles are in the table next to it)."""
    return label if len(label) <= length else label[: length - 1].rsplit(" ", 1)[0] + "…"


def _wrap(label: str, width: int = 22) -> str:
    """Long theme titles on several lines, so that they fit around a radar on a phone."""
    words, lines, line = label.split(), [], ""
    for word in words:
        if line and len(line) + len(word) + 1 > width:
            lines.append(line)
            line = word
        else:
            line = f"{line} {word}".strip()
    lines.append(line)
    return "<br>".join(lines)


def radar(questionnaire: Questionnaire, result: AssessmentScore) -> dict | None:
    """Theme scores on a radar; None when fewer than 3 themes have a score (no shape to see)."""
    rows = _themes_with_scores(questionnaire, result)
    if len(rows) < 3:
        return None
    labels = [_wrap(_truncate(label, 48), 16) for label, _ in rows]
    values = [value for _, value in rows]
    figure = go.Figure(
        go.Scatterpolar(
            r=[*values, values[0]],
            theta=[*labels, labels[0]],
            fill="toself",
            fillcolor=ACCENT_FILL,
            line={"color": ACCENT, "width": 2},
            hovertemplate="%{theta}: %{r:.0f}/100<extra></extra>",
        )
    )
    figure.update_layout(
        polar={
            # first theme at the top, clockwise; the radial scale between the first two themes
            "angularaxis": {"rotation": 90, "direction": "clockwise"},
            "radialaxis": {
                "range": [0, 100],
                "tickvals": [0, 25, 50, 75, 100],
                "angle": 90 - 180 / len(rows),
                "tickfont": {"size": 11},
            },
        },
        showlegend=False,
        margin={"l": 100, "r": 100, "t": 50, "b": 50},
        font=FONT,
        height=460,
    )
    return figure.to_plotly_json()


def ranked_bars(
    questionnaire: Questionnaire, result: AssessmentScore, axis_title: str
) -> dict | None:
    """Theme scores as horizontal bars, best at the top."""
    rows = sorted(_themes_with_scores(questionnaire, result), key=lambda row: row[1])
    if not rows:
        return None
    figure = go.Figure(
        go.Bar(
            x=[value for _, value in rows],
            y=[_wrap(label, 30) for label, _ in rows],
            orientation="h",
            marker={"color": ACCENT},
            text=[f"{value:.0f}" for _, value in rows],
            textposition="outside",
            hovertemplate="%{y}: %{x:.0f}/100<extra></extra>",
        )
    )
    figure.update_layout(
        xaxis={"range": [0, 105], "title": {"text": axis_title}},
        margin={"l": 10, "r": 20, "t": 10, "b": 50},
        font=FONT,
        height=90 + 48 * len(rows),
    )
    figure.update_yaxes(automargin=True)
    return figure.to_plotly_json()
