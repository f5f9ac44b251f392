"""Questionnaires: the YAML file format, its validation and loading. Plain Python, no Flask."""

from .loader import FileError, InvalidFile, LoadReport, load_files, load_questionnaire
from .schema import Question, Questionnaire, Theme

__all__ = [
    "FileError",
    "InvalidFile",
    "LoadReport",
    "Question",
    "Questionnaire",
    "Theme",
    "load_files",
    "load_questionnaire",
]
