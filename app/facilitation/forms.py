"""The workshop form. Choices (questionnaires, categories) are filled per request."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import (
    DateField,
    IntegerField,
    SelectChoice,
    SelectField,
    StringField,
    TextAreaField,
)
from wtforms.validators import InputRequired, Length, NumberRange, Optional

from app.forms import MultiCheckboxField, strip
from app.labels import PHASE_LABELS
from app.services.workshops import INTRO_MAX_LENGTH, MAX_VOTES, WorkshopData
from app.workshops import PHASES


class WorkshopForm(FlaskForm):
    title = StringField(
        _l("Titre"),
        filters=[strip],
        validators=[InputRequired(_l("Ce champ est obligatoire.")), Length(max=200)],
    )
    held_on = DateField(_l("Date"), validators=[Optional()])
    place = StringField(_l("Lieu"), filters=[strip], validators=[Length(max=200)])
    questionnaire = SelectField(
        _l("Questionnaire"),
        validate_choice=False,  # the service checks it and names the field
        description=_l(
            "La version atelier du Guide (16 questions, 10 minutes) est faite pour cela."
        ),
    )
    categories = MultiCheckboxField(
        _l("Parties prenantes à placer sur la carte"), validate_choice=False
    )
    votes = IntegerField(
        _l("Votes par participant"),
        default=3,
        validators=[InputRequired(_l("Ce champ est obligatoire.")), NumberRange(1, MAX_VOTES)],
    )
    capacity = IntegerField(
        _l("Nombre maximum de participants"),
        validators=[Optional(), NumberRange(min=1)],
        description=_l("500 si vide."),
    )
    phases = MultiCheckboxField(
        _l("Étapes de l'atelier"),
        choices=[SelectChoice(p, PHASE_LABELS[p]) for p in PHASES],
        default=list(PHASES),
        validate_choice=False,
    )

    def to_data(self) -> WorkshopData:
        return WorkshopData(
            title=self.title.data or "",
            questionnaire=self.questionnaire.data or "",
            categories=list(self.categories.data or []),
            votes=self.votes.data,
            held_on=self.held_on.data,
            place=self.place.data or "",
            capacity=self.capacity.data,
            phases=list(self.phases.data or []),
            intros={p: getattr(self, f"intro_{p}").data or "" for p in PHASES},
        )


for _phase in PHASES:
    setattr(
        WorkshopForm,
        f"intro_{_phase}",
        TextAreaField(
            _l("Introduction : %(phase)s", phase=PHASE_LABELS[_phase]),
            validators=[Length(max=INTRO_MAX_LENGTH)],
            description=_l("Facultatif. Markdown : **gras**, listes, liens."),
        ),
    )
