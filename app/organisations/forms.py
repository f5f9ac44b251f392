"""Organisation and membership forms."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import EmailField, RadioField, SelectChoice, SelectField, StringField
from wtforms.validators import DataRequired, Email, Length, Optional

from app.forms import strip
from app.labels import HEADCOUNT_LABELS, LEGAL_FORM_LABELS, REGION_LABELS, ROLE_LABELS
from app.models import Organisation
from app.services.organisations import OrganisationData

_required = DataRequired(message=_l("Ce champ est obligatoire."))
_choose = _l("— Choisir —")


def choices(labels: dict, blank: bool = False) -> list[SelectChoice]:
    """Options from a code -> label mapping, optionally after a blank "choose" option."""
    options = [SelectChoice(code, label) for code, label in labels.items()]
    return [SelectChoice("", _choose), *options] if blank else options


class OrganisationForm(FlaskForm):
    name = StringField(
        _l("Nom de l'organisation"), filters=[strip], validators=[_required, Length(max=200)]
    )
    legal_form = SelectField(
        _l("Forme juridique"),
        choices=choices(LEGAL_FORM_LABELS, blank=True),
        validators=[_required],
    )
    siret = StringField(
        _l("SIRET (facultatif)"),
        validators=[Optional(), Length(max=20)],
        description=_l("14 chiffres, par exemple 732 829 320 00074."),
    )
    region = SelectField(
        _l("Région"), choices=choices(REGION_LABELS, blank=True), validators=[_required]
    )
    headcount_band = SelectField(
        _l("Effectif salarié"),
        choices=choices(HEADCOUNT_LABELS, blank=True),
        validators=[_required],
    )
    has_volunteers = RadioField(
        _l("L'organisation s'appuie-t-elle sur des bénévoles ?"),
        choices=[SelectChoice("yes", _l("Oui")), SelectChoice("no", _l("Non"))],
        validators=[_required],
    )

    def to_data(self) -> OrganisationData:
        return OrganisationData(
            name=self.name.data or "",
            legal_form=self.legal_form.data or "",
            region=self.region.data or "",
            headcount_band=self.headcount_band.data or "",
            has_volunteers=self.has_volunteers.data == "yes",
            siret=self.siret.data,
        )

    def fill(self, organisation: Organisation) -> None:
        self.name.data = organisation.name
        self.legal_form.data = organisation.legal_form
        self.siret.data = organisation.siret or ""
        self.region.data = organisation.region
        self.headcount_band.data = organisation.headcount_band
        self.has_volunteers.data = "yes" if organisation.has_volunteers else "no"


class InviteForm(FlaskForm):
    email = EmailField(
        _l("Adresse e-mail"),
        filters=[strip],
        validators=[_required, Email(message=_l("Adresse e-mail invalide.")), Length(max=254)],
    )
    role = SelectField(_l("Rôle"), choices=choices(ROLE_LABELS), default="contributor")


class RoleForm(FlaskForm):
    role = SelectField(_l("Rôle"), choices=choices(ROLE_LABELS))
