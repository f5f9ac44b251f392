"""Building blocks shared by the print charts: palette, escaping, text layout, the SVG envelope.

Every string that reaches the SVG goes through `esc` (text) or `attr` (attribute values): labels
are typed by users (stakeholder names, organisation themes) and the report must never carry
markup they wrote. Text cannot be measured without a font engine, so widths are estimated on the
generous side (`text_width`): layouts then leave a little too much room rather than overlap.
"""

from __future__ import annotations

import hashlib
import math
import re
import textwrap
from collections.abc import Sequence
from dataclasses import dataclass
from xml.sax.saxutils import escape, quoteattr

TEXT = "#1a1a1a"
MUTED = "#555555"  # 7.5:1 on white: secondary text stays readable once printed
GRID = "#c8c8c8"
AXIS = "#8a8a8a"
# Dark enough for WCAG AA (>= 4.5:1) against white, distinct in hue and in lightness so that a
# black-and-white print still tells them apart; dashes mark the previous cycle on top of that.
PALETTE = ("#1f4e79", "#b35900", "#2e7d32", "#6a1b9a", "#ad1457", "#00695c")
FONT_FAMILY = (
    'system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, '
    '"Liberation Sans", "DejaVu Sans", sans-serif'
)
DASH = "6 4"

# Characters that XML 1.0 forbids even escaped: one stray control character in a label would make
# the whole report unparsable, so they are dropped.
_INVALID_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")

PHRASES: dict[str, dict[str, str]] = {
    "fr": {
        "radar": "Graphique en radar, {n} axes, échelle de 0 à {max}.",
        "bars": "Graphique en barres horizontales, échelle de 0 à {max}.",
        "grid": (
            "Grille des parties prenantes : {x} en abscisse, {y} en ordonnée, de 1 à 5, "
            "partagée en quatre quadrants à 3."
        ),
        "missing": "sans donnée",
        "missing_drawn": "sans donnée, tracé à 0",
        "hollow_note": "Point creux : sans donnée, tracé à 0",
        "no_data": "Aucune donnée",
        "colon": "\u00a0: ",
        "sep": " ; ",
    },
    "en": {
        "radar": "Radar chart, {n} axes, scale from 0 to {max}.",
        "bars": "Horizontal bar chart, scale from 0 to {max}.",
        "grid": (
            "Stakeholder grid: {x} on the horizontal axis, {y} on the vertical axis, from 1 to 5, "
            "split into four quadrants at 3."
        ),
        "missing": "no data",
        "missing_drawn": "no data, drawn at 0",
        "hollow_note": "Hollow point: no data, drawn at 0",
        "no_data": "No data",
        "colon": ": ",
        "sep": "; ",
    },
}


@dataclass(frozen=True)
class Series:
    """One line of figures (e.g. this cycle, last cycle); None means "no data", never 0."""

    name: str
    values: Sequence[float | None]
    dashed: bool = False


@dataclass(frozen=True)
class GridPoint:
    """A stakeholder on the grid: importance on x, influence on y, both 1..5."""

    label: str
    x: int
    y: int


@dataclass(frozen=True)
class Box:
    """An axis-aligned rectangle, for the collision checks of label placement."""

    x0: float
    y0: float
    x1: float
    y1: float

    def overlaps(self, other: Box, margin: float = 2.0) -> bool:
        return not (
            self.x1 + margin <= other.x0
            or other.x1 + margin <= self.x0
            or self.y1 + margin <= other.y0
            or other.y1 + margin <= self.y0
        )

    def inside(self, outer: Box) -> bool:
        return (
            self.x0 >= outer.x0
            and self.y0 >= outer.y0
            and self.x1 <= outer.x1
            and self.y1 <= outer.y1
        )


def phrases(lang: str) -> dict[str, str]:
    """The generated wording (descriptions, notes) in French unless English is asked for."""
    return PHRASES.get(lang, PHRASES["fr"])


def clean(value: object) -> str:
    """The text of a label, minus the characters XML cannot carry at all."""
    return _INVALID_XML.sub("", str(value))


def esc(value: object) -> str:
    """Escape for element content."""
    return escape(clean(value))


def attr(value: object) -> str:
    """Escape and quote for an attribute value."""
    return quoteattr(clean(value), {"\n": "&#10;", "\r": "&#13;", "\t": "&#9;"})


def num(value: float) -> str:
    """A coordinate, short but precise enough for tests to check geometry."""
    text = f"{value:.2f}".rstrip("0").rstrip(".")
    return "0" if text == "-0" else text


def rounded(value: float) -> int:
    """Half-up rounding for printed figures (Python's round() sends 62.5 to 62)."""
    return math.floor(value + 0.5)


def fmt_value(value: float | None) -> str:
    """A figure as printed: an integer, or an em dash for a missing value."""
    return "—" if value is None else str(rounded(value))


def fmt_scale(value: float, lang: str) -> str:
    """A scale figure (ring or axis tick): integer when it is one, decimal comma in French."""
    if float(value).is_integer():
        return str(int(value))
    text = f"{value:.1f}"
    return text.replace(".", ",") if lang != "en" else text


def wrap(text: str, width: int, max_lines: int | None = 2) -> list[str]:
    """Split a label over lines of about `width` characters, ellipsing what does not fit."""
    text = " ".join(clean(text).split())
    if not text:
        return [""]
    lines = textwrap.wrap(text, width, break_long_words=True, break_on_hyphens=True)
    if max_lines is not None and len(lines) > max_lines:
        rest = " ".join(lines[max_lines - 1 :])
        lines = [*lines[: max_lines - 1], rest[: max(width - 1, 1)].rstrip() + "…"]
    return lines


def wrap_fit(text: str, widths: Sequence[int], max_lines: int = 2) -> list[str]:
    """Wrap at the first width that fits in `max_lines`, ellipsing only at the widest.

    A slightly wider label beats a truncated one: the printed page has no tooltip.
    """
    for width in widths[:-1]:
        lines = wrap(text, width, None)
        if len(lines) <= max_lines:
            return lines
    return wrap(text, widths[-1], max_lines)


def check_series(count: int, series: Sequence[Series], max_value: float) -> None:
    """Fail loudly on inconsistent input: a silently shifted value would misreport a score."""
    if max_value <= 0:
        raise ValueError("max_value must be positive")
    for s in series:
        if len(s.values) != count:
            raise ValueError(f"series {s.name!r} has {len(s.values)} values for {count} labels")


def fraction(value: float | None, max_value: float) -> float:
    """Share of the scale, clamped to 0..1: an out-of-range figure must not leave the chart."""
    return 0.0 if value is None else min(max(value / max_value, 0.0), 1.0)


def text_width(text: str, size: float) -> float:
    """Estimated width of a line of sans-serif text: generous, so that layouts never overlap."""
    return len(text) * size * 0.6


def text(
    x: float,
    y: float,
    lines: Sequence[str],
    *,
    size: float = 12,
    anchor: str = "start",
    valign: str = "middle",
    fill: str = TEXT,
    weight: str | None = None,
    style: str | None = None,
    cls: str | None = None,
    line_height: float = 1.25,
) -> str:
    """A `<text>` of one or more lines; `valign` places the block (top, middle, bottom) at y.

    Baselines are computed here rather than with dominant-baseline, which renderers (WeasyPrint
    among them) do not all honour.
    """
    step = size * line_height
    if valign == "top":
        first = y + size * 0.8
    elif valign == "bottom":
        first = y - (len(lines) - 1) * step - size * 0.22
    else:
        first = y - (len(lines) - 1) * step / 2 + size * 0.35
    extra = "".join(
        f" {name}={attr(value)}"
        for name, value in (("font-weight", weight), ("font-style", style), ("class", cls))
        if value
    )
    spans = "".join(
        f'<tspan x="{num(x)}" y="{num(first + i * step)}">{esc(line)}</tspan>'
        for i, line in enumerate(lines)
    )
    return (
        f'<text font-size="{num(size)}" text-anchor="{anchor}" fill="{fill}"{extra}>{spans}</text>'
    )


def line(
    x1: float, y1: float, x2: float, y2: float, stroke: str, width: float = 1.0, extra: str = ""
) -> str:
    """A `<line>`; `extra` is trusted attribute text written by this package, never user data."""
    more = f" {extra}" if extra else ""
    return (
        f'<line x1="{num(x1)}" y1="{num(y1)}" x2="{num(x2)}" y2="{num(y2)}" stroke="{stroke}" '
        f'stroke-width="{num(width)}"{more}/>'
    )


def title_block(title: str, width: float, show: bool) -> tuple[list[str], float]:
    """The visible title at the top of a chart, and the height it takes."""
    if not show:
        return [], 8.0
    lines = wrap(title, int(width / (15 * 0.6)), max_lines=2)
    return [text(width / 2, 10, lines, size=15, anchor="middle", valign="top", weight="bold")], (
        16 + len(lines) * 19
    )


def legend(
    items: Sequence[tuple[str, str, bool, str]], x0: float, y0: float, width: float
) -> tuple[list[str], float]:
    """A horizontal legend that wraps; items are (kind, colour, dashed, label).

    Kinds: "swatch" (a bar), "line" (a radar series), "tick" (a target), "hollow" (missing value).
    Returns the SVG pieces and the height used.
    """
    parts: list[str] = []
    x, y, row = x0, y0, 18.0
    for kind, colour, dashed, label in items:
        label = clean(label)
        item_width = 30 + text_width(label, 11) + 18
        if x > x0 and x + item_width > x0 + width:
            x, y = x0, y + row
        mid = y + row / 2
        dash = f' stroke-dasharray="{DASH}"' if dashed else ""
        if kind == "swatch":
            look = ' fill-opacity="0.3" stroke-dasharray="4 3"' if dashed else ""
            parts.append(
                f'<rect x="{num(x)}" y="{num(mid - 6)}" width="22" height="12" fill="{colour}" '
                f'stroke="{colour}" stroke-width="1.5"{look}/>'
            )
        elif kind == "line":
            parts.append(
                f'<line x1="{num(x)}" y1="{num(mid)}" x2="{num(x + 22)}" y2="{num(mid)}" '
                f'stroke="{colour}" stroke-width="2.5"{dash}/>'
                f'<circle cx="{num(x + 11)}" cy="{num(mid)}" r="3" fill="{colour}"/>'
            )
        elif kind == "tick":
            parts.append(
                f'<line x1="{num(x + 11)}" y1="{num(mid - 7)}" x2="{num(x + 11)}" '
                f'y2="{num(mid + 7)}" stroke="{colour}" stroke-width="2.5"/>'
            )
        else:
            parts.append(
                f'<circle cx="{num(x + 11)}" cy="{num(mid)}" r="4" fill="#ffffff" '
                f'stroke="{colour}" stroke-width="1.5"/>'
            )
        parts.append(text(x + 28, mid, [label], size=11))
        x += item_width
    return parts, (y - y0) + row if items else 0.0


def document(
    width: float, height: float, title: str, desc: str, body: Sequence[str], lang: str
) -> str:
    """The SVG envelope: scalable (viewBox, width 100%), labelled for screen readers.

    Ids derive from the content so that several charts inlined in one HTML page never clash and
    the same chart always comes out byte-identical.
    """
    content = "".join(body)
    digest = hashlib.sha1(f"{title}\0{desc}\0{content}".encode(), usedforsecurity=False)
    uid = "chart-" + digest.hexdigest()[:10]
    language = "en" if lang == "en" else "fr"
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {num(width)} {num(height)}" '
        f'width="100%" preserveAspectRatio="xMidYMid meet" role="img" '
        f'aria-labelledby="{uid}-title {uid}-desc" xml:lang="{language}" '
        f'font-family={attr(FONT_FAMILY)} fill="{TEXT}">'
        f'<title id="{uid}-title">{esc(title)}</title>'
        f'<desc id="{uid}-desc">{esc(desc)}</desc>'
        f'<rect width="{num(width)}" height="{num(height)}" fill="#ffffff"/>'
        f"{content}</svg>"
    )


def spread_offsets(count: int, gap: float) -> list[tuple[float, float]]:
    """Offsets that keep `count` dots of the same cell `gap` apart, deterministically.

    Up to six dots go on one small circle; beyond, one in the centre and hexagonal rings of 6, 12,
    18... around it, so the group stays compact whatever its size.
    """
    if count <= 1:
        return [(0.0, 0.0)] * count
    if count <= 6:
        radius = max(gap * 0.7, gap / (2 * math.sin(math.pi / count)))
        return _ring(count, radius)
    offsets = [(0.0, 0.0)]
    ring = 1
    while len(offsets) < count:
        take = min(6 * ring, count - len(offsets))
        offsets.extend(_ring(take, gap * ring))
        ring += 1
    return offsets


def _ring(count: int, radius: float) -> list[tuple[float, float]]:
    """`count` points evenly on a circle, the first on the left (reading order for two dots)."""
    return [
        (
            radius * math.cos(math.pi + 2 * math.pi * i / count),
            radius * math.sin(math.pi + 2 * math.pi * i / count),
        )
        for i in range(count)
    ]


def place_beside(
    blocks: Sequence[tuple[Box, Sequence[str]]],
    obstacles: Sequence[Box],
    area: Box,
    size: float = 11,
) -> list[str] | None:
    """Text blocks beside their group of dots, or None as soon as one cannot be placed clear.

    Each block (lines stacked vertically) tries right, left, below, above its group, in that
    order; the first spot inside `area` that touches no obstacle nor an already placed block wins,
    so the layout is deterministic. None lets the caller fall back to a numbered list.
    """
    taken = list(obstacles)
    pieces: list[str] = []
    for g, lines in blocks:
        w, h = max(text_width(ln, size) for ln in lines), len(lines) * size * 1.25
        cx, cy = (g.x0 + g.x1) / 2, (g.y0 + g.y1) / 2
        candidates = (
            (Box(g.x1 + 5, cy - h / 2, g.x1 + 5 + w, cy + h / 2), g.x1 + 5, "start"),
            (Box(g.x0 - 5 - w, cy - h / 2, g.x0 - 5, cy + h / 2), g.x0 - 5, "end"),
            (Box(cx - w / 2, g.y1 + 3, cx + w / 2, g.y1 + 3 + h), cx, "middle"),
            (Box(cx - w / 2, g.y0 - 3 - h, cx + w / 2, g.y0 - 3), cx, "middle"),
        )
        for box, x, anchor in candidates:
            if box.inside(area) and not any(box.overlaps(o) for o in taken):
                taken.append(box)
                # A light backing keeps names legible where they cross a grid or split line.
                # Sized on a typical (not worst-case) text width, so it hugs the text.
                chip = max(len(ln) for ln in lines) * size * 0.5 + 6
                left = {"start": x - 3, "end": x + 3 - chip, "middle": x - chip / 2}[anchor]
                pieces.append(
                    f'<rect x="{num(left)}" y="{num(box.y0 - 1)}" width="{num(chip)}" '
                    f'height="{num(box.y1 - box.y0 + 2)}" rx="2" fill="#ffffff" '
                    f'fill-opacity="0.85"/>'
                )
                middle = (box.y0 + box.y1) / 2
                pieces.append(text(x, middle, lines, size=size, anchor=anchor, cls="name"))
                break
        else:
            return None
    return pieces
