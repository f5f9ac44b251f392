"""E-mails about review threads: the organisation learns of an advisor's comment, the advisors
of the organisation's reply. A mail holds a link, never the text (it may be confidential)."""

from __future__ import annotations

import logging
import smtplib

from flask import url_for
from flask_babel import gettext as _
from sqlalchemy import or_, select

from app.extensions import db
from app.models import Comment, Grant, Membership, User

from .access import active_grants
from .assessments import AssessmentContext
from .mail import send_mail

log = logging.getLogger(__name__)


def _send(to: str, subject: str, body: str) -> None:
    """A notification that cannot be sent must not undo the comment, which is saved."""
    try:
        send_mail(to, subject, body)
    except (OSError, smtplib.SMTPException):
        log.exception("Review notification to %s not sent", to)


def notify(context: AssessmentContext, created: Comment, root: Comment | None) -> None:
    """An advisor's comment goes to the owners; the organisation's reply to the thread's advisors
    who still have access. The e-mail holds a link, never the text."""
    assessment = context.assessment
    try:
        link = url_for("reviews.show", assessment_id=assessment.id, _external=True)
    except RuntimeError:  # outside a request (a script) and no SERVER_NAME: a relative link
        link = f"/assessments/{assessment.id}/review"
    if created.side == "advisor":
        owners = db.session.scalars(
            select(User.email)
            .join(Membership, Membership.user_id == User.id)
            .where(Membership.organisation_id == assessment.organisation_id)
            .where(Membership.role == "owner")
        ).all()
        subject = _("Nouveau commentaire sur « %(label)s »", label=assessment.label)
        body = _(
            "%(name)s, conseillère ou conseiller, a commenté l'évaluation « %(label)s ».\n\n"
            "Lisez et répondez : %(link)s",
            name=created.author_name,
            label=assessment.label,
            link=link,
        )
        for email in owners:
            _send(email, subject, body)
        return
    if root is None:
        return
    advisor_ids = db.session.scalars(
        select(Comment.author_id)
        .where(or_(Comment.id == root.id, Comment.parent_id == root.id))
        .where(Comment.side == "advisor", Comment.author_id.is_not(None))
        .distinct()
    ).all()
    subject = _("Réponse de %(organisation)s", organisation=context.organisation.name)
    body = _(
        "%(organisation)s a répondu à votre commentaire sur « %(label)s ».\n\nLisez : %(link)s",
        organisation=context.organisation.name,
        label=assessment.label,
        link=link,
    )
    for advisor in db.session.scalars(select(User).where(User.id.in_(advisor_ids))):
        still = active_grants(advisor).where(Grant.organisation_id == assessment.organisation_id)
        if db.session.scalar(still.limit(1)) is not None:
            _send(advisor.email, subject, body)
