"""The figures of the dashboard and the benchmark, computed from score record rows already loaded.

Why a module of its own: `app.services.statistics` decides who may see what and which group
may be shown (with `app.statistics`); this module only turns the rows of the chosen group into
figures (spread and levels per theme, priorities, progress year on year, where a score stands),
so it runs no query and needs no request. Which records count is said in
`app.services.statistics`; `record_columns` and `newest_first` give the rows' layout and order.
"""

from __future__ import annotations

from bisect import bisect_right
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from itertools import groupby
from operator import itemgetter
from statistics import median
from typing import Any

from app.models import ScoreRecord
from app.statistics import Member, Plan, maturity_level, spread


@dataclass(frozen=True)
class ThemeFigures:
    """A theme's spread over a group; figures are None when fewer than k scores exist."""

    id: str
    count: int | None
    median: float | None
    q1: float | None
    q3: float | None
    #: How many scores at each maturity level 0..top (index = level).
    levels: list[int] | None
    #: Benchmark only: the organisation's own score, level and where it stands.
    own: float | None = None
    own_level: int | None = None
    position: str | None = None


@dataclass(frozen=True)
class Progress:
    from_year: int
    to_year: int
    median: float
    count: int


#: A score record row: organisation_id, assessment_id, year, overall, themes, ranked[0], top_level
#: (and, for the dashboard, legal_form and headcount_band). Rows are used as they come from the
#: database: building an object per record costs more than the whole query at 10,000.
Record = Any
ORGANISATION, ASSESSMENT, YEAR, OVERALL, THEMES, RANKED, TOP, LEGAL_FORM, SIZE_BAND = range(9)


def record_columns() -> tuple[Any, ...]:
    return (
        ScoreRecord.organisation_id,
        ScoreRecord.assessment_id,
        ScoreRecord.year,
        ScoreRecord.overall,
        ScoreRecord.themes,
        ScoreRecord.ranked[0].as_string(),  # only the first priority counts: decode no list
        ScoreRecord.top_level,
    )


def newest_first() -> tuple[Any, ...]:
    return (
        ScoreRecord.organisation_id,
        ScoreRecord.year.desc(),
        ScoreRecord.assessment_id.desc(),
    )


def grouped(rows: Iterable[Record]) -> dict[int, list[Record]]:
    """Rows sorted by `newest_first`, per organisation (newest first)."""
    return {key: list(group) for key, group in groupby(rows, key=itemgetter(ORGANISATION))}


#: Per theme, the scores found, per top level of the records they come from (lists of floats
#: rather than (score, top) pairs: thousands of small tuples would keep the garbage collector busy).
Scores = dict[str, dict[int, list[float]]]


def latest_per_theme(records: Iterable[list[Record]], theme_ids: Sequence[str]) -> Scores:
    """Per theme, the score of each organisation's latest record scoring it."""
    found: Scores = {theme: defaultdict(list) for theme in theme_ids}
    for rows in records:
        latest = rows[0]
        if len(rows) == 1:  # the common case, without a search per theme
            top = latest[TOP]
            for theme, score in (latest[THEMES] or {}).items():
                if score is not None and theme in found:
                    found[theme][top].append(float(score))
            continue
        for theme in theme_ids:
            for row in rows:
                score = (row[THEMES] or {}).get(theme)
                if score is not None:
                    found[theme][row[TOP]].append(float(score))
                    break
    return found


def levels(scores: dict[int, list[float]], top: int) -> list[int]:
    """How many scores at each level 0..top, each on its record's own scale.

    `maturity_level` never decreases as the score grows, so sorted scores are counted level by
    level with a bisection instead of one call per score."""
    counts = [0] * (top + 1)
    for record_top, values in scores.items():
        ordered = sorted(values)
        done = 0
        for level in range(record_top + 1):
            end = bisect_right(ordered, level, key=lambda v, t=record_top: maturity_level(v, t))
            counts[min(level, top)] += end - done
            done = end
    return counts


def theme_figures(theme: str, scores: dict[int, list[float]], k: int, top: int) -> ThemeFigures:
    figures = spread([score for values in scores.values() for score in values], k)
    if figures is None:
        return ThemeFigures(theme, None, None, None, None, None)
    return ThemeFigures(
        theme, figures.count, figures.median, figures.q1, figures.q3, levels(scores, top)
    )


def dashboard_members(records: dict[int, list[Record]]) -> list[Member]:
    """The dashboard's members for `app.statistics.plan`, one per organisation: its legal
    form, size band and the years of its records.

    The value sets are shared between members (a few distinct ones for thousands of members)."""
    shared: dict[tuple[Any, ...], frozenset[str]] = {}

    def one_of(*values: Any) -> frozenset[str]:
        found = shared.get(values)
        if found is None:
            found = shared[values] = frozenset(str(value) for value in values)
        return found

    return [
        Member(
            id=organisation_id,
            values={
                "legal_form": one_of(own[0][LEGAL_FORM]),
                "size_band": one_of(own[0][SIZE_BAND]),
                "year": one_of(*(row[YEAR] for row in own)),
            },
        )
        for organisation_id, own in records.items()
    ]


def assessed_this_year(
    decisions: Plan,
    filters: dict[str, str],
    records: dict[int, list[Record]],
    chosen: frozenset[int],
    k: int,
    current_year: int,
) -> int | None:
    """Organisations of the group with a record of this year, under the same rules as a filter.

    Without a year filter it is the group narrowed to this year, so it is shown exactly when the
    dashboard would show that filter. With another year chosen, it is the intersection: shown
    when it holds at least k and the rest of the group either none or at least k."""
    this_year = str(current_year)
    chosen_year = filters.get("year")
    if chosen_year is None:
        decision = decisions.decide({**filters, "year": this_year})
        return decision.count if decision.shown else None
    if chosen_year == this_year:
        return len(chosen)
    count = sum(1 for i in chosen if any(row[YEAR] == current_year for row in records[i]))
    rest = len(chosen) - count
    return count if count >= k and not 0 < rest < k else None


def ranked_first(latest: Iterable[Record]) -> list[tuple[str, int]]:
    """How often each theme comes first in the organisations' latest priorities, most first."""
    counts = Counter(row[RANKED] for row in latest if row[RANKED])
    return sorted(counts.items(), key=lambda item: (-item[1], item[0]))


def progress(
    records: dict[int, list[Record]], chosen: frozenset[int], year: int | None, k: int
) -> Progress | None:
    """Median change of the overall score from Y−1 to Y, over organisations scored both years.

    Y is the year filter, or else the latest year present in the group. Each year counts the
    organisation's latest assessment of that year. None when fewer than k organisations."""
    to_year = year or max((records[i][0][YEAR] for i in chosen), default=None)
    if to_year is None:
        return None
    changes: list[float] = []
    for organisation_id in chosen:
        by_year: dict[int, float] = {}
        for row in records[organisation_id]:  # newest first: keep the first of each year
            by_year.setdefault(row[YEAR], row[OVERALL])
        if to_year in by_year and to_year - 1 in by_year:
            changes.append(by_year[to_year] - by_year[to_year - 1])
    if len(changes) < k:
        return None
    return Progress(to_year - 1, to_year, float(median(changes)), len(changes))


def position(own: float | None, figures: ThemeFigures) -> str | None:
    """Where a score stands in the group's spread: below_q1, q1_median, median, median_q3,
    above_q3 (None without a score or figures). Scores on a quartile belong to the inner band."""
    if own is None or figures.median is None or figures.q1 is None or figures.q3 is None:
        return None
    if own < figures.q1:
        return "below_q1"
    if own > figures.q3:
        return "above_q3"
    if own == figures.median:
        return "median"
    return "q1_median" if own < figures.median else "median_q3"
