"""Facilitator pages: the list, the creation form, the control room, the projector, the QR code.

The control room and the projector draw the room's figures in the browser from
`GET /api/v1/workshops/<id>/live` (polled every second with If-None-Match, see
`static/js/workshop-live.js`); the buttons here are plain forms (CSRF) calling the same services.
"""

from __future__ import annotations

import io

import segno
from flask import Response, flash, redirect, render_template, request, url_for
from flask.typing import ResponseReturnValue
from flask_babel import gettext as _
from flask_login import current_user, login_required
from markupsafe import Markup
from wtforms import SelectChoice

from app.forms import apply_errors
from app.i18n import translate
from app.labels import PHASE_LABELS
from app.services import questionnaires, workshops
from app.services.errors import Invalid
from app.services.stakeholders import categories as stakeholder_categories
from app.workshops import PHASES, next_phase, previous_phase

from . import bp
from .forms import WorkshopForm


@bp.route("/workshops")
@login_required
def index() -> ResponseReturnValue:
    return render_template("facilitation/index.html", workshops=workshops.list_for(current_user))


@bp.route("/workshops/new", methods=["GET", "POST"])
@login_required
def new() -> ResponseReturnValue:
    form = WorkshopForm()
    form.questionnaire.choices = [
        SelectChoice(v.key, translate(v.questionnaire.title))
        for v in questionnaires.current_versions()
    ]
    known = stakeholder_categories()
    form.categories.choices = [SelectChoice(c.id, translate(c.label)) for c in known.categories]
    if request.method == "GET":
        form.questionnaire.data = workshops.DEFAULT_QUESTIONNAIRE
        form.categories.data = list(workshops.DEFAULT_CATEGORIES)
    if form.validate_on_submit():
        try:
            workshop = workshops.create(current_user, form.to_data())
        except Invalid as exc:
            apply_errors(form, {k.replace("intro-", "intro_"): v for k, v in exc.errors.items()})
        else:
            flash(_("L'atelier est prêt. Son code : %(code)s", code=workshop.code), "success")
            return redirect(url_for(".show", workshop_id=workshop.id))
    return render_template("facilitation/new.html", form=form, phases=PHASES)


def _join_url(code: str) -> str:
    return url_for("room.join", code=code, _external=True)


@bp.route("/workshops/<int:workshop_id>")
@login_required
def show(workshop_id: int) -> ResponseReturnValue:
    """The control room: phases, lock, pause, reveal, participants, and the figures (peek)."""
    workshop = workshops.get(current_user, workshop_id)
    return render_template(
        "facilitation/show.html",
        workshop=workshop,
        join_url=_join_url(workshop.code),
        participants=workshops.participants(current_user, workshop_id),
        previous=previous_phase(workshop.phase, workshop.phases),
        next=next_phase(workshop.phase, workshop.phases),
        phases=PHASES,
        labels=live_labels(workshop),
    )


@bp.route("/workshops/<int:workshop_id>/phase", methods=["POST"])
@login_required
def phase(workshop_id: int) -> ResponseReturnValue:
    chosen = request.form.get("phase", "")
    try:
        workshop = workshops.set_phase(current_user, workshop_id, chosen)
    except Invalid as exc:
        flash(" ".join(exc.errors.values()), "error")
    else:
        flash(_("Étape : %(phase)s", phase=PHASE_LABELS.get(workshop.phase, "")), "success")
    return redirect(url_for(".show", workshop_id=workshop_id))


@bp.route("/workshops/<int:workshop_id>/settings", methods=["POST"])
@login_required
def settings(workshop_id: int) -> ResponseReturnValue:
    """One switch at a time: lock/unlock joining, pause/resume, reveal/hide on the projector."""
    changes = {
        name: request.form[name] == "1"
        for name in ("locked", "paused", "revealed")
        if name in request.form
    }
    workshops.configure(current_user, workshop_id, changes)
    return redirect(url_for(".show", workshop_id=workshop_id))


@bp.route("/workshops/<int:workshop_id>/participants/<int:participant_id>/remove", methods=["POST"])
@login_required
def remove(workshop_id: int, participant_id: int) -> ResponseReturnValue:
    workshops.remove_participant(current_user, workshop_id, participant_id)
    flash(_("Le participant est retiré ; ses réponses ne comptent plus."), "success")
    return redirect(url_for(".show", workshop_id=workshop_id) + "#participants")


@bp.route("/workshops/<int:workshop_id>/projector")
@login_required
def projector(workshop_id: int) -> ResponseReturnValue:
    """Full screen for the room: the code, the QR code, the counts, then the revealed figures."""
    workshop = workshops.get(current_user, workshop_id)
    return render_template(
        "facilitation/projector.html",
        workshop=workshop,
        join_url=_join_url(workshop.code),
        short_url=url_for("room.enter", _external=True),
        qr_svg=qr_inline(_join_url(workshop.code)),
        labels=live_labels(workshop),
    )


@bp.route("/workshops/<int:workshop_id>/qr.svg")
@login_required
def qr(workshop_id: int) -> ResponseReturnValue:
    """The join URL as a QR code, drawn on the server (SVG, no external service)."""
    workshop = workshops.get(current_user, workshop_id)
    buffer = io.BytesIO()
    segno.make(_join_url(workshop.code), error="m").save(
        buffer, kind="svg", scale=10, dark="#000", light="#fff", title=_qr_title()
    )
    return Response(buffer.getvalue(), mimetype="image/svg+xml")


def _qr_title() -> str:
    return _("QR code pour rejoindre l'atelier")


def qr_inline(url: str) -> Markup:
    """The QR code as inline SVG for the projector page (black on white: the best contrast)."""
    svg = segno.make(url, error="m").svg_inline(
        scale=12, dark="#000", light="#fff", title=_qr_title()
    )
    return Markup(svg)  # noqa: S704 - generated by segno from our own URL


def live_labels(workshop) -> dict:  # noqa: ANN001 - a Workshop
    """Everything the live figures' script writes on screen, in the page's language."""
    questionnaire = workshop.questionnaire_version.questionnaire
    known = stakeholder_categories()
    return {
        "themes": {t.id: translate(t.short_title or t.title) for t in questionnaire.themes},
        "questions": {
            q.id: {
                "text": translate(q.text),
                "levels": [translate(level.label) for level in q.levels or []],
                "options": {o.id: translate(o.label) for o in q.options or []},
            }
            for q in questionnaire.questions()
        },
        "categories": {
            c: translate(known.get(c).label) for c in workshop.categories if known.get(c)
        },
        "phases": {k: str(v) for k, v in PHASE_LABELS.items()},
        "answers": {
            "yes": _("Oui"),
            "partial": _("En partie"),
            "no": _("Non"),
            "na": _("Non concerné"),
        },
        "hidden": _("Résultats masqués : l'animateur les dévoilera."),
        "too_few": _("Moins de 3 réponses : pas encore affiché."),
        "answers_label": _("réponses"),
        "votes_label": _("votes"),
        "average": _("Moyenne de la salle"),
        "influence": _("Influence"),
        "importance": _("Importance"),
    }
