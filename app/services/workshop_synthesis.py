"""The synthesis of a live workshop: what the room said, for the page, the PDF, the CSV and XLSX.

Its figures are `workshops.figures_of(workshop)`, the very dict the projector and the live API
show (at most a second or so old while the workshop runs, frozen once it is closed), so the
synthesis can be downloaded at any time and never disagrees with the room's screen. This module
only labels them in the current language: theme titles, question texts, answer values,
stakeholder categories. A figure below the threshold of 3 contributors stays None here and is
shown as such (an empty cell, a dash), never computed again.

Of the participants, the synthesis names only the pseudonyms of those still in the room
(removed ones are not), and none once their rows have been purged.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from flask_babel import gettext as _

from app.i18n import translate
from app.models import User, Workshop
from app.questionnaires.schema import Question
from app.workshops.exports import Sheet
from app.workshops.figures import NA

from . import workshops
from .stakeholders import categories as stakeholder_categories

#: Decimals of the room's averages, as the live screen and the synthesis display them.
DIGITS = 1


@dataclass(frozen=True)
class Participation:
    joined: int
    answering: int
    finished: int
    voters: int


@dataclass(frozen=True)
class ThemeRow:
    id: str
    title: str
    #: A few words for charts.
    short_title: str
    average: float | None
    count: int


@dataclass(frozen=True)
class QuestionRow:
    id: str
    theme: str
    text: str
    count: int
    #: (label of the value, how many gave it), for every possible value; None below the
    #: threshold, and always for numbers and texts (never distributed).
    distribution: list[tuple[str, int]] | None


@dataclass(frozen=True)
class MapRow:
    category: str
    label: str
    count: int
    influence: float | None
    importance: float | None
    influence_spread: float | None
    importance_spread: float | None


@dataclass(frozen=True)
class VoteRow:
    theme: str
    title: str
    #: 1 for the most voted (ties share a rank); None while fewer than 3 people have voted.
    rank: int | None
    votes: int | None


@dataclass
class Synthesis:
    workshop: Workshop
    #: Exactly `workshops.figures_of(workshop)`: the projector's figures.
    figures: dict[str, Any]
    questionnaire_title: str
    participation: Participation
    themes: list[ThemeRow]
    questions: list[QuestionRow]
    map: list[MapRow]
    votes: list[VoteRow]
    #: Pseudonyms of the people still in the room; empty once their data is purged.
    pseudonyms: list[str]
    today: date

    @property
    def purged(self) -> bool:
        return self.workshop.purged_at is not None


def _value_label(question: Question, key: str) -> str:
    if key == NA:
        return _("Non concerné")
    if question.type == "scale" and key.isdigit():
        levels = question.levels or []
        level = int(key)
        return f"{key} · {translate(levels[level].label)}" if level < len(levels) else key
    if question.type == "yes_partial_no":
        return {"yes": _("Oui"), "partial": _("En partie"), "no": _("Non")}.get(key, key)
    option = question.option(key)
    return translate(option.label) if option is not None else key


def _pseudonyms(user: User, workshop: Workshop) -> list[str]:
    if workshop.purged_at is not None:
        return []
    found = workshops.participants(user, workshop.id)
    return [p.pseudonym or _("Anonyme n°%(n)d", n=n) for n, (p, _answered) in enumerate(found, 1)]


def gather(user: User, workshop_id: int) -> Synthesis:
    """The synthesis of a workshop, for its facilitator only (NotFound for anyone else)."""
    workshop = workshops.get(user, workshop_id)
    figures = workshops.figures_of(workshop)
    questionnaire = workshop.questionnaire_version.questionnaire
    themes = {t.id: t for t in questionnaire.themes}
    known = stakeholder_categories()

    def title(theme_id: str) -> str:
        theme = themes.get(theme_id)
        return translate(theme.title) if theme is not None else theme_id

    questions = []
    for row in figures["questions"]:
        question = questionnaire.question(row["id"])
        distribution = row["distribution"]
        questions.append(
            QuestionRow(
                id=row["id"],
                theme=title(row["theme"]),
                text=translate(question.text) if question is not None else row["id"],
                count=row["count"],
                distribution=None
                if distribution is None or question is None
                else [(_value_label(question, k), n) for k, n in distribution.items()],
            )
        )
    theme_rows = [
        ThemeRow(
            id=row["id"],
            title=title(row["id"]),
            short_title=translate(themes[row["id"]].short_title or themes[row["id"]].title)
            if row["id"] in themes
            else row["id"],
            average=row["average"],
            count=row["count"],
        )
        for row in figures["themes"]
    ]
    map_rows = []
    for row in figures["map"]:
        category = known.get(row["category"])
        map_rows.append(
            MapRow(
                category=row["category"],
                label=translate(category.label) if category is not None else row["category"],
                count=row["count"],
                influence=row["influence"],
                importance=row["importance"],
                influence_spread=row["influence_spread"],
                importance_spread=row["importance_spread"],
            )
        )
    totals = [row["votes"] for row in figures["votes"] if row["votes"] is not None]
    vote_rows = [
        VoteRow(
            theme=row["theme"],
            title=title(row["theme"]),
            rank=None if row["votes"] is None else 1 + sum(1 for t in totals if t > row["votes"]),
            votes=row["votes"],
        )
        for row in figures["votes"]
    ]
    return Synthesis(
        workshop=workshop,
        figures=figures,
        questionnaire_title=translate(questionnaire.title),
        participation=Participation(
            figures["joined"], figures["answering"], figures["finished"], figures["voters"]
        ),
        themes=theme_rows,
        questions=questions,
        map=map_rows,
        votes=vote_rows,
        pseudonyms=_pseudonyms(user, workshop),
        today=date.today(),
    )


def rounded(value: float | None, digits: int = DIGITS) -> float | None:
    """A figure as the synthesis displays it (None stays None)."""
    return None if value is None else round(value, digits)


def threshold_note() -> str:
    return _(
        "Pour que personne ne puisse être reconnu, un chiffre n'apparaît qu'à partir de "
        "3 participants ; en dessous, seul leur nombre est donné."
    )


def sheets(synthesis: Synthesis) -> list[Sheet]:
    """The sections of the CSV and XLSX exports, translated, figures rounded as displayed."""
    s = synthesis
    p = s.participation
    note = threshold_note()
    question_rows: list[list[Any]] = []
    for q in s.questions:
        if q.distribution is None:
            question_rows.append([q.theme, q.text, q.count, None, None])
        else:
            question_rows.extend([q.theme, q.text, q.count, k, n] for k, n in q.distribution)
    result = [
        Sheet(
            _("Participation"),
            [_("Participants"), _("Nombre")],
            [
                [_("ont rejoint"), p.joined],
                [_("répondent"), p.answering],
                [_("ont terminé"), p.finished],
                [_("ont voté"), p.voters],
            ],
        ),
        Sheet(
            _("Moyenne de la salle par thème"),
            [_("Thème"), _("Moyenne /100"), _("Participants")],
            [[t.title, rounded(t.average), t.count] for t in s.themes],
            note,
        ),
        Sheet(
            _("Réponses par question"),
            [_("Thème"), _("Question"), _("Réponses"), _("Réponse"), _("Nombre")],
            question_rows,
            note,
        ),
        Sheet(
            _("Carte collective des parties prenantes"),
            [
                _("Partie prenante"),
                _("Placements"),
                _("Influence"),
                _("Importance"),
                _("Écart type de l'influence"),
                _("Écart type de l'importance"),
            ],
            [
                [
                    m.label,
                    m.count,
                    rounded(m.influence),
                    rounded(m.importance),
                    rounded(m.influence_spread),
                    rounded(m.importance_spread),
                ]
                for m in s.map
            ],
            note,
        ),
        Sheet(
            _("Vote des priorités"),
            [_("Rang"), _("Thème"), _("Votes")],
            [[v.rank, v.title, v.votes] for v in s.votes],
            note,
        ),
    ]
    if s.pseudonyms:
        result.append(Sheet(_("Participants"), [_("Pseudonyme")], [[n] for n in s.pseudonyms]))
    return result
