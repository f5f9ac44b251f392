"""Read questionnaire files into validated models, or into precise error messages.

A file is all or nothing: if anything in it is wrong, none of it is returned, and the other files
are still read. Every error reads `file:line: field: message` so that whoever edits the YAML can go
straight to the spot.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TypeVar

from pydantic import BaseModel, ValidationError

from . import rules
from .schema import Questionnaire
from .yamlsource import Problem, YamlDocument, YamlSourceError, format_path, parse

M = TypeVar("M", bound=BaseModel)


@dataclass(frozen=True)
class FileError:
    file: str
    line: int | None
    field: str
    message: str

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}" if self.line else self.file
        return f"{where}: {self.field}: {self.message}"


@dataclass
class LoadReport:
    """What a batch of files gave: the good questionnaires (with their file) and the errors."""

    loaded: list[tuple[str, Questionnaire]] = field(default_factory=list)
    errors: list[FileError] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.errors


class InvalidFile(Exception):
    def __init__(self, errors: list[FileError]) -> None:
        super().__init__("\n".join(map(str, errors)))
        self.errors = errors


def display_name(path: Path) -> str:
    """The path as the user would type it: relative to the working directory when possible."""
    try:
        relative = os.path.relpath(path)
    except ValueError:  # another drive (Windows)
        return str(path)
    return str(path.resolve()) if relative.startswith("..") else relative


def parse_model(path: Path, model: type[M], text: str | None = None) -> tuple[M, YamlDocument]:
    """Parse `path` into `model`, raising InvalidFile with file:line:field errors."""
    name = display_name(path)
    try:
        if text is None:
            text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise InvalidFile([FileError(name, None, "(file)", f"cannot read: {exc}")]) from None
    try:
        document = parse(text)
    except YamlSourceError as exc:
        raise InvalidFile([_to_error(name, None, p) for p in exc.problems]) from None
    try:
        return model.model_validate(document.data), document
    except ValidationError as exc:
        errors = [
            FileError(name, document.line_of(e["loc"]), format_path(e["loc"]), e["msg"])
            for e in exc.errors()
        ]
        raise InvalidFile(errors) from None


def load_checked(
    path: Path, model: type[M], check: Callable[[M], Iterable[Problem]], text: str | None = None
) -> M:
    """Parse `path` into `model`, then run the cross-field `check`; InvalidFile lists every error
    (file:line: field: message), in file order. The YAML data files all load this way."""
    loaded, document = parse_model(path, model, text)
    problems = list(check(loaded))
    if problems:
        name = display_name(path)
        errors = [_to_error(name, document, p) for p in problems]
        errors.sort(key=lambda e: e.line or 0)
        raise InvalidFile(errors)
    return loaded


def load_questionnaire(path: Path, text: str | None = None) -> Questionnaire:
    """One questionnaire file, fully validated."""
    return load_checked(path, Questionnaire, rules.check, text)


def questionnaire_files(directory: Path) -> list[Path]:
    """The questionnaire files of a directory, in a stable order (other YAML data is not ours)."""
    return sorted(
        p
        for p in directory.iterdir()
        if p.suffix in {".yaml", ".yml"}
        and not p.name.startswith(("_", "."))
        and p.stem not in NON_QUESTIONNAIRE_FILES
    )


#: YAML files in `questionnaires/` that hold other data (validated by their own loaders).
NON_QUESTIONNAIRE_FILES: frozenset[str] = frozenset({"stakeholders"})


def load_files(paths: Iterable[Path]) -> LoadReport:
    """Load every file; a bad file adds errors and nothing else, a good one is loaded."""
    report = LoadReport()
    seen: dict[str, str] = {}
    where: dict[str, Path] = {}
    for path in paths:
        name = display_name(path)
        try:
            questionnaire = load_questionnaire(path)
        except InvalidFile as exc:
            report.errors.extend(exc.errors)
            continue
        if questionnaire.id in seen:
            report.errors.append(
                FileError(
                    name,
                    1,
                    "id",
                    f"questionnaire id '{questionnaire.id}' is already "
                    f"defined in {seen[questionnaire.id]}",
                )
            )
            continue
        seen[questionnaire.id] = name
        report.loaded.append((name, questionnaire))
        where[name] = path
    _check_derived(report, where)
    return report


def _check_derived(report: LoadReport, where: dict[str, Path]) -> None:
    """A questionnaire derived from another is checked against it (from the same batch, or else
    the file of that id next to it); one that does not fit is not loaded."""
    batch = {questionnaire.id: questionnaire for _name, questionnaire in report.loaded}
    for name, questionnaire in list(report.loaded):
        if questionnaire.derived_from is None:
            continue
        path = where[name]
        base = batch.get(questionnaire.derived_from)
        if base is None:
            sibling = path.parent / f"{questionnaire.derived_from}.yaml"
            try:
                base = load_questionnaire(sibling) if sibling.exists() else None
            except InvalidFile:
                base = None
        if base is None:
            problems = [
                Problem(
                    ("derived_from",),
                    f"questionnaire '{questionnaire.derived_from}' not found (load its file too)",
                )
            ]
        else:
            problems = rules.check_derivation(questionnaire, base)
        if problems:
            document = parse(path.read_text(encoding="utf-8"))
            report.errors.extend(_to_error(name, document, p) for p in problems)
            report.loaded.remove((name, questionnaire))


def _to_error(name: str, document: YamlDocument | None, problem: Problem) -> FileError:
    line = problem.line
    if line is None and document is not None:
        line = document.line_of(problem.path)
    return FileError(name, line, format_path(problem.path), problem.message)
