"""Request and response models of the anonymous statistics (regional figures, benchmark).

Figures over fewer than k organisations are null, and a group that may not be shown answers
`{"shown": false, "count": null, "themes": []}`: clients test `shown` before reading anything.
"""

from __future__ import annotations

from typing import Annotated, Any

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field

from .types import HeadcountBand, Id, LegalForm, ResponseModel, SlugPattern


def _blank_is_none(value: Any) -> Any:
    """`?legal_form=&year=` (an empty form field) means no filter."""
    return None if value == "" else value


class NetworkPath(BaseModel):
    network_id: Id


class BenchmarkQuery(BaseModel):
    questionnaire: str = Field("gbp", max_length=64, pattern=SlugPattern)


class StatisticsQuery(BaseModel):
    questionnaire: str = Field("gbp", max_length=64, pattern=SlugPattern)
    legal_form: Annotated[LegalForm | None, BeforeValidator(_blank_is_none)] = Field(  # type: ignore[valid-type]
        None, description="Only this legal form (empty: all)."
    )
    size_band: Annotated[HeadcountBand | None, BeforeValidator(_blank_is_none)] = Field(  # type: ignore[valid-type]
        None, description="Only this headcount band (empty: all)."
    )
    year: Annotated[int | None, BeforeValidator(_blank_is_none)] = Field(
        None, ge=2000, le=2100, description="Only organisations assessed that year (empty: all)."
    )


class ThemeSpreadOut(ResponseModel):
    id: str
    median: float | None = Field(description="Null when fewer than k organisations scored it.")
    q1: float | None
    q3: float | None
    count: int | None = Field(description="How many scores the figures rest on (null below k).")
    levels: list[int] | None = Field(
        description="How many organisations at each maturity level 0..N (null below k)."
    )


class BenchmarkThemeOut(ThemeSpreadOut):
    own: float | None = Field(description="The organisation's own score for the theme.")
    own_level: int | None


class GroupOut(ResponseModel):
    legal_form: str | None
    size_band: str | None = Field(description="Null when widened to every size.")
    region: str | None = Field(description="Null when widened to the whole country.")


class BenchmarkOut(ResponseModel):
    shown: bool
    group: GroupOut | None = None
    count: int | None = Field(description="Organisations in the group, the asking one excluded.")
    themes: list[BenchmarkThemeOut]


class RankedFirstOut(ResponseModel):
    theme: str
    count: int


class ProgressOut(ResponseModel):
    model_config = ConfigDict(
        from_attributes=True, serialize_by_alias=True, validate_by_name=True, validate_by_alias=True
    )

    from_: int = Field(alias="from")
    to: int
    median: float
    count: int


class StatisticsOut(ResponseModel):
    shown: bool
    count: int | None
    themes: list[ThemeSpreadOut]
    assessed_this_year: int | None = None
    ranked_first: list[RankedFirstOut] = Field(default_factory=list)
    actions_done_share: float | None = Field(
        None, description="Done ÷ (all − dropped) over the group's latest plans."
    )
    progress: ProgressOut | None = Field(
        None, description="Median change of the overall score, year Y−1 to Y (null below k)."
    )
