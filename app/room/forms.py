"""The one form of the room that is not driven by the API: choosing an organisation."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import RadioField
from wtforms.validators import InputRequired


class ContinueForm(FlaskForm):
    organisation_id = RadioField(
        _l("Votre organisation"),
        coerce=int,
        validators=[InputRequired(_l("Choisissez une organisation."))],
    )
