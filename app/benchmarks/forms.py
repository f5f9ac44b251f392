"""The regional dashboard's filters: a GET form (it changes nothing, so it carries no CSRF token,
and its address can be bookmarked or shared within the network)."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from wtforms import Form, SelectField

from app.labels import HEADCOUNT_LABELS, LEGAL_FORM_LABELS


class FiltersForm(Form):
    """Choices are every known value; the page disables those the dashboard would not show.

    Values are not validated here: the service refuses unknown ones and names the field."""

    questionnaire = SelectField(_l("Questionnaire"), validate_choice=False, default="gbp")
    legal_form = SelectField(_l("Forme juridique"), validate_choice=False, default="")
    size_band = SelectField(_l("Effectif"), validate_choice=False, default="")
    year = SelectField(_l("Année"), validate_choice=False, default="")

    def set_choices(self, questionnaires: list[tuple[str, str]], years: list[str]) -> None:
        self.questionnaire.choices = questionnaires
        self.legal_form.choices = [("", _l("Toutes")), *LEGAL_FORM_LABELS.items()]
        self.size_band.choices = [("", _l("Tous")), *HEADCOUNT_LABELS.items()]
        self.year.choices = [("", _l("Toutes")), *((year, year) for year in years)]

    def values(self) -> dict[str, str]:
        return {
            "questionnaire": self.questionnaire.data or "gbp",
            "legal_form": self.legal_form.data or "",
            "size_band": self.size_band.data or "",
            "year": self.year.data or "",
        }
