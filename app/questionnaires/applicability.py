"""Which questions apply to an organisation in a given cycle.

A question may be limited to organisations with employees, with volunteers or of some legal forms,
and an organisation chooses the themes it works on each year (the Guide lets it). Questions outside
both are "not applicable": they are neither asked nor counted in scores or completion.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass

from .schema import Question, Questionnaire


@dataclass(frozen=True)
class OrganisationProfile:
    """The facts about an organisation that applicability conditions test."""

    legal_form: str
    has_employees: bool
    has_volunteers: bool


def applies(question: Question, profile: OrganisationProfile) -> bool:
    condition = question.applies_to
    if condition is None:
        return True
    if condition.has_employees is not None and condition.has_employees != profile.has_employees:
        return False
    if condition.has_volunteers is not None and condition.has_volunteers != profile.has_volunteers:
        return False
    return condition.legal_forms is None or profile.legal_form in condition.legal_forms


def applicable_questions(
    questionnaire: Questionnaire,
    profile: OrganisationProfile,
    themes: Collection[str] | None = None,
) -> set[str]:
    """Ids of the questions that apply; `themes` None means every theme was chosen."""
    return {
        question.id
        for theme in questionnaire.themes
        if themes is None or theme.id in themes
        for question in theme.questions
        if applies(question, profile)
    }
