"""What a valid answer to each question type looks like.

Pages, the JSON API and the CLI all receive answers from outside; this module is the single place
that decides whether a value fits a question and turns it into the stored form (an int level, a
yes/partial/no string, an option id, a number, a text). Errors carry a code and parameters rather
than a sentence, so the caller can say it in the user's language.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Any

from .schema import Question

TEXT_MAX_LENGTH = 5000
COMMENT_MAX_LENGTH = 5000
YES_PARTIAL_NO = ("yes", "partial", "no")


@dataclass
class AnswerError(Exception):
    """`code` names the problem (e.g. `level_out_of_range`); `params` fill in the message."""

    code: str
    params: dict[str, Any] = field(default_factory=dict)

    def __str__(self) -> str:
        return f"{self.code} {self.params}" if self.params else self.code


def normalise(question: Question, value: Any, na: bool = False, *, strict: bool = False) -> Any:
    """The value to store for `question`, or AnswerError. `None` (with na False) clears it.

    HTML forms send every value as text ("3", "12,5"), so by default numbers may come as strings.
    `strict` is for JSON clients, who send numbers as numbers: there, a string is a type error.
    """
    if na:
        if not question.allow_na:
            raise AnswerError("na_not_allowed")
        return None
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if strict and isinstance(value, str) and question.type == "scale":
        raise AnswerError("level_not_integer", {"max": question.max_level})
    if strict and isinstance(value, str) and question.type == "number":
        raise AnswerError("not_a_number")
    return _NORMALISERS[question.type](question, value)


def _scale(question: Question, value: Any) -> int:
    if isinstance(value, str) and value.strip().lstrip("-").isdigit():
        value = int(value)
    if isinstance(value, float) and value.is_integer():
        value = int(value)  # 3.0 from a JSON client is level 3
    if isinstance(value, bool) or not isinstance(value, int):
        raise AnswerError("level_not_integer", {"max": question.max_level})
    if not 0 <= value <= question.max_level:
        raise AnswerError("level_out_of_range", {"max": question.max_level})
    return value


def _yes_partial_no(question: Question, value: Any) -> str:
    if value not in YES_PARTIAL_NO:
        raise AnswerError("not_yes_partial_no")
    return value


def _choice(question: Question, value: Any) -> str:
    if not isinstance(value, str) or question.option(value) is None:
        raise AnswerError("unknown_option")
    return value


def _number(question: Question, value: Any) -> float | int:
    if isinstance(value, str):
        text = value.strip().replace("\u202f", "").replace(" ", "").replace(",", ".")
        try:
            value = float(text)
        except ValueError:
            raise AnswerError("not_a_number") from None
    if isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(value):
        raise AnswerError("not_a_number")
    if question.min is not None and value < question.min:
        raise AnswerError("number_below_min", {"min": question.min})
    if question.max is not None and value > question.max:
        raise AnswerError("number_above_max", {"max": question.max})
    return int(value) if float(value).is_integer() else float(value)


def _text(question: Question, value: Any) -> str:
    if not isinstance(value, str):
        raise AnswerError("not_a_text")
    value = value.strip()
    if len(value) > TEXT_MAX_LENGTH:
        raise AnswerError("text_too_long", {"max": TEXT_MAX_LENGTH})
    return value


_NORMALISERS = {
    "scale": _scale,
    "yes_partial_no": _yes_partial_no,
    "choice": _choice,
    "number": _number,
    "text": _text,
}
