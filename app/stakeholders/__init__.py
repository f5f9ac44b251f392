"""Stakeholder categories and levels of dialogue: content shared by every organisation's map.

Plain Python, no Flask: the categories file is validated like a questionnaire file, by the same
`file:line: field: message` machinery, and can be checked from tests or scripts without an app.
"""

from .categories import (
    DIALOGUE_DESCRIPTIONS,
    DIALOGUE_LABELS,
    DIALOGUE_LEVELS,
    FILE_NAME,
    Category,
    StakeholderCategories,
    categories_from,
    default_path,
    load_categories,
)

__all__ = [
    "DIALOGUE_DESCRIPTIONS",
    "DIALOGUE_LABELS",
    "DIALOGUE_LEVELS",
    "FILE_NAME",
    "Category",
    "StakeholderCategories",
    "categories_from",
    "default_path",
    "load_categories",
]
