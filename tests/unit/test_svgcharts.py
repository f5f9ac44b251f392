"""Print charts of the general-assembly report: well-formed, accessible, safe and true."""

from __future__ import annotations

import base64
import math
import xml.etree.ElementTree as ET

import pytest

from app.reports.svgcharts import GridPoint, Series, bars, radar, stakeholder_grid, to_data_uri

SVG = "{http://www.w3.org/2000/svg}"
HOSTILE = "<script>alert(1)</script>"
ESCAPED = "&lt;script&gt;alert(1)&lt;/script&gt;"
QUADRANTS = ("Acteurs clés", "À satisfaire", "À informer", "À surveiller")
THEMES = ["Gouvernance", "Utilité sociale", "Emploi", "Environnement", "Éthique"]


def parse(svg: str) -> ET.Element:
    return ET.fromstring(svg)  # noqa: S314 (our own output, parsed to check it is well-formed)


def texts(root: ET.Element, cls: str | None = None) -> list[str]:
    """The visible strings: each <text> element, its lines joined with a space."""
    return [
        " ".join(t.strip() for t in el.itertext() if t.strip())
        for el in root.iter(f"{SVG}text")
        if cls is None or el.get("class") == cls
    ]


def points_of(polygon: ET.Element) -> list[tuple[float, float]]:
    return [tuple(map(float, pair.split(","))) for pair in polygon.get("points").split()]


def all_charts() -> dict[str, str]:
    two = [
        Series("Cycle 2025", [70, 40, None, 90, 55]),
        Series("Cycle 2024", [60, 50, 30, 80, None], dashed=True),
    ]
    return {
        "radar": radar(THEMES, two, "Scores par thème"),
        "bars": bars(THEMES, two, "Évolution", targets=[80, None, 50, 90, 60]),
        "grid": stakeholder_grid(
            [GridPoint("Salariés", 5, 5), GridPoint("Usagers", 4, 2)],
            "Parties prenantes",
            "Importance",
            "Influence",
            QUADRANTS,
        ),
        "fallback": radar(["A", "B"], [Series("S", [10, 20])], "Deux axes"),
        "empty": bars([], [], "Rien"),
    }


@pytest.mark.parametrize("name", ["radar", "bars", "grid", "fallback", "empty"])
def test_every_chart_is_an_accessible_svg_document(name):
    svg = all_charts()[name]
    root = parse(svg)
    assert root.tag == f"{SVG}svg"
    assert root.get("role") == "img"
    assert root.get("width") == "100%"
    assert len(root.get("viewBox").split()) == 4
    title, desc = root.find(f"{SVG}title"), root.find(f"{SVG}desc")
    assert title is not None
    assert title.text
    assert desc is not None
    assert desc.text
    assert root.get("aria-labelledby").split() == [title.get("id"), desc.get("id")]
    assert "sans-serif" in root.get("font-family")


def test_charts_are_deterministic():
    assert all_charts() == all_charts()


def test_hostile_labels_are_escaped_everywhere():
    s = [Series(HOSTILE, [50, 60, 70]), Series("B", [40, 30, 20])]
    svgs = [
        radar([HOSTILE, "b", "c"], s, HOSTILE),
        bars([HOSTILE, "b", "c"], s, HOSTILE, targets=[1, 2, 3], target_label=HOSTILE),
        stakeholder_grid([GridPoint(HOSTILE, 1, 1)], HOSTILE, HOSTILE, HOSTILE, (HOSTILE,) * 4),
        stakeholder_grid(
            [GridPoint(f"{HOSTILE} {n}", 1 + n % 5, 2) for n in range(8)],
            HOSTILE,
            "x",
            "y",
            QUADRANTS,
        ),
    ]
    for svg in svgs:
        assert "<script" not in svg
        assert ESCAPED in svg
        root = parse(svg)
        assert root.find(f"{SVG}title").text == HOSTILE
        assert any(HOSTILE in t or "<script>alert(1)</" in t for t in texts(root))
        assert root.find(f".//{SVG}script") is None


def test_quotes_and_control_characters_keep_the_xml_valid():
    label = 'Comité "qualité" & co\x00\x1b'
    root = parse(bars([label], [Series("a'b\"c", [10])], label))
    assert 'Comité "qualité" & co' in texts(root, "row-label")


def radar_geometry(svg: str) -> tuple[list[tuple[float, float]], tuple[float, float], list]:
    """Outer ring vertices, the centre, and the series polygons."""
    root = parse(svg)
    polygons = list(root.iter(f"{SVG}polygon"))
    rings = [points_of(p) for p in polygons if p.get("class") is None]
    outer = max(rings, key=lambda pts: max(x for x, _ in pts) - min(x for x, _ in pts))
    centre = (sum(x for x, _ in outer) / len(outer), sum(y for _, y in outer) / len(outer))
    return outer, centre, [p for p in polygons if p.get("class") == "series"]


@pytest.mark.parametrize(
    ("values", "max_value"), [([50, 100, 0, 25], 100), ([5, 2.5, 10, 7.5], 10)]
)
def test_radar_vertices_sit_at_their_value(values, max_value):
    svg = radar(["a", "b", "c", "d"], [Series("S", values)], "t", max_value=max_value)
    outer, (cx, cy), series = radar_geometry(svg)
    assert len(series) == 1
    vertices = points_of(series[0])
    assert len(vertices) == 4
    radius = math.dist(outer[0], (cx, cy))
    for (vx, vy), (ox, oy), value in zip(vertices, outer, values, strict=True):
        share = value / max_value
        assert math.dist((vx, vy), (cx, cy)) == pytest.approx(radius * share, abs=0.05)
        assert vx == pytest.approx(cx + (ox - cx) * share, abs=0.05)
        assert vy == pytest.approx(cy + (oy - cy) * share, abs=0.05)
    # the first axis points straight up
    assert outer[0][0] == pytest.approx(cx, abs=0.01)
    assert outer[0][1] < cy


def test_radar_value_50_is_at_half_the_radius():
    svg = radar(["a", "b", "c"], [Series("S", [50, 50, 50])], "t")
    outer, centre, series = radar_geometry(svg)
    for vertex, corner in zip(points_of(series[0]), outer, strict=True):
        assert math.dist(vertex, centre) == pytest.approx(math.dist(corner, centre) / 2, abs=0.05)


def test_radar_missing_value_is_a_hollow_vertex_at_zero_and_said_so():
    svg = radar(["a", "b", "c"], [Series("S", [40, None, 80])], "t")
    root = parse(svg)
    _, centre, series = radar_geometry(svg)
    assert math.dist(points_of(series[0])[1], centre) == pytest.approx(0, abs=0.05)
    hollow = [c for c in root.iter(f"{SVG}circle") if c.get("class") == "missing"]
    assert len(hollow) == 1
    assert (float(hollow[0].get("cx")), float(hollow[0].get("cy"))) == pytest.approx(
        centre, abs=0.05
    )
    assert hollow[0].get("fill") == "#ffffff"
    assert "b sans donnée, tracé à 0" in root.find(f"{SVG}desc").text


def test_radar_legend_only_for_several_series_and_dashes_on_request():
    one = parse(radar(THEMES, [Series("Seule série", [1, 2, 3, 4, 5])], "t"))
    assert not any("Seule série" in t for t in texts(one))
    two = parse(
        radar(
            THEMES,
            [Series("Cette année", [1] * 5), Series("L'an dernier", [2] * 5, dashed=True)],
            "t",
        )
    )
    assert {"Cette année", "L'an dernier"} <= set(texts(two))
    series = [p for p in two.iter(f"{SVG}polygon") if p.get("class") == "series"]
    assert series[0].get("stroke-dasharray") is None
    assert series[1].get("stroke-dasharray")
    assert series[0].get("stroke") != series[1].get("stroke")


def test_radar_long_axis_labels_wrap_on_two_lines():
    label = "Éthique commerciale et achats responsables"
    root = parse(radar([label, "b", "c"], [Series("S", [1, 2, 3])], "t"))
    axis = next(el for el in root.iter(f"{SVG}text") if el.get("class") == "axis-label")
    lines = [span.text for span in axis.iter(f"{SVG}tspan")]
    assert len(lines) == 2
    assert " ".join(lines) == label


def test_radar_with_fewer_than_three_axes_falls_back_to_bars():
    svg = radar(["Gouvernance", "Emploi"], [Series("S", [40, 80])], "t")
    root = parse(svg)
    assert not [p for p in root.iter(f"{SVG}polygon") if p.get("class") == "series"]
    assert len([r for r in root.iter(f"{SVG}rect") if r.get("class") == "bar"]) == 2
    assert svg == bars(["Gouvernance", "Emploi"], [Series("S", [40, 80])], "t")


def bar_rects(root: ET.Element) -> list[ET.Element]:
    return [r for r in root.iter(f"{SVG}rect") if r.get("class") == "bar"]


def test_bar_lengths_are_proportional_to_values():
    root = parse(bars(["a", "b", "c", "d"], [Series("S", [100, 50, 25, 10])], "t"))
    rects = bar_rects(root)
    widths = [float(r.get("width")) for r in rects]
    assert len({r.get("x") for r in rects}) == 1
    assert [w / widths[0] for w in widths] == pytest.approx([1, 0.5, 0.25, 0.1], abs=1e-3)
    ys = [float(r.get("y")) for r in rects]
    assert ys == sorted(ys)  # one row per label, top to bottom


def test_bars_respect_max_value_and_clamp():
    root = parse(bars(["a", "b", "c"], [Series("S", [5, 10, 15])], "t", max_value=10))
    widths = [float(r.get("width")) for r in bar_rects(root)]
    assert widths[0] == pytest.approx(widths[1] / 2, abs=0.01)
    assert widths[2] == pytest.approx(widths[1], abs=0.01)  # 15 of 10 stays inside the chart
    assert texts(root, "value") == ["5", "10", "15"]


def test_grouped_bars_per_series_with_values_and_dash_for_missing():
    series = [Series("2025", [62.5, None, 55.4]), Series("2024", [40, 20, None], dashed=True)]
    root = parse(bars(["a", "b", "c"], series, "t"))
    rects = bar_rects(root)
    assert [(r.get("data-row"), r.get("data-series")) for r in rects] == [
        ("0", "0"),
        ("0", "1"),
        ("1", "1"),
        ("2", "0"),
    ]
    assert texts(root, "value") == ["63", "40", "—", "20", "55", "—"]
    assert rects[1].get("stroke-dasharray")
    assert not rects[0].get("stroke-dasharray")
    assert {"2025", "2024"} <= set(texts(root))  # legend
    desc = root.find(f"{SVG}desc").text
    assert "b\u00a0: 2025 sans donnée, 2024 20." in desc


def test_target_ticks_drawn_where_given_with_legend():
    root = parse(
        bars(
            ["a", "b", "c"],
            [Series("S", [100, 50, 0])],
            "t",
            targets=[80, None, 50],
            target_label="Target",
        )
    )
    ticks = [el for el in root.iter(f"{SVG}line") if el.get("class") == "target"]
    assert [t.get("data-row") for t in ticks] == ["0", "2"]
    full = bar_rects(root)[0]
    x0, plot = float(full.get("x")), float(full.get("width"))
    assert float(ticks[0].get("x1")) == pytest.approx(x0 + plot * 0.8, abs=0.01)
    assert float(ticks[1].get("x1")) == pytest.approx(x0 + plot * 0.5, abs=0.01)
    assert all(t.get("x1") == t.get("x2") for t in ticks)  # vertical
    assert "Target" in texts(root)
    assert "Target 80" in root.find(f"{SVG}desc").text


def test_no_target_no_tick_and_no_legend():
    root = parse(bars(["a"], [Series("S", [50])], "t"))
    assert not [el for el in root.iter(f"{SVG}line") if el.get("class") == "target"]
    assert "Objectif" not in texts(root)


def test_inconsistent_input_is_refused():
    with pytest.raises(ValueError, match="values"):
        bars(["a", "b"], [Series("S", [1])], "t")
    with pytest.raises(ValueError, match="targets"):
        bars(["a"], [Series("S", [1])], "t", targets=[1, 2])
    with pytest.raises(ValueError, match="max_value"):
        radar(["a", "b", "c"], [Series("S", [1, 2, 3])], "t", max_value=0)
    with pytest.raises(ValueError, match="outside"):
        stakeholder_grid([GridPoint("x", 0, 3)], "t", "x", "y", QUADRANTS)


def dots(root: ET.Element) -> list[tuple[float, float]]:
    return [
        (float(c.get("cx")), float(c.get("cy")))
        for c in root.iter(f"{SVG}circle")
        if c.get("class") == "point"
    ]


@pytest.mark.parametrize("crowd", [2, 3, 6, 7, 12])
def test_stakeholders_on_the_same_cell_get_distinct_non_overlapping_dots(crowd):
    names = [f"Partie {chr(65 + n)}" for n in range(crowd)]
    points = [GridPoint(name, 4, 4) for name in names] + [GridPoint("Isolée", 1, 2)]
    root = parse(stakeholder_grid(points, "t", "Importance", "Influence", QUADRANTS))
    positions = dots(root)
    assert len(positions) == crowd + 1
    radius = float(next(c for c in root.iter(f"{SVG}circle") if c.get("class") == "point").get("r"))
    for i, a in enumerate(positions):
        for b in positions[i + 1 :]:
            assert math.dist(a, b) >= 2 * radius
    visible = texts(root)
    for name in [*names, "Isolée"]:
        assert sum(t.count(name) for t in visible) == 1, name
    numbers = texts(root, "point-number")
    assert sorted(map(int, numbers)) == list(range(1, crowd + 2))


def test_few_stakeholders_are_named_beside_their_dots():
    points = [GridPoint("Salariés", 5, 5), GridPoint("Bénévoles", 5, 5), GridPoint("Banque", 2, 1)]
    root = parse(stakeholder_grid(points, "t", "Importance", "Influence", QUADRANTS))
    assert sorted(texts(root, "name")) == ["1. Salariés 2. Bénévoles", "3. Banque"]
    width = float(root.get("viewBox").split()[2])
    assert max(x for x, _ in dots(root)) < width - 20


def test_many_stakeholders_are_listed_beside_the_grid():
    points = [GridPoint(f"Acteur {n}", 1 + n % 5, 1 + n // 5) for n in range(7)]
    root = parse(stakeholder_grid(points, "t", "Importance", "Influence", QUADRANTS))
    assert texts(root, "name") == [f"Acteur {n}" for n in range(7)]
    assert all(f"{n}." in texts(root) for n in range(1, 8))
    list_x = min(
        float(el.find(f"{SVG}tspan").get("x"))
        for el in root.iter(f"{SVG}text")
        if el.get("class") == "name"
    )
    assert list_x > max(x for x, _ in dots(root))


def test_a_name_too_long_to_fit_beside_its_dot_goes_to_the_list():
    long_name = "Fédération régionale des structures d'insertion par l'activité économique"
    points = [GridPoint(long_name, 3, 3), GridPoint("Banque", 2, 1)]
    root = parse(stakeholder_grid(points, "t", "Importance", "Influence", QUADRANTS))
    assert "".join(texts(root, "name")).replace(" ", "") == (long_name + "Banque").replace(" ", "")


def test_quadrant_labels_in_their_corners():
    root = parse(
        stakeholder_grid([GridPoint("a", 3, 3)], "t", "Importance", "Influence", QUADRANTS)
    )
    found = {
        " ".join(el.itertext()): el.find(f"{SVG}tspan")
        for el in root.iter(f"{SVG}text")
        if el.get("class") == "quadrant"
    }
    assert set(found) == set(QUADRANTS)
    x = {label: float(span.get("x")) for label, span in found.items()}
    y = {label: float(span.get("y")) for label, span in found.items()}
    top_right, top_left, bottom_right, bottom_left = QUADRANTS
    assert x[top_right] > x[top_left]
    assert x[bottom_right] > x[bottom_left]
    assert y[top_right] < y[bottom_right]
    assert y[top_left] < y[bottom_left]
    assert {"Importance", "Influence"} <= set(texts(root))


def test_grid_dot_positions_follow_importance_and_influence():
    points = [
        GridPoint("bas gauche", 1, 1),
        GridPoint("haut droite", 5, 5),
        GridPoint("centre", 3, 3),
    ]
    (x1, y1), (x5, y5), (x3, y3) = dots(parse(stakeholder_grid(points, "t", "x", "y", QUADRANTS)))
    assert x1 < x3 < x5
    assert y5 < y3 < y1  # SVG y grows downwards: high influence is at the top
    assert x3 - x1 == pytest.approx(x5 - x3)


def test_description_in_english_on_request():
    svg = radar(["a", "b", "c"], [Series("S", [1, None, 3])], "t", lang="en")
    root = parse(svg)
    assert root.find(f"{SVG}desc").text.startswith("Radar chart")
    assert "no data, drawn at 0" in root.find(f"{SVG}desc").text
    assert root.get("{http://www.w3.org/XML/1998/namespace}lang") == "en"


def test_title_can_be_left_to_the_page():
    shown = parse(bars(["a"], [Series("S", [1])], "Titre visible"))
    hidden = parse(bars(["a"], [Series("S", [1])], "Titre visible", show_title=False))
    assert "Titre visible" in texts(shown)
    assert "Titre visible" not in texts(hidden)
    assert hidden.find(f"{SVG}title").text == "Titre visible"


def test_data_uri_round_trips():
    svg = radar(THEMES, [Series("Écologie", [1, 2, 3, 4, 5])], "Thèmes")
    uri = to_data_uri(svg)
    prefix = "data:image/svg+xml;base64,"
    assert uri.startswith(prefix)
    assert base64.b64decode(uri[len(prefix) :]).decode("utf-8") == svg
