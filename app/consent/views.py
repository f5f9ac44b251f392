"""Views of the consent blueprint: parse the request, call one service, render.

Every member of the organisation sees who may see its data and who did (transparency towards
the whole team); only owners change it: other members get 403 on every POST, non-members 404.
"""

from __future__ import annotations

from dataclasses import dataclass

from flask import current_app, flash, redirect, render_template, request, url_for
from flask.typing import ResponseReturnValue
from flask_babel import gettext as _
from flask_login import current_user, login_required

from app.forms import apply_errors
from app.labels import ACCESS_LABELS
from app.models import Grant
from app.services import grants, networks, organisations
from app.services.access import today
from app.services.errors import Forbidden, Invalid, NotFound
from app.services.grants import GrantData
from app.statistics import min_group

from . import bp
from .forms import DecisionForm, GrantForm, StatisticsForm, scope_choices

LOG_PER_PAGE = 50
#: Beyond any real log; keeps the offset within what every database accepts.
LOG_MAX_PAGE = 1_000_000


@dataclass(frozen=True)
class GrantRow:
    """A grant as the page shows it: `state` says "expired" for an active grant past its date."""

    grant: Grant
    state: str

    @property
    def whom(self) -> str:
        if self.grant.network is not None:
            return _("%(network)s (tous ses conseillers)", network=self.grant.network.name)
        if self.grant.advisor is not None:
            return self.grant.advisor.display_name
        return _("(compte supprimé)")


def state_labels() -> dict[str, str]:
    return {
        "active": _("Actif"),
        "expired": _("Expiré"),
        "requested": _("Demandé"),
        "refused": _("Refusé"),
        "revoked": _("Retiré"),
    }


def what_label(code: str) -> str:
    """What an advisor saw, in words (the log keeps a short code)."""
    label = ACCESS_LABELS.get(code)
    return str(label) if label is not None else _("Autre consultation (%(code)s)", code=code)


def _rows(found: list[Grant]) -> list[GrantRow]:
    day = today()
    return [
        GrantRow(g, "expired" if g.status == "active" and g.until < day else g.status)
        for g in found
    ]


def _grant_in(organisation_id: int, grant_id: int) -> Grant:
    """The grant if it belongs to this organisation and the user may see it (404 otherwise)."""
    listed = grants.list_for(current_user, organisation_id)
    found = next((g for g in listed if g.id == grant_id), None)
    if found is None:
        raise NotFound()
    return found


def _back(organisation_id: int) -> ResponseReturnValue:
    return redirect(url_for("consent.index", organisation_id=organisation_id))


@bp.route("/organisations/<int:organisation_id>/access", methods=["GET", "POST"])
@login_required
def index(organisation_id: int) -> ResponseReturnValue:
    membership = organisations.membership(current_user, organisation_id)
    is_owner = membership.allows("owner")
    if request.method == "POST" and not is_owner:
        raise Forbidden()
    form = GrantForm()
    if is_owner:
        form.fill_choices(networks.all_networks())
    if form.validate_on_submit():
        network_id, advisor_id = form.target()
        data = GrantData(network_id, advisor_id, form.scope.data, form.until.data)
        try:
            grants.grant(current_user, organisation_id, data)
        except Invalid as exc:
            apply_errors(form, {_field(k): v for k, v in exc.errors.items()})
        else:
            flash(_("Accès ouvert."), "success")
            return _back(organisation_id)
    rows = _rows(grants.list_for(current_user, organisation_id))
    organisation = membership.organisation
    return render_template(
        "consent/index.html",
        organisation=organisation,
        membership=membership,
        is_owner=is_owner,
        given=[r for r in rows if r.state != "requested"],
        requested=[r for r in rows if r.state == "requested"],
        form=form,
        statistics_form=StatisticsForm(formdata=None, enabled=organisation.anonymous_statistics),
        min_group=min_group(current_app.config.get("STATISTICS_MIN_GROUP")),
        scope_labels={c.value: c.label for c in scope_choices()},
        state_labels=state_labels(),
    )


def _field(name: str) -> str:
    return {"network": "whom", "advisor": "whom"}.get(name, name)


@bp.route(
    "/organisations/<int:organisation_id>/access/grants/<int:grant_id>/revoke", methods=["POST"]
)
@login_required
def revoke(organisation_id: int, grant_id: int) -> ResponseReturnValue:
    _grant_in(organisation_id, grant_id)
    grants.revoke(current_user, grant_id)
    flash(_("Accès retiré : il ne permet plus rien, dès maintenant."), "success")
    return _back(organisation_id)


@bp.route("/organisations/<int:organisation_id>/access/requests/<int:grant_id>", methods=["POST"])
@login_required
def decide(organisation_id: int, grant_id: int) -> ResponseReturnValue:
    _grant_in(organisation_id, grant_id)
    form = DecisionForm()
    accept, refuse = bool(form.accept.data), bool(form.refuse.data)
    if accept == refuse:  # neither button (or both): do nothing rather than guess
        flash(_("Choisissez « Accepter » ou « Refuser »."), "error")
        return _back(organisation_id)
    try:
        grants.decide(current_user, grant_id, accept, form.scope.data if accept else None)
    except Invalid as exc:
        flash(" ".join(exc.errors.values()), "error")
    else:
        flash(_("Demande acceptée.") if accept else _("Demande refusée."), "success")
    return _back(organisation_id)


@bp.route("/organisations/<int:organisation_id>/access/statistics", methods=["POST"])
@login_required
def statistics(organisation_id: int) -> ResponseReturnValue:
    form = StatisticsForm()
    organisation = grants.set_anonymous_statistics(
        current_user, organisation_id, bool(form.enabled.data)
    )
    if organisation.anonymous_statistics:
        flash(_("Vos scores comptent désormais dans les statistiques anonymes."), "success")
    else:
        flash(_("Vos scores ne comptent plus dans les statistiques anonymes."), "success")
    return _back(organisation_id)


@bp.route("/organisations/<int:organisation_id>/access-log")
@login_required
def log(organisation_id: int) -> ResponseReturnValue:
    membership = organisations.membership(current_user, organisation_id)
    number = min(max(1, request.args.get("page", 1, type=int)), LOG_MAX_PAGE)
    page = grants.access_log(current_user, organisation_id, number, LOG_PER_PAGE)
    return render_template(
        "consent/log.html",
        organisation=membership.organisation,
        page=page,
        what_label=what_label,
    )
