"""Views of the networks blueprint: a network's advisors and invitations, access requests to an
organisation, and the site admin's list of networks. Services check every role."""

from __future__ import annotations

from flask import current_app, flash, redirect, render_template, url_for
from flask.typing import ResponseReturnValue
from flask_babel import gettext as _
from flask_login import current_user, login_required

from app.forms import apply_errors
from app.labels import NETWORK_KIND_LABELS, NETWORK_ROLE_LABELS
from app.models import AdvisorInvitation
from app.services import grants, networks
from app.services.errors import Invalid, NotFound
from app.services.mail import send_mail

from . import bp
from .forms import (
    AccessRequestForm,
    AdvisorInviteForm,
    ConfirmForm,
    NetworkForm,
)


@bp.route("/")
@login_required
def index() -> ResponseReturnValue:
    return render_template(
        "networks/index.html",
        memberships=networks.memberships_of(current_user),
        kind_labels=NETWORK_KIND_LABELS,
        role_labels=NETWORK_ROLE_LABELS,
    )


@bp.route("/<int:network_id>", methods=["GET", "POST"])
@login_required
def show(network_id: int) -> ResponseReturnValue:
    own = networks.member(current_user, network_id)
    form = AdvisorInviteForm()
    if form.is_submitted():
        networks.member(current_user, network_id, admin=True)  # advisors: 403, even if invalid
        if form.validate():
            try:
                invitation, token = networks.invite(
                    current_user, network_id, form.email.data or "", form.role.data or ""
                )
            except Invalid as exc:
                apply_errors(form, exc.errors)
            else:
                _send_invitation(invitation, token)
                return redirect(url_for("networks.show", network_id=network_id))
    return render_template(
        "networks/show.html",
        network=own.network,
        own=own,
        members=networks.members(current_user, network_id),
        invitations=networks.pending_invitations(current_user, network_id) if own.is_admin else [],
        form=form,
        kind_labels=NETWORK_KIND_LABELS,
        role_labels=NETWORK_ROLE_LABELS,
    )


def _send_invitation(invitation: AdvisorInvitation, token: str) -> None:
    link = url_for("networks.invitation", token=token, _external=True)
    network = invitation.network
    send_mail(
        invitation.email,
        _("Invitation à rejoindre le réseau %(name)s sur Écotone", name=network.name),
        _(
            "Bonjour,\n\n%(who)s vous invite à rejoindre « %(name)s » sur Écotone comme "
            "%(role)s : vous accompagnerez les organisations de l'ESS qui ouvrent leurs résultats "
            "à votre réseau.\n\nPour accepter, ouvrez ce lien :\n%(link)s\n",
            who=current_user.display_name,
            name=network.name,
            role=str(NETWORK_ROLE_LABELS.get(invitation.role, invitation.role)).lower(),
            link=link,
        ),
    )
    flash(_("Invitation envoyée à %(email)s.", email=invitation.email), "success")
    if current_app.config["SHOW_EMAIL_LINKS"]:
        flash(_("Mode développement : le lien envoyé est %(link)s", link=link), "dev")


@bp.route("/invitations/<token>", methods=["GET", "POST"])
@login_required
def invitation(token: str) -> ResponseReturnValue:
    try:
        found = networks.find_invitation(token)
    except NotFound:
        return render_template("networks/invitation_invalid.html"), 404
    form = ConfirmForm()
    error = None
    if form.validate_on_submit():
        try:
            networks.accept_invitation(current_user, token)
        except Invalid as exc:
            error = " ".join(exc.errors.values())
        else:
            flash(
                _("Vous avez rejoint le réseau « %(name)s ».", name=found.network.name), "success"
            )
            return redirect(url_for("advisors.charter"))
    return render_template(
        "networks/invitation.html",
        invitation=found,
        error=error,
        form=form,
        role_labels=NETWORK_ROLE_LABELS,
    )


@bp.route("/<int:network_id>/requests", methods=["GET", "POST"])
@login_required
def requests(network_id: int) -> ResponseReturnValue:
    own = networks.member(current_user, network_id, admin=True)
    form = AccessRequestForm()
    if form.validate_on_submit():
        try:
            grants.request_access(
                current_user,
                network_id,
                siret=form.siret.data or "",
                scope=form.scope.data or "results",
                message=form.message.data or "",
            )
        except Invalid as exc:
            apply_errors(
                form, {"siret" if k == "organisation" else k: v for k, v in exc.errors.items()}
            )
        else:
            flash(
                _(
                    "Demande enregistrée. Si une organisation inscrite sur Écotone porte ce numéro "
                    "SIRET, ses responsables la verront et pourront l'accepter ou la refuser ; "
                    "elle apparaîtra alors dans votre portefeuille."
                ),
                "success",
            )
            return redirect(url_for("networks.requests", network_id=network_id))
    return render_template("networks/requests.html", network=own.network, form=form)


def _site_admin() -> None:
    if not current_user.is_admin:
        raise NotFound()


@bp.route("/admin", methods=["GET", "POST"])
@login_required
def admin() -> ResponseReturnValue:
    _site_admin()
    form = NetworkForm()
    if form.validate_on_submit():
        try:
            created = networks.create_by(
                current_user, form.name.data or "", list(form.regions.data or []), form.kind.data
            )
        except Invalid as exc:
            apply_errors(form, exc.errors)
        else:
            flash(_("Le réseau « %(name)s » est créé.", name=created.name), "success")
            return redirect(url_for("networks.admin"))
    return render_template(
        "networks/admin.html",
        networks=networks.all_networks(),
        form=form,
        kind_labels=NETWORK_KIND_LABELS,
    )
