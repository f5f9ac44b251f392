"""Requests and responses of the advisors' API: the charter and the portfolio."""

from __future__ import annotations

from datetime import date
from typing import Literal

from pydantic import BaseModel, Field

from app.services.pagination import PER_PAGE_MAX
from app.services.portfolio import QUESTIONNAIRES, SORTS

from .responses import PageOut
from .types import HeadcountBand, LegalForm, Region, RequestModel, ResponseModel, Text, UtcDateTime

Questionnaire = Literal[QUESTIONNAIRES]  # type: ignore[valid-type]
Sort = Literal[SORTS]  # type: ignore[valid-type]
Scope = Literal["results", "full"]


class CharterOut(ResponseModel):
    version: str = Field(description="Send it back to accept this version.")
    title: str
    text: str = Field(description="Markdown, in the request's language (French by default).")


class CharterAcceptanceIn(RequestModel):
    version: Text = Field(max_length=20, description="The version you read (the current one).")


class CharterAcceptanceOut(ResponseModel):
    version: str
    accepted_at: UtcDateTime


class PortfolioQuery(BaseModel):
    questionnaire: Questionnaire = Field("gbp", description="Whose latest assessment to show.")
    page: int = Field(1, ge=1, le=2**31 - 1, description="Page number, from 1.")
    per_page: int = Field(20, ge=1, le=PER_PAGE_MAX, description="Items per page.")
    sort: Sort = Field(
        "name", description="`unread`: the oldest unread reply first; rows without a value last."
    )
    order: Literal["asc", "desc"] = "asc"
    legal_form: LegalForm | None = None
    region: Region | None = None
    size_band: HeadcountBand | None = None
    scope: Scope | None = None
    q: Text | None = Field(None, max_length=200, description="Text the name contains.")


class ThemeScore(ResponseModel):
    id: str
    score: float | None


class PortfolioAssessment(ResponseModel):
    id: int
    year: int
    overall: float | None = Field(description="0..100, null until a scored question is answered.")
    completion: float = Field(ge=0, le=1)
    themes: list[ThemeScore]
    priorities: list[str] = Field(description="Theme ids, highest priority first (at most 3).")


class Unread(ResponseModel):
    count: int = Field(description="Replies of the organisation you have not read.")
    oldest: UtcDateTime | None


class PortfolioItem(ResponseModel):
    id: int
    name: str
    legal_form: str
    region: str
    size_band: str
    scope: Scope = Field(description="The widest of your active grants for this organisation.")
    until: date = Field(description="The latest end of those grants.")
    assessment: PortfolioAssessment | None = Field(
        description="Its latest assessment of the questionnaire, or null."
    )
    overdue_actions: int
    last_activity: UtcDateTime | None
    unread: Unread


class PortfolioPage(PageOut):
    items: list[PortfolioItem]
