"""Participants' pages: type the code, then one page that follows the workshop's phases.

The page works through the JSON API (`/api/v1/workshops/<code>/…`) with the participant's token,
kept in the phone's storage (`static/js/room.js`): answers are saved as given, queued while
offline and re-sent, and the page follows the phase the facilitator sets by polling.
"""

from __future__ import annotations

from flask import flash, redirect, render_template, request, session, url_for
from flask.typing import ResponseReturnValue
from flask_babel import gettext as _
from flask_login import current_user, login_required
from wtforms import SelectChoice

from app.labels import PHASE_LABELS
from app.models import HEADCOUNT_BANDS
from app.questionnaires.references import LEGAL_FORMS
from app.services import code_attempts, organisations, workshop_carryover, workshop_room
from app.services.errors import NotFound, Unauthenticated
from app.services.stakeholders import categories as stakeholder_categories
from app.workshops import normalise_code

from . import bp
from .forms import ContinueForm

#: Session key: the workshop participant whose answers the signed-in user is taking over.
CLAIM = "workshop_participant"


@bp.route("/w")
def enter() -> ResponseReturnValue:
    """The short address to type: a field for the code."""
    typed = request.args.get("code")
    if typed is not None:
        code = normalise_code(typed)
        if code is not None:
            return redirect(url_for(".join", code=code))
        return render_template("room/enter.html", typed=typed, unknown=True), 404
    return render_template("room/enter.html", typed="", unknown=False)


def _texts() -> dict[str, str]:
    """What the page's script says, in the page's language."""
    return {
        "saving": _("Enregistrement…"),
        "saved": _("Réponses enregistrées."),
        "offline": _(
            "Pas de connexion : vos réponses sont gardées sur ce téléphone et seront envoyées dès"
            " le retour du réseau."
        ),
        "retrying": _("Le serveur est occupé : nouvel essai dans un instant."),
        "refused": _("Cette réponse n'a pas été acceptée."),
        "join_offline": _("Pas de connexion : réessayez dans un instant."),
        "finish": _("Terminer"),
        "next": _("Suivante"),
    }


@bp.route("/w/<code>")
def join(code: str) -> ResponseReturnValue:
    """The participant's page (also the QR code's address)."""
    try:
        workshop = code_attempts.guarded(lambda: workshop_room.by_code(code))
    except NotFound:
        return render_template("room/enter.html", typed=code, unknown=True), 404
    questionnaire = workshop.questionnaire_version.questionnaire
    known = stakeholder_categories()
    return render_template(
        "room/room.html",
        workshop=workshop,
        questions=[(t, q) for t in questionnaire.themes for q in t.questions],
        themes=questionnaire.themes,
        categories=[known.get(c) for c in workshop.categories if known.get(c)],
        legal_forms=LEGAL_FORMS,
        headcount_bands=HEADCOUNT_BANDS,
        phase_titles=PHASE_LABELS,
        phase_waiting={
            "welcome": _(
                "Bienvenue ! L'atelier va commencer : gardez cette page ouverte, elle suivra "
                "l'animateur."
            ),
            "reminder": _(
                "La loi du 31 juillet 2014 demande à chaque structure de l'ESS de suivre le Guide"
                " des bonnes pratiques : faire le point sur ses pratiques, le présenter en "
                "assemblée générale, se fixer des objectifs d'amélioration. Écoutez la "
                "présentation : la suite se fera sur ce téléphone."
            ),
            "testimonies": _("Place aux témoignages : écoutez, l'autodiagnostic suit."),
        },
        texts=_texts(),
    )


@bp.route("/w/<code>/continue", methods=["POST"])
def continue_with_organisation(code: str) -> ResponseReturnValue:
    """From the phone: remember who the participant is (their token proves it), then sign in."""
    secret = request.form.get("participant_token")
    try:
        participant = code_attempts.guarded(lambda: workshop_carryover.claim(code, secret))
    except Unauthenticated:
        flash(_("Rejoignez d'abord l'atelier sur ce téléphone."), "error")
        return redirect(url_for(".join", code=code))
    code = participant.workshop.code
    session[CLAIM] = {"code": code, "participant_id": participant.id}
    target = url_for(".choose_organisation", code=code)
    if not current_user.is_authenticated:
        flash(
            _("Connectez-vous ou créez un compte pour continuer avec votre organisation."), "info"
        )
        return redirect(url_for("auth.login", next=target))
    return redirect(target)


@bp.route("/w/<code>/organisation", methods=["GET", "POST"])
@login_required
def choose_organisation(code: str) -> ResponseReturnValue:
    """Pick the organisation whose draft assessment the workshop answers become."""
    claim = session.get(CLAIM) or {}
    if claim.get("code") != code:
        raise NotFound()
    participant = workshop_carryover.participant(claim["participant_id"], code)
    choices = [m for m in organisations.memberships_of(current_user) if m.allows("contributor")]
    form = ContinueForm()
    form.organisation_id.choices = [
        SelectChoice(m.organisation_id, m.organisation.name) for m in choices
    ]
    if form.validate_on_submit():
        assessment = workshop_carryover.continue_with(
            current_user, participant.id, code, form.organisation_id.data
        )
        session.pop(CLAIM, None)
        flash(
            _(
                "Vos réponses de l'atelier sont reprises dans cette évaluation : confirmez-les "
                "ou modifiez-les. Votre carte des parties prenantes est aussi reprise."
            ),
            "success",
        )
        return redirect(url_for("assessments.overview", assessment_id=assessment.id))
    new_organisation = url_for(
        "organisations.new",
        next=request.path,
        name=participant.organisation_name or None,
        legal_form=participant.legal_form or None,
        headcount_band=participant.headcount_band or None,
    )
    return render_template(
        "room/continue.html",
        form=form,
        workshop=participant.workshop,
        has_choices=bool(choices),
        new_organisation=new_organisation,
    )
