"""Organisations and membership: who may see and do what in which organisation.

Access rule, for every route of every front end: someone who is not a member of an organisation gets
NotFound (it might as well not exist); a member whose role is too low for the action gets Forbidden.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from flask_babel import gettext as _
from sqlalchemy import Select, func, select
from sqlalchemy.orm import contains_eager

from app.extensions import db
from app.models import HEADCOUNT_BANDS, REGIONS, ROLES, Membership, Organisation, User
from app.questionnaires.references import LEGAL_FORMS

from . import score_store
from .errors import Forbidden, Invalid, NotFound
from .pagination import Page, paginate
from .validators import normalise_siret

NAME_MAX_LENGTH = 200


@dataclass
class OrganisationData:
    name: str
    legal_form: str
    region: str
    headcount_band: str
    has_volunteers: bool = False
    siret: str | None = None


def validate(data: OrganisationData) -> OrganisationData:
    """The cleaned data, or Invalid naming each bad field."""
    errors: dict[str, str] = {}
    name = (data.name or "").strip()
    if not name:
        errors["name"] = _("Indiquez le nom de l'organisation.")
    elif len(name) > NAME_MAX_LENGTH:
        errors["name"] = _("%(n)d caractères au plus.", n=NAME_MAX_LENGTH)
    if data.legal_form not in LEGAL_FORMS:
        errors["legal_form"] = _("Choisissez une forme juridique de la liste.")
    if data.region not in REGIONS:
        errors["region"] = _("Choisissez une région de la liste.")
    if data.headcount_band not in HEADCOUNT_BANDS:
        errors["headcount_band"] = _("Choisissez une tranche d'effectif de la liste.")
    siret = None
    if data.siret and data.siret.strip():
        siret = normalise_siret(data.siret)
        if siret is None:
            errors["siret"] = _(
                "SIRET invalide : 14 chiffres dont la clé de contrôle (Luhn) doit être juste."
            )
    if errors:
        raise Invalid(errors)
    return OrganisationData(
        name=name,
        legal_form=data.legal_form,
        region=data.region,
        headcount_band=data.headcount_band,
        has_volunteers=bool(data.has_volunteers),
        siret=siret,
    )


def membership(user: User, organisation_id: int, role: str = "viewer") -> Membership:
    """The user's membership of the organisation, if it allows `role`.

    NotFound when the user is not a member (or the organisation does not exist); Forbidden when the
    role is too low.
    """
    if not user.is_authenticated:
        raise NotFound()
    found = db.session.scalar(
        select(Membership).where(
            Membership.user_id == user.id, Membership.organisation_id == organisation_id
        )
    )
    if found is None:
        raise NotFound()
    if not found.allows(role):
        raise Forbidden()
    return found


def get_organisation(user: User, organisation_id: int, role: str = "viewer") -> Organisation:
    return membership(user, organisation_id, role).organisation


def _memberships_query(user: User) -> Select[tuple[Membership]]:
    return (
        select(Membership)
        .join(Organisation)
        .options(contains_eager(Membership.organisation))
        .where(Membership.user_id == user.id)
        .order_by(func.lower(Organisation.name), Organisation.id)
    )


def memberships_of(user: User) -> list[Membership]:
    """The user's organisations, by name."""
    return list(db.session.scalars(_memberships_query(user)))


def memberships_page(user: User, page: int, per_page: int) -> Page[Membership]:
    return paginate(_memberships_query(user), page, per_page)


def create_organisation(user: User, data: OrganisationData) -> Organisation:
    """A new organisation, with the user as its owner."""
    clean = validate(data)
    organisation = Organisation(**vars(clean))
    db.session.add(organisation)
    db.session.add(Membership(user=user, organisation=organisation, role="owner"))
    db.session.commit()
    return organisation


def update_organisation(user: User, organisation_id: int, data: OrganisationData) -> Organisation:
    organisation = get_organisation(user, organisation_id, "owner")
    for name, value in vars(validate(data)).items():
        setattr(organisation, name, value)
    db.session.commit()
    score_store.refresh_organisation(organisation.id)  # what applies depends on the profile
    return organisation


def patch_organisation(
    user: User, organisation_id: int, changes: Mapping[str, Any]
) -> Organisation:
    """Change only the given fields (the others keep their value); owners only."""
    organisation = get_organisation(user, organisation_id, "owner")
    changes = dict(changes)
    opt_in = changes.pop("anonymous_statistics", None)
    current = {name: getattr(organisation, name) for name in OrganisationData.__dataclass_fields__}
    unknown = set(changes) - set(current)
    if unknown:
        raise Invalid({name: _("Champ inconnu.") for name in sorted(unknown)})
    if opt_in is not None and not isinstance(opt_in, bool):
        raise Invalid({"anonymous_statistics": _("Vrai ou faux.")})
    if opt_in is not None:
        organisation.anonymous_statistics = opt_in  # committed with the other changes
    return update_organisation(user, organisation_id, OrganisationData(**{**current, **changes}))


def members(user: User, organisation_id: int) -> list[Membership]:
    membership(user, organisation_id, "viewer")
    return list(
        db.session.scalars(
            select(Membership)
            .join(User)
            .where(Membership.organisation_id == organisation_id)
            .order_by(func.lower(User.email))
        )
    )


def _member_in(organisation_id: int, membership_id: int) -> Membership:
    target = db.session.get(Membership, membership_id)
    if target is None or target.organisation_id != organisation_id:
        raise NotFound()
    return target


def _owner_count(organisation_id: int) -> int:
    return (
        db.session.scalar(
            select(func.count(Membership.id)).where(
                Membership.organisation_id == organisation_id, Membership.role == "owner"
            )
        )
        or 0
    )


def change_role(user: User, organisation_id: int, membership_id: int, role: str) -> Membership:
    membership(user, organisation_id, "owner")
    if role not in ROLES:
        raise Invalid({"role": _("Rôle inconnu.")})
    target = _member_in(organisation_id, membership_id)
    if target.role == "owner" and role != "owner" and _owner_count(organisation_id) == 1:
        raise Invalid({"role": _("L'organisation doit garder au moins un responsable.")})
    target.role = role
    db.session.commit()
    return target


def remove_member(user: User, organisation_id: int, membership_id: int) -> None:
    """An owner removes a member, or a member leaves; the last owner cannot go."""
    own = membership(user, organisation_id, "viewer")
    target = _member_in(organisation_id, membership_id)
    if target.id != own.id and not own.allows("owner"):
        raise Forbidden()
    if target.role == "owner" and _owner_count(organisation_id) == 1:
        raise Invalid({"member": _("L'organisation doit garder au moins un responsable.")})
    db.session.delete(target)
    db.session.commit()
