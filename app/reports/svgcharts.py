"""Charts of the general-assembly report, drawn directly as SVG for WeasyPrint.

The web pages use plotly.js; exporting those figures for print would mean starting a headless
browser (kaleido), far too slow for a PDF that must come out in well under 2 seconds. These pure
functions return a complete SVG document as a string, to inline or to pass through `to_data_uri`.
Labels arrive already translated; only the generated description (`<desc>`, for screen readers
and for the PDF's text layer) is worded here, in French unless `lang="en"`.
"""

from __future__ import annotations

import base64
import math
from collections.abc import Sequence

from .svgbase import (
    AXIS,
    DASH,
    GRID,
    MUTED,
    PALETTE,
    TEXT,
    Box,
    GridPoint,
    Series,
    check_series,
    document,
    fmt_scale,
    fmt_value,
    fraction,
    legend,
    line,
    num,
    phrases,
    place_beside,
    spread_offsets,
    text,
    text_width,
    title_block,
    wrap,
    wrap_fit,
)

__all__ = ["GridPoint", "Series", "bars", "radar", "stakeholder_grid", "to_data_uri"]

RADAR_WIDTH, RADAR_RADIUS, RADAR_LABEL_GAP = 660.0, 150.0, 14.0
BARS_WIDTH, BARS_X0, BARS_PLOT, BAR_HEIGHT, BAR_GAP, ROW_PAD = 620.0, 200.0, 360.0, 14.0, 3.0, 14.0
CELL, BAND, GRID_X0, DOT_R, DOT_GAP, LIST_WIDTH = 88.0, 30.0, 72.0, 9.0, 21.0, 270.0
# Light tints, in the order of quadrant_labels: top right, top left, bottom right, bottom left.
QUADRANT_TINTS = ("#e3ecf5", "#fdf0e1", "#e8f3e8", "#f1f1f1")


def radar(
    axes: Sequence[str],
    series: Sequence[Series],
    title: str,
    max_value: float = 100,
    *,
    lang: str = "fr",
    show_title: bool = True,
) -> str:
    """A spider chart of scores per theme, one closed polygon per series.

    A polygon needs three axes; with fewer the same figures are drawn as bars. A missing value is
    drawn at 0 with a hollow vertex (and said so in the description) so it is never read as a real
    0.
    """
    if len(axes) < 3:
        return bars(axes, series, title, max_value, lang=lang, show_title=show_title)
    check_series(len(axes), series, max_value)
    words = phrases(lang)
    body, top = title_block(title, RADAR_WIDTH, show_title)
    cx, cy, radius = RADAR_WIDTH / 2, top + 44 + RADAR_RADIUS, RADAR_RADIUS
    angles = [-math.pi / 2 + 2 * math.pi * i / len(axes) for i in range(len(axes))]

    def at(angle: float, fraction: float) -> tuple[float, float]:
        return cx + radius * fraction * math.cos(angle), cy + radius * fraction * math.sin(angle)

    for ring in (1, 2, 3, 4):
        ring_points = " ".join(f"{num(x)},{num(y)}" for x, y in (at(a, ring / 4) for a in angles))
        stroke = AXIS if ring == 4 else GRID
        body.append(f'<polygon points="{ring_points}" fill="none" stroke="{stroke}"/>')
    for angle in angles:
        x, y = at(angle, 1)
        body.append(line(cx, cy, x, y, GRID))
    for angle, label in zip(angles, axes, strict=True):
        dx, dy = math.cos(angle), math.sin(angle)
        anchor = "middle" if abs(dx) < 0.25 else ("start" if dx > 0 else "end")
        valign = "bottom" if dy < -0.6 else ("top" if dy > 0.6 else "middle")
        x, y = at(angle, 1 + RADAR_LABEL_GAP / radius)
        body.append(
            text(
                x, y, wrap_fit(label, (18, 22, 26)), anchor=anchor, valign=valign, cls="axis-label"
            )
        )

    missing = False
    for j, s in enumerate(series):
        colour = PALETTE[j % len(PALETTE)]
        vertices = [at(a, fraction(v, max_value)) for a, v in zip(angles, s.values, strict=True)]
        dash = f' stroke-dasharray="{DASH}"' if s.dashed else ""
        body.append(
            f'<polygon class="series" data-series="{j}" '
            f'points="{" ".join(f"{num(x)},{num(y)}" for x, y in vertices)}" fill="{colour}" '
            f'fill-opacity="0.12" stroke="{colour}" stroke-width="2.5" '
            f'stroke-linejoin="round"{dash}/>'
        )
        for (x, y), value in zip(vertices, s.values, strict=True):
            if value is None:
                missing = True
                body.append(
                    f'<circle class="missing" cx="{num(x)}" cy="{num(y)}" r="4.5" fill="#ffffff" '
                    f'stroke="{colour}" stroke-width="1.75"/>'
                )
            else:
                body.append(f'<circle cx="{num(x)}" cy="{num(y)}" r="3.5" fill="{colour}"/>')
    # Scale figures go on top of the polygons, on a light backing, so no edge hides them.
    for ring in (1, 2, 3, 4):
        label, y = fmt_scale(max_value * ring / 4, lang), cy - radius * ring / 4
        body.append(
            f'<rect x="{num(cx + 5)}" y="{num(y - 10)}" width="{num(text_width(label, 9) + 2)}" '
            f'height="9" fill="#ffffff" fill-opacity="0.8"/>'
            + text(cx + 6, y - 1, [label], size=9, fill=MUTED, valign="bottom")
        )

    items = [("line", PALETTE[j % len(PALETTE)], s.dashed, s.name) for j, s in enumerate(series)]
    items = items if len(series) > 1 else []
    if missing:
        items.append(("hollow", MUTED, False, words["hollow_note"]))
    pieces, used = legend(items, 16, cy + radius + 50, RADAR_WIDTH - 32)
    body.extend(pieces)
    height = cy + radius + 50 + used + (10 if used else 0)

    desc = [words["radar"].format(n=len(axes), max=fmt_scale(max_value, lang))]
    for s in series:
        figures = words["sep"].join(
            f"{axis} {words['missing_drawn'] if v is None else fmt_value(v)}"
            for axis, v in zip(axes, s.values, strict=True)
        )
        desc.append(f"{s.name}{words['colon']}{figures}.")
    return document(RADAR_WIDTH, height, title, " ".join(desc), body, lang)


def bars(
    labels: Sequence[str],
    series: Sequence[Series],
    title: str,
    max_value: float = 100,
    targets: Sequence[float | None] | None = None,
    *,
    target_label: str = "Objectif",
    lang: str = "fr",
    show_title: bool = True,
) -> str:
    """Horizontal bars, one row per label and one bar per series (e.g. this cycle, last cycle).

    Horizontal, because theme names are long and must stay readable on the left; each bar carries
    its rounded figure so the printed page can be read without the scale; a missing value shows
    "—" and no bar. Optional targets are short vertical ticks across the row.
    """
    check_series(len(labels), series, max_value)
    if targets is not None and len(targets) != len(labels):
        raise ValueError(f"{len(targets)} targets for {len(labels)} labels")
    words = phrases(lang)
    body, top = title_block(title, BARS_WIDTH, show_title)
    items = [("swatch", PALETTE[j % len(PALETTE)], s.dashed, s.name) for j, s in enumerate(series)]
    items = items if len(series) > 1 else []
    if targets is not None and any(t is not None for t in targets):
        items.append(("tick", TEXT, False, target_label))
    pieces, used = legend(items, BARS_X0, top, BARS_WIDTH - BARS_X0 - 16)
    body.extend(pieces)
    plot_top = top + used + (8 if used else 0)
    if not labels or not series:
        body.append(text(BARS_WIDTH / 2, plot_top + 30, [words["no_data"]], anchor="middle"))
        return document(BARS_WIDTH, plot_top + 60, title, words["no_data"], body, lang)

    rows: list[str] = []
    group = len(series) * BAR_HEIGHT + (len(series) - 1) * BAR_GAP
    y = plot_top
    for i, label in enumerate(labels):
        lines = wrap(label, 28)
        row = max(group, len(lines) * 15) + ROW_PAD
        if i:
            rows.append(line(10, y, BARS_X0 + BARS_PLOT, y, "#e4e4e4"))
        rows.append(text(BARS_X0 - 10, y + row / 2, lines, anchor="end", cls="row-label"))
        group_top = y + (row - group) / 2
        target = None if targets is None else targets[i]
        tick_x = None if target is None else BARS_X0 + BARS_PLOT * fraction(target, max_value)
        for j, s in enumerate(series):
            value, colour = s.values[i], PALETTE[j % len(PALETTE)]
            bar_y = group_top + j * (BAR_HEIGHT + BAR_GAP)
            end = BARS_X0 + BARS_PLOT * fraction(value, max_value)
            if value is not None:
                look = ' fill-opacity="0.3" stroke-dasharray="4 3"' if s.dashed else ""
                rows.append(
                    f'<rect class="bar" data-series="{j}" data-row="{i}" x="{num(BARS_X0)}" '
                    f'y="{num(bar_y)}" width="{num(end - BARS_X0)}" height="{num(BAR_HEIGHT)}" '
                    f'fill="{colour}" stroke="{colour}" stroke-width="1"{look}/>'
                )
            value_x = end + 4
            if tick_x is not None and end - 3 <= tick_x <= end + 30:
                value_x = tick_x + 5  # keep the figure clear of the target tick
            rows.append(
                text(value_x, bar_y + BAR_HEIGHT / 2, [fmt_value(value)], size=11, cls="value")
            )
        if tick_x is not None:
            ends = (tick_x, group_top - 5, tick_x, group_top + group + 5)
            # A white halo keeps the tick visible where it crosses a dark bar.
            rows.append(line(*ends, "#ffffff", 5.5))
            rows.append(line(*ends, TEXT, 2.5, f'class="target" data-row="{i}"'))
        y += row

    for k in range(5):
        x = BARS_X0 + BARS_PLOT * k / 4
        body.append(line(x, plot_top, x, y, AXIS if k == 0 else GRID))
        label = fmt_scale(max_value * k / 4, lang)
        body.append(text(x, y + 5, [label], size=10, anchor="middle", valign="top", fill=MUTED))
    body.extend(rows)

    desc = [words["bars"].format(max=fmt_scale(max_value, lang))]
    for i, label in enumerate(labels):
        figures = [
            f"{s.name} {words['missing'] if s.values[i] is None else fmt_value(s.values[i])}"
            for s in series
        ]
        if targets is not None and targets[i] is not None:
            figures.append(f"{target_label} {fmt_value(targets[i])}")
        desc.append(f"{label}{words['colon']}{', '.join(figures)}.")
    return document(BARS_WIDTH, y + 26, title, " ".join(desc), body, lang)


def stakeholder_grid(
    points: Sequence[GridPoint],
    title: str,
    x_label: str,
    y_label: str,
    quadrant_labels: tuple[str, str, str, str],
    *,
    lang: str = "fr",
    show_title: bool = True,
) -> str:
    """Stakeholders on the importance (x) × influence (y) grid, split at 3 into four quadrants.

    Scores are whole numbers, so many stakeholders share a cell: those are spread on a small
    circle around it. Every dot is numbered; names sit next to their dots when there are at most
    six and they fit without touching anything, otherwise they are listed beside the grid, so
    names never overlap. A score of 3 is the middle of the scale and sits on the split line.
    `quadrant_labels`: top right (high influence, high importance), top left, bottom right, bottom
    left.
    """
    for p in points:
        if not (1 <= p.x <= 5 and 1 <= p.y <= 5):
            raise ValueError(f"{p.label!r} is outside the 1..5 grid: ({p.x}, {p.y})")
    if len(quadrant_labels) != 4:
        raise ValueError("four quadrant labels are expected")
    words = phrases(lang)
    side = 5 * CELL
    # Drawn in local coordinates below the title, whose height is only known once the width is
    # (names beside the dots, or a list to the right).
    gx0, gy0 = GRID_X0, 4.0
    gx1, gy1 = gx0 + side, gy0 + side + 2 * BAND
    plot = Box(gx0, gy0, gx1, gy1)

    def px(v: float) -> float:
        return gx0 + (v - 0.5) * CELL

    def py(v: float) -> float:
        return gy1 - BAND - (v - 0.5) * CELL

    sx, sy = px(3), py(3)
    body: list[str] = []
    for tint, (x0, y0, x1, y1) in zip(
        QUADRANT_TINTS,
        ((sx, gy0, gx1, sy), (gx0, gy0, sx, sy), (sx, sy, gx1, gy1), (gx0, sy, sx, gy1)),
        strict=True,
    ):
        body.append(
            f'<rect x="{num(x0)}" y="{num(y0)}" width="{num(x1 - x0)}" height="{num(y1 - y0)}" '
            f'fill="{tint}"/>'
        )
    dotted = 'stroke-dasharray="2 3"'
    for v in (1, 2, 4, 5):
        body.append(line(px(v), gy0, px(v), gy1, GRID, 0.75, dotted))
        body.append(line(gx0, py(v), gx1, py(v), GRID, 0.75, dotted))
    body.append(line(sx, gy0, sx, gy1, AXIS, 1.5) + line(gx0, sy, gx1, sy, AXIS, 1.5))
    body.append(
        f'<rect x="{num(gx0)}" y="{num(gy0)}" width="{num(side)}" height="{num(gy1 - gy0)}" '
        f'fill="none" stroke="{AXIS}"/>'
    )
    for v in range(1, 6):
        body.append(text(px(v), gy1 + 5, [str(v)], size=11, anchor="middle", valign="top"))
        body.append(text(gx0 - 8, py(v), [str(v)], size=11, anchor="end"))
    body.append(
        text((gx0 + gx1) / 2, gy1 + 24, wrap(x_label, 60, 1), anchor="middle", valign="top")
    )
    mid = (gy0 + gy1) / 2
    y_text = text(gx0 - 34, mid, wrap(y_label, 60, 1), anchor="middle", valign="bottom")
    body.append(f'<g transform="rotate(-90 {num(gx0 - 34)} {num(mid)})">{y_text}</g>')

    obstacles: list[Box] = []
    corners = (
        (gx1 - 6, gy0 + 5, "end", "top"),
        (gx0 + 6, gy0 + 5, "start", "top"),
        (gx1 - 6, gy1 - 5, "end", "bottom"),
        (gx0 + 6, gy1 - 5, "start", "bottom"),
    )
    for label, (x, y, anchor, valign) in zip(quadrant_labels, corners, strict=True):
        lines = wrap(label, 30)
        w, h = max(text_width(ln, 11) for ln in lines), len(lines) * 13.75
        x0 = x - w if anchor == "end" else x
        y0 = y if valign == "top" else y - h
        obstacles.append(Box(x0, y0, x0 + w, y0 + h))
        body.append(
            text(
                x,
                y,
                lines,
                size=11,
                anchor=anchor,
                valign=valign,
                fill="#444444",
                style="italic",
                cls="quadrant",
            )
        )

    groups: dict[tuple[int, int], list[int]] = {}
    for n, p in enumerate(points):
        groups.setdefault((p.x, p.y), []).append(n)
    dots: list[str] = []
    group_boxes: dict[tuple[int, int], Box] = {}
    for (x, y), members in groups.items():
        offsets = spread_offsets(len(members), DOT_GAP)
        positions = [(px(x) + dx, py(y) + dy) for dx, dy in offsets]
        xs, ys = [p[0] for p in positions], [p[1] for p in positions]
        group_boxes[(x, y)] = Box(
            min(xs) - DOT_R, min(ys) - DOT_R, max(xs) + DOT_R, max(ys) + DOT_R
        )
        for n, (cx, cy) in zip(members, positions, strict=True):
            dots.append(
                f'<circle class="point" data-n="{n + 1}" cx="{num(cx)}" cy="{num(cy)}" '
                f'r="{num(DOT_R)}" fill="{PALETTE[0]}" stroke="#ffffff" stroke-width="1.5"/>'
                + text(
                    cx,
                    cy,
                    [str(n + 1)],
                    size=10 if n < 9 else 8.5,
                    anchor="middle",
                    fill="#ffffff",
                    weight="bold",
                    cls="point-number",
                )
            )
    obstacles.extend(group_boxes.values())

    placed = None
    if len(points) <= 6:
        blocks = [
            (group_boxes[key], [f"{n + 1}. {points[n].label}" for n in members])
            for key, members in groups.items()
        ]
        placed = place_beside(blocks, obstacles, plot)
    local_height = gy1 + 48
    if placed is None:  # too many names, or one that would touch something: list them
        width = gx1 + LIST_WIDTH
        y = gy0 + BAND
        for n, p in enumerate(points):
            lines = wrap(p.label, 36, None)
            body.append(
                text(
                    gx1 + 42, y, [f"{n + 1}."], size=11.5, anchor="end", valign="top", weight="bold"
                )
            )
            body.append(text(gx1 + 46, y, lines, size=11.5, valign="top", cls="name"))
            y += len(lines) * 14.4 + 4
        local_height = max(local_height, y + 10)
    else:
        width = gx1 + 20
        body.extend(placed)
    body.extend(dots)
    heading, top = title_block(title, width, show_title)
    heading.append(f'<g transform="translate(0 {num(top)})">{"".join(body)}</g>')

    desc = [words["grid"].format(x=x_label, y=y_label)]
    desc.append(
        words["sep"].join(
            f"{n + 1}. {p.label}{words['colon']}{x_label} {p.x}, {y_label} {p.y}"
            for n, p in enumerate(points)
        )
        + "."
    )
    return document(width, top + local_height, title, " ".join(desc), heading, lang)


def to_data_uri(svg: str) -> str:
    """The chart as a data URI for `<img src>`, when inlining the SVG is not an option."""
    return "data:image/svg+xml;base64," + base64.b64encode(svg.encode("utf-8")).decode("ascii")
