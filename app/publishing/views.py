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
from app.services import public_pages, reports
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
    form = PublicPageForm()
    found = public_pages.settings(
        current_user, organisation_id, form.assessment_id.data if form.is_submitted() else None
    )
    if found.context is None:
        return render_template(
            "publishing/public_settings.html", organisation=found.organisation, form=None, page=None
        )
    form.assessment_id.choices = [SelectChoice(a.id, f"{a.label} ({a.year})") for a in found.cycles]
    form.themes.choices = [
        SelectChoice(t.id, translate(t.title)) for t in found.context.questionnaire.themes
    ]
    form.actions.choices = [SelectChoice(a.id, a.title) for a in found.plan]
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
        page = found.page
        form.process(
            enabled=page.enabled if page else False,
            assessment_id=found.context.assessment.id,
            intro=page.intro if page else "",
            themes=page.theme_ids if page else [],
            actions=page.action_ids if page else [],
        )
    return render_template(
        "publishing/public_settings.html",
        organisation=found.organisation,
        form=form,
        page=found.page,
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
