"""The questionnaire file format, as pydantic models.

This is the documented schema of `questionnaires/*.yaml` (see `questionnaires/README.md`). The
models check shapes and types; rules that span several fields (level counts, unique ids,
cross-references) live in `rules.py`, so that each error can name the exact field that is wrong.
Models are frozen: a loaded questionnaire is a value, pinned as-is by assessments.
"""

from __future__ import annotations

from functools import cached_property
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints

Slug = Annotated[
    str,
    StringConstraints(pattern=r"^[a-z0-9][a-z0-9_-]*$", min_length=1, max_length=64),
]
Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]
QuestionType = Literal["scale", "yes_partial_no", "choice", "number", "text"]

#: Types whose answers earn a score; `number` and `text` are indicators.
SCORED_TYPES: frozenset[str] = frozenset({"scale", "yes_partial_no", "choice"})

LOCALES: tuple[str, ...] = ("fr", "en")


class FrozenModel(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class I18n(FrozenModel):
    """A text in French (the source) and English."""

    fr: Text
    en: Text

    def get(self, locale: str | None) -> str:
        """The text in `locale`, falling back to French."""
        return self.en if locale == "en" else self.fr


class Level(FrozenModel):
    """One maturity level of a `scale` question: a short label and what it looks like."""

    label: I18n
    descriptor: I18n


class ChoiceOption(FrozenModel):
    id: Slug
    label: I18n
    score: Annotated[float, Field(ge=0, le=100)]


class Applicability(FrozenModel):
    """Which organisations a question applies to; an unset condition does not restrict."""

    has_employees: bool | None = None
    has_volunteers: bool | None = None
    legal_forms: list[str] | None = None


class CrossRefs(FrozenModel):
    """Links to the Guide's themes, ISO 26000 issues and SDG numbers."""

    gbp: list[str] = []
    iso26000: list[str] = []
    odd: list[Annotated[int, Field(ge=1, le=17)]] = []


class SuggestedAction(FrozenModel):
    title: I18n
    description: I18n | None = None


class Issue(FrozenModel):
    """An ISO 26000 issue a theme declares it covers (checked: some question refers to it)."""

    id: str
    title: I18n


class Question(FrozenModel):
    id: Slug
    type: QuestionType
    text: I18n
    help: I18n | None = None
    weight: Annotated[float, Field(gt=0)] = 1.0
    allow_na: bool = False
    applies_to: Applicability | None = None
    refs: CrossRefs = CrossRefs()
    levels: list[Level] | None = None
    options: list[ChoiceOption] | None = None
    unit: I18n | None = None
    min: float | None = None
    max: float | None = None
    suggested_actions: list[SuggestedAction] = []
    #: In a questionnaire `derived_from` another (a short version for workshops): the ids of the
    #: questions of that questionnaire this one stands for. Its answer carries over to them.
    stands_for: list[Slug] = []

    @property
    def scored(self) -> bool:
        return self.type in SCORED_TYPES

    @property
    def max_level(self) -> int:
        """N for a scale of levels 0..N."""
        return len(self.levels or ()) - 1

    def option(self, option_id: str) -> ChoiceOption | None:
        return next((o for o in self.options or () if o.id == option_id), None)


class Theme(FrozenModel):
    id: Slug
    title: I18n
    #: A few words for charts, where the full title does not fit (defaults to the title).
    short_title: I18n | None = None
    description: I18n | None = None
    weight: Annotated[float, Field(gt=0)] = 1.0
    issues: list[Issue] = []
    questions: Annotated[list[Question], Field(min_length=1)]


class Questionnaire(FrozenModel):
    id: Slug
    version: Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=32)]
    title: I18n
    description: I18n | None = None
    scale_levels: Annotated[int, Field(ge=2, le=11)] = 5
    #: The questionnaire whose questions this one's stand for (e.g. `gbp` for `gbp-express`).
    derived_from: Slug | None = None
    themes: Annotated[list[Theme], Field(min_length=1)]

    def theme(self, theme_id: str) -> Theme | None:
        return next((t for t in self.themes if t.id == theme_id), None)

    def questions(self) -> list[Question]:
        return [q for t in self.themes for q in t.questions]

    @cached_property
    def _index(self) -> dict[str, tuple[Theme, Question]]:
        return {q.id: (t, q) for t in self.themes for q in t.questions}

    def question(self, question_id: str) -> Question | None:
        found = self._index.get(question_id)
        return found[1] if found else None

    def theme_of(self, question_id: str) -> Theme | None:
        found = self._index.get(question_id)
        return found[0] if found else None
