"""Anonymous figures: a network's regional dashboard and an organisation's benchmark.

Which organisations count, in every figure of this module:

- only organisations that opted in to anonymous statistics (``anonymous_statistics`` true); the
  others never appear in any figure, whatever the filters;
- only through their stored ``ScoreRecord`` rows, never by scoring answers on a request, so that
  the figures stay a read at 10,000 organisations;
- for a questionnaire key (default "gbp"), an organisation counts if it has at least one record of
  that questionnaire with an overall score (with a year filter: a record of that year). Records
  without an overall score (nothing scored yet) are ignored everywhere;
- per theme, each counted organisation contributes the theme score of its latest record (highest
  year, then highest assessment id; within the year filter if any) that has a score for the theme.
  A theme with fewer than k such scores has no figure (its median, quartiles, levels are null).

k is `min_group(STATISTICS_MIN_GROUP)`: never below 5. Which groups may be shown at all (too few,
complement of another group, cell suppression) is decided by one `app.statistics.plan` per
request over every filter combination, the same for the pages and the API. The figures
themselves are computed from the loaded rows by `app.services.statistics_figures`.

No name or id of an organisation is ever part of a result, and nothing is logged per organisation
for the dashboard (its figures are anonymous); the benchmark, which shows an organisation its own
scores, is logged like any advisor's view of them.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import Any

from flask import current_app
from flask_babel import gettext as _
from sqlalchemy import case, func, select

from app.extensions import db
from app.models import HEADCOUNT_BANDS, Action, Network, Organisation, ScoreRecord, User
from app.questionnaires import Questionnaire
from app.questionnaires.references import LEGAL_FORMS
from app.statistics import (
    Decision,
    Peer,
    Plan,
    choose_group,
    maturity_level,
    members_of,
    min_group,
    plan,
)

from . import access, networks, organisations, questionnaires
from .errors import Invalid, NotFound
from .statistics_cache import FigureCache
from .statistics_figures import (
    ASSESSMENT,
    ORGANISATION,
    YEAR,
    Progress,
    ThemeFigures,
    assessed_this_year,
    dashboard_members,
    grouped,
    latest_per_theme,
    newest_first,
    position,
    progress,
    ranked_first,
    record_columns,
    theme_figures,
)

#: The dashboard's filters, in the order of the form and of the API.
DIMENSIONS: tuple[str, ...] = ("legal_form", "size_band", "year")
#: Why a filter value is not offered: no organisation at all has it.
EMPTY = "empty"
YEAR_MIN, YEAR_MAX = 2000, 2100
#: This worker's recent dashboards (see statistics_cache: checked against the database each time).
_CACHE = FigureCache()
_STORE: tuple[str, Any] | None = None


@dataclass(frozen=True)
class FilterOption:
    value: str
    available: bool
    #: None when available; else EMPTY, or app.statistics' TOO_FEW / COMPLEMENT / SUPPRESSED.
    reason: str | None


@dataclass(frozen=True)
class Dashboard:
    network: Network
    questionnaire: Questionnaire
    filters: dict[str, str]
    k: int
    shown: bool
    reason: str | None
    count: int | None
    current_year: int
    themes: list[ThemeFigures] = field(default_factory=list)
    assessed_this_year: int | None = None
    ranked_first: list[tuple[str, int]] = field(default_factory=list)
    actions_done_share: float | None = None
    progress: Progress | None = None
    #: Per dimension, each value and whether choosing it (with the other filters) is shown.
    options: dict[str, list[FilterOption]] = field(default_factory=dict)

    @property
    def top_level(self) -> int:
        return self.questionnaire.scale_levels - 1


@dataclass(frozen=True)
class Benchmark:
    organisation: Organisation
    questionnaire: Questionnaire
    k: int
    shown: bool
    count: int | None
    #: The group's criteria, None where widened; all None when not shown.
    legal_form: str | None = None
    size_band: str | None = None
    region: str | None = None
    themes: list[ThemeFigures] = field(default_factory=list)

    @property
    def top_level(self) -> int:
        return self.questionnaire.scale_levels - 1

    @property
    def opted_in(self) -> bool:
        return self.organisation.anonymous_statistics


def k_setting() -> int:
    return min_group(current_app.config.get("STATISTICS_MIN_GROUP"))


def _questionnaire(key: str) -> Questionnaire:
    try:
        return questionnaires.current_version(key).questionnaire
    except NotFound:
        raise Invalid({"questionnaire": _("Questionnaire inconnu.")}) from None


def _check_filters(legal_form: str | None, size_band: str | None, year: Any) -> dict[str, str]:
    errors: dict[str, str] = {}
    filters: dict[str, str] = {}
    if legal_form:
        if legal_form in LEGAL_FORMS:
            filters["legal_form"] = legal_form
        else:
            errors["legal_form"] = _("Forme juridique inconnue.")
    if size_band:
        if size_band in HEADCOUNT_BANDS:
            filters["size_band"] = size_band
        else:
            errors["size_band"] = _("Tranche d'effectif inconnue.")
    if year not in (None, ""):
        try:
            number = int(year)
        except (TypeError, ValueError):
            number = 0
        if isinstance(year, bool) or not YEAR_MIN <= number <= YEAR_MAX:
            errors["year"] = _("Année invalide.")
        else:
            filters["year"] = str(number)
    if errors:
        raise Invalid(errors)
    return filters


def _counted(questionnaire_key: str) -> list[Any]:
    """The conditions every counted record meets (opted in, this questionnaire, scored)."""
    return [
        Organisation.anonymous_statistics.is_(True),
        ScoreRecord.questionnaire_key == questionnaire_key,
        ScoreRecord.overall.is_not(None),
    ]


# --- Regional dashboard ---------------------------------------------------------------------------


def dashboard(
    user: User,
    network_id: int,
    questionnaire: str = "gbp",
    legal_form: str | None = None,
    size_band: str | None = None,
    year: int | str | None = None,
    *,
    options: bool = True,
) -> Dashboard:
    """The network's figures over the opted-in organisations of its regions (see the module).

    `options`: also decide, for the filter form, which value of each filter could be shown (the
    API does not need it)."""
    network = networks.member(user, network_id).network
    access.require_charter(user)
    pinned = _questionnaire(questionnaire)
    filters = _check_filters(legal_form, size_band, year)
    k = k_setting()
    current_year = access.today().year
    seconds = current_app.config.get("STATISTICS_CACHE_SECONDS") or 0
    if seconds <= 0:
        return _dashboard(network, pinned, questionnaire, filters, k, current_year, options)
    key = (network.id, tuple(network.regions or ()), questionnaire, *filters.items(), k, options)
    fingerprint = (current_year, *_fingerprint(network, questionnaire))
    store, secret = _shared_store(), current_app.config["SECRET_KEY"].encode()
    found = _CACHE.get(key, fingerprint, seconds, store, secret)
    if found is None:
        computed = _dashboard(network, pinned, questionnaire, filters, k, current_year, options)
        found = replace(computed, network=None, questionnaire=None)  # kept without ORM objects
        _CACHE.put(key, fingerprint, found, seconds, store, secret)
    return replace(found, network=network, questionnaire=pinned)


def _shared_store() -> Any:
    """A Redis client when REDIS_URL is set (all workers share the figures), else None."""
    url = current_app.config.get("REDIS_URL")
    if not url:
        return None
    global _STORE
    if _STORE is None or _STORE[0] != url:
        import redis

        _STORE = (url, redis.Redis.from_url(url, socket_timeout=1))
    return _STORE[1]


def _fingerprint(network: Network, questionnaire: str) -> tuple[Any, ...]:
    """What the dashboard's figures depend on, in one aggregate query (see statistics_cache)."""
    row = db.session.execute(
        select(
            func.count(ScoreRecord.assessment_id),
            func.max(Organisation.updated_at),
            func.sum(case((Organisation.anonymous_statistics.is_(True), 1), else_=0)),
        )
        .join(Organisation, Organisation.id == ScoreRecord.organisation_id)
        .where(
            ScoreRecord.questionnaire_key == questionnaire,
            Organisation.region.in_(list(network.regions or [])),
        )
    ).one()
    return tuple(row)


def _dashboard(
    network: Network,
    pinned: Questionnaire,
    questionnaire: str,
    filters: dict[str, str],
    k: int,
    current_year: int,
    options: bool,
) -> Dashboard:
    rows = db.session.execute(
        select(*record_columns(), Organisation.legal_form, Organisation.headcount_band)
        .join(Organisation, Organisation.id == ScoreRecord.organisation_id)
        .where(*_counted(questionnaire), Organisation.region.in_(list(network.regions or [])))
        .order_by(*newest_first())
    ).all()
    records = grouped(rows)
    members = dashboard_members(records)
    # One plan per request: the decision asked for and every option of the form read the same
    # global plan, so no answer depends on which filters were asked first.
    decisions = plan(members, k, DIMENSIONS)
    choices = _options(decisions, filters) if options else {}
    decision = decisions.decide(filters)
    base = {"network": network, "questionnaire": pinned, "filters": filters, "k": k}
    if not decision.shown:
        return Dashboard(
            **base,
            shown=False,
            reason=decision.reason,
            count=None,
            current_year=current_year,
            options=choices,
        )

    chosen = members_of(members, filters)
    in_year = int(filters["year"]) if "year" in filters else None
    group = [
        [row for row in records[i] if row[YEAR] == in_year] if in_year else records[i]
        for i in chosen
    ]
    theme_ids = [theme.id for theme in pinned.themes]
    per_theme = latest_per_theme(group, theme_ids)
    top = pinned.scale_levels - 1
    latest = [rows[0] for rows in group]
    return Dashboard(
        **base,
        shown=True,
        reason=None,
        count=decision.count,
        current_year=current_year,
        themes=[theme_figures(theme, per_theme[theme], k, top) for theme in theme_ids],
        assessed_this_year=assessed_this_year(decisions, filters, records, chosen, k, current_year),
        ranked_first=ranked_first(latest),
        actions_done_share=_actions_done_share(
            network, questionnaire, {row[ASSESSMENT] for row in latest}, k
        ),
        progress=progress(records, chosen, in_year, k),
        options=choices,
    )


def _without(filters: Mapping[str, str], dimension: str) -> dict[str, str]:
    return {dim: value for dim, value in filters.items() if dim != dimension}


def _options(decisions: Plan, filters: Mapping[str, str]) -> dict[str, list[FilterOption]]:
    """Each value of each filter, and whether the dashboard would show it with the others."""
    allowed: dict[str, dict[str, Decision]] = {
        dim: decisions.allowed(_without(filters, dim), dim) for dim in DIMENSIONS
    }
    years = sorted(allowed["year"], reverse=True)
    values = {"legal_form": list(LEGAL_FORMS), "size_band": list(HEADCOUNT_BANDS), "year": years}
    return {
        dim: [
            FilterOption(value, True, None)
            if value in allowed[dim] and allowed[dim][value].shown
            else FilterOption(
                value, False, allowed[dim][value].reason if value in allowed[dim] else EMPTY
            )
            for value in values[dim]
        ]
        for dim in DIMENSIONS
    }


def _actions_done_share(
    network: Network, questionnaire: str, assessment_ids: set[int], k: int
) -> float | None:
    """Done / (all − dropped) over the actions of the group's latest assessments.

    One aggregated query over the region's counted assessments (no list of ids is sent); None
    when no action counts, or when fewer than k organisations have one (a share over a handful of
    plans would describe those few)."""
    rows = db.session.execute(
        select(
            Action.assessment_id,
            func.count(Action.id),
            func.sum(case((Action.status == "done", 1), else_=0)),
            func.sum(case((Action.status == "dropped", 1), else_=0)),
        )
        .join(ScoreRecord, ScoreRecord.assessment_id == Action.assessment_id)
        .join(Organisation, Organisation.id == ScoreRecord.organisation_id)
        .where(*_counted(questionnaire), Organisation.region.in_(list(network.regions or [])))
        .group_by(Action.assessment_id)
    ).all()
    done = counted = plans = 0
    for assessment_id, total, done_count, dropped in rows:
        if assessment_id in assessment_ids and total - (dropped or 0) > 0:
            done += done_count or 0
            counted += total - (dropped or 0)
            plans += 1
    if counted == 0 or plans < k:
        return None
    return done / counted


# --- Benchmark ------------------------------------------------------------------------------------


def benchmark(
    user: User, organisation_id: int, questionnaire: str = "gbp", assessment_id: int | None = None
) -> Benchmark:
    """“Organisations like yours” for a member of the organisation or an advisor with a grant."""
    try:
        organisation = organisations.membership(user, organisation_id, "viewer").organisation
    except NotFound:
        organisation = access.advisor_view(
            user, organisation_id, need="results", what="statistics"
        ).organisation
    return benchmark_for(organisation, questionnaire, assessment_id)


def benchmark_for(
    organisation: Organisation, questionnaire: str = "gbp", assessment_id: int | None = None
) -> Benchmark:
    """The benchmark of an organisation whose results the caller already may see (the results
    page checked access when it loaded the assessment); `own` comes from `assessment_id` if it
    is one of the organisation's, else from its latest record scoring each theme."""
    pinned = _questionnaire(questionnaire)
    k = k_setting()
    # First who the peers are (a few columns per organisation), then the records of the group
    # chosen among them only: a common legal form can hold thousands of organisations.
    scored = (
        select(ScoreRecord.assessment_id)
        .where(
            ScoreRecord.organisation_id == Organisation.id,
            ScoreRecord.questionnaire_key == questionnaire,
            ScoreRecord.overall.is_not(None),
        )
        .exists()
    )
    peers = [
        Peer(row.id, organisation.legal_form, row.headcount_band, row.region)
        for row in db.session.execute(
            select(Organisation.id, Organisation.headcount_band, Organisation.region).where(
                Organisation.anonymous_statistics.is_(True),
                Organisation.legal_form == organisation.legal_form,
                Organisation.id != organisation.id,
                scored,
            )
        )
    ]
    group = choose_group(
        peers,
        organisation.id,
        organisation.legal_form,
        organisation.headcount_band,
        organisation.region,
        k,
    )
    if group is None:
        return Benchmark(organisation, pinned, k, shown=False, count=None)
    narrowed = [
        column == value
        for column, value in (
            (Organisation.headcount_band, group.size_band),
            (Organisation.region, group.region),
        )
        if value is not None
    ]
    rows = db.session.execute(
        select(*record_columns())
        .join(Organisation, Organisation.id == ScoreRecord.organisation_id)
        .where(
            *_counted(questionnaire),
            Organisation.legal_form == organisation.legal_form,
            Organisation.id != organisation.id,
            *narrowed,
        )
        .order_by(*newest_first())
    ).all()
    records = grouped(row for row in rows if row[ORGANISATION] in group.ids)
    theme_ids = [theme.id for theme in pinned.themes]
    per_theme = latest_per_theme(records.values(), theme_ids)
    top = pinned.scale_levels - 1
    own = _own_scores(organisation.id, questionnaire, assessment_id, theme_ids)
    themes = []
    for theme in theme_ids:
        figures = theme_figures(theme, per_theme[theme], k, top)
        own_score, own_top = own.get(theme, (None, top))
        themes.append(
            ThemeFigures(
                **{
                    **vars(figures),
                    "own": own_score,
                    "own_level": (
                        None if own_score is None else min(maturity_level(own_score, own_top), top)
                    ),
                    "position": position(own_score, figures),
                }
            )
        )
    return Benchmark(
        organisation,
        pinned,
        k,
        shown=True,
        count=len(group.ids),
        legal_form=group.legal_form,
        size_band=group.size_band,
        region=group.region,
        themes=themes,
    )


def _own_scores(
    organisation_id: int, questionnaire: str, assessment_id: int | None, theme_ids: Sequence[str]
) -> dict[str, tuple[float, int]]:
    rows = db.session.execute(
        select(*record_columns())
        .where(
            ScoreRecord.organisation_id == organisation_id,
            ScoreRecord.questionnaire_key == questionnaire,
        )
        .order_by(*newest_first())
    ).all()
    shown = [row for row in rows if row[ASSESSMENT] == assessment_id] or rows
    if not shown:
        return {}
    return {  # one organisation: one score per theme at most
        theme: (values[0], record_top)
        for theme, found in latest_per_theme([shown], theme_ids).items()
        for record_top, values in found.items()
    }
