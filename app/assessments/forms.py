"""Assessment forms, including the answer form built from a theme's questions.

The answer form only parses what the page sends; whether a value fits a question is decided once,
by `app.questionnaires.answers` through the answers service, for pages and API alike.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date

from flask_babel import format_decimal
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import (
    BooleanField,
    Field,
    HiddenField,
    IntegerField,
    RadioField,
    SelectChoice,
    StringField,
    TextAreaField,
)
from wtforms.validators import InputRequired, Length, NumberRange

from app.forms import MultiCheckboxField
from app.i18n import translate
from app.models import Answer
from app.questionnaires import Question, Questionnaire
from app.services.answers import Submission, answer_fingerprint


class SettingsForm(FlaskForm):
    label = StringField(
        _l("Nom de l'évaluation"),
        validators=[Length(max=120)],
        description=_l(
            "Par exemple « Revue des pratiques 2026 ». Laissé vide : un nom par défaut."
        ),
    )
    pilot_name = StringField(
        _l("Pilote de la démarche"),
        validators=[Length(max=120)],
        description=_l(
            "La personne qui anime la démarche et la présentera à l'assemblée générale."
        ),
    )
    themes = MultiCheckboxField(_l("Thèmes travaillés pendant ce cycle"))

    def set_themes(self, questionnaire: Questionnaire) -> None:
        self.themes.choices = [SelectChoice(t.id, translate(t.title)) for t in questionnaire.themes]


class StartForm(SettingsForm):
    year = IntegerField(
        _l("Année"),
        validators=[
            InputRequired(message=_l("Ce champ est obligatoire.")),
            NumberRange(min=2000, max=2100, message=_l("Année entre 2000 et 2100.")),
        ],
        default=lambda: date.today().year,
    )


class DeleteForm(FlaskForm):
    """Only a CSRF token: deleting is a POST with a confirmation."""


@dataclass
class QuestionFields:
    """The fields of one question in the answer form."""

    question: Question
    value: Field
    na: Field | None
    comment: Field
    version: Field
    original: Field


class AnswerForm(FlaskForm):
    """Built per theme by `make_answer_form`; `questions` lists each question's fields."""

    questions: list[QuestionFields]

    def mark_conflicts(self, current: Mapping[str, Answer | None]) -> None:
        """After a conflict, point the hidden fields at what is stored now: the member sees both
        answers, and saving again deliberately replaces the other one."""
        for item in self.questions:
            if item.question.id in current:
                answer = current[item.question.id]
                item.version.data = str(answer.version) if answer else ""
                item.original.data = answer_fingerprint(answer)

    def submissions(self) -> list[Submission]:
        out = []
        for item in self.questions:
            version = item.version.data
            out.append(
                Submission(
                    question_id=item.question.id,
                    value=item.value.data or None,
                    na=bool(item.na and item.na.data),
                    comment=item.comment.data or "",
                    base_version=int(version) if version and version.isdigit() else None,
                    original=item.original.data or None,
                )
            )
        return out


def _value_field(question: Question) -> Field:
    label = translate(question.text)
    if question.type == "scale":
        choices = [
            SelectChoice(str(k), translate(level.label))
            for k, level in enumerate(question.levels or ())
        ]
        return RadioField(label, choices=choices, validate_choice=False)
    if question.type == "yes_partial_no":
        choices = [
            SelectChoice("yes", _l("Oui")),
            SelectChoice("partial", _l("En partie")),
            SelectChoice("no", _l("Non")),
        ]
        return RadioField(label, choices=choices, validate_choice=False)
    if question.type == "choice":
        choices = [SelectChoice(o.id, translate(o.label)) for o in question.options or ()]
        return RadioField(label, choices=choices, validate_choice=False)
    if question.type == "number":
        return StringField(label, render_kw={"inputmode": "decimal", "autocomplete": "off"})
    return TextAreaField(label, render_kw={"rows": 3})


def _shown(question: Question, answer: Answer | None) -> str:
    """The stored value as the form shows it (numbers in the locale's notation: 12,5 in French)."""
    if answer is None or answer.value is None:
        return ""
    if question.type == "number":
        return format_decimal(answer.value, format="0.######")
    return str(answer.value)


def field_name(kind: str, question_id: str) -> str:
    return f"{kind}-{question_id}"


def make_answer_form(questions: Iterable[Question], answers: Mapping[str, Answer]) -> AnswerForm:
    """An answer form for `questions`, filled with the stored answers (or, on POST, the posted
    data: Flask-WTF reads the request's form by itself)."""

    class _Form(AnswerForm):
        pass

    questions = list(questions)
    for question in questions:
        setattr(_Form, field_name("value", question.id), _value_field(question))
        if question.allow_na:
            setattr(_Form, field_name("na", question.id), BooleanField(_l("Non concerné")))
        setattr(
            _Form,
            field_name("comment", question.id),
            TextAreaField(_l("Commentaire (facultatif)"), render_kw={"rows": 2}),
        )
        setattr(_Form, field_name("version", question.id), HiddenField())
        setattr(_Form, field_name("original", question.id), HiddenField())
    data = {}
    for question in questions:
        answer = answers.get(question.id)
        data[field_name("value", question.id)] = _shown(question, answer)
        data[field_name("na", question.id)] = bool(answer and answer.na)
        data[field_name("comment", question.id)] = answer.comment if answer else ""
        data[field_name("version", question.id)] = str(answer.version) if answer else ""
        data[field_name("original", question.id)] = answer_fingerprint(answer)
    form = _Form(data=data)
    form.questions = [
        QuestionFields(
            question=question,
            value=form[field_name("value", question.id)],
            na=form[field_name("na", question.id)] if question.allow_na else None,
            comment=form[field_name("comment", question.id)],
            version=form[field_name("version", question.id)],
            original=form[field_name("original", question.id)],
        )
        for question in questions
    ]
    return form
