"""The public page form: which cycle, which themes and actions, a few words, on or off."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import BooleanField, SelectField, TextAreaField
from wtforms.validators import Length

from app.forms import MultiCheckboxField, strip


class PublicPageForm(FlaskForm):
    enabled = BooleanField(_l("Page publique activée"))
    assessment_id = SelectField(_l("Cycle présenté"), coerce=int)
    intro = TextAreaField(
        _l("Quelques mots d'introduction"), filters=[strip], validators=[Length(max=3000)]
    )
    themes = MultiCheckboxField(_l("Thèmes montrés (avec leur score)"))
    actions = MultiCheckboxField(_l("Actions montrées"), coerce=int)


class EmptyForm(FlaskForm):
    """Only a CSRF token."""
