"""Pages after the scores: priorities, the action plan, objectives, comparison, next cycle."""

from __future__ import annotations

from datetime import date

from flask import flash, redirect, render_template, request, url_for
from flask.typing import ResponseReturnValue
from flask_babel import gettext as _
from flask_login import current_user, login_required

from app.forms import apply_errors
from app.i18n import current_language
from app.services import actions, assessments, cycles, priorities
from app.services.actions import ActionData
from app.services.errors import Invalid

from . import bp, charts
from .forms import ActionForm, EmptyForm, NextCycleForm, StatusForm, objectives_form


@bp.route("/assessments/<int:assessment_id>/priorities")
@login_required
def priorities_page(assessment_id: int) -> ResponseReturnValue:
    found = priorities.for_assessment(current_user, assessment_id)
    return render_template(
        "plans/priorities.html",
        context=found.context,
        found=found,
        objectives=cycles.objectives_of(found.context),
    )


@bp.route("/assessments/<int:assessment_id>/plan")
@login_required
def plan(assessment_id: int) -> ResponseReturnValue:
    context, items, suggestions = actions.plan_with_suggestions(current_user, assessment_id)
    return render_template(
        "plans/plan.html",
        context=context,
        actions=items,
        suggestions=suggestions,
        today=date.today(),
        form=EmptyForm(),
        status_form=StatusForm(),
    )


@bp.route("/assessments/<int:assessment_id>/plan/suggestions/<key>", methods=["POST"])
@login_required
def accept(assessment_id: int, key: str) -> ResponseReturnValue:
    if EmptyForm().validate_on_submit():
        try:
            action = actions.accept(current_user, assessment_id, key, current_language())
        except Invalid as exc:
            flash(" ".join(exc.errors.values()), "error")
        else:
            flash(_("« %(title)s » est dans le plan.", title=action.title), "success")
    return redirect(url_for(".plan", assessment_id=assessment_id, _anchor="plan-title"))


def _action_form(context: assessments.AssessmentContext) -> ActionForm:
    form = ActionForm()
    form.fill_choices(context.questionnaire)
    return form


def _data(form: ActionForm) -> dict[str, object]:
    return {
        "title": form.title.data or "",
        "description": form.description.data or "",
        "theme_id": form.theme_id.data or None,
        "owner": form.owner.data or "",
        "due_date": form.due_date.data,
        "indicator": form.indicator.data or "",
        "target": form.target.data or "",
        "status": form.status.data or "todo",
    }


@bp.route("/assessments/<int:assessment_id>/plan/new", methods=["GET", "POST"])
@login_required
def new_action(assessment_id: int) -> ResponseReturnValue:
    context = assessments.get(current_user, assessment_id, "contributor")
    form = _action_form(context)
    if form.validate_on_submit():
        try:
            actions.create(current_user, assessment_id, ActionData(**_data(form)))  # type: ignore[arg-type]
        except Invalid as exc:
            apply_errors(form, exc.errors)
        else:
            flash(_("Action ajoutée au plan."), "success")
            return redirect(url_for(".plan", assessment_id=assessment_id))
    return render_template("plans/action_form.html", context=context, form=form, action=None)


@bp.route("/actions/<int:action_id>/edit", methods=["GET", "POST"])
@login_required
def edit_action(action_id: int) -> ResponseReturnValue:
    context, action = actions.get_action(current_user, action_id, "contributor")
    form = _action_form(context)
    if form.validate_on_submit():
        changes = _data(form)
        if changes["theme_id"] != action.theme_id:
            changes["question_id"] = None
        try:
            actions.update(current_user, action_id, changes)
        except Invalid as exc:
            apply_errors(form, exc.errors)
        else:
            flash(_("Action enregistrée."), "success")
            return redirect(url_for(".plan", assessment_id=action.assessment_id))
    elif not form.is_submitted():
        form.process(obj=action, theme_id=action.theme_id or "")
    return render_template(
        "plans/action_form.html", context=context, form=form, action=action, delete_form=EmptyForm()
    )


@bp.route("/actions/<int:action_id>/status", methods=["POST"])
@login_required
def set_status(action_id: int) -> ResponseReturnValue:
    form = StatusForm()
    _context, action = actions.get_action(current_user, action_id, "contributor")
    if form.validate_on_submit():
        actions.update(current_user, action_id, {"status": form.status.data})
        flash(_("« %(title)s » : état enregistré.", title=action.title), "success")
    return redirect(
        url_for(".plan", assessment_id=action.assessment_id, _anchor=f"action-{action_id}")
    )


@bp.route("/actions/<int:action_id>/move", methods=["POST"])
@login_required
def move(action_id: int) -> ResponseReturnValue:
    offset = -1 if request.form.get("direction") == "up" else 1
    if EmptyForm().validate_on_submit():
        action = actions.move(current_user, action_id, offset)
    else:
        action = actions.get_action(current_user, action_id, "contributor")[1]
    return redirect(
        url_for(".plan", assessment_id=action.assessment_id, _anchor=f"action-{action_id}")
    )


@bp.route("/actions/<int:action_id>/delete", methods=["POST"])
@login_required
def delete_action(action_id: int) -> ResponseReturnValue:
    if not EmptyForm().validate_on_submit():
        return redirect(url_for(".edit_action", action_id=action_id))
    assessment_id = actions.delete(current_user, action_id)
    flash(_("Action retirée du plan."), "success")
    return redirect(url_for(".plan", assessment_id=assessment_id))


@bp.route("/assessments/<int:assessment_id>/objectives", methods=["GET", "POST"])
@login_required
def objectives(assessment_id: int) -> ResponseReturnValue:
    context = assessments.get(current_user, assessment_id, "contributor")
    result = context.score()
    themes = [t for t in context.questionnaire.themes if t.id in context.assessment.themes]
    form = objectives_form([t.id for t in themes])()
    if form.validate_on_submit():
        chosen = {
            t.id: tuple(
                float(v) if v is not None else None
                for v in (form[f"{t.id}-1y"].data, form[f"{t.id}-3y"].data)
            )
            for t in themes
        }
        try:
            cycles.set_objectives(current_user, assessment_id, chosen)  # type: ignore[arg-type]
        except Invalid as exc:
            apply_errors(form, exc.errors)
        else:
            flash(_("Objectifs enregistrés."), "success")
            return redirect(url_for(".priorities_page", assessment_id=assessment_id))
    elif not form.is_submitted():
        for theme_id, (one_year, three_years) in cycles.objectives_or_suggestions(
            context, result
        ).items():
            if f"{theme_id}-1y" in form:  # only the themes of this cycle
                form[f"{theme_id}-1y"].data = one_year
                form[f"{theme_id}-3y"].data = three_years
    return render_template(
        "plans/objectives.html",
        context=context,
        form=form,
        themes=themes,
        scores={t.id: t.score for t in result.themes},
    )


@bp.route("/assessments/<int:assessment_id>/compare")
@login_required
def compare(assessment_id: int) -> ResponseReturnValue:
    comparison = cycles.history(current_user, assessment_id)
    current = comparison.cycles[-1].context
    return render_template(
        "plans/compare.html",
        context=current,
        comparison=comparison,
        figure=charts.cycles_bars(comparison, _("Score sur 100")),
    )


@bp.route("/assessments/<int:assessment_id>/next", methods=["GET", "POST"])
@login_required
def next_cycle(assessment_id: int) -> ResponseReturnValue:
    context = assessments.get(current_user, assessment_id, "contributor")
    form = NextCycleForm()
    if form.validate_on_submit():
        try:
            created = cycles.start_next(
                current_user, assessment_id, year=form.year.data, label=form.label.data or ""
            )
        except Invalid as exc:
            apply_errors(form, exc.errors)
        else:
            flash(
                _(
                    "Le cycle %(year)s commence avec les réponses du cycle précédent, à confirmer.",
                    year=created.year,
                ),
                "success",
            )
            return redirect(url_for("assessments.overview", assessment_id=created.id))
    elif not form.is_submitted():
        form.year.data = context.assessment.year + 1
    return render_template("plans/next.html", context=context, form=form)
