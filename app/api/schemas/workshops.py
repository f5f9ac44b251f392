"""Requests and responses of live workshops: the facilitator's and the participants' phones'."""

from __future__ import annotations

from datetime import date
from typing import Annotated, Literal

from pydantic import BaseModel, Field, RootModel, StrictBool, StrictFloat, StrictInt

from app.workshops import ALL_PHASES, ALPHABET, CODE_LENGTH, PHASES

from .types import (
    HeadcountBand,
    Id,
    JsonDate,
    JsonInt,
    LegalForm,
    RequestModel,
    ResponseModel,
    links,
)
from .types import Text as TextField

Phase = Literal[PHASES]  # type: ignore[valid-type]
AnyPhase = Literal[ALL_PHASES]  # type: ignore[valid-type]
CODE_PATTERN = rf"^[{ALPHABET}{ALPHABET.lower()}]{{{CODE_LENGTH}}}$"
Slug = Annotated[TextField, Field(max_length=64)]


class WorkshopPath(BaseModel):
    workshop_id: Id


class ParticipantPath(BaseModel):
    workshop_id: Id
    participant_id: Id


class CodePath(BaseModel):
    code: str = Field(pattern=CODE_PATTERN, description="The 6-character join code.")


class CodeAnswerPath(CodePath):
    question_id: str = Field(max_length=64)


class CodeCategoryPath(CodePath):
    category: str = Field(max_length=64)


class StateQuery(BaseModel):
    wait: float = Field(
        0, ge=0, le=60, description="Seconds to wait for a change (long polling; at most 25)."
    )


class LiveQuery(BaseModel):
    audience: Literal["facilitator", "room"] = Field(
        "facilitator",
        description="`room` (the projector) hides a phase's results until they are revealed.",
    )


class WorkshopCreate(RequestModel):
    title: TextField = Field(max_length=200)
    questionnaire: Slug = Field("gbp-express", description="A questionnaire id.")
    categories: list[Slug] | None = Field(
        None, max_length=50, description="Stakeholder category ids to map; default: five common."
    )
    votes: JsonInt = Field(3, ge=1, le=20, description="Votes per participant.")
    held_on: JsonDate | None = None
    place: TextField = Field("", max_length=200)
    capacity: JsonInt | None = Field(None, ge=1, description="Most participants (default 500).")
    phases: list[Phase] | None = Field(None, description="The phases to run; default: all.")
    intros: dict[Phase, Annotated[TextField, Field(max_length=10_000)]] = Field(
        default_factory=dict, description="Markdown shown at the start of each phase."
    )


class WorkshopUpdate(RequestModel):
    locked: StrictBool | None = Field(None, description="No new participants.")
    paused: StrictBool | None = None
    revealed: StrictBool | None = Field(None, description="Show this phase's results to the room.")


class PhaseIn(RequestModel):
    phase: AnyPhase


class JoinIn(RequestModel):
    pseudonym: TextField = Field("", max_length=60)
    organisation_name: TextField = Field("", max_length=200)
    legal_form: LegalForm | None = None
    headcount_band: HeadcountBand | None = None


class WorkshopAnswerIn(RequestModel):
    value: StrictInt | StrictFloat | TextField | None = Field(
        None, description="As for an assessment answer; null with na=true."
    )
    na: StrictBool = False


class PlacementIn(RequestModel):
    influence: JsonInt = Field(ge=1, le=5)
    importance: JsonInt = Field(ge=1, le=5)


class VotesIn(RootModel[dict[Slug, JsonInt]]):
    """{theme id: votes}, the whole distribution (it replaces the previous one)."""


class WorkshopOut(ResponseModel):
    model_config = links(
        get_workshop={"workshop_id": "$response.body#/id"},
        get_workshop_live={"workshop_id": "$response.body#/id"},
        join_workshop={"code": "$response.body#/code"},
        get_workshop_state={"code": "$response.body#/code"},
    )

    id: int
    code: str
    join_url: str
    title: str
    questionnaire: str
    phase: str
    phases: list[str]
    categories: list[str]
    votes: int
    capacity: int
    locked: bool
    paused: bool
    revealed: bool
    held_on: date | None
    place: str
    closed: bool


class WorkshopList(ResponseModel):
    items: list[WorkshopOut]


class JoinOut(ResponseModel):
    id: int
    token: str = Field(description="Send it as `Authorization: Bearer <token>`; keep it.")
    phase: str


class StateOut(ResponseModel):
    phase: str
    paused: bool
    locked: bool
    closed: bool
    version: int = Field(description="Grows with every change (also the ETag).")


class QuestionFigure(ResponseModel):
    id: str
    theme: str
    count: int
    distribution: dict[str, int] | None = Field(
        description="Answers per value; null below 3 answers (nobody is singled out)."
    )


class ThemeFigure(ResponseModel):
    id: str
    average: float | None
    count: int


class MapFigure(ResponseModel):
    category: str
    count: int
    influence: float | None
    importance: float | None
    influence_spread: float | None
    importance_spread: float | None


class VoteFigure(ResponseModel):
    theme: str
    votes: int | None


class LiveOut(ResponseModel):
    phase: str
    paused: bool
    locked: bool
    revealed: bool
    joined: int
    answering: int
    finished: int
    voters: int
    questions: list[QuestionFigure]
    themes: list[ThemeFigure]
    map: list[MapFigure]
    votes: list[VoteFigure]


class ParticipantOut(ResponseModel):
    id: int
    pseudonym: str
    answered: int


class ParticipantList(ResponseModel):
    items: list[ParticipantOut]


class AnswerValue(ResponseModel):
    value: int | float | str | None
    na: bool


class PlacementOut(ResponseModel):
    influence: int
    importance: int


class OwnTheme(ResponseModel):
    id: str
    score: float | None
    room: float | None


class MineOut(ResponseModel):
    id: int
    pseudonym: str
    answers: dict[str, AnswerValue]
    map: dict[str, PlacementOut]
    votes: dict[str, int]
    themes: list[OwnTheme]


class SavedAnswerOut(ResponseModel):
    question_id: str
    value: int | float | str | None
    na: bool


class PlacementSaved(PlacementOut):
    category: str
