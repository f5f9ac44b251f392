"""Rules a questionnaire must follow beyond the shape of its fields.

Each rule returns problems with the path of the offending field, so that the loader can turn it into
`file:line: path: message`. Keep the rules here rather than in pydantic validators: a validator can
only point at the model it sits on, not at the field inside it that is wrong.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from .references import GBP_THEMES, ISO26000_ISSUES, LEGAL_FORMS
from .schema import Question, Questionnaire
from .yamlsource import FieldPath, Problem


def check(questionnaire: Questionnaire) -> list[Problem]:
    """Every rule below, in file order."""
    return list(_check(questionnaire))


def _check(q: Questionnaire) -> Iterator[Problem]:
    yield from duplicates(((("themes", i, "id"), t.id) for i, t in enumerate(q.themes)), "theme")
    question_ids = (
        (("themes", ti, "questions", qi, "id"), question.id)
        for ti, theme in enumerate(q.themes)
        for qi, question in enumerate(theme.questions)
    )
    yield from duplicates(question_ids, "question")
    covered = {issue for question in q.questions() for issue in question.refs.iso26000}
    for ti, theme in enumerate(q.themes):
        for ii, issue in enumerate(theme.issues):
            path = ("themes", ti, "issues", ii, "id")
            if issue.id not in ISO26000_ISSUES:
                yield Problem(path, f"unknown ISO 26000 issue '{issue.id}'")
            elif issue.id not in covered:
                yield Problem(path, f"ISO 26000 issue '{issue.id}' is covered by no question")
        for qi, question in enumerate(theme.questions):
            yield from _check_question(q, question, ("themes", ti, "questions", qi))
            path = ("themes", ti, "questions", qi, "stands_for")
            if q.derived_from and not question.stands_for:
                yield Problem(path, f"name the question(s) of '{q.derived_from}' it stands for")
            elif question.stands_for and not q.derived_from:
                yield Problem(path, "stands_for needs the questionnaire's derived_from")


def _check_question(q: Questionnaire, question: Question, path: FieldPath) -> Iterator[Problem]:
    kind = question.type
    if kind == "scale":
        if question.levels is None:
            yield Problem((*path, "levels"), "a scale question needs levels")
        elif len(question.levels) != q.scale_levels:
            yield Problem(
                (*path, "levels"),
                f"expected {q.scale_levels} levels, got {len(question.levels)}",
            )
    elif question.levels is not None:
        yield Problem((*path, "levels"), f"levels only apply to scale questions, not {kind}")
    if kind == "choice":
        if not question.options or len(question.options) < 2:
            yield Problem((*path, "options"), "a choice question needs at least 2 options")
        else:
            yield from duplicates(
                (((*path, "options", i, "id"), o.id) for i, o in enumerate(question.options)),
                "option",
            )
    elif question.options is not None:
        yield Problem((*path, "options"), f"options only apply to choice questions, not {kind}")
    if kind == "number":
        if question.min is not None and question.max is not None and question.min > question.max:
            yield Problem((*path, "max"), f"max ({question.max}) is below min ({question.min})")
    else:
        for name in ("unit", "min", "max"):
            if getattr(question, name) is not None:
                yield Problem((*path, name), f"{name} only applies to number questions")
    for i, theme_id in enumerate(question.refs.gbp):
        if theme_id not in GBP_THEMES:
            yield Problem((*path, "refs", "gbp", i), f"unknown Guide theme '{theme_id}'")
    for i, issue in enumerate(question.refs.iso26000):
        if issue not in ISO26000_ISSUES:
            yield Problem((*path, "refs", "iso26000", i), f"unknown ISO 26000 issue '{issue}'")
    if question.applies_to and question.applies_to.legal_forms is not None:
        for i, form in enumerate(question.applies_to.legal_forms):
            if form not in LEGAL_FORMS:
                yield Problem(
                    (*path, "applies_to", "legal_forms", i),
                    f"unknown legal form '{form}' (expected one of {', '.join(LEGAL_FORMS)})",
                )


def duplicates(items: Iterable[tuple[FieldPath, str]], what: str) -> Iterator[Problem]:
    seen: set[str] = set()
    for path, value in items:
        if value in seen:
            yield Problem(path, f"duplicate {what} id '{value}'")
        seen.add(value)


def check_derivation(q: Questionnaire, base: Questionnaire) -> list[Problem]:
    """A short questionnaire against the one it stands for: each answer must carry over as is, so
    each target exists and takes the same answers (same type, same levels, known options)."""
    problems = []
    for ti, theme in enumerate(q.themes):
        for qi, question in enumerate(theme.questions):
            for si, target_id in enumerate(question.stands_for):
                path = ("themes", ti, "questions", qi, "stands_for", si)
                message = _carry_over_problem(question, base.question(target_id), target_id, base)
                if message:
                    problems.append(Problem(path, message))
    return problems


def _carry_over_problem(
    question: Question, target: Question | None, target_id: str, base: Questionnaire
) -> str | None:
    if target is None:
        return f"no question '{target_id}' in '{base.id}'"
    if target.type != question.type:
        return f"'{target_id}' is a {target.type} question, this one a {question.type}"
    if question.type == "scale" and target.max_level != question.max_level:
        return f"'{target_id}' has {target.max_level + 1} levels, this one {question.max_level + 1}"
    if question.type == "choice":
        missing = sorted(
            {o.id for o in question.options or ()} - {o.id for o in target.options or ()}
        )
        if missing:
            return f"'{target_id}' has no option {', '.join(missing)}"
    return None
