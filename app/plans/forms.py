"""Forms of the action plan, objectives and next cycle. Choices are filled per request."""

from __future__ import annotations

from collections.abc import Iterable

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import (
    DateField,
    DecimalField,
    IntegerField,
    SelectChoice,
    SelectField,
    StringField,
    TextAreaField,
)
from wtforms.validators import InputRequired, Length, NumberRange, Optional

from app.forms import strip
from app.i18n import translate
from app.labels import ACTION_STATUS_LABELS
from app.models import ACTION_STATUSES
from app.questionnaires import Questionnaire

_required = InputRequired(message=_l("Ce champ est obligatoire."))


class ActionForm(FlaskForm):
    title = StringField(
        _l("Titre de l'action"), filters=[strip], validators=[_required, Length(max=200)]
    )
    description = TextAreaField(_l("Description"), filters=[strip], validators=[Length(max=5000)])
    # the service checks theme and status (and says which is wrong); a missing one means "none"
    theme_id = SelectField(_l("Thème"), validate_choice=False)
    owner = StringField(
        _l("Qui la porte"),
        filters=[strip],
        validators=[Length(max=120)],
        description=_l("Une personne ou une équipe."),
    )
    due_date = DateField(_l("Échéance"), validators=[Optional()])
    indicator = StringField(
        _l("Indicateur"),
        filters=[strip],
        validators=[Length(max=200)],
        description=_l("Ce que vous mesurerez, par exemple « taux de participation à l'AG »."),
    )
    target = StringField(
        _l("Cible"),
        filters=[strip],
        validators=[Length(max=200)],
        description=_l("La valeur visée, par exemple « 40 % »."),
    )
    status = SelectField(_l("État"), default="todo", validate_choice=False)

    def fill_choices(self, questionnaire: Questionnaire) -> None:
        self.theme_id.choices = [SelectChoice("", _l("— aucun —"))] + [
            SelectChoice(t.id, translate(t.title)) for t in questionnaire.themes
        ]
        self.status.choices = [SelectChoice(s, ACTION_STATUS_LABELS[s]) for s in ACTION_STATUSES]


class StatusForm(FlaskForm):
    status = SelectField(_l("État"))

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        self.status.choices = [SelectChoice(s, ACTION_STATUS_LABELS[s]) for s in ACTION_STATUSES]


class EmptyForm(FlaskForm):
    """Only a CSRF token: accept a suggestion, move or delete an action."""


def objectives_form(theme_ids: Iterable[str]) -> type[FlaskForm]:
    """One pair of target fields per theme (`<theme>-1y`, `<theme>-3y`)."""

    class _Form(FlaskForm):
        pass

    for theme_id in theme_ids:
        for horizon in ("1y", "3y"):
            setattr(
                _Form,
                f"{theme_id}-{horizon}",
                DecimalField(
                    _l("Dans un an") if horizon == "1y" else _l("Dans trois ans"),
                    places=None,
                    validators=[
                        Optional(),
                        NumberRange(min=0, max=100, message=_l("Un score entre 0 et 100.")),
                    ],
                ),
            )
    return _Form


class NextCycleForm(FlaskForm):
    year = IntegerField(
        _l("Année"),
        validators=[
            _required,
            NumberRange(min=2000, max=2100, message=_l("Année entre 2000 et 2100.")),
        ],
    )
    label = StringField(_l("Nom de l'évaluation"), filters=[strip], validators=[Length(max=120)])
