"""Forms of the advisors' area: accepting the charter, narrowing the portfolio."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import BooleanField, HiddenField, SelectChoice, SelectField, StringField
from wtforms.validators import DataRequired

from app.forms import strip
from app.labels import (
    HEADCOUNT_LABELS,
    LEGAL_FORM_LABELS,
    REGION_LABELS,
    SCOPE_SHORT_LABELS,
)
from app.services.portfolio import SORTS

_all = _l("Toutes")

QUESTIONNAIRE_LABELS = {
    "gbp": _l("Guide des bonnes pratiques"),
    "iso26000": _l("ISO 26000"),
}


def _choices(labels: dict, blank: object = _all) -> list[SelectChoice]:
    return [SelectChoice("", blank), *(SelectChoice(k, v) for k, v in labels.items())]


class CharterForm(FlaskForm):
    version = HiddenField()
    accept = BooleanField(
        _l("J'ai lu et j'accepte la charte"),
        validators=[DataRequired(message=_l("Cochez la case pour accepter la charte."))],
    )


class PortfolioForm(FlaskForm):
    """Read from the query string (a GET form: no CSRF token, nothing changes)."""

    class Meta:
        csrf = False

    questionnaire = SelectField(
        _l("Questionnaire"),
        choices=[SelectChoice(k, v) for k, v in QUESTIONNAIRE_LABELS.items()],
        default="gbp",
    )
    q = StringField(_l("Nom contient"), filters=[strip])
    legal_form = SelectField(_l("Forme juridique"), choices=_choices(LEGAL_FORM_LABELS))
    region = SelectField(_l("Région"), choices=_choices(REGION_LABELS))
    size_band = SelectField(_l("Effectif"), choices=_choices(HEADCOUNT_LABELS, _l("Tous")))
    scope = SelectField(_l("Accès"), choices=_choices(SCOPE_SHORT_LABELS, _l("Tous")))
    sort = SelectField(choices=[SelectChoice(s, s) for s in SORTS], default="name")
    order = SelectField(choices=[SelectChoice("asc", "asc"), SelectChoice("desc", "desc")])

    def value(self, name: str) -> str:
        """The field's value if it is one of its choices, else its default: a hand-edited URL
        shows the default list rather than errors (nothing here is worth an error message)."""
        field = self[name]
        data = field.data or ""
        if isinstance(field, SelectField):
            allowed = {str(choice[0]) for choice in field.iter_choices()}
            return data if data in allowed else (field.default or "")
        return data[:200]
