"""Consent: grants to networks and advisors, network requests, the access log."""

from __future__ import annotations

from datetime import date
from typing import Annotated, Literal

from pydantic import BaseModel, Field

from app.services.grants import MESSAGE_MAX_LENGTH

from .responses import PageOut
from .types import Id, JsonDate, JsonInt, RequestModel, ResponseModel, Text, UtcDateTime

Scope = Literal["results", "full"]
#: An id sent in a JSON body: an integer, not `"3"` nor `true`.
BodyId = Annotated[JsonInt, Field(ge=1, le=2**31 - 1)]

SCOPE_HELP = (
    "`results`: scores, priorities, progress; `full`: also answers, comments, stakeholders and "
    "the action plan."
)


class GrantPath(BaseModel):
    grant_id: Id


class NetworkPath(BaseModel):
    network_id: Id


class GrantCreate(RequestModel):
    """Exactly one of `network` (all its advisors) and `advisor` (one person, by user id)."""

    network: BodyId | None = Field(None, description="A network's id: all its advisors.")
    advisor: BodyId | None = Field(None, description="One advisor's user id.")
    scope: Scope = Field("results", description=SCOPE_HELP)
    until: JsonDate | None = Field(
        None, description="Last day of access (today or later); default: one year from today."
    )


class GrantDecision(RequestModel):
    """The owner's answer to a network's request (a grant whose status is `requested`)."""

    status: Literal["active", "refused"] = Field(description="`active` accepts, `refused` refuses.")
    scope: Scope | None = Field(None, description="Narrow or widen the scope asked for.")


class GrantOut(ResponseModel):
    id: int
    organisation: int = Field(description="The organisation's id.")
    network: int | None = Field(description="The network's id, or null for a named advisor.")
    advisor: int | None = Field(description="The advisor's user id, or null for a network.")
    who: str = Field(description="The network's name or the advisor's name.")
    scope: Scope
    until: date
    status: Literal["requested", "active", "refused", "revoked"]
    active: bool = Field(description="Whether it lets someone in today (active and not past).")
    message: str = Field(description="What the network wrote when asking (requests).")
    created_at: UtcDateTime


class GrantList(ResponseModel):
    items: list[GrantOut]


class AccessLogOut(ResponseModel):
    who: str
    what: str = Field(
        description=(
            "What was seen: `portfolio`, `organisation`, `results`, `answers`, `plan`, "
            "`comments`, `statistics`..."
        )
    )
    at: UtcDateTime
    assessment: int | None = Field(description="The assessment seen, if any.")


class AccessLogPage(PageOut):
    items: list[AccessLogOut]


class AccessRequestCreate(RequestModel):
    """Which organisation: its id, or its SIRET."""

    organisation: BodyId | None = None
    siret: Text | None = Field(None, max_length=20)
    scope: Scope = Field("results", description=SCOPE_HELP)
    message: Text = Field("", max_length=MESSAGE_MAX_LENGTH, description="Why you ask.")


class AccessRequestSent(ResponseModel):
    status: Literal["sent"] = Field(
        description="Always `sent`: the answer says nothing of whether the organisation exists."
    )
