"""API v1: consent. Owners grant, answer and revoke access; members read the grants and the access
log; network admins ask organisations for access.

Revoking (DELETE) or refusing takes effect on the advisors' very next request: access is checked
against the grants on every request, never cached.
"""

from __future__ import annotations

from flask import Response
from flask_login import current_user

from app.models import Grant
from app.models._base import as_utc
from app.services import grants
from app.services.access import today
from app.services.grants import GrantData

from . import TAGS, api
from .docs_spec import FORBIDDEN
from .replies import no_content, reply, service_errors
from .schemas import OrganisationPath, PageQuery
from .schemas.consent import (
    AccessLogOut,
    AccessLogPage,
    AccessRequestCreate,
    AccessRequestSent,
    GrantCreate,
    GrantDecision,
    GrantList,
    GrantOut,
    GrantPath,
    NetworkPath,
)
from .serializers import page_fields

TAG = [TAGS["consent"]]


def grant_out(grant: Grant) -> GrantOut:
    if grant.network is not None:
        who = grant.network.name
    elif grant.advisor is not None:
        who = grant.advisor.display_name
    else:
        who = ""
    return GrantOut(
        id=grant.id,
        organisation=grant.organisation_id,
        network=grant.network_id,
        advisor=grant.advisor_id,
        who=who,
        scope=grant.scope,
        until=grant.until,
        status=grant.status,
        active=grant.is_active(today()),
        message=grant.message or "",
        created_at=as_utc(grant.created_at),
    )


@api.get("/organisations/<int:organisation_id>/grants", tags=TAG, responses={200: GrantList})
def list_grants(path: OrganisationPath) -> Response:
    """The organisation's grants and the networks' requests, newest first (any member)."""
    found = grants.list_for(current_user, path.organisation_id)
    return reply(GrantList(items=[grant_out(g) for g in found]))


@api.post(
    "/organisations/<int:organisation_id>/grants",
    tags=TAG,
    responses={201: GrantOut, **FORBIDDEN},
)
@service_errors
def create_grant(path: OrganisationPath, body: GrantCreate) -> Response:
    """Open access to a network (all its advisors) or one advisor, until a date (owners)."""
    created = grants.grant(
        current_user,
        path.organisation_id,
        GrantData(body.network, body.advisor, body.scope, body.until),
    )
    return reply(grant_out(created), 201)


@api.patch("/grants/<int:grant_id>", tags=TAG, responses={200: GrantOut, **FORBIDDEN})
@service_errors
def update_grant(path: GrantPath, body: GrantDecision) -> Response:
    """Answer a network's request: accept (`active`, optionally with another scope) or refuse
    (owners). A request already answered gives 422 on `status`."""
    decided = grants.decide(current_user, path.grant_id, body.status == "active", body.scope)
    return reply(grant_out(decided))


@api.delete("/grants/<int:grant_id>", tags=TAG, responses={204: None, **FORBIDDEN})
def revoke_grant(path: GrantPath) -> Response:
    """Withdraw an access at once (owners); a pending request is refused. Repeating is harmless."""
    grants.revoke(current_user, path.grant_id)
    return no_content()


@api.get(
    "/organisations/<int:organisation_id>/access-log",
    tags=TAG,
    responses={200: AccessLogPage},
)
@service_errors
def list_access_log(path: OrganisationPath, query: PageQuery) -> Response:
    """Who saw what of the organisation's data, and when; newest first (any member)."""
    page = grants.access_log(current_user, path.organisation_id, query.page, query.per_page)
    return reply(
        AccessLogPage(
            items=[
                AccessLogOut(who=e.who, what=e.what, at=as_utc(e.at), assessment=e.assessment_id)
                for e in page.items
            ],
            **page_fields(page),
        )
    )


@api.post(
    "/networks/<int:network_id>/access-requests",
    tags=TAG,
    responses={202: AccessRequestSent, **FORBIDDEN},
)
@service_errors
def create_access_request(path: NetworkPath, body: AccessRequestCreate) -> Response:
    """Ask an organisation (by id or SIRET) for access (network admins). The answer is the same
    whether or not the organisation exists; its owners see the request and decide."""
    grants.request_access(
        current_user,
        path.network_id,
        organisation_id=body.organisation,
        siret=body.siret,
        scope=body.scope,
        message=body.message,
    )
    return reply(AccessRequestSent(status="sent"), 202)
