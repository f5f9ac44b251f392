"""What the API answers (field names are part of the contract; more fields may come)."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any, Literal

from pydantic import Field

from .types import ResponseModel, Role, Texts, links


class PageOut(ResponseModel):
    page: int
    per_page: int
    total: int = Field(description="Number of items over all pages.")
    pages: int


class TokenOut(ResponseModel):
    id: int
    name: str
    prefix: str = Field(description="The token's first characters, to recognise it.")
    created_at: datetime
    expires_at: datetime
    last_used_at: datetime | None
    revoked_at: datetime | None
    active: bool


class TokenCreated(TokenOut):
    token: str = Field(description="Send it as `Authorization: Bearer <token>`. Shown only once.")


class TokenPage(PageOut):
    items: list[TokenOut]


class ThemeSummary(ResponseModel):
    id: str
    title: Texts
    weight: float
    question_count: int


class QuestionnaireSummary(ResponseModel):
    id: str
    version: str
    title: Texts
    description: Texts | None
    question_count: int
    themes: list[ThemeSummary]


class QuestionnairePage(PageOut):
    items: list[QuestionnaireSummary]


class LevelOut(ResponseModel):
    value: int = Field(description="What to send as an answer's value (0..N).")
    label: Texts
    descriptor: Texts


class OptionOut(ResponseModel):
    id: str = Field(description="What to send as an answer's value.")
    label: Texts
    score: float


class RefsOut(ResponseModel):
    gbp: list[str]
    iso26000: list[str]
    odd: list[int]


class ApplicabilityOut(ResponseModel):
    has_employees: bool | None
    has_volunteers: bool | None
    legal_forms: list[str] | None


class SuggestedActionOut(ResponseModel):
    title: Texts
    description: Texts | None


class QuestionOut(ResponseModel):
    id: str
    type: Literal["scale", "yes_partial_no", "choice", "number", "text"]
    text: Texts
    help: Texts | None
    weight: float
    scored: bool = Field(description="number and text questions are indicators, not scored.")
    allow_na: bool
    applies_to: ApplicabilityOut | None
    refs: RefsOut
    levels: list[LevelOut] | None = Field(description="scale questions: levels 0..N.")
    options: list[OptionOut] | None = Field(description="choice questions.")
    unit: Texts | None
    min: float | None
    max: float | None
    suggested_actions: list[SuggestedActionOut]


class IssueOut(ResponseModel):
    id: str
    title: Texts


class ThemeOut(ResponseModel):
    id: str
    title: Texts
    short_title: Texts | None
    description: Texts | None
    weight: float
    issues: list[IssueOut]
    questions: list[QuestionOut]


class QuestionnaireOut(ResponseModel):
    id: str
    version: str
    current: bool
    title: Texts
    description: Texts | None
    scale_levels: int
    themes: list[ThemeOut]


class OrganisationOut(ResponseModel):
    model_config = links(
        get_organisation={"organisation_id": "$response.body#/id"},
        update_organisation={"organisation_id": "$response.body#/id"},
        list_assessments={"organisation_id": "$response.body#/id"},
        create_assessment={"organisation_id": "$response.body#/id"},
    )

    id: int
    name: str
    legal_form: str
    region: str
    headcount_band: str
    has_volunteers: bool
    siret: str | None
    anonymous_statistics: bool = Field(
        description="Whether its scores count in anonymous statistics (never its name)."
    )
    role: Role = Field(description="Your role in this organisation.")
    created_at: datetime


class OrganisationPage(PageOut):
    items: list[OrganisationOut]


class PinnedQuestionnaire(ResponseModel):
    id: str
    version: str


class AssessmentOut(ResponseModel):
    model_config = links(
        get_assessment={"assessment_id": "$response.body#/id"},
        get_scores={"assessment_id": "$response.body#/id"},
    )

    id: int
    organisation_id: int
    questionnaire: PinnedQuestionnaire
    label: str
    year: int
    pilot_name: str
    themes: list[str]
    created_at: datetime
    overall: float | None = Field(description="0..100, null until a scored question is answered.")
    completion: float = Field(ge=0, le=1)


class AssessmentPage(PageOut):
    items: list[AssessmentOut]


class AnswerOut(ResponseModel):
    question_id: str
    value: Any
    na: bool
    comment: str
    version: int
    answered: bool
    updated_at: datetime
    updated_by: str | None
    display: str = Field(description="The answer as a sentence, in the request's language.")
    updated_at_display: str = Field(description="When, as a person reads it.")


class AssessmentDetail(AssessmentOut):
    applicable_questions: list[str] = Field(
        description="The questions that apply to this organisation in the chosen themes."
    )
    answers: list[AnswerOut]
    answers_visible: bool = Field(
        True,
        description=(
            "False for an advisor whose grant covers results only: `answers` is then empty."
        ),
    )


class ThemeScoreOut(ResponseModel):
    id: str
    score: float | None
    completion: float
    answered: int
    applicable: int
    weight: float


class QuestionScoreOut(ResponseModel):
    id: str
    score: float | None
    applicable: bool
    answered: bool
    na: bool


class ScoresOut(ResponseModel):
    overall: float | None
    completion: float
    answered: int
    applicable: int
    themes: list[ThemeScoreOut]
    questions: list[QuestionScoreOut]


class StakeholderOut(ResponseModel):
    id: int
    organisation_id: int
    name: str
    category: str
    influence: int
    importance: int
    dialogue: str
    expectations: str
    themes: list[str]
    issues: list[str]


class StakeholderList(ResponseModel):
    items: list[StakeholderOut]


class RankedAreaOut(ResponseModel):
    theme: str
    score: float
    weight: float
    salience: float = Field(description="Mean of influence×importance/25 over linked stakeholders.")
    priority: float = Field(description="(100 − score) × weight × (1 + salience).")
    stakeholders: list[int] = Field(description="Ids of the stakeholders linked to the theme.")


class PrioritiesOut(ResponseModel):
    ranked: list[RankedAreaOut]
    to_assess: list[str] = Field(description="Chosen themes without a score yet.")


class ActionOut(ResponseModel):
    id: int
    assessment_id: int
    position: int
    title: str
    description: str
    theme: str | None
    question: str | None
    suggestion: str | None = Field(description="The questionnaire suggestion it came from.")
    owner: str
    due_date: date | None
    indicator: str
    target: str
    status: Literal["todo", "in_progress", "done", "dropped"]
    overdue: bool
    done_at: datetime | None
    carried_from: int | None = Field(description="The action of last cycle it continues.")


class ActionList(ResponseModel):
    items: list[ActionOut]
