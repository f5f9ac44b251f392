"""Review threads of an assessment, between its organisation and the advisors it let in.

One module for both sides: the acting side is "organisation" for a member of the assessment's
organisation and "advisor" for an advisor reading it through a grant. Advisors always come in
through `assessments.read`, which checks the grant, the scope and the charter and writes the access
log; comments on one answer (a question) need a "full" grant, as the answers do. Each side counts
what the other wrote and it has not opened yet (`read_at`).
"""

from __future__ import annotations

import logging
from collections.abc import Collection
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from flask_babel import gettext as _
from sqlalchemy import Select, and_, func, select, update

from app.extensions import db
from app.models import (
    Comment,
    Grant,
    Membership,
    Network,
    NetworkMember,
    Suggestion,
    ThemeReview,
    User,
)
from app.models._base import utcnow

from . import assessments, review_mail
from .assessments import AssessmentContext
from .errors import Forbidden, Invalid, NotFound
from .pagination import Page, paginate

log = logging.getLogger(__name__)

TEXT_MAX_LENGTH = 5000
#: What the organisation's access log says an advisor looked at.
WHAT = "comments"


# --- Unread counts (dashboards and the portfolio) ----------------------------------------------


def unread_for_members(user: User) -> dict[int, tuple[int, int | None]]:
    """For each organisation the user belongs to, how many advisors' comments nobody there opened,
    and the newest assessment they are about (where the dashboard's link leads)."""
    if not user.is_authenticated:
        return {}
    rows = db.session.execute(
        select(Membership.organisation_id, func.count(Comment.id), func.max(Comment.assessment_id))
        .outerjoin(
            Comment,
            and_(
                Comment.organisation_id == Membership.organisation_id,
                Comment.side == "advisor",
                Comment.read_at.is_(None),
            ),
        )
        .where(Membership.user_id == user.id)
        .group_by(Membership.organisation_id)
    )
    return {organisation_id: (count, latest) for organisation_id, count, latest in rows}


def unread_for_advisor(organisation_ids: Collection[int]) -> dict[int, tuple[int, datetime | None]]:
    """Per organisation, how many of its comments no advisor opened, and when the oldest was
    written (so the portfolio can put the longest-waiting organisation first)."""
    ids = list(organisation_ids)
    found: dict[int, tuple[int, datetime | None]] = dict.fromkeys(ids, (0, None))
    if not ids:
        return found
    rows = db.session.execute(
        select(Comment.organisation_id, func.count(Comment.id), func.min(Comment.created_at))
        .where(
            Comment.organisation_id.in_(ids),
            Comment.side == "organisation",
            Comment.read_at.is_(None),
        )
        .group_by(Comment.organisation_id)
    )
    for organisation_id, count, oldest in rows:
        found[organisation_id] = (count, oldest)
    return found


# --- Reading the review ------------------------------------------------------------------------


@dataclass
class Thread:
    root: Comment
    replies: list[Comment] = field(default_factory=list)

    @property
    def resolved(self) -> bool:
        return self.root.resolved_at is not None


@dataclass
class ReviewData:
    """What the review page shows to one side."""

    context: AssessmentContext
    #: "advisor" or "organisation": who is reading (and would write).
    side: str
    threads: list[Thread]
    suggestions: list[Suggestion]
    #: theme id → the advisor's status for it.
    reviews: dict[str, ThemeReview]
    #: The other side's comments that were unread when the page was opened.
    new_ids: set[int]
    #: advisor's user id → the networks through which they reach this organisation.
    networks: dict[int, str]

    @property
    def unread(self) -> int:
        return len(self.new_ids)

    @property
    def general(self) -> list[Thread]:
        return [t for t in self.threads if t.root.theme_id is None]

    def on_theme(self, theme_id: str) -> list[Thread]:
        return [
            t for t in self.threads if t.root.theme_id == theme_id and t.root.question_id is None
        ]

    def on_question(self, question_id: str) -> list[Thread]:
        return [t for t in self.threads if t.root.question_id == question_id]


def _side(context: AssessmentContext) -> str:
    return "advisor" if context.advisor is not None else "organisation"


def _other(side: str) -> str:
    return "organisation" if side == "advisor" else "advisor"


def _hides_answers(context: AssessmentContext) -> bool:
    return not context.shows_answers


def visible(
    statement: Select[Any], model: type[Comment] | type[Suggestion], context: AssessmentContext
) -> Select[Any]:
    """Without a "full" grant, what is about one answer stays out of sight."""
    return statement.where(model.question_id.is_(None)) if _hides_answers(context) else statement


def _mark_read(ids: Collection[int]) -> None:
    if ids:
        db.session.execute(
            update(Comment).where(Comment.id.in_(list(ids))).values(read_at=utcnow()),
            execution_options={"synchronize_session": False},
        )
    db.session.commit()


def _network_names(context: AssessmentContext, user_ids: Collection[int]) -> dict[int, str]:
    """The networks each advisor belongs to that this organisation granted access to."""
    if not user_ids:
        return {}
    granted = select(Grant.network_id).where(
        Grant.organisation_id == context.organisation.id, Grant.network_id.is_not(None)
    )
    rows = db.session.execute(
        select(NetworkMember.user_id, Network.name)
        .join(Network, Network.id == NetworkMember.network_id)
        .where(NetworkMember.user_id.in_(list(user_ids)), Network.id.in_(granted))
        .order_by(Network.name)
    )
    names: dict[int, list[str]] = {}
    for user_id, name in rows:
        names.setdefault(user_id, []).append(name)
    return {user_id: ", ".join(found) for user_id, found in names.items()}


def threads(user: User, assessment_id: int) -> ReviewData:
    """The review of an assessment as the acting side sees it; opening it marks what the other
    side wrote as read."""
    context = assessments.read(user, assessment_id, what=WHAT)
    side = _side(context)
    new_ids = set(
        db.session.scalars(
            visible(
                select(Comment.id).where(
                    Comment.assessment_id == assessment_id,
                    Comment.side == _other(side),
                    Comment.read_at.is_(None),
                ),
                Comment,
                context,
            )
        )
    )
    _mark_read(new_ids)  # commits before loading, so what is loaded stays loaded
    comments = list(
        db.session.scalars(
            visible(select(Comment), Comment, context)
            .where(Comment.assessment_id == assessment_id)
            .order_by(Comment.created_at, Comment.id)
        )
    )
    found = [Thread(c) for c in comments if c.parent_id is None]
    by_id = {t.root.id: t for t in found}
    for reply in comments:
        if reply.parent_id in by_id:
            by_id[reply.parent_id].replies.append(reply)
    suggestions = list(
        db.session.scalars(
            visible(select(Suggestion), Suggestion, context)
            .where(Suggestion.assessment_id == assessment_id)
            .order_by(Suggestion.created_at, Suggestion.id)
        )
    )
    reviews = {
        r.theme_id: r
        for r in db.session.scalars(
            select(ThemeReview).where(ThemeReview.assessment_id == assessment_id)
        )
    }
    advisors = {c.author_id for c in comments if c.side == "advisor" and c.author_id}
    advisors |= {s.author_id for s in suggestions if s.author_id}
    return ReviewData(
        context, side, found, suggestions, reviews, new_ids, _network_names(context, advisors)
    )


def comments_page(user: User, assessment_id: int, page: int, per_page: int) -> Page[Comment]:
    """Every comment and reply, in the order written (for the API); the other side's ones on the
    page are marked read, as the page does."""
    context = assessments.read(user, assessment_id, what=WHAT)
    statement = visible(
        select(Comment).where(Comment.assessment_id == assessment_id), Comment, context
    ).order_by(Comment.created_at, Comment.id)
    found = paginate(statement, page, per_page)
    other = _other(_side(context))
    _mark_read([c.id for c in found.items if c.side == other and c.read_at is None])
    ids = [c.id for c in found.items]
    reloaded = db.session.scalars(
        select(Comment).where(Comment.id.in_(ids)).order_by(Comment.created_at, Comment.id)
    ).all()
    return Page(reloaded, found.page, found.per_page, found.total)


# --- Writing -----------------------------------------------------------------------------------


def clean_text(value: object, name: str, limit: int, errors: dict[str, str], missing: str) -> str:
    text = value.strip() if isinstance(value, str) else ""
    if not text:
        errors[name] = missing
    elif len(text) > limit:
        errors[name] = _("%(n)d caractères au plus.", n=limit)
    return text


def check_target(
    context: AssessmentContext,
    theme: str | None,
    question: str | None,
    errors: dict[str, str],
) -> tuple[str | None, str | None]:
    """The theme and question a comment or suggestion is about (a question implies its theme)."""
    questionnaire = context.questionnaire
    theme = theme or None
    question = question or None
    if theme is not None and questionnaire.theme(theme) is None:
        errors["theme"] = _("Thème inconnu : %(ids)s.", ids=theme)
    if question is not None:
        found = questionnaire.theme_of(question)
        if found is None:
            errors["question"] = _("Cette question ne fait pas partie de l'évaluation.")
        elif theme is None:
            theme = found.id
        elif found.id != theme:
            errors["question"] = _("Cette question n'est pas dans le thème choisi.")
    return theme, question


def require_writer(context: AssessmentContext) -> None:
    if context.advisor is None and not context.membership.allows("contributor"):
        raise Forbidden()


def require_full_for(context: AssessmentContext, question_id: str | None) -> None:
    """Comments on one answer are only for those who may see the answers."""
    if question_id is not None and _hides_answers(context):
        raise NotFound()


def comment(
    user: User,
    assessment_id: int,
    text: str,
    theme: str | None = None,
    question: str | None = None,
    parent: int | None = None,
) -> Comment:
    """A new thread on the assessment, a theme or one answer, or a reply to a thread."""
    context = assessments.read(user, assessment_id, what=WHAT)
    require_writer(context)
    errors: dict[str, str] = {}
    root = None
    if parent is not None:
        root = db.session.get(Comment, parent)
        if root is None or root.assessment_id != assessment_id or root.parent_id is not None:
            root = None
            errors["parent"] = _("Ce fil n'existe pas dans cette évaluation.")
            theme_id = question_id = None
        else:
            theme_id, question_id = root.theme_id, root.question_id
    else:
        theme_id, question_id = check_target(context, theme, question, errors)
    require_full_for(context, question_id)
    clean = clean_text(text, "text", TEXT_MAX_LENGTH, errors, _("Écrivez un commentaire."))
    if errors:
        raise Invalid(errors)
    created = Comment(
        assessment_id=assessment_id,
        organisation_id=context.organisation.id,
        theme_id=theme_id,
        question_id=question_id,
        parent_id=root.id if root else None,
        author_id=user.id,
        author_name=user.display_name,
        side=_side(context),
        text=clean,
    )
    db.session.add(created)
    db.session.commit()
    review_mail.notify(context, created, root)
    return created


def resolve(user: User, comment_id: int, resolved: bool) -> Comment:
    """Either side marks a thread resolved, or opens it again."""
    found = db.session.get(Comment, comment_id)
    if found is None:
        raise NotFound()
    context = assessments.read(user, found.assessment_id, what=WHAT)
    require_full_for(context, found.question_id)
    require_writer(context)
    if found.parent_id is not None:
        raise Invalid({"resolved": _("Seul le premier message d'un fil se marque résolu.")})
    if resolved and found.resolved_at is None:
        found.resolved_at = utcnow()
        found.resolved_by_id = user.id
    elif not resolved:
        found.resolved_at = None
        found.resolved_by_id = None
    db.session.commit()
    return found
