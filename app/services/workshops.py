"""Workshops, as their facilitator runs them: create, move through the phases, lock, reveal, close.

Only the facilitator who created a workshop sees or changes it (anyone else gets NotFound). Every
change phones must follow bumps `state_version` in the same UPDATE, which is what their polling
compares. Figures are computed by `app.workshops.figures` and kept on the workshop row for a
second or so (`WORKSHOP_FIGURES_SECONDS`): a projector and a facilitator screen polling every
second cost one computation per period, whatever the number of workers; a closed workshop keeps
its last figures for good.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from datetime import date, datetime, timedelta
from typing import Any

from flask import current_app
from flask_babel import gettext as _
from sqlalchemy import delete, func, or_, select, update
from sqlalchemy.exc import IntegrityError

from app.extensions import db
from app.models import (
    Participant,
    QuestionnaireVersion,
    User,
    Workshop,
    WorkshopAnswer,
    WorkshopPlacement,
    WorkshopVote,
)
from app.models._base import as_utc, utcnow
from app.workshops import ALL_PHASES, CLOSED, PHASES, compute, first_phase, new_code

from . import questionnaires, workshop_signals
from .errors import Closed, Invalid, NotFound
from .stakeholders import categories as stakeholder_categories
from .workshop_inputs import participant_inputs

TITLE_MAX_LENGTH = 200
INTRO_MAX_LENGTH = 10_000
DEFAULT_QUESTIONNAIRE = "gbp-express"
DEFAULT_CATEGORIES = ("salaries", "benevoles", "usagers", "financeurs-publics", "partenaires-ess")
MAX_VOTES = 20


@dataclass
class WorkshopData:
    title: str
    questionnaire: str = DEFAULT_QUESTIONNAIRE
    categories: list[str] = field(default_factory=lambda: list(DEFAULT_CATEGORIES))
    votes: int = 3
    held_on: date | None = None
    place: str = ""
    capacity: int | None = None
    phases: list[str] = field(default_factory=lambda: list(PHASES))
    intros: dict[str, str] = field(default_factory=dict)


def _number(value: Any, low: int, high: int, name: str, errors: dict[str, str]) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
        errors[name] = _("Un nombre entier de %(low)d à %(high)d.", low=low, high=high)
        return low
    return value


def validate(data: WorkshopData) -> tuple[WorkshopData, QuestionnaireVersion | None]:
    """The cleaned data and the questionnaire version to pin, or Invalid naming each bad field."""
    errors: dict[str, str] = {}
    title = (data.title or "").strip()
    if not title:
        errors["title"] = _("Indiquez un titre.")
    elif len(title) > TITLE_MAX_LENGTH:
        errors["title"] = _("%(n)d caractères au plus.", n=TITLE_MAX_LENGTH)
    place = (data.place or "").strip()
    if len(place) > TITLE_MAX_LENGTH:
        errors["place"] = _("%(n)d caractères au plus.", n=TITLE_MAX_LENGTH)
    version = None
    try:
        version = questionnaires.current_version(data.questionnaire or "")
    except NotFound:
        errors["questionnaire"] = _("Choisissez un questionnaire de la liste.")
    known = stakeholder_categories()
    chosen = list(dict.fromkeys(data.categories or []))
    if any(known.get(c) is None for c in chosen):
        errors["categories"] = _("Choisissez des catégories de la liste.")
    votes = _number(data.votes, 1, MAX_VOTES, "votes", errors)
    limit = current_app.config["WORKSHOP_MAX_CAPACITY"]
    capacity = data.capacity or current_app.config["WORKSHOP_CAPACITY"]
    capacity = _number(capacity, 1, limit, "capacity", errors)
    phases = [p for p in PHASES if p in set(data.phases or [])]
    if len(phases) != len(set(data.phases or [])):
        errors["phases"] = _("Choisissez des étapes de la liste.")
    intros = {}
    for phase, text in (data.intros or {}).items():
        if phase not in PHASES or not isinstance(text, str):
            errors["intros"] = _("Choisissez des étapes de la liste.")
        elif len(text) > INTRO_MAX_LENGTH:
            errors[f"intro-{phase}"] = _("%(n)d caractères au plus.", n=INTRO_MAX_LENGTH)
        elif text.strip():
            intros[phase] = text.strip()
    if errors:
        raise Invalid(errors)
    cleaned = replace(
        data,
        title=title,
        place=place,
        categories=chosen,
        votes=votes,
        capacity=capacity,
        phases=phases,
        intros=intros,
    )
    return cleaned, version


def create(user: User, data: WorkshopData) -> Workshop:
    cleaned, version = validate(data)
    for _attempt in range(10):
        workshop = Workshop(
            code=new_code(),
            facilitator_id=user.id,
            title=cleaned.title,
            held_on=cleaned.held_on,
            place=cleaned.place,
            questionnaire_version_id=version.id,
            categories=cleaned.categories,
            votes=cleaned.votes,
            capacity=cleaned.capacity,
            phases=cleaned.phases,
            intros=cleaned.intros,
            phase=first_phase(cleaned.phases),
        )
        db.session.add(workshop)
        try:
            db.session.commit()
        except IntegrityError:  # the code is taken (1 in 10^9 per live workshop): draw again
            db.session.rollback()
            continue
        return workshop
    raise RuntimeError("could not draw a free workshop code")


def list_for(user: User) -> list[Workshop]:
    return list(
        db.session.scalars(
            select(Workshop)
            .where(Workshop.facilitator_id == user.id)
            .order_by(Workshop.created_at.desc(), Workshop.id.desc())
        )
    )


def get(user: User, workshop_id: int) -> Workshop:
    workshop = db.session.get(Workshop, workshop_id, populate_existing=True)
    if workshop is None or workshop.facilitator_id != user.id:
        raise NotFound()
    return workshop


def state_of(workshop: Workshop) -> dict[str, Any]:
    """What phones follow: the phase and whether the room is paused, locked or closed."""
    return {
        "phase": workshop.phase,
        "paused": workshop.paused,
        "locked": workshop.locked,
        "closed": workshop.is_closed,
        "version": workshop.state_version,
    }


def _change(workshop: Workshop, **values: Any) -> Workshop:
    """Apply a change phones follow, with the bump of `state_version`, in one UPDATE, and tell
    the phones waiting for it."""
    db.session.execute(
        update(Workshop)
        .where(Workshop.id == workshop.id)
        .values(state_version=Workshop.state_version + 1, updated_at=utcnow(), **values)
    )
    db.session.commit()
    db.session.refresh(workshop)
    workshop_signals.publish(workshop.id, state_of(workshop))
    return workshop


def set_phase(user: User, workshop_id: int, phase: str) -> Workshop:
    workshop = get(user, workshop_id)
    if phase not in ALL_PHASES:
        raise Invalid({"phase": _("Choisissez une étape de la liste.")})
    if workshop.is_closed:
        raise Closed("closed")
    if phase == CLOSED:
        return close(user, workshop_id)
    return _change(workshop, phase=phase, revealed=False, paused=False)


def configure(user: User, workshop_id: int, changes: Mapping[str, Any]) -> Workshop:
    """Lock or unlock joining, pause or resume, reveal or hide results on the projector."""
    workshop = get(user, workshop_id)
    values = {k: bool(v) for k, v in changes.items() if k in {"locked", "paused", "revealed"}}
    if not values:
        return workshop
    if workshop.is_closed:
        raise Closed("closed")
    return _change(workshop, **values)


def close(user: User, workshop_id: int) -> Workshop:
    """End the workshop: no more joins nor writes; its figures are computed once more and frozen."""
    workshop = get(user, workshop_id)
    if workshop.is_closed:
        return workshop
    figures = _compute(workshop)
    now = utcnow()
    return _change(
        workshop, phase=CLOSED, closed_at=now, figures=figures, figures_at=now, paused=False
    )


def remove_participant(user: User, workshop_id: int, participant_id: int) -> None:
    """Take someone out of the room: their contributions leave every figure at once."""
    workshop = get(user, workshop_id)
    participant = db.session.get(Participant, participant_id)
    if participant is None or participant.workshop_id != workshop.id or participant.removed:
        raise NotFound()
    if workshop.is_closed:
        raise Closed("closed")
    for model in (WorkshopAnswer, WorkshopPlacement, WorkshopVote):
        db.session.execute(delete(model).where(model.participant_id == participant.id))
    participant.removed = True
    workshop.figures_at = None  # recompute on the next look
    db.session.commit()


def participants(user: User, workshop_id: int) -> list[tuple[Participant, int]]:
    """The people in the room (not removed) with how many questions each answered."""
    workshop = get(user, workshop_id)
    answered = (
        select(WorkshopAnswer.participant_id, func.count().label("n"))
        .where(WorkshopAnswer.workshop_id == workshop.id)
        .group_by(WorkshopAnswer.participant_id)
        .subquery()
    )
    rows = db.session.execute(
        select(Participant, func.coalesce(answered.c.n, 0))
        .outerjoin(answered, answered.c.participant_id == Participant.id)
        .where(Participant.workshop_id == workshop.id, Participant.removed.is_(False))
        .order_by(Participant.joined_at, Participant.id)
    )
    return [(p, n) for p, n in rows]


def _compute(workshop: Workshop) -> dict[str, Any]:
    questionnaire = workshop.questionnaire_version.questionnaire
    return compute(questionnaire, participant_inputs(workshop.id), workshop.categories)


def figures_of(workshop: Workshop) -> dict[str, Any]:
    """The room's figures, at most `WORKSHOP_FIGURES_SECONDS` old (frozen once closed).

    When they are due, one request claims the refresh with a conditional UPDATE; requests of
    other workers meanwhile serve the previous figures instead of computing the same again."""
    if workshop.is_closed or workshop.purged_at is not None:
        return workshop.figures or _compute(workshop)
    period = timedelta(seconds=current_app.config["WORKSHOP_FIGURES_SECONDS"])
    now = utcnow()
    fresh = workshop.figures_at is not None and now - as_utc(workshop.figures_at) < period
    if workshop.figures is not None and fresh:
        return workshop.figures
    claim = db.session.execute(
        update(Workshop)
        .where(
            Workshop.id == workshop.id,
            or_(Workshop.figures_at.is_(None), Workshop.figures_at <= now - period),
        )
        .values(figures_at=now)
        .execution_options(synchronize_session=False)
    )
    db.session.commit()
    if claim.rowcount != 1 and workshop.figures is not None:
        return workshop.figures
    figures = _compute(workshop)
    db.session.execute(
        update(Workshop).where(Workshop.id == workshop.id).values(figures=figures, figures_at=now)
    )
    db.session.commit()
    return figures


def live(user: User, workshop_id: int, for_room: bool = False) -> dict[str, Any]:
    """What the facilitator's screen and the projector show. On the projector (`for_room`) the
    results of a phase stay hidden until the facilitator reveals them; counts always show."""
    workshop = get(user, workshop_id)
    figures = figures_of(workshop)
    shown = not for_room or workshop.revealed or workshop.phase in ("synthesis", CLOSED)
    return live_payload(workshop, figures, shown)


def live_payload(workshop: Workshop, figures: Mapping[str, Any], shown: bool) -> dict[str, Any]:
    hidden = {
        "questions": [{**q, "distribution": None} for q in figures["questions"]],
        "themes": [{**t, "average": None} for t in figures["themes"]],
        "map": [
            {**m, "influence": None, "importance": None} | _no_spread() for m in figures["map"]
        ],
        "votes": _in_theme_order([{**v, "votes": None} for v in figures["votes"]], figures),
    }
    return {
        **figures,
        **({} if shown else hidden),
        "phase": workshop.phase,
        "paused": workshop.paused,
        "locked": workshop.locked,
        "revealed": shown,
    }


def _in_theme_order(rows: list[dict[str, Any]], figures: Mapping[str, Any]) -> list[dict]:
    """Hidden votes in the questionnaire's order: their ranking would tell the result."""
    order = {t["id"]: i for i, t in enumerate(figures["themes"])}
    return sorted(rows, key=lambda row: order.get(row["theme"], len(order)))


def _no_spread() -> dict[str, None]:
    return {"influence_spread": None, "importance_spread": None}


def purge_expired(days: int, now: datetime | None = None) -> int:
    """Delete the participants (and so their answers, placements and votes) of workshops closed
    more than `days` days ago; the frozen figures stay. Returns how many workshops were purged."""
    limit = (now or utcnow()) - timedelta(days=days)
    expired = db.session.scalars(
        select(Workshop.id).where(Workshop.closed_at < limit, Workshop.purged_at.is_(None))
    ).all()
    for workshop_id in expired:
        for model in (WorkshopAnswer, WorkshopPlacement, WorkshopVote, Participant):
            db.session.execute(delete(model).where(model.workshop_id == workshop_id))
        db.session.execute(
            update(Workshop).where(Workshop.id == workshop_id).values(purged_at=utcnow())
        )
    db.session.commit()
    return len(expired)
