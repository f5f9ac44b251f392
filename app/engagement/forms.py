"""The stakeholder form. Choices are filled per request, in the visitor's language."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import RadioField, SelectChoice, SelectField, StringField, TextAreaField
from wtforms.validators import InputRequired, Length

from app.forms import MultiCheckboxField, strip
from app.i18n import translate
from app.questionnaires.references import GBP_THEMES
from app.stakeholders import DIALOGUE_LABELS, DIALOGUE_LEVELS, StakeholderCategories

_required = InputRequired(message=_l("Ce champ est obligatoire."))
LEVELS = [SelectChoice(str(n), str(n)) for n in range(1, 6)]


class StakeholderForm(FlaskForm):
    name = StringField(
        _l("Nom"),
        filters=[strip],
        validators=[_required, Length(max=200)],
        description=_l("Une personne, un groupe ou une organisation : « Mairie de Lorient »…"),
    )
    category = SelectField(_l("Catégorie"), validators=[_required])
    influence = RadioField(
        _l("Influence sur l'organisation (1 à 5)"),
        choices=LEVELS,
        validators=[_required],
        description=_l("1 : aucune prise sur vos décisions ; 5 : peut les changer ou les bloquer."),
    )
    importance = RadioField(
        _l("Importance de l'organisation pour eux (1 à 5)"),
        choices=LEVELS,
        validators=[_required],
        description=_l("1 : peu concernés par ce que vous faites ; 5 : directement touchés."),
    )
    dialogue = SelectField(_l("Niveau de dialogue aujourd'hui"), default="none")
    expectations = TextAreaField(
        _l("Leurs attentes"), filters=[strip], validators=[Length(max=5000)]
    )
    themes = MultiCheckboxField(
        _l("Thèmes du Guide qui les concernent"),
        description=_l("Si aucun n'est coché : ceux de sa catégorie."),
    )

    def fill_choices(self, categories: StakeholderCategories, guide_titles: dict[str, str]) -> None:
        self.category.choices = [
            SelectChoice(c.id, translate(c.label)) for c in categories.categories
        ]
        self.dialogue.choices = [
            SelectChoice(level, translate(DIALOGUE_LABELS[level])) for level in DIALOGUE_LEVELS
        ]
        self.themes.choices = [
            SelectChoice(theme_id, guide_titles.get(theme_id, theme_id)) for theme_id in GBP_THEMES
        ]


class DeleteForm(FlaskForm):
    """Only a CSRF token."""
