"""One way to cut a list into pages, for every list the API (and later the pages) return."""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from flask_babel import gettext as _
from sqlalchemy import Select, func, select

from app.extensions import db

from .errors import Invalid

T = TypeVar("T")
U = TypeVar("U")

PER_PAGE_MAX = 100


@dataclass(frozen=True)
class Page(Generic[T]):
    items: Sequence[T]
    page: int
    per_page: int
    total: int

    @property
    def pages(self) -> int:
        return max(1, math.ceil(self.total / self.per_page))

    def map(self, convert: Callable[[T], U]) -> Page[U]:
        return Page([convert(item) for item in self.items], self.page, self.per_page, self.total)


def check_bounds(page: int, per_page: int) -> None:
    errors = {}
    if page < 1:
        errors["page"] = _("La page commence à 1.")
    if not 1 <= per_page <= PER_PAGE_MAX:
        errors["per_page"] = _("Entre 1 et %(max)d éléments par page.", max=PER_PAGE_MAX)
    if errors:
        raise Invalid(errors)


def paginate(statement: Select[Any], page: int, per_page: int) -> Page[Any]:
    """One page of the rows `statement` selects (in its order) and the total count."""
    check_bounds(page, per_page)
    total = db.session.scalar(select(func.count()).select_from(statement.order_by(None).subquery()))
    items = db.session.scalars(statement.limit(per_page).offset((page - 1) * per_page)).all()
    return Page(items, page, per_page, total or 0)


def paginate_list(items: Sequence[T], page: int, per_page: int) -> Page[T]:
    """The same for a list already in memory (a questionnaire's few versions)."""
    check_bounds(page, per_page)
    start = (page - 1) * per_page
    return Page(items[start : start + per_page], page, per_page, len(items))
