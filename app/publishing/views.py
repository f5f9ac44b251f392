"""General-assembly report (print page and PDF) and the public "our commitments" page."""

from __future__ import annotations

from contextlib import nullcontext

from flask import Response, abort, flash, redirect, render_template, request, url_for
from flask.typing import ResponseReturnValue
from flask_babel import force_locale
from flask_babel import gettext as _
from flask_login import current_user, login_required
from wtforms import SelectChoice

from app.actions.exports import export_filename
from app.forms import apply_errors
from app.i18n import translate
from app.services import actions, assessments, organisations, public_pages, reports
from app.services.errors import Invalid

from . import bp
from .charts import report_charts
from .forms import EmptyForm, PublicPageForm


def _report_html(assessment_id: int, for_pdf: bool) -> tuple[str, reports.ReportData]:
    data = reports.gather(current_user, assessment_id)
    html = render_template(
        "publishing/report.html", data=data, charts=report_charts(data), for_pdf=for_pdf
    )
    return html, data


@bp.route("/assessments/<int:assessment_id>/report")
@login_required
def report(assessment_id: int) -> ResponseReturnValue:
    return _report_html(assessment_id, for_pdf=False)[0]


@bp.route("/assessments/<int:assessment_id>/report.pdf")
@login_required
def report_pdf(assessment_id: int) -> ResponseReturnValue:
    """The PDF in the page's language, or in `?lang=fr|en`."""
    lang = request.args.get("lang")
    if lang is not None and lang not in ("fr", "en"):
        abort(404)
    with force_locale(lang) if lang else nullcontext():
        html, data = _report_html(assessment_id, for_pdf=True)
        name = export_filename(
            data.found.context.organisation.name,
            _("rapport-assemblee-generale"),
            data.today,
            "pdf",
        )
    return Response(
        reports.render_pdf(html),
        mimetype="application/pdf",
        headers={"Content-Disposition": f'attachment; filename="{name}"'},
    )


@bp.route("/organisations/<int:organisation_id>/public", methods=["GET", "POST"])
@login_required
def public_settings(organisation_id: int) -> ResponseReturnValue:
    organisation = organisations.get_organisation(current_user, organisation_id, "owner")
    page = public_pages.page_of(current_user, organisation_id, "owner")
    cycles = assessments.list_for_organisation(current_user, organisation_id)
    form = PublicPageForm()
    form.assessment_id.choices = [
        SelectChoice(c.assessment.id, f"{c.assessment.label} ({c.assessment.year})")
        for c, _result in cycles
    ]
    if not cycles:
        return render_template(
            "publishing/public_settings.html", organisation=organisation, form=None, page=page
        )
    chosen_id = (
        form.assessment_id.data
        if form.is_submitted()
        else (page.assessment_id if page and page.assessment_id else cycles[0][0].assessment.id)
    )
    context = next((c for c, _r in cycles if c.assessment.id == chosen_id), cycles[0][0])
    _context, plan = actions.list_for(current_user, context.assessment.id)
    form.themes.choices = [
        SelectChoice(t.id, translate(t.title)) for t in context.questionnaire.themes
    ]
    form.actions.choices = [SelectChoice(a.id, a.title) for a in plan]
    if form.validate_on_submit():
        try:
            public_pages.configure(
                current_user,
                organisation_id,
                assessment_id=form.assessment_id.data,
                theme_ids=form.themes.data or [],
                action_ids=form.actions.data or [],
                intro=form.intro.data or "",
                enabled=bool(form.enabled.data),
            )
        except Invalid as exc:
            apply_errors(form, exc.errors)
        else:
            flash(_("Page publique enregistrée."), "success")
            return redirect(url_for(".public_settings", organisation_id=organisation_id))
    elif not form.is_submitted():
        form.assessment_id.data = context.assessment.id
        if page is not None:
            form.process(
                enabled=page.enabled,
                assessment_id=context.assessment.id,
                intro=page.intro,
                themes=page.theme_ids,
                actions=page.action_ids,
            )
    return render_template(
        "publishing/public_settings.html",
        organisation=organisation,
        form=form,
        page=page,
        revoke_form=EmptyForm(),
    )


@bp.route("/organisations/<int:organisation_id>/public/revoke", methods=["POST"])
@login_required
def revoke_public(organisation_id: int) -> ResponseReturnValue:
    if EmptyForm().validate_on_submit():
        public_pages.revoke(current_user, organisation_id)
        flash(_("L'ancien lien ne fonctionne plus ; la page est désactivée."), "success")
    return redirect(url_for(".public_settings", organisation_id=organisation_id))


@bp.route("/p/<token>")
def public(token: str) -> ResponseReturnValue:
    view = public_pages.public_view(token)
    result = view.context.score()
    scores = {t.id: t.score for t in result.themes}
    return render_template("publishing/public.html", view=view, scores=scores)
