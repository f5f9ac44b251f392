"""Human labels for stored codes (legal forms, regions, bands, roles), in the user's language.

Codes are what is stored and exchanged (API, exports); labels are only for display.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping

from flask import Flask
from flask_babel import lazy_gettext as _l

from .i18n import translate
from .services import networks
from .stakeholders import DIALOGUE_LABELS

LEGAL_FORM_LABELS = {
    "association": _l("Association"),
    "scop": _l("SCOP (société coopérative et participative)"),
    "scic": _l("SCIC (société coopérative d'intérêt collectif)"),
    "cooperative": _l("Autre coopérative"),
    "mutuelle": _l("Mutuelle"),
    "fondation": _l("Fondation"),
    "societe_ess": _l("Société commerciale de l'ESS / ESUS"),
}

REGION_LABELS = {
    "auvergne-rhone-alpes": _l("Auvergne-Rhône-Alpes"),
    "bourgogne-franche-comte": _l("Bourgogne-Franche-Comté"),
    "bretagne": _l("Bretagne"),
    "centre-val-de-loire": _l("Centre-Val de Loire"),
    "corse": _l("Corse"),
    "grand-est": _l("Grand Est"),
    "hauts-de-france": _l("Hauts-de-France"),
    "ile-de-france": _l("Île-de-France"),
    "normandie": _l("Normandie"),
    "nouvelle-aquitaine": _l("Nouvelle-Aquitaine"),
    "occitanie": _l("Occitanie"),
    "pays-de-la-loire": _l("Pays de la Loire"),
    "provence-alpes-cote-d-azur": _l("Provence-Alpes-Côte d'Azur"),
    "guadeloupe": _l("Guadeloupe"),
    "guyane": _l("Guyane"),
    "la-reunion": _l("La Réunion"),
    "martinique": _l("Martinique"),
    "mayotte": _l("Mayotte"),
}

HEADCOUNT_LABELS = {
    "0": _l("Aucun salarié"),
    "1-9": _l("1 à 9 salariés"),
    "10-49": _l("10 à 49 salariés"),
    "50-249": _l("50 à 249 salariés"),
    "250+": _l("250 salariés ou plus"),
}

ROLE_LABELS = {
    "owner": _l("Responsable"),
    "contributor": _l("Contributeur"),
    "viewer": _l("Lecteur"),
}

ACTION_STATUS_LABELS = {
    "todo": _l("À faire"),
    "in_progress": _l("En cours"),
    "done": _l("Fait"),
    "dropped": _l("Abandonné"),
}

ROLE_DESCRIPTIONS = {
    "owner": _l("gère l'organisation, ses membres et ses évaluations"),
    "contributor": _l("lance des évaluations et répond aux questions"),
    "viewer": _l("consulte les réponses et les résultats"),
}


PHASE_LABELS = {
    "welcome": _l("Accueil"),
    "reminder": _l("Le Guide des bonnes pratiques"),
    "testimonies": _l("Témoignages"),
    "diagnosis": _l("Autodiagnostic"),
    "map": _l("Carte des parties prenantes"),
    "vote": _l("Vote des priorités"),
    "synthesis": _l("Synthèse"),
    "closed": _l("Terminé"),
}

#: Advisors and consent (issue 7).
SCOPE_LABELS = {
    "results": _l("Résultats : scores, priorités, progrès"),
    "full": _l("Complet : aussi les réponses, commentaires, parties prenantes et plan d'action"),
}
SCOPE_SHORT_LABELS = {"results": _l("Résultats"), "full": _l("Complet")}
GRANT_STATUS_LABELS = {
    "requested": _l("Demandé"),
    "active": _l("Actif"),
    "refused": _l("Refusé"),
    "revoked": _l("Retiré"),
}
REVIEW_STATUS_LABELS = {
    "to_correct": _l("À corriger"),
    "improvable": _l("Améliorable"),
    "acceptable": _l("Satisfaisant"),
}
NETWORK_KIND_LABELS = {"cress": _l("CRESS"), "federation": _l("Fédération ou réseau")}
NETWORK_ROLE_LABELS = {
    "advisor": _l("Conseiller·ère"),
    "admin": _l("Administrateur·rice du réseau"),
}
#: What an advisor saw, as the organisation's access log says it.
ACCESS_LABELS = {
    "portfolio": _l("Fiche dans son portefeuille (profil, scores, priorités)"),
    "organisation": _l("Profil de l'organisation"),
    "results": _l("Résultats : scores et priorités"),
    "answers": _l("Réponses au questionnaire"),
    "plan": _l("Plan d'actions et parties prenantes"),
    "comments": _l("Commentaires"),
    "statistics": _l("Comparaison anonyme"),
}


def _lookup(labels: Mapping[str, object]) -> Callable[[str], object]:
    return lambda code: labels.get(code, code)


def _dialogue_label(level: str) -> str:
    label = DIALOGUE_LABELS.get(level)
    return translate(label) if label is not None else level


def register_template_helpers(app: Flask) -> None:
    app.jinja_env.globals.update(
        legal_form_label=_lookup(LEGAL_FORM_LABELS),
        region_label=_lookup(REGION_LABELS),
        headcount_label=_lookup(HEADCOUNT_LABELS),
        role_label=_lookup(ROLE_LABELS),
        role_description=_lookup(ROLE_DESCRIPTIONS),
        status_label=_lookup(ACTION_STATUS_LABELS),
        dialogue_label=_dialogue_label,
        phase_label=_lookup(PHASE_LABELS),
        scope_label=_lookup(SCOPE_LABELS),
        grant_status_label=_lookup(GRANT_STATUS_LABELS),
        review_status_label=_lookup(REVIEW_STATUS_LABELS),
        network_kind_label=_lookup(NETWORK_KIND_LABELS),
        network_role_label=_lookup(NETWORK_ROLE_LABELS),
        access_label=_lookup(ACCESS_LABELS),
        is_advisor=lambda user: networks.is_advisor(user),
    )
