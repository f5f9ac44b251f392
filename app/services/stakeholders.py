"""Stakeholders of an organisation: who they are, where they stand on the grid, what they expect.

Members read the map; contributors and owners change it. Categories and their default links to the
Guide's themes and ISO 26000's issues come from `questionnaires/stakeholders.yaml`.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping
from dataclasses import dataclass, fields
from pathlib import Path
from typing import Any

from flask import current_app
from flask_babel import gettext as _
from sqlalchemy import func, select

from app.extensions import db
from app.models import Stakeholder, User
from app.questionnaires.references import GBP_THEMES, ISO26000_ISSUES
from app.stakeholders import DIALOGUE_LEVELS, StakeholderCategories, categories_from, default_path

from . import score_store
from .errors import Invalid, NotFound
from .organisations import membership

NAME_MAX_LENGTH = 200
EXPECTATIONS_MAX_LENGTH = 5000


def categories() -> StakeholderCategories:
    return categories_from(default_path(Path(current_app.config["QUESTIONNAIRES_DIR"])))


@dataclass
class StakeholderData:
    name: str
    category: str
    influence: int
    importance: int
    dialogue: str = "none"
    expectations: str = ""
    #: None: the category's defaults.
    themes: list[str] | None = None
    issues: list[str] | None = None


def _level(value: Any, name: str, errors: dict[str, str]) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= 5:
        errors[name] = _("Un nombre entier de 1 à 5.")
        return 1
    return value


def validate(data: StakeholderData) -> StakeholderData:
    """The cleaned data, or Invalid naming each bad field."""
    errors: dict[str, str] = {}
    name = (data.name or "").strip()
    if not name:
        errors["name"] = _("Indiquez un nom.")
    elif len(name) > NAME_MAX_LENGTH:
        errors["name"] = _("%(n)d caractères au plus.", n=NAME_MAX_LENGTH)
    category = categories().get(data.category)
    if category is None:
        errors["category"] = _("Choisissez une catégorie de la liste.")
    influence = _level(data.influence, "influence", errors)
    importance = _level(data.importance, "importance", errors)
    if data.dialogue not in DIALOGUE_LEVELS:
        errors["dialogue"] = _("Choisissez un niveau de dialogue de la liste.")
    expectations = (data.expectations or "").strip()
    if len(expectations) > EXPECTATIONS_MAX_LENGTH:
        errors["expectations"] = _("%(n)d caractères au plus.", n=EXPECTATIONS_MAX_LENGTH)
    themes = _known(data.themes, category.themes if category else [], GBP_THEMES, "themes", errors)
    issues = _known(
        data.issues, category.issues if category else [], ISO26000_ISSUES, "issues", errors
    )
    if errors:
        raise Invalid(errors)
    return StakeholderData(
        name, data.category, influence, importance, data.dialogue, expectations, themes, issues
    )


def _known(
    chosen: Collection[str] | None,
    default: Collection[str],
    allowed: Collection[str],
    name: str,
    errors: dict[str, str],
) -> list[str]:
    values = list(default if chosen is None else chosen)
    unknown = sorted(set(values) - set(allowed))
    if unknown:
        errors[name] = _("Inconnu : %(ids)s.", ids=", ".join(unknown))
    return [v for v in allowed if v in set(values)]  # the reference order, no duplicates


def list_for(user: User, organisation_id: int) -> list[Stakeholder]:
    """The organisation's stakeholders, the weightiest first."""
    membership(user, organisation_id, "viewer")
    return list(
        db.session.scalars(
            select(Stakeholder)
            .where(Stakeholder.organisation_id == organisation_id)
            .order_by(
                (Stakeholder.influence * Stakeholder.importance).desc(),
                func.lower(Stakeholder.name),
                Stakeholder.id,
            )
        )
    )


def get(user: User, stakeholder_id: int, role: str = "viewer") -> Stakeholder:
    stakeholder = db.session.get(Stakeholder, stakeholder_id)
    if stakeholder is None:
        raise NotFound()
    membership(user, stakeholder.organisation_id, role)
    return stakeholder


def create(user: User, organisation_id: int, data: StakeholderData) -> Stakeholder:
    membership(user, organisation_id, "contributor")
    clean = validate(data)
    stakeholder = Stakeholder(organisation_id=organisation_id, **_columns(clean))
    db.session.add(stakeholder)
    db.session.commit()
    score_store.refresh_organisation(organisation_id)  # the ranking weighs the stakeholders
    return stakeholder


def update(user: User, stakeholder_id: int, changes: Mapping[str, Any]) -> Stakeholder:
    """Change the given fields; the others keep their value. A new category with no explicit
    themes or issues brings its own defaults."""
    stakeholder = get(user, stakeholder_id, "contributor")
    names = {f.name for f in fields(StakeholderData)}
    unknown = set(changes) - names
    if unknown:
        raise Invalid({name: _("Champ inconnu.") for name in sorted(unknown)})
    current = {name: getattr(stakeholder, name) for name in names}
    if "category" in changes and changes["category"] != stakeholder.category:
        current["themes"] = current["issues"] = None
    clean = validate(StakeholderData(**{**current, **changes}))
    for name, value in _columns(clean).items():
        setattr(stakeholder, name, value)
    db.session.commit()
    score_store.refresh_organisation(stakeholder.organisation_id)
    return stakeholder


def delete(user: User, stakeholder_id: int) -> int:
    """Remove a stakeholder; returns its organisation's id."""
    stakeholder = get(user, stakeholder_id, "contributor")
    organisation_id = stakeholder.organisation_id
    db.session.delete(stakeholder)
    db.session.commit()
    score_store.refresh_organisation(organisation_id)
    return organisation_id


def _columns(data: StakeholderData) -> dict[str, Any]:
    return {
        "name": data.name,
        "category": data.category,
        "influence": data.influence,
        "importance": data.importance,
        "dialogue": data.dialogue,
        "expectations": data.expectations,
        "themes": list(data.themes or []),
        "issues": list(data.issues or []),
    }


def guide_theme_titles(locale: str | None) -> dict[str, str]:
    """The Guide's theme titles in `locale`, from the current Guide questionnaire when loaded."""
    from .questionnaires import current_version

    try:
        guide = current_version("gbp").questionnaire
    except NotFound:
        return dict(GBP_THEMES)
    return {
        theme_id: (guide.theme(theme_id).title.get(locale) if guide.theme(theme_id) else title)
        for theme_id, title in GBP_THEMES.items()
    }
