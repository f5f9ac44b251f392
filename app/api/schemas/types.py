"""Types shared by the API's request and response models: JSON-strict scalars, texts, ids.

The models are the contract: flask-openapi3 turns them into the OpenAPI document, validates requests
against them before a view runs, and (when API_VALIDATE_RESPONSES is on, as in the tests) checks
every response against them. Business rules stay in the services; the models only say what a
well-formed request looks like, with the limits the services enforce.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Annotated, Any, Literal

from pydantic import AfterValidator, BaseModel, BeforeValidator, ConfigDict, Field, StrictStr
from pydantic_core import PydanticCustomError

from app.models import HEADCOUNT_BANDS, REGIONS
from app.models._base import as_utc
from app.questionnaires.references import LEGAL_FORMS

LegalForm = Literal[LEGAL_FORMS]  # type: ignore[valid-type]
Region = Literal[REGIONS]  # type: ignore[valid-type]
HeadcountBand = Literal[HEADCOUNT_BANDS]  # type: ignore[valid-type]
Role = Literal["owner", "contributor", "viewer"]
#: A database id, within what every database's integer column holds.
Id = Annotated[int, Field(ge=1, le=2**31 - 1)]


def _json_integer(value: Any) -> Any:
    """JSON Schema's integer: 3 or 3.0, never true or "3" (pydantic's lax mode takes those)."""
    if isinstance(value, bool | str):
        raise PydanticCustomError("int_type", "Input should be a valid integer")
    return value


#: An integer as JSON Schema means it (what the OpenAPI document promises).
JsonInt = Annotated[int, BeforeValidator(_json_integer)]


def _json_date(value: Any) -> Any:
    """A date is a JSON string YYYY-MM-DD (pydantic's lax mode would take 0 as 1970-01-01)."""
    if not isinstance(value, str):
        raise PydanticCustomError("date_type", "Input should be a date as YYYY-MM-DD")
    return value


#: A calendar date as the OpenAPI document says: a "YYYY-MM-DD" string.
JsonDate = Annotated[date, BeforeValidator(_json_date)]
#: A moment, always with its UTC offset (SQLite hands datetimes back without one): RFC 3339.
UtcDateTime = Annotated[datetime, AfterValidator(as_utc)]


def _no_nul(value: str) -> str:
    if "\x00" in value:
        raise PydanticCustomError("nul_character", "NUL characters are not allowed")
    return value


#: A JSON string without NUL characters (no text here may hold one; PostgreSQL cannot store one).
Text = Annotated[StrictStr, AfterValidator(_no_nul)]
#: The form of every id in the questionnaires (see app/questionnaires/schema.py).
SlugPattern = r"^[a-z0-9][a-z0-9_-]*$"


class RequestModel(BaseModel):
    """Unknown fields are refused: a misspelt field is an error, not silently ignored. Types are
    JSON's: `true` is not 1, `"3"` is not a number, `0` is not false."""

    model_config = ConfigDict(extra="forbid")


class ResponseModel(BaseModel):
    model_config = ConfigDict(from_attributes=True)


class Texts(BaseModel):
    """A text in French (the source language) and English."""

    fr: str
    en: str


def links(**operations: dict[str, str]) -> ConfigDict:
    """OpenAPI links: which operations take this response's fields as their parameters."""
    return ConfigDict(
        from_attributes=True,
        openapi_extra={
            "links": {
                name: {"operationId": name, "parameters": parameters}
                for name, parameters in operations.items()
            }
        },
    )
