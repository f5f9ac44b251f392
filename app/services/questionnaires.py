"""Questionnaire versions in the database: loading files, and finding the current versions.

Loading is per file and all-or-nothing: a bad file changes nothing, good files still load. A file
whose content changed under a version that is already stored is refused (its `version` must be
bumped), because assessments pinned to that version must keep exactly the questions they answered.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import select, update

from app.extensions import db
from app.models import QuestionnaireVersion
from app.questionnaires import FileError, Questionnaire, load_files
from app.questionnaires.loader import questionnaire_files
from app.questionnaires.yamlsource import parse

from .errors import NotFound


@dataclass
class SyncReport:
    #: (file, questionnaire id, version, status) where status is "new", "current" or "unchanged"
    files: list[tuple[str, str, str, str]] = field(default_factory=list)
    errors: list[FileError] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.errors


def checksum(questionnaire: Questionnaire) -> str:
    """A digest of what the file says. Fields left to their defaults are not part of it, so that a
    new optional field in the schema does not make unchanged files look changed."""
    canonical = json.dumps(
        questionnaire.model_dump(mode="json", exclude_unset=True), sort_keys=True
    )
    return hashlib.sha256(canonical.encode()).hexdigest()


def sync(paths: Iterable[Path]) -> SyncReport:
    """Load the files into the database and make their versions the current ones."""
    paths = list(paths)
    report = load_files(paths)
    result = SyncReport(errors=list(report.errors))
    for name, questionnaire in report.loaded:
        digest = checksum(questionnaire)
        stored = db.session.scalar(
            select(QuestionnaireVersion).where(
                QuestionnaireVersion.key == questionnaire.id,
                QuestionnaireVersion.version == questionnaire.version,
            )
        )
        if stored is not None and stored.checksum != digest:
            result.errors.append(
                FileError(
                    name,
                    _version_line(name),
                    "version",
                    f"the content changed but version '{questionnaire.version}' is already "
                    "loaded and pinned by assessments: bump the version",
                )
            )
            continue
        status = "unchanged" if stored is not None and stored.is_current else "current"
        if stored is None:
            stored = QuestionnaireVersion(
                key=questionnaire.id,
                version=questionnaire.version,
                checksum=digest,
                definition=questionnaire.model_dump(mode="json"),
                source=name,
            )
            db.session.add(stored)
            status = "new"
        if status != "unchanged":
            db.session.execute(
                update(QuestionnaireVersion)
                .where(QuestionnaireVersion.key == questionnaire.id)
                .values(is_current=False)
            )
            stored.is_current = True
        db.session.commit()
        result.files.append((name, questionnaire.id, questionnaire.version, status))
    return result


def sync_directory(directory: Path) -> SyncReport:
    return sync(questionnaire_files(directory))


def _version_line(name: str) -> int | None:
    try:
        return parse(Path(name).read_text(encoding="utf-8")).line_of(("version",))
    except Exception:  # the file was readable a moment ago; a line number is a nicety
        return None


def current_versions() -> list[QuestionnaireVersion]:
    return list(
        db.session.scalars(
            select(QuestionnaireVersion)
            .where(QuestionnaireVersion.is_current.is_(True))
            .order_by(QuestionnaireVersion.key)
        )
    )


def current_version(key: str) -> QuestionnaireVersion:
    found = db.session.scalar(
        select(QuestionnaireVersion).where(
            QuestionnaireVersion.key == key, QuestionnaireVersion.is_current.is_(True)
        )
    )
    if found is None:
        raise NotFound()
    return found


def find_version(key: str, version: str | None = None) -> QuestionnaireVersion:
    """A questionnaire's current version, or the given one (an assessment may have pinned an older
    one); NotFound when there is no such questionnaire or version."""
    if version is None:
        return current_version(key)
    found = db.session.scalar(
        select(QuestionnaireVersion).where(
            QuestionnaireVersion.key == key, QuestionnaireVersion.version == version
        )
    )
    if found is None:
        raise NotFound()
    return found
