"""API v1: anonymous statistics — a network's regional figures and an organisation's benchmark.

The same service as the pages (`app/services/statistics.py`), so the k-threshold and the
suppression of filters apply identically. A group that may not be shown answers only
`{"shown": false, "count": null, "themes": []}`: no other figure, nor why (the reason could
itself tell something about the organisations of the group).
"""

from __future__ import annotations

from flask import Response, json
from flask_login import current_user
from pydantic import BaseModel

from app.services import statistics
from app.services.statistics import Benchmark, Dashboard
from app.services.statistics_figures import ThemeFigures

from . import TAGS, api
from .docs_spec import problem_response
from .replies import service_errors
from .schemas import OrganisationPath
from .schemas.statistics import (
    BenchmarkOut,
    BenchmarkQuery,
    BenchmarkThemeOut,
    GroupOut,
    NetworkPath,
    ProgressOut,
    RankedFirstOut,
    StatisticsOut,
    StatisticsQuery,
    ThemeSpreadOut,
)

TAG = [TAGS["statistics"]]
CHARTER = {403: problem_response("Advisors must first accept the current charter.")}


def _reply(model: BaseModel) -> Response:
    """Fields left unset are left out: a hidden group says nothing but that it is hidden."""
    body = json.dumps(model.model_dump(mode="json", exclude_unset=True))
    return Response(body, status=200, mimetype="application/json")


def _spread(theme: ThemeFigures) -> dict[str, object]:
    return {
        "id": theme.id,
        "median": theme.median,
        "q1": theme.q1,
        "q3": theme.q3,
        "count": theme.count,
        "levels": theme.levels,
    }


def benchmark_out(found: Benchmark) -> BenchmarkOut:
    if not found.shown:
        return BenchmarkOut(shown=False, group=None, count=None, themes=[])
    return BenchmarkOut(
        shown=True,
        group=GroupOut(legal_form=found.legal_form, size_band=found.size_band, region=found.region),
        count=found.count,
        themes=[
            BenchmarkThemeOut(**_spread(t), own=t.own, own_level=t.own_level) for t in found.themes
        ],
    )


def statistics_out(found: Dashboard) -> StatisticsOut:
    if not found.shown:
        return StatisticsOut(shown=False, count=None, themes=[])
    progress = found.progress
    return StatisticsOut(
        shown=True,
        count=found.count,
        themes=[ThemeSpreadOut(**_spread(t)) for t in found.themes],
        assessed_this_year=found.assessed_this_year,
        ranked_first=[RankedFirstOut(theme=t, count=n) for t, n in found.ranked_first],
        actions_done_share=found.actions_done_share,
        progress=(
            None
            if progress is None
            else ProgressOut(
                from_=progress.from_year,
                to=progress.to_year,
                median=progress.median,
                count=progress.count,
            )
        ),
    )


@api.get(
    "/organisations/<int:organisation_id>/benchmark",
    tags=TAG,
    responses={200: BenchmarkOut, **CHARTER},
)
@service_errors
def get_benchmark(path: OrganisationPath, query: BenchmarkQuery) -> Response:
    """“Organisations like yours”: the spread of each theme's scores over opted-in organisations
    of the same legal form, size band and region (widened to the whole country, then to every
    size, until at least k remain, the asking organisation excluded), with its own score.

    Members of the organisation, and advisors it granted access to.
    """
    found = statistics.benchmark(current_user, path.organisation_id, query.questionnaire)
    return _reply(benchmark_out(found))


@api.get(
    "/networks/<int:network_id>/statistics",
    tags=TAG,
    responses={200: StatisticsOut, **CHARTER},
)
@service_errors
def get_network_statistics(path: NetworkPath, query: StatisticsQuery) -> Response:
    """Regional figures over the opted-in organisations of the network's regions, filtered.

    A group of fewer than k organisations, or one whose difference with a wider group would
    hold 1 to k−1 organisations, is not shown. Advisors and admins of the network, after
    accepting the charter.
    """
    found = statistics.dashboard(
        current_user,
        path.network_id,
        query.questionnaire,
        legal_form=query.legal_form,
        size_band=query.size_band,
        year=query.year,
        options=False,
    )
    return _reply(statistics_out(found))
