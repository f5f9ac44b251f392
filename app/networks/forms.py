"""Forms of the networks pages: inviting an advisor, asking for access, creating a network."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import EmailField, SelectChoice, SelectField, StringField, TextAreaField
from wtforms.validators import DataRequired, Email, Length

from app.forms import MultiCheckboxField, strip
from app.labels import NETWORK_KIND_LABELS, NETWORK_ROLE_LABELS, REGION_LABELS, SCOPE_LABELS
from app.services.grants import MESSAGE_MAX_LENGTH
from app.services.networks import NAME_MAX_LENGTH

_required = DataRequired(message=_l("Ce champ est obligatoire."))


def _choices(labels: dict) -> list[SelectChoice]:
    return [SelectChoice(k, v) for k, v in labels.items()]


class AdvisorInviteForm(FlaskForm):
    email = EmailField(
        _l("Adresse e-mail"),
        filters=[strip],
        validators=[_required, Email(message=_l("Adresse e-mail invalide.")), Length(max=254)],
    )
    role = SelectField(_l("Rôle"), choices=_choices(NETWORK_ROLE_LABELS), default="advisor")


class AccessRequestForm(FlaskForm):
    siret = StringField(
        _l("SIRET de l'organisation"),
        filters=[strip],
        validators=[_required, Length(max=20)],
        description=_l("14 chiffres, par exemple 732 829 320 00074."),
    )
    scope = SelectField(_l("Accès demandé"), choices=_choices(SCOPE_LABELS), default="results")
    message = TextAreaField(
        _l("Message à l'organisation"),
        filters=[strip],
        validators=[Length(max=MESSAGE_MAX_LENGTH)],
        description=_l("Pourquoi vous demandez cet accès (facultatif)."),
    )


class NetworkForm(FlaskForm):
    name = StringField(
        _l("Nom du réseau"), filters=[strip], validators=[_required, Length(max=NAME_MAX_LENGTH)]
    )
    kind = SelectField(_l("Type"), choices=_choices(NETWORK_KIND_LABELS), default="cress")
    regions = MultiCheckboxField(_l("Régions"), choices=_choices(REGION_LABELS))


class ConfirmForm(FlaskForm):
    """A button that changes something: only the CSRF token."""
