"""An advisor's portfolio: the organisations that granted them access, with their latest figures.

An advisor may follow hundreds of organisations, so the list is built from a fixed number of
queries whatever its length: the active grants with their organisations, the stored scores
(`ScoreRecord`, never recomputed from answers here), the overdue actions counted in one GROUP BY,
the unread replies from the review service, and one bulk insert into the access log (listing an
organisation's figures is a view of its data, which the organisation can read in its log).
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from typing import Any

from flask_babel import force_locale
from flask_babel import gettext as _
from sqlalchemy import func, select

from app.actions.exports import neutralise_formula
from app.extensions import db
from app.models import (
    Action,
    Assessment,
    Organisation,
    ScoreRecord,
    ThemeReview,
    User,
)

from . import access, reviews
from .access import SCOPE_RANK, AdvisorView, active_grants, require_charter, today
from .assessments import AssessmentContext

QUESTIONNAIRES: tuple[str, ...] = ("gbp", "iso26000")
SORTS: tuple[str, ...] = (
    "name",
    "legal_form",
    "region",
    "completion",
    "overall",
    "activity",
    "overdue",
    "unread",
)
OPEN_STATUSES: tuple[str, ...] = ("todo", "in_progress")


@dataclass(frozen=True)
class PortfolioFilters:
    """What the advisor narrows the list to; empty values do not filter."""

    legal_form: str = ""
    region: str = ""
    size_band: str = ""
    scope: str = ""
    text: str = ""

    def keeps(self, row: PortfolioRow) -> bool:
        needle = self.text.strip().casefold()
        return (
            (not self.legal_form or row.legal_form == self.legal_form)
            and (not self.region or row.region == self.region)
            and (not self.size_band or row.headcount_band == self.size_band)
            and (not self.scope or row.scope == self.scope)
            and (not needle or needle in row.name.casefold())
        )


@dataclass(frozen=True)
class LatestAssessment:
    """The organisation's latest assessment of the questionnaire, as stored."""

    id: int
    year: int
    overall: float | None
    completion: float
    themes: dict[str, float | None]
    priorities: list[str]


@dataclass
class PortfolioRow:
    organisation_id: int
    name: str
    legal_form: str
    region: str
    headcount_band: str
    scope: str
    until: date
    assessment: LatestAssessment | None = None
    overdue_actions: int = 0
    last_activity: datetime | None = None
    unread_count: int = 0
    unread_oldest: datetime | None = None
    grant_ids: list[int] = field(default_factory=list)


def _granted(user: User) -> dict[int, PortfolioRow]:
    """One row per organisation with an active grant: the widest scope, the latest end date."""
    grants = active_grants(user).subquery()
    query = (
        select(
            grants.c.id,
            grants.c.scope,
            grants.c.until,
            Organisation.id,
            Organisation.name,
            Organisation.legal_form,
            Organisation.region,
            Organisation.headcount_band,
        )
        .join(Organisation, Organisation.id == grants.c.organisation_id)
        .order_by(grants.c.id)
    )
    rows: dict[int, PortfolioRow] = {}
    for grant_id, scope, until, org_id, name, legal_form, region, band in db.session.execute(query):
        row = rows.get(org_id)
        if row is None:
            row = rows[org_id] = PortfolioRow(org_id, name, legal_form, region, band, scope, until)
        elif SCOPE_RANK[scope] > SCOPE_RANK[row.scope]:
            row.scope = scope
        row.until = max(row.until, until)
        row.grant_ids.append(grant_id)
    return rows


def _latest_records(organisation_ids: Sequence[int], questionnaire: str) -> dict[int, ScoreRecord]:
    """Each organisation's latest assessment (highest year, then newest) of the questionnaire."""
    if not organisation_ids:
        return {}
    latest: dict[int, ScoreRecord] = {}
    for record in db.session.scalars(
        select(ScoreRecord)
        .where(
            ScoreRecord.questionnaire_key == questionnaire,
            ScoreRecord.organisation_id.in_(organisation_ids),
        )
        .order_by(ScoreRecord.year.desc(), ScoreRecord.assessment_id.desc())
    ):
        latest.setdefault(record.organisation_id, record)
    return latest


def _overdue(assessment_ids: Sequence[int]) -> dict[int, int]:
    """Open actions past their due date, per assessment (one GROUP BY for all of them)."""
    if not assessment_ids:
        return {}
    query = (
        select(Action.assessment_id, func.count(Action.id))
        .where(
            Action.assessment_id.in_(assessment_ids),
            Action.status.in_(OPEN_STATUSES),
            Action.due_date < today(),
        )
        .group_by(Action.assessment_id)
    )
    return dict(db.session.execute(query).all())  # type: ignore[arg-type]


def _unread(organisation_ids: Sequence[int]) -> dict[int, tuple[int, datetime | None]]:
    """Replies of the organisations the advisors have not read: (count, oldest) by organisation."""
    if not organisation_ids:
        return {}
    return reviews.unread_for_advisor(list(organisation_ids))


def _sort_key(sort: str) -> Callable[[PortfolioRow], Any]:
    assessment = {
        "completion": lambda r: r.assessment.completion if r.assessment else None,
        "overall": lambda r: r.assessment.overall if r.assessment else None,
    }
    keys: dict[str, Callable[[PortfolioRow], Any]] = {
        "name": lambda r: r.name.casefold(),
        "legal_form": lambda r: r.legal_form,
        "region": lambda r: r.region,
        "activity": lambda r: r.last_activity,
        "overdue": lambda r: r.overdue_actions,
        "unread": lambda r: r.unread_oldest if r.unread_count else None,
        **assessment,
    }
    return keys.get(sort, keys["name"])


def _comparable(value: Any) -> Any:
    """Datetimes from different databases may or may not carry a time zone: compare them naive
    in UTC."""
    if isinstance(value, datetime) and value.tzinfo is not None:
        return value.astimezone(UTC).replace(tzinfo=None)
    return value


def sort_rows(rows: list[PortfolioRow], sort: str, descending: bool = False) -> list[PortfolioRow]:
    """Sorted by `sort` (ties by name), rows without a value always last, whatever the order."""
    by_name = sorted(rows, key=lambda r: (r.name.casefold(), r.organisation_id))
    key = _sort_key(sort)
    present = [r for r in by_name if key(r) is not None]
    missing = [r for r in by_name if key(r) is None]
    present.sort(key=lambda r: _comparable(key(r)), reverse=descending)
    return present + missing


def portfolio(
    user: User,
    *,
    questionnaire: str = "gbp",
    sort: str = "name",
    descending: bool = False,
    filters: PortfolioFilters | None = None,
    log_view: bool = True,
) -> list[PortfolioRow]:
    """The organisations the advisor may see today, with their latest figures; logs the view.

    A caller showing only part of the list (one page of the API) passes `log_view=False` and logs
    what it shows with `log_listed`.
    """
    require_charter(user)
    filters = filters or PortfolioFilters()
    rows = [row for row in _granted(user).values() if filters.keeps(row)]
    ids = [row.organisation_id for row in rows]
    records = _latest_records(ids, questionnaire)
    overdue = _overdue([record.assessment_id for record in records.values()])
    unread = _unread(ids)
    for row in rows:
        record = records.get(row.organisation_id)
        if record is not None:
            row.assessment = LatestAssessment(
                id=record.assessment_id,
                year=record.year,
                overall=record.overall,
                completion=record.completion,
                themes=dict(record.themes or {}),
                priorities=list(record.ranked or [])[:3],
            )
            row.overdue_actions = overdue.get(record.assessment_id, 0)
            row.last_activity = record.activity_at
        row.unread_count, row.unread_oldest = unread.get(row.organisation_id, (0, None))
    if log_view:
        log_listed(user, rows)
    return sort_rows(rows, sort, descending)


def log_listed(user: User, rows: Sequence[PortfolioRow]) -> None:
    """One access-log row per organisation listed (one bulk insert)."""
    access.log(user, [row.organisation_id for row in rows], "portfolio")


@dataclass(frozen=True)
class StoredAssessment:
    id: int
    label: str
    questionnaire: str
    year: int
    overall: float | None
    completion: float
    activity_at: datetime | None


def stored_assessments(view: AdvisorView) -> list[StoredAssessment]:
    """The assessments of an organisation the advisor was let in (`access.advisor_view` checked
    and logged it), newest first, with their stored figures."""
    query = (
        select(Assessment.id, Assessment.label, ScoreRecord)
        .join(ScoreRecord, ScoreRecord.assessment_id == Assessment.id)
        .where(Assessment.organisation_id == view.organisation.id)
        .order_by(Assessment.year.desc(), Assessment.id.desc())
    )
    return [
        StoredAssessment(
            assessment_id,
            label,
            record.questionnaire_key,
            record.year,
            record.overall,
            record.completion,
            record.activity_at,
        )
        for assessment_id, label, record in db.session.execute(query)
    ]


def theme_reviews(context: AssessmentContext) -> dict[str, ThemeReview]:
    """The advisors' review status of each theme of an assessment already read with access."""
    return {
        review.theme_id: review
        for review in db.session.scalars(
            select(ThemeReview).where(ThemeReview.assessment_id == context.assessment.id)
        )
    }


def _number(value: float | None, locale: str, digits: int = 1) -> str:
    if value is None:
        return ""
    text = f"{value:.{digits}f}"
    return text.replace(".", ",") if locale == "fr" else text


def _moment(value: datetime | None) -> str:
    return value.isoformat(timespec="seconds") if value else ""


def portfolio_csv(rows: Sequence[PortfolioRow], locale: str = "fr") -> str:
    """The portfolio as a CSV (``;``, CRLF, every cell formula-safe) in the advisor's language.

    Codes (legal form, region, size band, theme ids) are written as stored, as in every export;
    one column per theme met in the rows, in order of appearance.
    """
    themes: list[str] = []
    for row in rows:
        for theme in row.assessment.themes if row.assessment else {}:
            if theme not in themes:
                themes.append(theme)
    with force_locale(locale):
        header = [
            _("Organisation"),
            _("Forme juridique"),
            _("Région"),
            _("Effectif"),
            _("Accès"),
            _("Jusqu'au"),
            _("Année"),
            _("Score global"),
            _("Avancement en %"),
            _("Priorités"),
            _("Actions en retard"),
            _("Dernière activité"),
            _("Réponses non lues"),
            _("Plus ancienne non lue"),
            *themes,
        ]
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n", quoting=csv.QUOTE_MINIMAL)
    writer.writerow([neutralise_formula(str(cell)) for cell in header])
    for row in rows:
        latest = row.assessment
        cells = [
            row.name,
            row.legal_form,
            row.region,
            row.headcount_band,
            row.scope,
            row.until.isoformat(),
            str(latest.year) if latest else "",
            _number(latest.overall, locale) if latest else "",
            _number(latest.completion * 100, locale, 0) if latest else "",
            ", ".join(latest.priorities) if latest else "",
            str(row.overdue_actions),
            _moment(row.last_activity),
            str(row.unread_count),
            _moment(row.unread_oldest),
            *[_number((latest.themes if latest else {}).get(t), locale) for t in themes],
        ]
        writer.writerow([neutralise_formula(cell) for cell in cells])
    return buffer.getvalue()
