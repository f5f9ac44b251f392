"""Workshops, as the people in the room use them: join with the code, answer, map, vote.

Participants have no account. Joining returns a token that the phone keeps and sends back as
`Authorization: Bearer …`: after a reload, a lost connection or a locked phone it is still the
same participant, counted once. Only the token's SHA-256 is stored.

Every write is one atomic upsert of the participant's own row (question, category or theme), so a
re-sent answer is harmless and concurrent phones never lose each other's writes. Joining bumps an
atomic counter guarded by the capacity, never a count-then-insert.
"""

from __future__ import annotations

import hashlib
import secrets
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from flask_babel import gettext as _
from sqlalchemy import delete, select, update
from sqlalchemy.orm import joinedload

from app.extensions import db
from app.models import (
    HEADCOUNT_BANDS,
    Participant,
    Workshop,
    WorkshopAnswer,
    WorkshopPlacement,
    WorkshopVote,
)
from app.models._base import utcnow
from app.questionnaires.answers import AnswerError, normalise
from app.questionnaires.references import LEGAL_FORMS
from app.scoring import AnswerInput
from app.workshops import WRITES, VoteError, check_votes, normalise_code, own_scores

from . import workshop_signals
from .answers import error_message
from .errors import Closed, Invalid, NotFound, Unauthenticated
from .upserts import upsert
from .workshops import figures_of, state_of

PSEUDONYM_MAX_LENGTH = 60
ORGANISATION_MAX_LENGTH = 200


@dataclass
class JoinData:
    pseudonym: str = ""
    organisation_name: str = ""
    legal_form: str = ""
    headcount_band: str = ""


def _hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def by_code(code: str) -> Workshop:
    """The workshop with this code (case and spaces do not matter), or NotFound."""
    normalised = normalise_code(code or "")
    workshop = None
    if normalised is not None:
        workshop = db.session.scalar(
            select(Workshop)
            .where(Workshop.code == normalised)
            .execution_options(populate_existing=True)
        )
    if workshop is None:
        raise NotFound()
    return workshop


def _clean(data: JoinData) -> JoinData:
    errors: dict[str, str] = {}
    pseudonym = (data.pseudonym or "").strip()
    if len(pseudonym) > PSEUDONYM_MAX_LENGTH:
        errors["pseudonym"] = _("%(n)d caractères au plus.", n=PSEUDONYM_MAX_LENGTH)
    organisation = (data.organisation_name or "").strip()
    if len(organisation) > ORGANISATION_MAX_LENGTH:
        errors["organisation_name"] = _("%(n)d caractères au plus.", n=ORGANISATION_MAX_LENGTH)
    if data.legal_form and data.legal_form not in LEGAL_FORMS:
        errors["legal_form"] = _("Choisissez une forme juridique de la liste.")
    if data.headcount_band and data.headcount_band not in HEADCOUNT_BANDS:
        errors["headcount_band"] = _("Choisissez une tranche d'effectif de la liste.")
    if errors:
        raise Invalid(errors)
    return JoinData(pseudonym, organisation, data.legal_form or "", data.headcount_band or "")


def join(code: str, data: JoinData) -> tuple[Workshop, Participant, str]:
    """A new participant and the token their phone keeps; Closed when locked, closed or full."""
    workshop = by_code(code)
    cleaned = _clean(data)
    if workshop.is_closed:
        raise Closed("closed")
    if workshop.locked:
        raise Closed("locked")
    seat = db.session.execute(
        update(Workshop)
        .where(
            Workshop.id == workshop.id,
            Workshop.joined < Workshop.capacity,
            Workshop.locked.is_(False),
            Workshop.closed_at.is_(None),
        )
        .values(joined=Workshop.joined + 1)
    )
    if seat.rowcount != 1:
        db.session.rollback()
        raise Closed("full")
    token = "wk_" + secrets.token_urlsafe(24)
    participant = Participant(
        workshop_id=workshop.id,
        token_hash=_hash(token),
        pseudonym=cleaned.pseudonym,
        organisation_name=cleaned.organisation_name,
        legal_form=cleaned.legal_form,
        headcount_band=cleaned.headcount_band,
    )
    db.session.add(participant)
    db.session.commit()
    return workshop, participant, token


def participant_for(code: str, token: str | None) -> tuple[Workshop, Participant]:
    """The workshop and the participant whose phone holds `token`: NotFound for an unknown code
    (which the code-guessing limit counts), Unauthenticated for a token that is not one of its
    participants', Closed for a removed participant."""
    found = participant_by_token(code, token)
    if found is None:
        by_code(code)
        raise Unauthenticated()
    return found


def state(workshop: Workshop) -> dict[str, Any]:
    """What phones follow: the phase and whether the room is paused, locked or closed."""
    return state_of(workshop)


def wait_for_state(code: str, version: int, seconds: float) -> dict[str, Any] | None:
    """The workshop's state once its version passes `version`, or None after `seconds`. The
    request's database connection is given back first: a waiting phone holds none."""
    workshop_id = by_code(code).id
    db.session.remove()

    def look() -> dict[str, Any]:
        try:
            return state_of(db.session.get(Workshop, workshop_id))
        finally:
            db.session.remove()

    return workshop_signals.wait_for_change(workshop_id, version, seconds, look)


def participant_by_token(code: str, token: str | None) -> tuple[Workshop, Participant] | None:
    """The workshop and participant of a valid token for this code, in one query; None
    otherwise (the caller then looks the code up the guarded way)."""
    normalised = normalise_code(code or "")
    if not token or normalised is None:
        return None
    found = db.session.execute(
        select(Workshop, Participant)
        .join(Participant, Participant.workshop_id == Workshop.id)
        .options(joinedload(Workshop.questionnaire_version))
        .where(Participant.token_hash == _hash(token), Workshop.code == normalised)
    ).first()
    if found is None:
        return None
    workshop, participant = found
    if participant.removed:
        raise Closed("removed")
    return workshop, participant


def _writable(workshop: Workshop, kind: str) -> None:
    if workshop.is_closed:
        raise Closed("closed")
    if workshop.phase != WRITES[kind]:
        raise Closed("phase")


def save_answer(
    workshop: Workshop, participant: Participant, question_id: str, value: Any, na: bool = False
) -> dict[str, Any]:
    """Store the participant's answer as given (None and not N/A clears it)."""
    questionnaire = workshop.questionnaire_version.questionnaire
    question = questionnaire.question(question_id)
    if question is None:
        raise Invalid({"question_id": _("Cette question ne fait pas partie de l'atelier.")})
    _writable(workshop, "answers")
    try:
        value = normalise(question, value, na, strict=True)
    except AnswerError as exc:
        raise Invalid(
            {"na" if exc.code == "na_not_allowed" else "value": error_message(exc)}
        ) from None
    keys = {"participant_id": participant.id, "question_id": question_id}
    if value is None and not na:
        db.session.execute(delete(WorkshopAnswer).filter_by(**keys))
    else:
        upsert(
            WorkshopAnswer,
            {
                **keys,
                "workshop_id": workshop.id,
                "value": value,
                "na": bool(na),
                "updated_at": utcnow(),
            },
            ("participant_id", "question_id"),
        )
    db.session.commit()
    return {"question_id": question_id, "value": value, "na": bool(na)}


def place(
    workshop: Workshop, participant: Participant, category: str, influence: Any, importance: Any
) -> dict[str, Any]:
    """Place one stakeholder category on the participant's own 1–5 grid."""
    if category not in workshop.categories:
        raise Invalid({"category": _("Cette catégorie ne fait pas partie de l'atelier.")})
    _writable(workshop, "map")
    errors = {
        name: _("Un nombre entier de 1 à 5.")
        for name, level in (("influence", influence), ("importance", importance))
        if isinstance(level, bool) or not isinstance(level, int) or not 1 <= level <= 5
    }
    if errors:
        raise Invalid(errors)
    upsert(
        WorkshopPlacement,
        {
            "participant_id": participant.id,
            "category": category,
            "workshop_id": workshop.id,
            "influence": influence,
            "importance": importance,
            "updated_at": utcnow(),
        },
        ("participant_id", "category"),
    )
    db.session.commit()
    return {"category": category, "influence": influence, "importance": importance}


def vote(workshop: Workshop, participant: Participant, votes: Mapping[str, Any]) -> dict[str, int]:
    """Replace the participant's votes by this distribution over the themes."""
    themes = [t.id for t in workshop.questionnaire_version.questionnaire.themes]
    _writable(workshop, "votes")
    try:
        cleaned = check_votes(votes, themes, workshop.votes)
    except VoteError as exc:
        raise Invalid(
            {exc.params.get("theme", "votes"): _vote_message(exc, workshop.votes)}
        ) from None
    db.session.execute(
        delete(WorkshopVote).where(
            WorkshopVote.participant_id == participant.id,
            WorkshopVote.theme_id.not_in(list(cleaned)),
        )
    )
    for theme, count in cleaned.items():
        upsert(
            WorkshopVote,
            {
                "participant_id": participant.id,
                "theme_id": theme,
                "workshop_id": workshop.id,
                "votes": count,
                "updated_at": utcnow(),
            },
            ("participant_id", "theme_id"),
        )
    db.session.commit()
    return cleaned


def _vote_message(error: VoteError, budget: int) -> str:
    match error.code:
        case "unknown_theme":
            return _("Ce thème ne fait pas partie de l'atelier.")
        case "over_budget":
            return _("Vous avez %(n)d votes au plus.", n=budget)
    return _("Un nombre entier, 0 ou plus.")


def closed_message(reason: str) -> str:
    """Why the workshop refused, in words for the person holding the phone."""
    return {
        "locked": _("L'atelier n'accepte plus de nouveaux participants."),
        "closed": _("Cet atelier est terminé."),
        "full": _("L'atelier est complet."),
        "phase": _("Cette étape de l'atelier est terminée ou n'a pas encore commencé."),
        "removed": _("L'animateur vous a retiré de cet atelier."),
    }.get(reason, _("L'atelier n'accepte pas cette action maintenant."))


def mine(workshop: Workshop, participant: Participant) -> dict[str, Any]:
    """The participant's own contributions, their theme scores and the room's averages."""
    answers = db.session.scalars(
        select(WorkshopAnswer).where(WorkshopAnswer.participant_id == participant.id)
    ).all()
    placements = db.session.scalars(
        select(WorkshopPlacement).where(WorkshopPlacement.participant_id == participant.id)
    ).all()
    votes = db.session.scalars(
        select(WorkshopVote).where(WorkshopVote.participant_id == participant.id)
    ).all()
    questionnaire = workshop.questionnaire_version.questionnaire
    scores = own_scores(questionnaire, {a.question_id: AnswerInput(a.value, a.na) for a in answers})
    room = {t["id"]: t["average"] for t in figures_of(workshop)["themes"]}
    return {
        "id": participant.id,
        "pseudonym": participant.pseudonym,
        "answers": {a.question_id: {"value": a.value, "na": a.na} for a in answers},
        "map": {
            p.category: {"influence": p.influence, "importance": p.importance} for p in placements
        },
        "votes": {v.theme_id: v.votes for v in votes},
        "themes": [{**s, "room": room.get(s["id"])} for s in scores],
    }
