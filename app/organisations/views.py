"""Organisation pages: create, profile, members and invitations."""

from __future__ import annotations

from flask import current_app, flash, redirect, render_template, request, url_for
from flask.typing import ResponseReturnValue
from flask_babel import gettext as _
from flask_login import current_user, login_required

from app.auth.session import safe_next
from app.forms import apply_errors
from app.labels import ROLE_LABELS
from app.models import Invitation
from app.services import assessments, invitations, organisations
from app.services.errors import Invalid, NotFound
from app.services.mail import send_mail

from . import bp
from .forms import InviteForm, OrganisationForm, RoleForm


@bp.route("/organisations/new", methods=["GET", "POST"])
@login_required
def new() -> ResponseReturnValue:
    # A page that sends people here to create an organisation may suggest its fields and where to
    # come back (a workshop participant continuing with their organisation).
    suggested = {
        k: request.args[k] for k in ("name", "legal_form", "headcount_band") if k in request.args
    }
    form = OrganisationForm(data=suggested)
    if form.validate_on_submit():
        try:
            organisation = organisations.create_organisation(current_user, form.to_data())
        except Invalid as exc:
            apply_errors(form, exc.errors)
        else:
            flash(_("L'organisation « %(name)s » est créée.", name=organisation.name), "success")
            back = safe_next(request.args.get("next"))
            return redirect(back or url_for("organisations.show", organisation_id=organisation.id))
    return render_template("organisations/form.html", form=form, organisation=None)


@bp.route("/organisations/<int:organisation_id>")
@login_required
def show(organisation_id: int) -> ResponseReturnValue:
    membership = organisations.membership(current_user, organisation_id)
    return render_template(
        "organisations/show.html",
        organisation=membership.organisation,
        membership=membership,
        assessments=assessments.list_for_organisation(current_user, organisation_id),
    )


@bp.route("/organisations/<int:organisation_id>/edit", methods=["GET", "POST"])
@login_required
def edit(organisation_id: int) -> ResponseReturnValue:
    organisation = organisations.get_organisation(current_user, organisation_id, "owner")
    form = OrganisationForm()
    if form.validate_on_submit():
        try:
            organisations.update_organisation(current_user, organisation_id, form.to_data())
        except Invalid as exc:
            apply_errors(form, exc.errors)
        else:
            flash(_("Profil enregistré."), "success")
            return redirect(url_for("organisations.show", organisation_id=organisation_id))
    elif not form.is_submitted():
        form.fill(organisation)
    return render_template("organisations/form.html", form=form, organisation=organisation)


@bp.route("/organisations/<int:organisation_id>/members", methods=["GET", "POST"])
@login_required
def members(organisation_id: int) -> ResponseReturnValue:
    membership = organisations.membership(current_user, organisation_id)
    form = InviteForm()
    if form.validate_on_submit():
        try:
            invitation, token = invitations.invite(
                current_user, organisation_id, form.email.data, form.role.data
            )
        except Invalid as exc:
            apply_errors(form, exc.errors)
        else:
            _send_invitation(invitation, token)
            return redirect(url_for("organisations.members", organisation_id=organisation_id))
    is_owner = membership.allows("owner")
    return render_template(
        "organisations/members.html",
        organisation=membership.organisation,
        membership=membership,
        members=organisations.members(current_user, organisation_id),
        invitations=invitations.pending(current_user, organisation_id) if is_owner else [],
        form=form,
        role_form=RoleForm(),
    )


def _send_invitation(invitation: Invitation, token: str) -> None:
    link = url_for("organisations.invitation", token=token, _external=True)
    organisation = invitation.organisation
    send_mail(
        invitation.email,
        _("Invitation à rejoindre %(name)s sur Écotone", name=organisation.name),
        _(
            "Bonjour,\n\n%(who)s vous invite à rejoindre « %(name)s » sur Écotone, l'outil "
            "d'auto-évaluation des bonnes pratiques de l'ESS, comme %(role)s.\n\nPour accepter, "
            "ouvrez ce lien :\n%(link)s\n",
            who=current_user.display_name,
            name=organisation.name,
            role=str(ROLE_LABELS[invitation.role]).lower(),
            link=link,
        ),
    )
    flash(_("Invitation envoyée à %(email)s.", email=invitation.email), "success")
    if current_app.config["SHOW_EMAIL_LINKS"]:
        flash(_("Mode développement : le lien envoyé est %(link)s", link=link), "dev")


@bp.route("/organisations/<int:organisation_id>/members/<int:membership_id>/role", methods=["POST"])
@login_required
def change_role(organisation_id: int, membership_id: int) -> ResponseReturnValue:
    form = RoleForm()
    try:
        organisations.change_role(current_user, organisation_id, membership_id, form.role.data)
    except Invalid as exc:
        flash(" ".join(exc.errors.values()), "error")
    else:
        flash(_("Rôle modifié."), "success")
    return redirect(url_for("organisations.members", organisation_id=organisation_id))


@bp.route(
    "/organisations/<int:organisation_id>/members/<int:membership_id>/remove", methods=["POST"]
)
@login_required
def remove_member(organisation_id: int, membership_id: int) -> ResponseReturnValue:
    own = organisations.membership(current_user, organisation_id)
    try:
        organisations.remove_member(current_user, organisation_id, membership_id)
    except Invalid as exc:
        flash(" ".join(exc.errors.values()), "error")
        return redirect(url_for("organisations.members", organisation_id=organisation_id))
    if own.id == membership_id:
        flash(_("Vous avez quitté l'organisation."), "info")
        return redirect(url_for("main.home"))
    flash(_("Membre retiré."), "success")
    return redirect(url_for("organisations.members", organisation_id=organisation_id))


@bp.route(
    "/organisations/<int:organisation_id>/invitations/<int:invitation_id>/revoke",
    methods=["POST"],
)
@login_required
def revoke_invitation(organisation_id: int, invitation_id: int) -> ResponseReturnValue:
    invitations.revoke(current_user, organisation_id, invitation_id)
    flash(_("Invitation annulée."), "info")
    return redirect(url_for("organisations.members", organisation_id=organisation_id))


@bp.route("/invitations/<token>", methods=["GET", "POST"])
def invitation(token: str) -> ResponseReturnValue:
    try:
        found = invitations.find(token)
    except NotFound:
        return render_template("organisations/invitation_invalid.html"), 404
    error = None
    if current_user.is_authenticated and request.method == "POST":
        try:
            membership = invitations.accept(current_user, token)
        except Invalid as exc:
            error = " ".join(exc.errors.values())
        else:
            flash(_("Vous avez rejoint « %(name)s ».", name=found.organisation.name), "success")
            return redirect(
                url_for("organisations.show", organisation_id=membership.organisation_id)
            )
    return render_template("organisations/invitation.html", invitation=found, error=error)
