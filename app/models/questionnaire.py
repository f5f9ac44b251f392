"""Pinned questionnaire versions: the exact content an assessment was started with."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import JSON, DateTime, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from app.extensions import db
from app.questionnaires.schema import Questionnaire

from ._base import utcnow


class QuestionnaireVersion(db.Model):
    """One version of a questionnaire file, stored whole and never changed afterwards.

    `is_current` marks the version the files on disk hold now, which new assessments get.
    """

    __tablename__ = "questionnaire_versions"
    __table_args__ = (UniqueConstraint("key", "version"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    key: Mapped[str] = mapped_column(String(64), index=True)
    version: Mapped[str] = mapped_column(String(32))
    checksum: Mapped[str] = mapped_column(String(64))
    #: The whole questionnaire (hundreds of KB): loaded only when the parsed cache misses.
    definition: Mapped[dict] = mapped_column(JSON, deferred=True)
    source: Mapped[str] = mapped_column(String(255), default="")
    is_current: Mapped[bool] = mapped_column(default=False)
    loaded_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)

    @property
    def questionnaire(self) -> Questionnaire:
        """The validated model, parsed once per process (a stored version never changes, and the
        checksum identifies its content, so the cache can never serve stale questions)."""
        cache_key = (self.key, self.checksum)
        parsed = _PARSED.get(cache_key)
        if parsed is None:
            parsed = _PARSED[cache_key] = Questionnaire.model_validate(self.definition)
        return parsed

    def __repr__(self) -> str:
        return f"<QuestionnaireVersion {self.key} {self.version}>"


_PARSED: dict[tuple[str, str], Questionnaire] = {}
