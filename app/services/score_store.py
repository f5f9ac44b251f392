"""Keep `ScoreRecord` rows up to date, so that figures over thousands of assessments are a read.

Every service that changes what a score depends on calls `refresh` after its own write: answers,
the themes of a cycle, the organisation's profile (what applies), its stakeholders (the ranking).
Two writers refreshing the same assessment at once each score what is committed when they read;
`flask --app wsgi statistics refresh` rebuilds every row should one ever lag.
"""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import func, select
from sqlalchemy.orm import selectinload

from app.extensions import db
from app.models import Assessment, ScoreRecord, Stakeholder
from app.models._base import utcnow
from app.priorities import rank
from app.questionnaires.applicability import applicable_questions
from app.scoring import score

from .upserts import upsert

#: How many ranked themes a record keeps (the portfolio shows the top ones).
RANKED_KEPT = 3


def _values(assessment: Assessment, stakeholders: list[Stakeholder]) -> dict[str, object]:
    version = assessment.questionnaire_version
    questionnaire = version.questionnaire
    applicable = applicable_questions(
        questionnaire, assessment.organisation.profile, assessment.themes
    )
    result = score(
        questionnaire, {a.question_id: a.as_input() for a in assessment.answers}, applicable
    )
    themes = {t.id: t.score for t in result.themes if t.id in set(assessment.themes)}
    ranking = rank(questionnaire, themes, [s.as_input() for s in stakeholders], assessment.themes)
    activity = max((a.updated_at for a in assessment.answers), default=None)
    return {
        "assessment_id": assessment.id,
        "organisation_id": assessment.organisation_id,
        "questionnaire_key": version.key,
        "year": assessment.year,
        "overall": result.overall,
        "completion": result.completion,
        "themes": themes,
        "ranked": [area.theme_id for area in ranking.ranked[:RANKED_KEPT]],
        "top_level": questionnaire.scale_levels - 1,
        "activity_at": activity,
        "computed_at": utcnow(),
    }


def refresh(assessment_ids: Iterable[int], *, commit: bool = True) -> int:
    """Score these assessments from what is stored now and write their records."""
    ids = sorted(set(assessment_ids))
    if not ids:
        return 0
    assessments = list(
        db.session.scalars(
            select(Assessment)
            .where(Assessment.id.in_(ids))
            .options(
                selectinload(Assessment.answers),
                selectinload(Assessment.questionnaire_version),
                selectinload(Assessment.organisation),
            )
            .execution_options(populate_existing=True)
        )
    )
    by_organisation: dict[int, list[Stakeholder]] = {}
    organisation_ids = {a.organisation_id for a in assessments}
    for stakeholder in db.session.scalars(
        select(Stakeholder).where(Stakeholder.organisation_id.in_(organisation_ids))
    ):
        by_organisation.setdefault(stakeholder.organisation_id, []).append(stakeholder)
    for assessment in assessments:
        values = _values(assessment, by_organisation.get(assessment.organisation_id, []))
        upsert(ScoreRecord, values, ["assessment_id"])
    if commit:
        db.session.commit()
    return len(assessments)


def refresh_organisation(organisation_id: int, *, commit: bool = True) -> int:
    """Every assessment of an organisation (its profile or stakeholders changed)."""
    ids = db.session.scalars(
        select(Assessment.id).where(Assessment.organisation_id == organisation_id)
    )
    return refresh(list(ids), commit=commit)


def refresh_all(batch: int = 500) -> int:
    """Rebuild every record (after a migration, or to repair), a batch at a time."""
    done = 0
    last = 0
    while True:
        ids = list(
            db.session.scalars(
                select(Assessment.id)
                .where(Assessment.id > last)
                .order_by(Assessment.id)
                .limit(batch)
            )
        )
        if not ids:
            return done
        done += refresh(ids)  # the session's identity map is weak: batches do not pile up
        last = ids[-1]


def missing() -> int:
    """How many assessments have no record yet."""
    return (
        db.session.scalar(
            select(func.count(Assessment.id)).where(
                ~select(ScoreRecord.assessment_id)
                .where(ScoreRecord.assessment_id == Assessment.id)
                .exists()
            )
        )
        or 0
    )
