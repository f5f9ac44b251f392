"""What clients send: path and query parameters, and JSON bodies."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import BaseModel, Field, StrictBool, StrictFloat, StrictInt

from app.questionnaires.answers import COMMENT_MAX_LENGTH
from app.services.organisations import NAME_MAX_LENGTH
from app.services.pagination import PER_PAGE_MAX
from app.services.tokens import NAME_MAX_LENGTH as TOKEN_NAME_MAX_LENGTH

from .types import (
    HeadcountBand,
    Id,
    JsonDate,
    JsonInt,
    LegalForm,
    Region,
    RequestModel,
    SlugPattern,
    Text,
)


class PageQuery(BaseModel):
    page: int = Field(1, ge=1, le=2**31 - 1, description="Page number, from 1.")
    per_page: int = Field(20, ge=1, le=PER_PAGE_MAX, description="Items per page.")


class TokenPath(BaseModel):
    token_id: Id


class QuestionnairePath(BaseModel):
    questionnaire_id: str = Field(max_length=64, pattern=SlugPattern)


class VersionQuery(BaseModel):
    version: Text | None = Field(
        None, max_length=32, description="A version an assessment pinned; default: the current one."
    )


class OrganisationPath(BaseModel):
    organisation_id: Id


class AssessmentPath(BaseModel):
    assessment_id: Id


class AnswerPath(BaseModel):
    assessment_id: Id
    question_id: str = Field(max_length=64, pattern=SlugPattern)


class ClearQuery(BaseModel):
    version: int | None = Field(
        None, ge=1, le=2**31 - 1, description="The version you last saw (409 if it changed)."
    )


class TokenRequest(RequestModel):
    email: Text = Field(max_length=254)
    password: Text = Field(max_length=1024)
    name: Text = Field("", max_length=TOKEN_NAME_MAX_LENGTH, description="To recognise it later.")
    expires_in_days: JsonInt | None = Field(
        None, ge=1, description="Lifetime in days (default 30, at most 365 unless configured)."
    )


class OrganisationCreate(RequestModel):
    name: Text = Field(min_length=1, max_length=NAME_MAX_LENGTH)
    legal_form: LegalForm
    region: Region
    headcount_band: HeadcountBand = Field(description="Employees; '0' means none.")
    has_volunteers: StrictBool = False
    siret: Text | None = Field(None, max_length=20, description="14 digits, Luhn-checked.")


class OrganisationUpdate(RequestModel):
    """Only the fields sent change (null is refused, except for `siret`)."""

    name: Text = Field(None, min_length=1, max_length=NAME_MAX_LENGTH)  # type: ignore[assignment]
    legal_form: LegalForm = None  # type: ignore[assignment]
    region: Region = None  # type: ignore[assignment]
    headcount_band: HeadcountBand = None  # type: ignore[assignment]
    has_volunteers: StrictBool = None  # type: ignore[assignment]
    siret: Text | None = Field(None, max_length=20, description="null or '' removes it.")
    anonymous_statistics: StrictBool = Field(  # type: ignore[assignment]
        None, description="Count its scores in anonymous statistics (owners; off by default)."
    )


class AssessmentCreate(RequestModel):
    questionnaire: Text = Field(max_length=64, description="A questionnaire id, e.g. `gbp`.")
    label: Text = Field("", max_length=120)
    year: JsonInt | None = Field(None, ge=2000, le=2100, description="Default: this year.")
    pilot_name: Text = Field("", max_length=120)
    themes: list[Annotated[Text, Field(max_length=64)]] | None = Field(
        None, max_length=100, description="Theme ids to assess this cycle; default: all."
    )


class AnswerIn(RequestModel):
    """Types are strict: `true` is not a level, `"3"` is not a number."""

    value: StrictInt | StrictFloat | Text | None = Field(
        None,
        description=(
            "scale: a level 0..N; yes_partial_no: 'yes', 'partial' or 'no'; choice: an option id; "
            "number: a number; text: a text. null with na=true."
        ),
    )
    na: StrictBool = Field(False, description="'Not concerned' (only if the question allows it).")
    comment: Text = Field("", max_length=COMMENT_MAX_LENGTH)
    version: Annotated[JsonInt, Field(ge=1, le=2**31 - 1)] | None = Field(
        None, description="The version you last saw; null for a question not answered yet."
    )


class StakeholderPath(BaseModel):
    stakeholder_id: Id


class ActionPath(BaseModel):
    action_id: Id


Level = Annotated[JsonInt, Field(ge=1, le=5)]
Dialogue = Literal["none", "information", "consultation", "concertation", "co-construction"]
Status = Literal["todo", "in_progress", "done", "dropped"]


class StakeholderCreate(RequestModel):
    name: Text = Field(min_length=1, max_length=200)
    category: Text = Field(max_length=64, description="A category id (see the categories list).")
    influence: Level = Field(description="Influence on the organisation, 1..5.")
    importance: Level = Field(description="How much the organisation matters to them, 1..5.")
    dialogue: Dialogue = "none"
    expectations: Text = Field("", max_length=5000)
    themes: list[Annotated[Text, Field(max_length=64)]] | None = Field(
        None, max_length=20, description="Guide theme ids; default: the category's."
    )
    issues: list[Annotated[Text, Field(max_length=64)]] | None = Field(
        None, max_length=40, description="ISO 26000 issue ids; default: the category's."
    )


class StakeholderUpdate(RequestModel):
    """Only the fields sent change."""

    name: Text = Field(None, min_length=1, max_length=200)  # type: ignore[assignment]
    category: Text = Field(None, max_length=64)  # type: ignore[assignment]
    influence: Level = None  # type: ignore[assignment]
    importance: Level = None  # type: ignore[assignment]
    dialogue: Dialogue = None  # type: ignore[assignment]
    expectations: Text = Field(None, max_length=5000)  # type: ignore[assignment]
    themes: list[Annotated[Text, Field(max_length=64)]] = Field(None, max_length=20)  # type: ignore[assignment]
    issues: list[Annotated[Text, Field(max_length=64)]] = Field(None, max_length=40)  # type: ignore[assignment]


class ActionCreate(RequestModel):
    title: Text = Field(min_length=1, max_length=200)
    description: Text = Field("", max_length=5000)
    theme: Text | None = Field(None, max_length=64, description="A theme id of the questionnaire.")
    question: Text | None = Field(None, max_length=64, description="A question id.")
    owner: Text = Field("", max_length=120)
    due_date: JsonDate | None = Field(None, description="YYYY-MM-DD.")
    indicator: Text = Field("", max_length=200)
    target: Text = Field("", max_length=200)
    status: Status = "todo"


class ActionUpdate(RequestModel):
    """Only the fields sent change; `position` moves the action in the order of priority."""

    title: Text = Field(None, min_length=1, max_length=200)  # type: ignore[assignment]
    description: Text = Field(None, max_length=5000)  # type: ignore[assignment]
    theme: Text | None = Field(None, max_length=64)
    question: Text | None = Field(None, max_length=64)
    owner: Text = Field(None, max_length=120)  # type: ignore[assignment]
    due_date: JsonDate | None = None
    indicator: Text = Field(None, max_length=200)  # type: ignore[assignment]
    target: Text = Field(None, max_length=200)  # type: ignore[assignment]
    status: Status = None  # type: ignore[assignment]
    position: Annotated[JsonInt, Field(ge=1, le=10000)] = None  # type: ignore[assignment]
