"""What an advisor's review adds beside the comments: suggested actions, which the organisation
takes into its plan or declines, and a review status per theme. Same access rules as the threads
(`reviews`): advisors come in through `assessments.read`, members need to be contributors."""

from __future__ import annotations

from flask_babel import gettext as _
from sqlalchemy import select

from app.extensions import db
from app.models import REVIEW_STATUSES, Suggestion, ThemeReview, User
from app.models._base import utcnow

from . import actions, assessments
from .actions import ActionData
from .errors import Forbidden, Invalid, NotFound
from .pagination import Page, paginate
from .reviews import WHAT, check_target, clean_text, require_full_for, require_writer, visible

TITLE_MAX_LENGTH = actions.TITLE_MAX_LENGTH
DESCRIPTION_MAX_LENGTH = actions.DESCRIPTION_MAX_LENGTH


def suggestions_page(user: User, assessment_id: int, page: int, per_page: int) -> Page[Suggestion]:
    context = assessments.read(user, assessment_id, what=WHAT)
    statement = visible(
        select(Suggestion).where(Suggestion.assessment_id == assessment_id), Suggestion, context
    ).order_by(Suggestion.created_at, Suggestion.id)
    return paginate(statement, page, per_page)


def theme_reviews(user: User, assessment_id: int) -> list[ThemeReview]:
    context = assessments.read(user, assessment_id, what=WHAT)
    order = {t.id: i for i, t in enumerate(context.questionnaire.themes)}
    found = db.session.scalars(
        select(ThemeReview).where(ThemeReview.assessment_id == assessment_id)
    )
    return sorted(found, key=lambda r: order.get(r.theme_id, len(order)))


def suggest(
    user: User,
    assessment_id: int,
    title: str,
    description: str = "",
    theme: str | None = None,
    question: str | None = None,
) -> Suggestion:
    """An advisor suggests an action, which the organisation may take into its plan."""
    context = assessments.read(user, assessment_id, what=WHAT)
    if context.advisor is None:
        raise Forbidden()
    errors: dict[str, str] = {}
    theme_id, question_id = check_target(context, theme, question, errors)
    require_full_for(context, question_id)
    clean_title = clean_text(title, "title", TITLE_MAX_LENGTH, errors, _("Indiquez un titre."))
    clean_description = description.strip() if isinstance(description, str) else ""
    if len(clean_description) > DESCRIPTION_MAX_LENGTH:
        errors["description"] = _("%(n)d caractères au plus.", n=DESCRIPTION_MAX_LENGTH)
    if errors:
        raise Invalid(errors)
    created = Suggestion(
        assessment_id=assessment_id,
        theme_id=theme_id,
        question_id=question_id,
        title=clean_title,
        description=clean_description,
        author_id=user.id,
        author_name=user.display_name,
        status="pending",
    )
    db.session.add(created)
    db.session.commit()
    return created


def decide_suggestion(user: User, suggestion_id: int, accept: bool) -> Suggestion:
    """The organisation takes a suggestion into its action plan, or declines it (once)."""
    found = db.session.get(Suggestion, suggestion_id)
    if found is None:
        raise NotFound()
    context = assessments.read(user, found.assessment_id, what=WHAT)
    if context.advisor is not None:
        raise Forbidden()
    require_writer(context)
    if found.status != "pending":
        raise Invalid({"status": _("Cette suggestion a déjà reçu une réponse.")})
    found.status = "accepted" if accept else "declined"
    found.decided_at = utcnow()
    found.decided_by_id = user.id
    if not accept:
        db.session.commit()
        return found
    data = ActionData(
        title=found.title,
        description=found.description,
        theme_id=found.theme_id,
        question_id=found.question_id,
    )
    try:
        action = actions.create(user, found.assessment_id, data)  # commits the decision too
    except Invalid:
        db.session.rollback()
        raise
    found.action_id = action.id
    db.session.commit()
    return found


def set_theme_review(user: User, assessment_id: int, theme_id: str, status: str) -> ThemeReview:
    """The advisor's status for one theme; the latest one set stands."""
    context = assessments.read(user, assessment_id, what=WHAT)
    if context.advisor is None:
        raise Forbidden()
    errors: dict[str, str] = {}
    if context.questionnaire.theme(theme_id) is None:
        errors["theme"] = _("Thème inconnu : %(ids)s.", ids=theme_id)
    if status not in REVIEW_STATUSES:
        errors["status"] = _("Choisissez un état de la liste.")
    if errors:
        raise Invalid(errors)
    values = {
        "status": status,
        "author_id": user.id,
        "author_name": user.display_name,
        "updated_at": utcnow(),
    }
    found = db.session.get(ThemeReview, (assessment_id, theme_id))
    if found is None:
        found = ThemeReview(assessment_id=assessment_id, theme_id=theme_id, **values)
        db.session.add(found)
    else:
        for name, value in values.items():
            setattr(found, name, value)
    db.session.commit()
    return found
