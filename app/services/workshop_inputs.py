"""The rows of a workshop's participants, read in three queries as the figures need them."""

from __future__ import annotations

from collections import defaultdict

from sqlalchemy import select

from app.extensions import db
from app.models import Participant, WorkshopAnswer, WorkshopPlacement, WorkshopVote
from app.scoring import AnswerInput
from app.workshops import ParticipantInput


def participant_inputs(workshop_id: int) -> list[ParticipantInput]:
    """Every participant still in the room, with their answers, placements and votes."""
    ids = db.session.scalars(
        select(Participant.id)
        .where(Participant.workshop_id == workshop_id, Participant.removed.is_(False))
        .order_by(Participant.id)
    ).all()
    answers: dict[int, dict[str, AnswerInput]] = defaultdict(dict)
    for pid, qid, value, na in db.session.execute(
        select(
            WorkshopAnswer.participant_id,
            WorkshopAnswer.question_id,
            WorkshopAnswer.value,
            WorkshopAnswer.na,
        ).where(WorkshopAnswer.workshop_id == workshop_id)
    ):
        answers[pid][qid] = AnswerInput(value, na)
    placements: dict[int, dict[str, tuple[int, int]]] = defaultdict(dict)
    for pid, category, influence, importance in db.session.execute(
        select(
            WorkshopPlacement.participant_id,
            WorkshopPlacement.category,
            WorkshopPlacement.influence,
            WorkshopPlacement.importance,
        ).where(WorkshopPlacement.workshop_id == workshop_id)
    ):
        placements[pid][category] = (influence, importance)
    votes: dict[int, dict[str, int]] = defaultdict(dict)
    for pid, theme, count in db.session.execute(
        select(WorkshopVote.participant_id, WorkshopVote.theme_id, WorkshopVote.votes).where(
            WorkshopVote.workshop_id == workshop_id
        )
    ):
        votes[pid][theme] = count
    return [
        ParticipantInput(pid, answers.get(pid, {}), placements.get(pid, {}), votes.get(pid, {}))
        for pid in ids
    ]
