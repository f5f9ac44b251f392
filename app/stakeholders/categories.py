"""The stakeholder categories file, `questionnaires/stakeholders.yaml`, and the levels of dialogue.

Categories are content, not code: the people who know the field edit them in YAML, like the
questionnaires, and get the same `file:line: field: message` errors when something is wrong. Each
category links to the Guide's themes and ISO 26000's issues that matter most to it; a stakeholder
placed on an organisation's map starts from these links. The file is all or nothing, so an unknown
or repeated id never reaches a map as a silent dangling link.

The file is read on demand and kept while its modification time stays the same: an edit shows up
on the next request, without restarting the application.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from functools import cached_property, lru_cache
from pathlib import Path
from typing import Annotated, Final

from pydantic import Field, StringConstraints

from app.questionnaires.loader import load_checked
from app.questionnaires.references import GBP_THEMES, ISO26000_ISSUES
from app.questionnaires.rules import duplicates
from app.questionnaires.schema import FrozenModel, I18n, Slug
from app.questionnaires.yamlsource import FieldPath, Problem

FILE_NAME: Final = "stakeholders.yaml"

#: Levels of dialogue with a stakeholder, from none to deciding together (French practice).
DIALOGUE_LEVELS: Final[tuple[str, ...]] = (
    "none",
    "information",
    "consultation",
    "concertation",
    "co-construction",
)

DIALOGUE_LABELS: Final[dict[str, I18n]] = {
    "none": I18n(fr="Aucun", en="None"),
    "information": I18n(fr="Information", en="Information"),
    "consultation": I18n(fr="Consultation", en="Consultation"),
    "concertation": I18n(fr="Concertation", en="Concertation"),
    "co-construction": I18n(fr="Co-construction", en="Co-construction"),
}

#: What each level means, for help texts: the levels are often confused with one another.
DIALOGUE_DESCRIPTIONS: Final[dict[str, I18n]] = {
    "none": I18n(
        fr="Aucun échange organisé avec cette partie prenante.",
        en="No organised exchange with this stakeholder.",
    ),
    "information": I18n(
        fr="La structure informe, sans attendre de retour.",
        en="The organisation informs, without asking for feedback.",
    ),
    "consultation": I18n(
        fr="La structure demande un avis, puis décide seule.",
        en="The organisation asks for an opinion, then decides on its own.",
    ),
    "concertation": I18n(
        fr="Les points de vue sont débattus ensemble avant la décision, qui en tient compte.",
        en="Views are discussed together before the decision, which takes them into account.",
    ),
    "co-construction": I18n(
        fr="Le projet ou la décision est élaboré ensemble, à égalité.",
        en="The project or decision is worked out together, as equals.",
    ),
}

Version = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=32)]


class Category(FrozenModel):
    """A kind of stakeholder, with the Guide themes and ISO 26000 issues it cares most about.

    Empty lists are allowed: a catch-all category ("other") has no typical concerns.
    """

    id: Slug
    label: I18n
    description: I18n | None = None
    themes: list[str] = Field(default_factory=list)
    issues: list[str] = Field(default_factory=list)


class StakeholderCategories(FrozenModel):
    version: Version
    categories: Annotated[list[Category], Field(min_length=1)]

    @cached_property
    def _index(self) -> dict[str, Category]:
        return {c.id: c for c in self.categories}

    def get(self, category_id: str) -> Category | None:
        return self._index.get(category_id)

    def ids(self) -> list[str]:
        """Category ids in file order."""
        return [c.id for c in self.categories]


def load_categories(path: Path, text: str | None = None) -> StakeholderCategories:
    """The categories file, fully validated; InvalidFile lists every error, in file order."""
    return load_checked(path, StakeholderCategories, _check, text)


def default_path(questionnaires_dir: Path) -> Path:
    """Where the categories file lives: next to the questionnaires."""
    return questionnaires_dir / FILE_NAME


def categories_from(path: Path) -> StakeholderCategories:
    """The categories of `path`, read again only when the file changes (mtime or size).

    A broken file is not cached: each call raises InvalidFile until it is fixed.
    """
    try:
        stat = path.stat()
    except OSError:
        return load_categories(path)  # raises InvalidFile naming the file
    return _cached(path.resolve(), stat.st_mtime_ns, stat.st_size)


@lru_cache(maxsize=8)
def _cached(path: Path, mtime_ns: int, size: int) -> StakeholderCategories:
    del mtime_ns, size  # only part of the cache key
    return load_categories(path)


def _check(categories: StakeholderCategories) -> Iterator[Problem]:
    ids = ((("categories", i, "id"), c.id) for i, c in enumerate(categories.categories))
    yield from duplicates(ids, "category")
    for i, category in enumerate(categories.categories):
        themes = _indexed(("categories", i, "themes"), category.themes)
        issues = _indexed(("categories", i, "issues"), category.issues)
        for path, theme in themes:
            if theme not in GBP_THEMES:
                expected = ", ".join(GBP_THEMES)
                yield Problem(path, f"unknown Guide theme '{theme}' (expected one of {expected})")
        for path, issue in issues:
            if issue not in ISO26000_ISSUES:
                yield Problem(path, f"unknown ISO 26000 issue '{issue}'")
        yield from duplicates(themes, "Guide theme")
        yield from duplicates(issues, "ISO 26000 issue")


def _indexed(path: FieldPath, values: Iterable[str]) -> list[tuple[FieldPath, str]]:
    return [((*path, j), value) for j, value in enumerate(values)]
