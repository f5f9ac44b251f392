"""The advisors' charter: a versioned text in the repository that each advisor accepts.

An advisor sees no organisation until they have accepted the current version; changing the
version in `app/texts/advisors-charter.yaml` asks every advisor to accept it again.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path

import yaml
from flask_babel import gettext as _
from sqlalchemy import select

from app.extensions import db
from app.models import CharterAcceptance, User
from app.models._base import utcnow

from .errors import Invalid

CHARTER_FILE = Path(__file__).resolve().parent.parent / "texts" / "advisors-charter.yaml"


@dataclass(frozen=True)
class Charter:
    version: str
    title: dict[str, str]
    text: dict[str, str]

    def text_in(self, locale: str | None) -> str:
        return self.text.get(locale or "fr") or self.text["fr"]

    def title_in(self, locale: str | None) -> str:
        return self.title.get(locale or "fr") or self.title["fr"]


@cache
def _read(path: Path, mtime: float) -> Charter:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    return Charter(str(data["version"]), dict(data["title"]), dict(data["text"]))


def current() -> Charter:
    return _read(CHARTER_FILE, CHARTER_FILE.stat().st_mtime)


def acceptance_of(user: User) -> CharterAcceptance | None:
    """The user's acceptance of the current version, if any (it says when it was given)."""
    return db.session.scalar(
        select(CharterAcceptance).where(
            CharterAcceptance.user_id == user.id,
            CharterAcceptance.version == current().version,
        )
    )


def accepted_current(user: User) -> bool:
    """Whether the user accepted the charter's current version."""
    return acceptance_of(user) is not None


def accept(user: User, version: str) -> CharterAcceptance:
    """Record that the user accepts `version`, which must be the current one."""
    charter = current()
    if version != charter.version:
        raise Invalid(
            {"version": _("La version en vigueur de la charte est %(v)s.", v=charter.version)}
        )
    found = db.session.scalar(
        select(CharterAcceptance).where(
            CharterAcceptance.user_id == user.id, CharterAcceptance.version == version
        )
    )
    if found is None:
        found = CharterAcceptance(user_id=user.id, version=version, accepted_at=utcnow())
        db.session.add(found)
        db.session.commit()
    return found
