"""Stakeholder pages: the grid with its table, add, change, remove."""

from __future__ import annotations

from flask import flash, redirect, render_template, url_for
from flask.typing import ResponseReturnValue
from flask_babel import gettext as _
from flask_login import current_user, login_required

from app.forms import apply_errors
from app.i18n import current_language
from app.models import Stakeholder
from app.services import organisations, stakeholders
from app.services.errors import Invalid
from app.services.stakeholders import StakeholderData

from . import bp, charts
from .forms import DeleteForm, StakeholderForm


def quadrant(stakeholder: Stakeholder) -> str:
    high_influence, high_importance = stakeholder.influence >= 3, stakeholder.importance >= 3
    key = {
        (True, True): "associate",
        (True, False): "satisfy",
        (False, True): "inform",
        (False, False): "monitor",
    }[(high_influence, high_importance)]
    return charts.grid_labels()[key]


@bp.route("/organisations/<int:organisation_id>/stakeholders")
@login_required
def index(organisation_id: int) -> ResponseReturnValue:
    membership = organisations.membership(current_user, organisation_id)
    found = stakeholders.list_for(current_user, organisation_id)
    can_edit = membership.allows("contributor")
    points = [
        charts.Point(
            s.name,
            s.importance,
            s.influence,
            url_for(".edit", stakeholder_id=s.id) if can_edit else "",  # viewers only read
        )
        for s in found
    ]
    return render_template(
        "engagement/index.html",
        organisation=membership.organisation,
        membership=membership,
        stakeholders=found,
        grid=charts.grid(points, charts.grid_labels()) if found else None,
        categories=stakeholders.categories(),
        themes=stakeholders.guide_theme_titles(current_language()),
        quadrant=quadrant,
    )


def _form() -> StakeholderForm:
    form = StakeholderForm()
    form.fill_choices(
        stakeholders.categories(), stakeholders.guide_theme_titles(current_language())
    )
    return form


def _data(form: StakeholderForm) -> StakeholderData:
    return StakeholderData(
        name=form.name.data or "",
        category=form.category.data or "",
        influence=int(form.influence.data),
        importance=int(form.importance.data),
        dialogue=form.dialogue.data or "none",
        expectations=form.expectations.data or "",
        themes=list(form.themes.data or []) or None,
    )


@bp.route("/organisations/<int:organisation_id>/stakeholders/new", methods=["GET", "POST"])
@login_required
def new(organisation_id: int) -> ResponseReturnValue:
    organisation = organisations.get_organisation(current_user, organisation_id, "contributor")
    form = _form()
    if form.validate_on_submit():
        try:
            created = stakeholders.create(current_user, organisation_id, _data(form))
        except Invalid as exc:
            apply_errors(form, exc.errors)
        else:
            flash(_("« %(name)s » est sur la carte.", name=created.name), "success")
            return redirect(url_for(".index", organisation_id=organisation_id))
    return render_template(
        "engagement/form.html", form=form, organisation=organisation, stakeholder=None
    )


@bp.route("/stakeholders/<int:stakeholder_id>/edit", methods=["GET", "POST"])
@login_required
def edit(stakeholder_id: int) -> ResponseReturnValue:
    stakeholder = stakeholders.get(current_user, stakeholder_id, "contributor")
    form = _form()
    if form.validate_on_submit():
        data = _data(form)
        try:
            stakeholders.update(current_user, stakeholder_id, vars(data))
        except Invalid as exc:
            apply_errors(form, exc.errors)
        else:
            flash(_("« %(name)s » est enregistré.", name=data.name), "success")
            return redirect(url_for(".index", organisation_id=stakeholder.organisation_id))
    elif not form.is_submitted():
        form.process(
            obj=stakeholder,
            influence=str(stakeholder.influence),
            importance=str(stakeholder.importance),
        )
    return render_template(
        "engagement/form.html",
        form=form,
        organisation=organisations.get_organisation(current_user, stakeholder.organisation_id),
        stakeholder=stakeholder,
        delete_form=DeleteForm(),
    )


@bp.route("/stakeholders/<int:stakeholder_id>/delete", methods=["POST"])
@login_required
def delete(stakeholder_id: int) -> ResponseReturnValue:
    form = DeleteForm()
    if not form.validate_on_submit():
        return redirect(url_for(".edit", stakeholder_id=stakeholder_id))
    name = stakeholders.get(current_user, stakeholder_id, "contributor").name
    organisation_id = stakeholders.delete(current_user, stakeholder_id)
    flash(_("« %(name)s » est retiré de la carte.", name=name), "success")
    return redirect(url_for(".index", organisation_id=organisation_id))
