"""The public "our commitments" page: what an owner chooses to show, at a link they can revoke."""

from __future__ import annotations

import secrets
from collections.abc import Collection
from dataclasses import dataclass

from flask_babel import gettext as _
from sqlalchemy import select

from app.extensions import db
from app.models import Action, Assessment, Organisation, PublicPage, User

from .assessments import AssessmentContext, get, public_context
from .errors import Invalid, NotFound
from .organisations import membership

INTRO_MAX_LENGTH = 3000


def _new_token() -> str:
    return secrets.token_urlsafe(24)


def page_of(user: User, organisation_id: int, role: str = "viewer") -> PublicPage | None:
    membership(user, organisation_id, role)
    return db.session.scalar(
        select(PublicPage).where(PublicPage.organisation_id == organisation_id)
    )


@dataclass
class Settings:
    """What the owner's settings form offers: the cycles, and the chosen one's themes and plan."""

    organisation: Organisation
    page: PublicPage | None
    cycles: list[Assessment]
    context: AssessmentContext | None
    plan: list[Action]


def settings(user: User, organisation_id: int, assessment_id: int | None = None) -> Settings:
    """For the owner: the page as it is, and the choices for `assessment_id` (by default the
    cycle the page shows, else the latest)."""
    member = membership(user, organisation_id, "owner")
    page = page_of(user, organisation_id, "owner")
    cycles = list(
        db.session.scalars(
            select(Assessment)
            .where(Assessment.organisation_id == organisation_id)
            .order_by(Assessment.year.desc(), Assessment.id.desc())
        )
    )
    wanted = assessment_id or (page.assessment_id if page else None)
    chosen = next((a for a in cycles if a.id == wanted), cycles[0] if cycles else None)
    if chosen is None:
        return Settings(member.organisation, page, cycles, None, [])
    plan = list(
        db.session.scalars(
            select(Action).where(Action.assessment_id == chosen.id).order_by(Action.position)
        )
    )
    return Settings(member.organisation, page, cycles, get(user, chosen.id), plan)


def configure(
    user: User,
    organisation_id: int,
    *,
    assessment_id: int,
    theme_ids: Collection[str],
    action_ids: Collection[int],
    intro: str,
    enabled: bool,
) -> PublicPage:
    """Choose what the page shows (owners only); the link stays the same until revoked."""
    membership(user, organisation_id, "owner")
    context = get(user, assessment_id)
    if context.assessment.organisation_id != organisation_id:
        raise NotFound()
    errors: dict[str, str] = {}
    known_themes = [t.id for t in context.questionnaire.themes]
    if set(theme_ids) - set(known_themes):
        errors["themes"] = _(
            "Thème inconnu : %(ids)s.", ids=", ".join(set(theme_ids) - set(known_themes))
        )
    plan_ids = set(
        db.session.scalars(select(Action.id).where(Action.assessment_id == assessment_id))
    )
    if set(action_ids) - plan_ids:
        errors["actions"] = _("Ces actions ne sont pas dans le plan de ce cycle.")
    intro = (intro or "").strip()
    if len(intro) > INTRO_MAX_LENGTH:
        errors["intro"] = _("%(n)d caractères au plus.", n=INTRO_MAX_LENGTH)
    if errors:
        raise Invalid(errors)
    page = page_of(user, organisation_id, "owner")
    if page is None:
        page = PublicPage(organisation_id=organisation_id, token=_new_token())
        db.session.add(page)
    page.assessment_id = assessment_id
    page.theme_ids = [t for t in known_themes if t in set(theme_ids)]
    page.action_ids = sorted(set(action_ids))
    page.intro = intro
    page.enabled = enabled
    db.session.commit()
    return page


def revoke(user: User, organisation_id: int) -> PublicPage | None:
    """Switch the page off and draw a new link: the old one answers 404 from now on."""
    page = page_of(user, organisation_id, "owner")
    if page is not None:
        page.token = _new_token()
        page.enabled = False
        db.session.commit()
    return page


@dataclass
class PublicView:
    organisation: Organisation
    page: PublicPage
    context: AssessmentContext
    actions: list[Action]


def public_view(token: str) -> PublicView:
    """What anyone with the link sees; NotFound when the link is unknown, revoked or off."""
    page = db.session.scalar(select(PublicPage).where(PublicPage.token == token))
    if page is None or not page.enabled or page.assessment_id is None:
        raise NotFound()
    assessment = db.session.get(Assessment, page.assessment_id)
    if assessment is None or assessment.organisation_id != page.organisation_id:
        raise NotFound()
    actions = list(
        db.session.scalars(
            select(Action)
            .where(Action.assessment_id == assessment.id, Action.id.in_(page.action_ids or [-1]))
            .order_by(Action.position)
        )
    )
    return PublicView(assessment.organisation, page, public_context(assessment), actions)
