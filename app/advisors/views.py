"""Views of the advisors blueprint: the charter, the portfolio, read-only views of a granted
organisation. Every read goes through a service that checks the grant and writes the access log.

An advisor who has not accepted the charter's current version is sent to the charter page from
any page of this blueprint (the API answers 403 instead).
"""

from __future__ import annotations

from datetime import date

from flask import Response, abort, flash, redirect, render_template, request, url_for
from flask.typing import ResponseReturnValue
from flask_babel import gettext as _
from flask_login import current_user, login_required

from app.actions.exports import export_filename
from app.assessments import charts
from app.assessments.presenters import answer_text
from app.errors import error_response
from app.i18n import current_language, translate
from app.labels import REVIEW_STATUS_LABELS
from app.labels import SCOPE_SHORT_LABELS as SCOPE_LABELS
from app.services import (
    access,
    actions,
    assessments,
    charter,
    networks,
    portfolio,
    priorities,
    questionnaires,
)
from app.services.errors import Forbidden, Invalid, NotFound

from . import bp
from .forms import (
    QUESTIONNAIRE_LABELS,
    CharterForm,
    PortfolioForm,
)


@bp.errorhandler(Forbidden)
def _charter_first(exc: Forbidden) -> ResponseReturnValue:
    """The charter comes first: refusals for that reason lead to it, others stay 403."""
    if exc.args[:1] == ("charter",):
        flash(_("Acceptez la charte en vigueur pour accéder aux organisations."), "info")
        return redirect(url_for("advisors.charter"))
    return error_response(403)


@bp.route("/charter", methods=["GET", "POST"], endpoint="charter")
@login_required
def charter_page() -> ResponseReturnValue:
    if not networks.is_advisor(current_user):
        raise NotFound()
    current = charter.current()
    form = CharterForm()
    if form.validate_on_submit():
        try:
            charter.accept(current_user, form.version.data or "")
        except Invalid as exc:
            flash(" ".join(exc.errors.values()), "error")
            return redirect(url_for("advisors.charter"))
        flash(
            _("Merci : vous avez accepté la charte (version %(v)s).", v=current.version), "success"
        )
        return redirect(url_for("advisors.portfolio"))
    form.version.data = current.version
    return render_template(
        "advisors/charter.html",
        charter=current,
        language=current_language(),
        acceptance=charter.acceptance_of(current_user),
        form=form,
    )


def _portfolio_args() -> tuple[PortfolioForm, dict[str, object]]:
    form = PortfolioForm(request.args)  # read, never validated: see PortfolioForm.value
    filters = portfolio.PortfolioFilters(
        legal_form=form.value("legal_form"),
        region=form.value("region"),
        size_band=form.value("size_band"),
        scope=form.value("scope"),
        text=form.value("q"),
    )
    return form, {
        "questionnaire": form.value("questionnaire") or "gbp",
        "sort": form.value("sort") or "name",
        "descending": form.value("order") == "desc",
        "filters": filters,
    }


@bp.route("/", endpoint="portfolio")
@login_required
def portfolio_page() -> ResponseReturnValue:
    form, args = _portfolio_args()
    rows = portfolio.portfolio(current_user, **args)  # type: ignore[arg-type]
    return render_template(
        "advisors/portfolio.html",
        rows=rows,
        form=form,
        sort=args["sort"],
        descending=args["descending"],
        questionnaire=args["questionnaire"],
        filtered=any(
            form.value(name) for name in ("q", "legal_form", "region", "size_band", "scope")
        ),
        scope_labels=SCOPE_LABELS,
        questionnaire_labels=QUESTIONNAIRE_LABELS,
        theme_titles=_theme_titles(str(args["questionnaire"])),
    )


def _theme_titles(key: str) -> dict[str, str]:
    """Short theme titles of the questionnaire's current version (priorities are theme ids)."""
    try:
        questionnaire = questionnaires.current_version(key).questionnaire
    except NotFound:
        return {}
    return {t.id: translate(t.short_title or t.title) for t in questionnaire.themes}


@bp.route("/portfolio.csv")
@login_required
def portfolio_csv() -> Response:
    _form, args = _portfolio_args()
    rows = portfolio.portfolio(current_user, **args)  # type: ignore[arg-type]
    body = portfolio.portfolio_csv(rows, current_language())
    name = export_filename(str(args["questionnaire"]), _("portefeuille"), date.today(), "csv")
    return Response(
        body.encode("utf-8-sig"),
        mimetype="text/csv; charset=utf-8",
        headers={"Content-Disposition": f'attachment; filename="{name}"'},
    )


@bp.route("/organisations/<int:organisation_id>")
@login_required
def organisation(organisation_id: int) -> ResponseReturnValue:
    view = access.advisor_view(current_user, organisation_id, need="results", what="organisation")
    return render_template(
        "advisors/organisation.html",
        view=view,
        organisation=view.organisation,
        assessments=portfolio.stored_assessments(view),
        scope_labels=SCOPE_LABELS,
        questionnaire_labels=QUESTIONNAIRE_LABELS,
    )


def _advised(context: assessments.AssessmentContext) -> None:
    """These pages are the advisors' read-only views; members use their own pages."""
    if context.advisor is None:
        abort(404)


@bp.route("/assessments/<int:assessment_id>")
@login_required
def results(assessment_id: int) -> ResponseReturnValue:
    context = assessments.read(current_user, assessment_id, need="results", what="results")
    _advised(context)
    found = priorities.of_context(context)
    return render_template(
        "advisors/results.html",
        context=context,
        result=found.result,
        ranked=found.ranking.ranked,
        radar=charts.radar(context.questionnaire, found.result),
        reviews=portfolio.theme_reviews(context),
        review_labels=REVIEW_STATUS_LABELS,
        scope_labels=SCOPE_LABELS,
    )


@bp.route("/assessments/<int:assessment_id>/answers")
@login_required
def answers(assessment_id: int) -> ResponseReturnValue:
    context = assessments.read(current_user, assessment_id, need="full", what="answers")
    _advised(context)
    return render_template(
        "advisors/answers.html",
        context=context,
        result=context.score(),
        stored=context.answers(),
        answer_text=answer_text,
    )


@bp.route("/assessments/<int:assessment_id>/plan")
@login_required
def plan(assessment_id: int) -> ResponseReturnValue:
    context = assessments.read(current_user, assessment_id, need="full", what="plan")
    _advised(context)
    return render_template(
        "advisors/plan.html",
        context=context,
        actions=actions.plan_of(context),
        stakeholders=priorities.of_context(context).stakeholders,
        today=date.today(),
    )
