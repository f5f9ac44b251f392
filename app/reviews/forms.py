"""Forms of the review page. The service checks every value (and says which is wrong), so that a
refusal of access comes before any complaint about the input; the forms carry the CSRF token."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import HiddenField, SelectField, StringField, TextAreaField

from app.i18n import translate
from app.labels import REVIEW_STATUS_LABELS
from app.questionnaires import Questionnaire

SUGGESTION_STATUS_LABELS = {
    "pending": _l("En attente de votre réponse"),
    "accepted": _l("Ajoutée au plan d'actions"),
    "declined": _l("Déclinée"),
}


class CommentForm(FlaskForm):
    #: "" for the whole assessment, "theme:<id>" or "question:<id>".
    target = SelectField(_l("Sur quoi porte le commentaire"), default="", validate_choice=False)
    text = TextAreaField(_l("Commentaire"))

    def fill_choices(self, questionnaire: Questionnaire, questions: bool) -> None:
        """Themes always; one answer only for those who may see the answers."""
        themes = [(f"theme:{t.id}", translate(t.title)) for t in questionnaire.themes]
        choices: dict[str, list[tuple[str, str]]] = {
            str(_l("Ensemble")): [("", str(_l("Toute l'évaluation")))],
            str(_l("Un thème")): themes,
        }
        if questions:
            for theme in questionnaire.themes:
                label = str(_l("Une question — %(theme)s", theme=translate(theme.title)))
                choices[label] = [(f"question:{q.id}", translate(q.text)) for q in theme.questions]
        self.target.choices = choices  # type: ignore[assignment]

    def target_ids(self) -> tuple[str | None, str | None]:
        """(theme, question) chosen."""
        kind, _sep, ident = (self.target.data or "").partition(":")
        if kind == "theme" and ident:
            return ident, None
        if kind == "question" and ident:
            return None, ident
        return None, None


class ReplyForm(FlaskForm):
    text = TextAreaField(_l("Votre message en réponse"))


class ResolveForm(FlaskForm):
    resolved = HiddenField(default="1")


class SuggestionForm(FlaskForm):
    title = StringField(_l("Action suggérée"))
    description = TextAreaField(_l("Description"))
    theme = SelectField(_l("Thème"), default="", validate_choice=False)

    def fill_choices(self, questionnaire: Questionnaire) -> None:
        self.theme.choices = [("", str(_l("— aucun —")))] + [
            (t.id, translate(t.title)) for t in questionnaire.themes
        ]


class DecisionForm(FlaskForm):
    decision = HiddenField()


class ThemeReviewForm(FlaskForm):
    status = SelectField(_l("État de la revue"), validate_choice=False)

    def fill_choices(self) -> None:
        self.status.choices = [("", str(_l("— choisir —")))] + [
            (code, str(label)) for code, label in REVIEW_STATUS_LABELS.items()
        ]
