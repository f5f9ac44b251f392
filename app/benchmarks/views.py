"""Views of the benchmarks blueprint: the regional dashboard (page and CSV), and the pieces of
the “organisations like yours” section of the results page.

The figures come from `app/services/statistics.py` (which decides what may be shown); this module
only words them, lays them out in tables, and prepares the plotly figures drawn by
`static/js/charts.js`. Charts never show a minimum or maximum (one organisation's score): the
boxes are drawn from the quartiles only.
"""

from __future__ import annotations

import csv
import io
import textwrap
from collections.abc import Sequence
from datetime import date
from typing import Any

from flask import Response, abort, render_template, request
from flask.typing import ResponseReturnValue
from flask_babel import gettext as _
from flask_login import current_user, login_required

from app.actions.exports import export_filename, neutralise_formula
from app.assessments.charts import ACCENT, ACCENT_FILL, FONT
from app.forms import apply_errors
from app.i18n import percent_text, score_text, translate
from app.labels import HEADCOUNT_LABELS, LEGAL_FORM_LABELS, REGION_LABELS
from app.questionnaires import Questionnaire
from app.services import questionnaires, statistics
from app.services.errors import Invalid
from app.services.statistics import Benchmark, Dashboard
from app.services.statistics_figures import ThemeFigures

from . import bp
from .forms import FiltersForm

OWN_COLOUR = "#b3541e"
#: Maturity levels 0..N from light to dark (the legend and the table name them: not colour only).
LEVEL_COLOURS = ("#d9efe3", "#a8d5bc", "#6fb58f", "#3d8f65", "#1f6f4a", "#124a30")


# --- Words ---------------------------------------------------------------------------------------


def reason_note(reason: str | None, k: int) -> str:
    """Why a filter value is not offered, in a few words (shown next to the option)."""
    if reason == statistics.EMPTY:
        return _("aucune organisation")
    if reason == "too_few":
        return _("moins de %(k)d organisations", k=k)
    return _("masqué : isolerait des organisations par différence")


def hidden_message(reason: str | None, k: int) -> str:
    if reason == "too_few":
        return _(
            "Ce groupe compte moins de %(k)d organisations ayant accepté les statistiques "
            "anonymes : aucun chiffre n'est affiché.",
            k=k,
        )
    return _(
        "Ce filtre est masqué : en comparant ses chiffres à ceux d'un groupe plus large, on "
        "pourrait isoler moins de %(k)d organisations. Aucun chiffre n'est affiché.",
        k=k,
    )


def group_words(found: Benchmark) -> str:
    """The comparison group in words, e.g. « SCOP, 10 à 49 salariés, toute la France »."""
    legal_form = str(LEGAL_FORM_LABELS.get(found.legal_form or "", found.legal_form or ""))
    size = (
        str(HEADCOUNT_LABELS.get(found.size_band, found.size_band))
        if found.size_band
        else _("toutes tailles")
    )
    region = (
        str(REGION_LABELS.get(found.region, found.region)) if found.region else _("toute la France")
    )
    return ", ".join([legal_form.split(" (")[0], size, region])


def position_words(theme: ThemeFigures) -> str:
    return {
        "below_q1": _("en dessous du 1er quartile"),
        "q1_median": _("entre le 1er quartile et la médiane"),
        "median": _("à la médiane"),
        "median_q3": _("entre la médiane et le 3e quartile"),
        "above_q3": _("au-dessus du 3e quartile"),
    }.get(theme.position or "", "")


# --- Charts --------------------------------------------------------------------------------------


def _label(questionnaire: Questionnaire, theme_id: str) -> str:
    theme = questionnaire.theme(theme_id)
    text = translate(theme.short_title or theme.title) if theme else theme_id
    return "<br>".join(textwrap.wrap(text, 26)) or text


def _layout(count: int, axis_title: str, **extra: Any) -> dict[str, Any]:
    return {
        "xaxis": {"title": {"text": axis_title}, **extra.pop("xaxis", {})},
        "yaxis": {"autorange": "reversed", "automargin": True},
        "legend": {"orientation": "h", "y": -0.2},
        "margin": {"l": 10, "r": 30, "t": 10, "b": 60},
        "font": FONT,
        "height": 120 + 44 * count,
        **extra,
    }


# Figures are plain plotly JSON: building them through plotly's validating objects would cost
# more than computing the figures themselves.


def spread_chart(
    questionnaire: Questionnaire, themes: Sequence[ThemeFigures], own: bool = False
) -> dict[str, Any] | None:
    """Per theme a box from the 1st to the 3rd quartile with the median (no whiskers: their
    ends would be single organisations' scores); with `own`, the organisation's score."""
    rows = [t for t in themes if t.median is not None]
    if not rows:
        return None
    labels = [_label(questionnaire, t.id) for t in rows]
    data: list[dict[str, Any]] = [
        {
            "type": "box",
            "orientation": "h",
            "y": labels,
            "q1": [t.q1 for t in rows],
            "median": [t.median for t in rows],
            "q3": [t.q3 for t in rows],
            "lowerfence": [t.q1 for t in rows],
            "upperfence": [t.q3 for t in rows],
            "name": _("Groupe (quartiles et médiane)"),
            "marker": {"color": ACCENT},
            "fillcolor": ACCENT_FILL,
            "hoverinfo": "skip",
        }
    ]
    points = [(y, t.own) for y, t in zip(labels, rows, strict=True) if own and t.own is not None]
    if points:
        data.append(
            {
                "type": "scatter",
                "mode": "markers",
                "x": [value for _y, value in points],
                "y": [y for y, _value in points],
                "name": _("Votre score"),
                "marker": {"color": OWN_COLOUR, "size": 12, "symbol": "diamond"},
                "hovertemplate": "%{y}: %{x:.0f}/100<extra></extra>",
            }
        )
    return {
        "data": data,
        "layout": _layout(len(rows), _("Score sur 100"), xaxis={"range": [0, 100]}),
    }


def levels_chart(
    questionnaire: Questionnaire, themes: Sequence[ThemeFigures]
) -> dict[str, Any] | None:
    """How many organisations at each maturity level, theme by theme, as stacked bars."""
    rows = [t for t in themes if t.levels is not None]
    if not rows:
        return None
    labels = [_label(questionnaire, t.id) for t in rows]
    data = [
        {
            "type": "bar",
            "orientation": "h",
            "x": [(t.levels or [])[level] for t in rows],
            "y": labels,
            "name": _("Niveau %(n)d", n=level),
            "marker": {"color": LEVEL_COLOURS[min(level, len(LEVEL_COLOURS) - 1)]},
            "hovertemplate": "%{y} — " + _("niveau %(n)d", n=level) + " : %{x}<extra></extra>",
        }
        for level in range(questionnaire.scale_levels)
    ]
    return {"data": data, "layout": _layout(len(rows), _("Organisations"), barmode="stack")}


def ranked_chart(
    questionnaire: Questionnaire, ranked: Sequence[tuple[str, int]]
) -> dict[str, Any] | None:
    if not ranked:
        return None
    data = [
        {
            "type": "bar",
            "orientation": "h",
            "x": [count for _theme, count in ranked],
            "y": [_label(questionnaire, theme) for theme, _count in ranked],
            "marker": {"color": ACCENT},
            "text": [str(count) for _theme, count in ranked],
            "textposition": "outside",
            "hovertemplate": "%{y}: %{x}<extra></extra>",
        }
    ]
    return {"data": data, "layout": _layout(len(ranked), _("Organisations"), showlegend=False)}


def results_section(found: Benchmark) -> dict[str, Any]:
    """What the results page's « Organisations comme la vôtre » section needs."""
    return {
        "found": found,
        "group": group_words(found) if found.shown else "",
        "chart": spread_chart(found.questionnaire, found.themes, own=True) if found.shown else None,
        "position": position_words,
    }


# --- Regional dashboard --------------------------------------------------------------------------


def _load(network_id: int) -> tuple[FiltersForm, Dashboard, bool]:
    """The form and the figures; with invalid filters, the errors and the unfiltered figures."""
    form = FiltersForm(request.args)
    values = form.values()
    try:
        found = statistics.dashboard(
            current_user,
            network_id,
            values["questionnaire"],
            legal_form=values["legal_form"],
            size_band=values["size_band"],
            year=values["year"],
        )
        valid = True
    except Invalid as exc:
        apply_errors(form, exc.errors)
        found = statistics.dashboard(current_user, network_id)
        valid = False
    form.set_choices(
        [(v.key, translate(v.questionnaire.title)) for v in questionnaires.current_versions()],
        [option.value for option in found.options.get("year", [])],
    )
    return form, found, valid


def _selects(form: FiltersForm, found: Dashboard) -> list[dict[str, Any]]:
    """Each filter's options with, for those the dashboard would hide, why (disabled)."""
    selects = []
    for name in statistics.DIMENSIONS:
        field = form[name]
        status = {option.value: option for option in found.options.get(name, [])}
        options = []
        for value, label in field.choices:
            option = status.get(value)
            selected = value == (found.filters.get(name) or "")
            disabled = option is not None and not option.available and not selected
            note = reason_note(option.reason, found.k) if option and not option.available else ""
            options.append(
                {
                    "value": value,
                    "label": label,
                    "selected": selected,
                    "disabled": disabled,
                    "note": note,
                }
            )
        selects.append({"field": field, "options": options})
    return selects


@bp.route("/networks/<int:network_id>/statistics")
@login_required
def dashboard(network_id: int) -> ResponseReturnValue:
    form, found, valid = _load(network_id)
    questionnaire = found.questionnaire
    return render_template(
        "benchmarks/dashboard.html",
        form=form,
        found=found,
        valid=valid,
        selects=_selects(form, found),
        hidden=hidden_message(found.reason, found.k),
        spread=spread_chart(questionnaire, found.themes) if found.shown else None,
        levels=levels_chart(questionnaire, found.themes) if found.shown else None,
        ranked=ranked_chart(questionnaire, found.ranked_first) if found.shown else None,
        query={name: found.filters[name] for name in found.filters}
        | {"questionnaire": found.questionnaire.id},
    )


def _number(value: float | None, digits: int = 1) -> str:
    return score_text(value, digits) if value is not None else ""


def csv_rows(found: Dashboard) -> list[list[str]]:
    """The dashboard as rows: a header, summary rows, then one row per theme."""
    q = found.questionnaire
    top = q.scale_levels - 1
    header = [
        _("Indicateur ou thème"),
        _("Organisations"),
        _("Médiane"),
        _("1er quartile"),
        _("3e quartile"),
        *(_("Niveau %(n)d", n=level) for level in range(top + 1)),
    ]
    filters = found.filters
    rows = [
        header,
        [_("Réseau"), found.network.name],
        [_("Questionnaire"), translate(q.title)],
        [
            _("Forme juridique"),
            str(LEGAL_FORM_LABELS.get(filters.get("legal_form", ""), _("Toutes"))),
        ],
        [_("Effectif"), str(HEADCOUNT_LABELS.get(filters.get("size_band", ""), _("Tous")))],
        [_("Année"), filters.get("year", _("Toutes"))],
    ]
    if not found.shown:
        return [*rows, [hidden_message(found.reason, found.k)]]
    rows.append([_("Organisations du groupe"), str(found.count)])
    assessed = found.assessed_this_year
    rows.append(
        [
            _("Évaluées en %(year)d", year=found.current_year),
            "" if assessed is None else str(assessed),
        ]
    )
    share = found.actions_done_share
    rows.append([_("Part des actions faites"), "" if share is None else percent_text(share)])
    if found.progress is not None:
        p = found.progress
        rows.append(
            [
                _(
                    "Progression du score global de %(a)d à %(b)d (médiane)",
                    a=p.from_year,
                    b=p.to_year,
                ),
                str(p.count),
                _number(p.median),
            ]
        )
    for theme, count in found.ranked_first:
        rows.append([_("Classé premier : %(theme)s", theme=_title(q, theme)), str(count)])
    for t in found.themes:
        rows.append(
            [
                _title(q, t.id),
                "" if t.count is None else str(t.count),
                _number(t.median),
                _number(t.q1),
                _number(t.q3),
                *(str(n) for n in t.levels or []),
            ]
        )
    return rows


def _title(questionnaire: Questionnaire, theme_id: str) -> str:
    theme = questionnaire.theme(theme_id)
    return translate(theme.title) if theme else theme_id


@bp.route("/networks/<int:network_id>/statistics.csv")
@login_required
def dashboard_csv(network_id: int) -> Response:
    _form, found, valid = _load(network_id)
    if not valid:
        abort(400)
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    for row in csv_rows(found):
        writer.writerow([neutralise_formula(cell) for cell in row])
    name = export_filename(found.network.name, _("statistiques"), date.today(), "csv")
    return Response(
        buffer.getvalue().encode("utf-8-sig"),
        mimetype="text/csv",
        headers={"Content-Disposition": f'attachment; filename="{name}"'},
    )
