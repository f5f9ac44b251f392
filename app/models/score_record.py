"""Stored scores: each assessment's figures as of its last change.

The regional dashboard, the benchmark and the advisors' portfolio read thousands of assessments;
scoring each from its answers on every request would not scale. Services that change what a score
depends on (answers, themes of the cycle, the organisation's profile, its stakeholders for the
ranking) bring the row up to date in the same transaction.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import JSON, DateTime, ForeignKey, Index, String
from sqlalchemy.orm import Mapped, mapped_column

from app.extensions import db

from ._base import utcnow


class ScoreRecord(db.Model):
    __tablename__ = "score_records"
    __table_args__ = (
        Index(
            "ix_score_records_questionnaire_organisation", "questionnaire_key", "organisation_id"
        ),
    )

    assessment_id: Mapped[int] = mapped_column(
        ForeignKey("assessments.id", ondelete="CASCADE"), primary_key=True
    )
    organisation_id: Mapped[int] = mapped_column(
        ForeignKey("organisations.id", ondelete="CASCADE"), index=True
    )
    questionnaire_key: Mapped[str] = mapped_column(String(64))
    year: Mapped[int]
    overall: Mapped[float | None]
    completion: Mapped[float] = mapped_column(default=0.0)
    #: {theme id: score or null} for the themes of this cycle.
    themes: Mapped[dict[str, float | None]] = mapped_column(JSON, default=dict)
    #: Theme ids in order of priority (the ranking method), best candidates first.
    ranked: Mapped[list[str]] = mapped_column(JSON, default=list)
    #: The top of the scale (N of levels 0..N) of the pinned questionnaire.
    top_level: Mapped[int] = mapped_column(default=4)
    #: Last change of an answer (the portfolio's "last activity").
    activity_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    computed_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
