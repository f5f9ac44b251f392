"""Languages: French first (the source language and the default), English second.

The language is the visitor's explicit choice (kept in the session and, for a logged-in user, in
their account), never guessed from the browser: the product speaks French unless asked otherwise.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from flask import Flask, current_app, has_request_context, request, session
from flask_babel import format_date, format_datetime, format_decimal, format_percent, get_locale
from flask_login import current_user

from .models._base import as_utc
from .questionnaires.schema import I18n


def select_locale() -> str:
    """The language chosen on the site, else the user's; API clients may ask per request.

    Pages ignore the browser's Accept-Language on purpose: French first, whatever the machine's
    settings, with the switch in the header. An API request's Accept-Language is a deliberate
    choice of its client, so it wins there.
    """
    languages = current_app.config["LANGUAGES"]
    if has_request_context():
        if request.path.startswith("/api/v1/") and "Accept-Language" in request.headers:
            asked = request.accept_languages.best_match(languages)
            if asked:
                return asked
        chosen = session.get("lang")
        if chosen in languages:
            return chosen
        if current_user and current_user.is_authenticated and current_user.locale in languages:
            return current_user.locale
    return current_app.config["BABEL_DEFAULT_LOCALE"]


def current_language() -> str:
    return str(get_locale() or "fr")


def translate(text: I18n | None) -> str:
    """A questionnaire text in the current language."""
    return text.get(current_language()) if text is not None else ""


def score_text(value: float | None, digits: int = 0) -> str:
    """A 0..100 score for display ("—" when there is none), in the locale's number format."""
    if value is None:
        return "—"
    return format_decimal(
        round(value, digits), format="#,##0" + ("." + "0" * digits if digits else "")
    )


def percent_text(ratio: float) -> str:
    return format_percent(ratio, format="#,##0 %")


def datetime_short(moment: datetime) -> str:
    """A stored (UTC) moment in the user's time zone and notation."""
    return format_datetime(as_utc(moment), "short")


def date_short(day: date) -> str:
    """A calendar date in the user's notation (23/11/2026, 11/23/26)."""
    return format_date(day, "short")


def register_template_helpers(app: Flask) -> None:
    app.jinja_env.filters["tr"] = translate
    app.jinja_env.filters["datetime_short"] = datetime_short
    app.jinja_env.filters["date_short"] = date_short
    app.jinja_env.filters["score"] = score_text
    app.jinja_env.filters["percent"] = percent_text

    @app.context_processor
    def _language() -> dict[str, Any]:
        return {"current_language": current_language(), "languages": app.config["LANGUAGES"]}
