"""The stakeholder grid as a plotly figure: importance (x) × influence (y), split at 3.

Stakeholders at the same place are spread on a small circle around it, so every point and label
stays readable; each point carries its page's address for a click (the table next to the chart
has the same links for keyboards and screen readers).
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

import plotly.graph_objects as go
from flask_babel import gettext as _

from app.assessments.charts import ACCENT, FONT


@dataclass(frozen=True)
class Point:
    label: str
    importance: int
    influence: int
    url: str


def grid_labels() -> dict[str, str]:
    """The grid's axes and quadrants, in the user's language (pages and printed report)."""
    return {
        "x": _("Importance de l'organisation pour eux"),
        "y": _("Influence sur l'organisation"),
        "associate": _("Associer étroitement"),
        "satisfy": _("Satisfaire"),
        "inform": _("Informer et consulter"),
        "monitor": _("Suivre"),
    }


def spread(points: Sequence[Point], radius: float = 0.22) -> list[tuple[float, float]]:
    """Positions with the points of a same cell spread evenly on a circle around its centre."""
    groups: dict[tuple[int, int], list[int]] = defaultdict(list)
    for index, point in enumerate(points):
        groups[(point.importance, point.influence)].append(index)
    positions: list[tuple[float, float]] = [(0.0, 0.0)] * len(points)
    for (x, y), members in groups.items():
        count = len(members)
        for rank, index in enumerate(members):
            if count == 1:
                positions[index] = (float(x), float(y))
                continue
            angle = math.pi / 2 + 2 * math.pi * rank / count
            positions[index] = (x + radius * math.cos(angle), y + radius * math.sin(angle))
    return positions


def grid(points: Sequence[Point], labels: dict[str, str]) -> dict:
    """`labels`: x, y and the four quadrants (associate, satisfy, inform, monitor)."""
    positions = spread(points)
    figure = go.Figure()
    tints = [
        (3, 5.5, 3, 5.5, "rgba(31, 111, 74, 0.12)", labels["associate"], 5.45, 5.45, "right"),
        (0.5, 3, 3, 5.5, "rgba(179, 89, 0, 0.10)", labels["satisfy"], 0.55, 5.45, "left"),
        (3, 5.5, 0.5, 3, "rgba(31, 78, 121, 0.10)", labels["inform"], 5.45, 0.55, "right"),
        (0.5, 3, 0.5, 3, "rgba(0, 0, 0, 0.04)", labels["monitor"], 0.55, 0.55, "left"),
    ]
    for x0, x1, y0, y1, colour, text, tx, ty, align in tints:
        figure.add_shape(
            type="rect",
            x0=x0,
            x1=x1,
            y0=y0,
            y1=y1,
            fillcolor=colour,
            line={"width": 0},
            layer="below",
        )
        figure.add_annotation(
            x=tx,
            y=ty,
            text=f"<b>{text}</b>",
            showarrow=False,
            xanchor=align,
            yanchor="top" if ty > 3 else "bottom",
            font={"size": 12, "color": "#333333"},
        )
    figure.add_trace(
        go.Scatter(
            x=[x for x, _ in positions],
            y=[y for _, y in positions],
            mode="markers+text",
            text=[p.label if len(p.label) <= 24 else p.label[:23] + "…" for p in points],
            textposition="top center",
            customdata=[p.url for p in points],
            hovertext=[p.label for p in points],
            hovertemplate="%{hovertext}<extra></extra>",
            marker={"size": 14, "color": ACCENT, "line": {"width": 1, "color": "#ffffff"}},
            textfont={"size": 12},
        )
    )
    axis = {"range": [0.5, 5.5], "tickvals": [1, 2, 3, 4, 5], "zeroline": False, "fixedrange": True}
    figure.update_layout(
        xaxis={**axis, "title": {"text": labels["x"]}},
        yaxis={**axis, "title": {"text": labels["y"]}},
        shapes=[
            *figure.layout.shapes,
            {
                "type": "line",
                "x0": 3,
                "x1": 3,
                "y0": 0.5,
                "y1": 5.5,
                "line": {"color": "#666666", "dash": "dot"},
            },
            {
                "type": "line",
                "x0": 0.5,
                "x1": 5.5,
                "y0": 3,
                "y1": 3,
                "line": {"color": "#666666", "dash": "dot"},
            },
        ],
        showlegend=False,
        margin={"l": 60, "r": 20, "t": 20, "b": 60},
        font=FONT,
        height=520,
        plot_bgcolor="#ffffff",
    )
    return figure.to_plotly_json()
