"""Organisations the caller belongs to: list, create (the caller becomes owner), read, change."""

from __future__ import annotations

from flask import Response, url_for
from flask_login import current_user

from app.services import organisations
from app.services.organisations import OrganisationData

from . import TAGS, api
from .docs_spec import FORBIDDEN
from .replies import reply, service_errors
from .schemas import (
    OrganisationCreate,
    OrganisationOut,
    OrganisationPage,
    OrganisationPath,
    OrganisationUpdate,
    PageQuery,
)
from .serializers import organisation_out, page_fields

TAG = [TAGS["organisations"]]


@api.get("/organisations", tags=TAG, responses={200: OrganisationPage})
@service_errors
def list_organisations(query: PageQuery) -> Response:
    """The organisations you belong to, by name, with your role in each."""
    page = organisations.memberships_page(current_user, query.page, query.per_page)
    return reply(
        OrganisationPage(
            items=[organisation_out(m.organisation, m.role) for m in page.items],
            **page_fields(page),
        )
    )


@api.post("/organisations", tags=TAG, responses={201: OrganisationOut})
@service_errors
def create_organisation(body: OrganisationCreate) -> Response:
    """Create an organisation; you become its owner."""
    organisation = organisations.create_organisation(
        current_user, OrganisationData(**body.model_dump())
    )
    location = url_for("api.get_organisation", organisation_id=organisation.id)
    return reply(organisation_out(organisation, "owner"), 201, {"Location": location})


@api.get("/organisations/<int:organisation_id>", tags=TAG, responses={200: OrganisationOut})
def get_organisation(path: OrganisationPath) -> Response:
    """One of your organisations."""
    member = organisations.membership(current_user, path.organisation_id)
    return reply(organisation_out(member.organisation, member.role))


@api.patch(
    "/organisations/<int:organisation_id>",
    tags=TAG,
    responses={200: OrganisationOut, **FORBIDDEN},
)
@service_errors
def update_organisation(path: OrganisationPath, body: OrganisationUpdate) -> Response:
    """Change an organisation's profile (owners only); fields not sent keep their value."""
    organisation = organisations.patch_organisation(
        current_user, path.organisation_id, body.model_dump(exclude_unset=True)
    )
    return reply(organisation_out(organisation, "owner"))
