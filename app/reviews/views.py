"""Views of the reviews blueprint: one page for both sides, and the forms it posts to.

Each POST calls the service first, which checks access (404 / 403) before the input, and on
invalid input the page is shown again with the errors next to the fields.
"""

from __future__ import annotations

from collections.abc import Mapping

from flask import flash, redirect, render_template, url_for
from flask.typing import ResponseReturnValue
from flask_babel import gettext as _
from flask_login import current_user, login_required

from app.forms import apply_errors
from app.labels import REVIEW_STATUS_LABELS
from app.services import assessments, review_suggestions, reviews
from app.services.errors import Invalid
from app.services.reviews import ReviewData

from . import bp
from .forms import (
    SUGGESTION_STATUS_LABELS,
    CommentForm,
    DecisionForm,
    ReplyForm,
    ResolveForm,
    SuggestionForm,
    ThemeReviewForm,
)


def _back(assessment_id: int, anchor: str | None = None) -> ResponseReturnValue:
    return redirect(url_for(".show", assessment_id=assessment_id, _anchor=anchor))


def _page(
    data: ReviewData,
    *,
    comment_form: CommentForm | None = None,
    reply_form: ReplyForm | None = None,
    reply_to: int | None = None,
    suggestion_form: SuggestionForm | None = None,
    review_errors: Mapping[str, str] | None = None,
) -> ResponseReturnValue:
    """The review page; forms given are shown with what was typed and its errors."""
    context = data.context
    comment_form = comment_form or CommentForm(formdata=None)
    comment_form.fill_choices(context.questionnaire, questions=context.shows_answers)
    suggestion_form = suggestion_form or SuggestionForm(formdata=None)
    suggestion_form.fill_choices(context.questionnaire)
    review_form = ThemeReviewForm(formdata=None)
    review_form.fill_choices()
    return render_template(
        "reviews/show.html",
        data=data,
        context=context,
        comment_form=comment_form,
        reply_form=reply_form,
        reply_to=reply_to,
        suggestion_form=suggestion_form,
        review_form=review_form,
        review_errors=review_errors or {},
        may_write=data.side == "advisor" or context.membership.allows("contributor"),
        status_labels=REVIEW_STATUS_LABELS,
        suggestion_labels=SUGGESTION_STATUS_LABELS,
    )


@bp.route("/assessments/<int:assessment_id>/review")
@login_required
def show(assessment_id: int) -> ResponseReturnValue:
    return _page(reviews.threads(current_user, assessment_id))


@bp.route("/assessments/<int:assessment_id>/review/comments", methods=["POST"])
@login_required
def new_comment(assessment_id: int) -> ResponseReturnValue:
    form = CommentForm()
    theme, question = form.target_ids()
    try:
        text = form.text.data or ""
        created = reviews.comment(current_user, assessment_id, text, theme, question)
    except Invalid as exc:
        target = {"theme": "target", "question": "target"}
        apply_errors(form, {target.get(k, k): v for k, v in exc.errors.items()})
        return _page(reviews.threads(current_user, assessment_id), comment_form=form)
    flash(_("Commentaire publié."), "success")
    return _back(assessment_id, f"thread-{created.id}")


@bp.route(
    "/assessments/<int:assessment_id>/review/comments/<int:comment_id>/replies", methods=["POST"]
)
@login_required
def reply(assessment_id: int, comment_id: int) -> ResponseReturnValue:
    form = ReplyForm()
    try:
        reviews.comment(current_user, assessment_id, form.text.data or "", parent=comment_id)
    except Invalid as exc:
        apply_errors(form, exc.errors)
        data = reviews.threads(current_user, assessment_id)
        return _page(data, reply_form=form, reply_to=comment_id)
    flash(_("Réponse publiée."), "success")
    return _back(assessment_id, f"thread-{comment_id}")


@bp.route(
    "/assessments/<int:assessment_id>/review/comments/<int:comment_id>/resolve", methods=["POST"]
)
@login_required
def resolve(assessment_id: int, comment_id: int) -> ResponseReturnValue:
    form = ResolveForm()
    try:
        found = reviews.resolve(current_user, comment_id, form.resolved.data != "0")
    except Invalid as exc:
        flash(" ".join(exc.errors.values()), "error")
        return _back(assessment_id)
    if found.resolved_at is not None:
        flash(_("Fil marqué résolu."), "success")
    else:
        flash(_("Fil rouvert."), "success")
    return _back(found.assessment_id, f"thread-{found.id}")


@bp.route("/assessments/<int:assessment_id>/review/suggestions", methods=["POST"])
@login_required
def suggest(assessment_id: int) -> ResponseReturnValue:
    form = SuggestionForm()
    try:
        created = review_suggestions.suggest(
            current_user,
            assessment_id,
            form.title.data or "",
            form.description.data or "",
            theme=form.theme.data or None,
        )
    except Invalid as exc:
        apply_errors(form, exc.errors)
        return _page(reviews.threads(current_user, assessment_id), suggestion_form=form)
    flash(_("Action suggérée : « %(title)s ».", title=created.title), "success")
    return _back(assessment_id, "suggestions-title")


@bp.route(
    "/assessments/<int:assessment_id>/review/suggestions/<int:suggestion_id>", methods=["POST"]
)
@login_required
def decide(assessment_id: int, suggestion_id: int) -> ResponseReturnValue:
    form = DecisionForm()
    if form.decision.data not in ("accept", "decline"):
        assessments.get(current_user, assessment_id, "contributor")  # 404 / 403 come first
        flash(_("Choisissez d'ajouter la suggestion au plan ou de la décliner."), "error")
        return _back(assessment_id, "suggestions-title")
    try:
        found = review_suggestions.decide_suggestion(
            current_user, suggestion_id, accept=form.decision.data == "accept"
        )
    except Invalid as exc:
        flash(" ".join(exc.errors.values()), "error")
        return _back(assessment_id, "suggestions-title")
    if found.status == "accepted":
        flash(_("« %(title)s » est dans le plan d'actions.", title=found.title), "success")
    else:
        flash(_("Suggestion déclinée."), "success")
    return _back(found.assessment_id, "suggestions-title")


@bp.route("/assessments/<int:assessment_id>/review/themes/<theme_id>", methods=["POST"])
@login_required
def theme_status(assessment_id: int, theme_id: str) -> ResponseReturnValue:
    form = ThemeReviewForm()
    try:
        review_suggestions.set_theme_review(
            current_user, assessment_id, theme_id, form.status.data or ""
        )
    except Invalid as exc:
        if "theme" in exc.errors:  # no such row on the page to show it next to
            flash(exc.errors["theme"], "error")
            return _back(assessment_id, "reviews-title")
        data = reviews.threads(current_user, assessment_id)
        return _page(data, review_errors={theme_id: " ".join(exc.errors.values())})
    flash(_("État de la revue enregistré."), "success")
    return _back(assessment_id, f"review-{theme_id}")
