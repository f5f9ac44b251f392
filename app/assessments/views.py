"""Assessment pages: choose a questionnaire, start, answer theme by theme, results.

Answering works without JavaScript (one form per theme, saved with a button); with JavaScript,
`static/js/autosave.js` saves each answer as it is given through the JSON API.
"""

from __future__ import annotations

from flask import abort, flash, redirect, render_template, url_for
from flask.typing import ResponseReturnValue
from flask_babel import gettext as _
from flask_babel import ngettext
from flask_login import current_user, login_required

from app.benchmarks.views import results_section
from app.forms import apply_errors
from app.services import answers as answers_service
from app.services import assessments, cycles, organisations, questionnaires, statistics
from app.services.errors import Forbidden, Invalid

from . import bp, charts
from .forms import DeleteForm, SettingsForm, StartForm, make_answer_form
from .presenters import answer_text


@bp.route("/organisations/<int:organisation_id>/assessments/new")
@login_required
def choose(organisation_id: int) -> ResponseReturnValue:
    organisation = organisations.get_organisation(current_user, organisation_id, "contributor")
    return render_template(
        "assessments/choose.html",
        organisation=organisation,
        versions=questionnaires.current_versions(),
    )


@bp.route("/organisations/<int:organisation_id>/assessments/new/<key>", methods=["GET", "POST"])
@login_required
def new(organisation_id: int, key: str) -> ResponseReturnValue:
    organisation = organisations.get_organisation(current_user, organisation_id, "contributor")
    questionnaire = questionnaires.current_version(key).questionnaire
    form = StartForm()
    form.set_themes(questionnaire)
    if not form.is_submitted():
        form.themes.data = [t.id for t in questionnaire.themes]
    if form.validate_on_submit():
        try:
            assessment = assessments.start(
                current_user,
                organisation_id,
                key,
                year=form.year.data,
                label=form.label.data,
                pilot_name=form.pilot_name.data,
                themes=form.themes.data,
            )
        except Invalid as exc:
            apply_errors(form, exc.errors)
        else:
            flash(_("L'évaluation est créée : à vous de répondre !"), "success")
            return redirect(url_for("assessments.overview", assessment_id=assessment.id))
    return render_template(
        "assessments/new.html", organisation=organisation, questionnaire=questionnaire, form=form
    )


@bp.route("/assessments/<int:assessment_id>")
@login_required
def overview(assessment_id: int) -> ResponseReturnValue:
    context = assessments.get(current_user, assessment_id)
    return render_template("assessments/overview.html", context=context, result=context.score())


@bp.route("/assessments/<int:assessment_id>/settings", methods=["GET", "POST"])
@login_required
def settings(assessment_id: int) -> ResponseReturnValue:
    context = assessments.get(current_user, assessment_id, "contributor")
    assessment = context.assessment
    form = SettingsForm()
    form.set_themes(context.questionnaire)
    if not form.is_submitted():
        form.label.data = assessment.label
        form.pilot_name.data = assessment.pilot_name
        form.themes.data = list(assessment.themes)
    if form.validate_on_submit():
        try:
            assessments.update_settings(
                current_user,
                assessment_id,
                label=form.label.data,
                pilot_name=form.pilot_name.data,
                themes=form.themes.data or [],
            )
        except Invalid as exc:
            apply_errors(form, exc.errors)
        else:
            flash(_("Paramètres enregistrés."), "success")
            return redirect(url_for("assessments.overview", assessment_id=assessment_id))
    return render_template(
        "assessments/settings.html", context=context, form=form, delete_form=DeleteForm()
    )


@bp.route("/assessments/<int:assessment_id>/delete", methods=["POST"])
@login_required
def delete(assessment_id: int) -> ResponseReturnValue:
    organisation_id = assessments.delete(current_user, assessment_id)
    flash(_("L'évaluation est supprimée."), "info")
    return redirect(url_for("organisations.show", organisation_id=organisation_id))


@bp.route("/assessments/<int:assessment_id>/themes/<theme_id>", methods=["GET", "POST"])
@login_required
def theme(assessment_id: int, theme_id: str) -> ResponseReturnValue:
    context = assessments.get(current_user, assessment_id)
    current_theme = context.questionnaire.theme(theme_id)
    if current_theme is None or theme_id not in context.assessment.themes:
        abort(404)
    questions = [q for q in current_theme.questions if q.id in context.applicable]
    stored = context.answers()
    form = make_answer_form(questions, stored)
    errors: dict[str, str] = {}
    conflicts = {}
    if form.validate_on_submit():
        if not context.can_answer:
            raise Forbidden()
        try:
            result = answers_service.save_batch(current_user, assessment_id, form.submissions())
        except Invalid as exc:
            errors = exc.errors
        else:
            if not result.conflicts:
                flash(_("Réponses enregistrées."), "success")
                return redirect(_after_theme(context, theme_id))
            conflicts = {item.question_id: current for item, current in result.conflicts}
            form.mark_conflicts(conflicts)
    themes = context.assessment.themes
    position = themes.index(theme_id)
    return render_template(
        "assessments/theme.html",
        context=context,
        theme=current_theme,
        form=form,
        result=context.score(),
        errors=errors,
        conflicts=conflicts,
        hidden_count=len(current_theme.questions) - len(questions),
        previous_theme=context.questionnaire.theme(themes[position - 1]) if position else None,
        next_theme=(
            context.questionnaire.theme(themes[position + 1])
            if position + 1 < len(themes)
            else None
        ),
        answer_text=answer_text,
        stored=stored,
    )


@bp.route("/assessments/<int:assessment_id>/themes/<theme_id>/confirm", methods=["POST"])
@login_required
def confirm_theme(assessment_id: int, theme_id: str) -> ResponseReturnValue:
    """Confirm as they are the answers of a theme copied from last cycle."""
    context = assessments.get(current_user, assessment_id, "contributor")
    theme = context.questionnaire.theme(theme_id)
    if theme is None:
        abort(404)
    if DeleteForm().validate_on_submit():
        count = answers_service.confirm(
            current_user, assessment_id, [q.id for q in theme.questions]
        )
        flash(
            ngettext("%(num)d réponse confirmée.", "%(num)d réponses confirmées.", count), "success"
        )
    return redirect(url_for(".theme", assessment_id=assessment_id, theme_id=theme_id))


def _after_theme(context: assessments.AssessmentContext, theme_id: str) -> str:
    themes = context.assessment.themes
    position = themes.index(theme_id)
    if position + 1 < len(themes):
        return url_for(
            "assessments.theme", assessment_id=context.assessment.id, theme_id=themes[position + 1]
        )
    return url_for("assessments.overview", assessment_id=context.assessment.id)


@bp.route("/assessments/<int:assessment_id>/results")
@login_required
def results(assessment_id: int) -> ResponseReturnValue:
    context = assessments.get(current_user, assessment_id)
    result = context.score()
    benchmark = statistics.benchmark_for(
        context.organisation, context.assessment.questionnaire_version.key, assessment_id
    )
    return render_template(
        "assessments/results.html",
        benchmark=results_section(benchmark),
        can_invite=context.advisor is None,
        context=context,
        result=result,
        answers=context.answers(),
        radar=charts.radar(context.questionnaire, result),
        bars=charts.ranked_bars(context.questionnaire, result, _("Score sur 100")),
        objectives=cycles.objectives_of(context),
        answer_text=answer_text,
    )
