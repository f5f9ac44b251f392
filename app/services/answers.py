"""Saving answers: validated, versioned, and never silently overwriting someone else's.

Each answer row carries a version. A writer sends the version it last saw; the write is a
conditional UPDATE on that version (or an INSERT guarded by the unique constraint), so two members
saving at the same moment, in two gunicorn workers, cannot both win: the second one gets Conflict
with what is stored now. Re-sending an answer that is already stored (a retry after a lost response)
succeeds without a conflict.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from typing import Any

from flask_babel import gettext as _
from sqlalchemy import select, update
from sqlalchemy.exc import IntegrityError

from app.extensions import db
from app.models import Answer, User
from app.models._base import utcnow
from app.questionnaires import Question
from app.questionnaires.answers import COMMENT_MAX_LENGTH, AnswerError, normalise

from . import score_store
from .assessments import AssessmentContext, get
from .errors import Conflict, Invalid


@dataclass(frozen=True)
class Submission:
    """One answer as a member gave it.

    `base_version` is the version the member's screen showed (None: no answer yet).
    `original` is the fingerprint of what the screen showed, when a whole page is submitted at once:
    an unchanged answer is then skipped instead of overwriting a newer one.
    """

    question_id: str
    value: Any = None
    na: bool = False
    comment: str = ""
    base_version: int | None = None
    original: str | None = None
    #: JSON clients send numbers as numbers: a string for a level or a number is then an error.
    strict: bool = False


@dataclass
class BatchResult:
    saved: list[Answer] = field(default_factory=list)
    conflicts: list[tuple[Submission, Answer | None]] = field(default_factory=list)


def fingerprint(value: Any, na: bool, comment: str) -> str:
    """A short digest of what an answer shows, to tell later whether it was changed."""
    text = json.dumps([value, bool(na), comment or ""], sort_keys=True, ensure_ascii=False)
    return hashlib.sha256(text.encode()).hexdigest()[:16]


def answer_fingerprint(answer: Answer | None) -> str:
    if answer is None:
        return fingerprint(None, False, "")
    return fingerprint(answer.value, answer.na, answer.comment)


def error_message(error: AnswerError) -> str:
    """The user-facing sentence for an invalid answer."""
    p = error.params
    match error.code:
        case "na_not_allowed":
            return _("« Non concerné » n'est pas possible pour cette question.")
        case "level_not_integer" | "level_out_of_range":
            return _("Choisissez un niveau entre 0 et %(max)s.", max=p["max"])
        case "not_yes_partial_no":
            return _("Répondez par oui, en partie ou non.")
        case "unknown_option":
            return _("Choisissez une des réponses proposées.")
        case "not_a_number":
            return _("Saisissez un nombre.")
        case "number_below_min":
            return _("Le nombre doit être au moins %(min)s.", min=p["min"])
        case "number_above_max":
            return _("Le nombre doit être au plus %(max)s.", max=p["max"])
        case "not_a_text":
            return _("Saisissez un texte.")
        case "text_too_long":
            return _("%(max)s caractères au plus.", max=p["max"])
    return _("Réponse invalide.")


def _clean(context: AssessmentContext, submission: Submission) -> Submission:
    """The submission with its value normalised, or Invalid naming the field."""
    question = context.questionnaire.question(submission.question_id)
    if question is None or submission.question_id not in context.applicable:
        raise Invalid({"question_id": _("Cette question ne fait pas partie de l'évaluation.")})
    try:
        value = normalise(question, submission.value, submission.na, strict=submission.strict)
    except AnswerError as exc:
        raise Invalid(
            {"na" if exc.code == "na_not_allowed" else "value": error_message(exc)}
        ) from None
    comment = (submission.comment or "").strip()
    if len(comment) > COMMENT_MAX_LENGTH:
        raise Invalid({"comment": _("%(max)s caractères au plus.", max=COMMENT_MAX_LENGTH)})
    if submission.base_version is not None and (
        isinstance(submission.base_version, bool) or not isinstance(submission.base_version, int)
    ):
        raise Invalid({"version": _("Version invalide.")})
    return replace(submission, value=value, na=bool(submission.na), comment=comment)


def _current(assessment_id: int, question_id: str) -> Answer | None:
    return db.session.scalar(
        select(Answer)
        .where(Answer.assessment_id == assessment_id, Answer.question_id == question_id)
        .execution_options(populate_existing=True)
    )


def _write(context: AssessmentContext, user: User, item: Submission) -> Answer:
    assessment_id = context.assessment.id
    current = _current(assessment_id, item.question_id)
    if (
        current is not None
        and not current.to_confirm
        and answer_fingerprint(current) == fingerprint(item.value, item.na, item.comment)
    ):
        return current  # already stored: a retry, or two people giving the same answer
    # (giving again an answer copied from last cycle confirms it: it goes through as a change)
    values = {
        "value": item.value,
        "na": item.na,
        "comment": item.comment,
        "updated_by_id": user.id,
        "updated_at": utcnow(),
        "to_confirm": False,
    }
    if current is None:
        if item.base_version is not None:
            raise Conflict(None)
        answer = Answer(assessment_id=assessment_id, question_id=item.question_id, **values)
        db.session.add(answer)
        try:
            db.session.commit()
        except IntegrityError:  # someone else created it a moment ago
            db.session.rollback()
            raise Conflict(_current(assessment_id, item.question_id)) from None
        score_store.refresh([assessment_id])
        return answer
    if item.base_version != current.version:
        raise Conflict(current)
    result = db.session.execute(
        update(Answer)
        .where(Answer.id == current.id, Answer.version == item.base_version)
        .values(version=Answer.version + 1, **values)
        .execution_options(synchronize_session=False)
    )
    if result.rowcount != 1:  # someone else updated it between our read and our write
        db.session.rollback()
        raise Conflict(_current(assessment_id, item.question_id))
    db.session.commit()
    score_store.refresh([assessment_id])
    return _current(assessment_id, item.question_id)


def save(user: User, assessment_id: int, submission: Submission) -> tuple[Answer, Question]:
    """Save one answer; Invalid for a bad value, Conflict (with the question as its subject) when
    the base version is stale. Returns the stored answer and its question."""
    context = get(user, assessment_id, "contributor")
    item = _clean(context, submission)
    question = context.questionnaire.question(item.question_id)
    try:
        return _write(context, user, item), question
    except Conflict as exc:
        exc.subject = question
        raise


def clear(
    user: User, assessment_id: int, question_id: str, base_version: int | None
) -> tuple[Answer, Question]:
    """Remove an answer's value, N/A mark and comment (kept as a row so versions keep counting)."""
    return save(user, assessment_id, Submission(question_id, None, False, "", base_version))


def save_batch(user: User, assessment_id: int, submissions: Iterable[Submission]) -> BatchResult:
    """Save a page of answers. Any invalid value: Invalid keyed by question id, nothing written.

    Unchanged answers are skipped; answers someone else changed meanwhile come back as conflicts,
    the others are saved.
    """
    context = get(user, assessment_id, "contributor")
    cleaned: list[Submission] = []
    errors: dict[str, str] = {}
    for submission in submissions:
        try:
            cleaned.append(_clean(context, submission))
        except Invalid as exc:
            errors[submission.question_id] = next(iter(exc.errors.values()))
    if errors:
        raise Invalid(errors)
    result = BatchResult()
    for item in cleaned:
        if item.original is not None and item.original == fingerprint(
            item.value, item.na, item.comment
        ):
            continue
        try:
            result.saved.append(_write(context, user, item))
        except Conflict as exc:
            result.conflicts.append((item, exc.current))
    return result


def confirm(user: User, assessment_id: int, question_ids: Iterable[str]) -> int:
    """Confirm answers copied from last cycle as they are; returns how many were confirmed."""
    context = get(user, assessment_id, "contributor")
    wanted = set(question_ids)
    count = 0
    for answer in context.assessment.answers:
        if answer.to_confirm and answer.question_id in wanted:
            answer.to_confirm = False
            answer.version += 1
            answer.updated_by_id = user.id
            answer.updated_at = utcnow()
            count += 1
    db.session.commit()
    score_store.refresh([assessment_id])
    return count
