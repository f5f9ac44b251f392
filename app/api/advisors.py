"""API v1 for advisors: the charter and the portfolio of organisations that granted access.

Advisor endpoints answer 403 until the current charter is accepted, and 403 too for an account
that belongs to no network ("not an advisor": the portfolio is a list of one's own, there is no
organisation's existence to hide). Organisations' data are read through the usual URLs
(`GET /assessments/<id>`, `.../scores`), which check the grant and log the view.
"""

from __future__ import annotations

from flask import Response
from flask_babel import gettext as _
from flask_login import current_user

from app.i18n import current_language
from app.models._base import as_utc
from app.services import charter, networks, portfolio
from app.services.errors import Forbidden, NotFound
from app.services.pagination import paginate_list

from . import TAGS, api
from .docs_spec import problem_response
from .problems import problem
from .replies import reply, service_errors
from .schemas.advisors import (
    CharterAcceptanceIn,
    CharterAcceptanceOut,
    CharterOut,
    PortfolioAssessment,
    PortfolioItem,
    PortfolioPage,
    PortfolioQuery,
    ThemeScore,
    Unread,
)
from .serializers import page_fields

TAG = [TAGS["advisors"]]
ADVISORS_ONLY = {
    403: problem_response(
        "Not an advisor of any network, or the current charter is not accepted yet "
        "(`GET /charter`, then `POST /charter/acceptances`)."
    )
}


def _not_an_advisor() -> Response:
    return problem(403, _("Accès refusé"), _("Ce compte n'est conseiller d'aucun réseau."))


def _charter_first() -> Response:
    return problem(
        403,
        _("Accès refusé"),
        _(
            "Acceptez d'abord la version en vigueur de la charte (%(v)s).",
            v=charter.current().version,
        ),
    )


@api.get("/charter", tags=TAG, responses={200: CharterOut})
def get_charter() -> Response:
    """The advisors' charter, current version, in the request's language (French by default)."""
    current = charter.current()
    language = current_language()
    return reply(
        CharterOut(
            version=current.version,
            title=current.title_in(language),
            text=current.text_in(language),
        )
    )


@api.post("/charter/acceptances", tags=TAG, responses={201: CharterAcceptanceOut, **ADVISORS_ONLY})
@service_errors
def accept_charter(body: CharterAcceptanceIn) -> Response:
    """Accept the charter's current version (advisors). Another version than the current one is
    a 422 naming `version`. Accepting again is harmless and returns the first acceptance."""
    if not networks.is_advisor(current_user):
        return _not_an_advisor()
    accepted = charter.accept(current_user, body.version)
    return reply(
        CharterAcceptanceOut(version=accepted.version, accepted_at=as_utc(accepted.accepted_at)),
        201,
    )


def _item(row: portfolio.PortfolioRow) -> PortfolioItem:
    latest = row.assessment
    return PortfolioItem(
        id=row.organisation_id,
        name=row.name,
        legal_form=row.legal_form,
        region=row.region,
        size_band=row.headcount_band,
        scope=row.scope,  # type: ignore[arg-type]
        until=row.until,
        assessment=(
            PortfolioAssessment(
                id=latest.id,
                year=latest.year,
                overall=latest.overall,
                completion=latest.completion,
                themes=[ThemeScore(id=k, score=v) for k, v in latest.themes.items()],
                priorities=latest.priorities,
            )
            if latest
            else None
        ),
        overdue_actions=row.overdue_actions,
        last_activity=as_utc(row.last_activity) if row.last_activity else None,
        unread=Unread(
            count=row.unread_count,
            oldest=as_utc(row.unread_oldest) if row.unread_oldest else None,
        ),
    )


@api.get("/advisor/organisations", tags=TAG, responses={200: PortfolioPage, **ADVISORS_ONLY})
@service_errors
def list_portfolio(query: PortfolioQuery) -> Response:
    """Your portfolio: the organisations with an active grant to you or to one of your networks,
    each with its latest assessment of `questionnaire` (stored figures), overdue actions, last
    activity and unread replies. The organisations of the page returned are written to their
    access logs ("portfolio")."""
    filters = portfolio.PortfolioFilters(
        legal_form=query.legal_form or "",
        region=query.region or "",
        size_band=query.size_band or "",
        scope=query.scope or "",
        text=query.q or "",
    )
    try:
        rows = portfolio.portfolio(
            current_user,
            questionnaire=query.questionnaire,
            sort=query.sort,
            descending=query.order == "desc",
            filters=filters,
            log_view=False,
        )
    except NotFound:
        return _not_an_advisor()
    except Forbidden:
        return _charter_first()
    page = paginate_list(rows, query.page, query.per_page)
    portfolio.log_listed(current_user, page.items)
    return reply(PortfolioPage(items=[_item(row) for row in page.items], **page_fields(page)))
