"""Configuration classes; every setting can come from an environment variable.

`APP_ENV` picks the class (development by default, `production`, `testing`). Production refuses to
start without a real `SECRET_KEY`, and never loads demo data.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import ClassVar

BASE_DIR = Path(__file__).resolve().parent
DEV_SECRET_KEY = "dev-only-not-secret"  # noqa: S105 - refused in production


def env_bool(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def database_url(default: str) -> str:
    """`DATABASE_URL`, with the psycopg 3 driver chosen for plain PostgreSQL URLs."""
    url = os.environ.get("DATABASE_URL") or default
    for prefix in ("postgres://", "postgresql://"):
        if url.startswith(prefix):
            return "postgresql+psycopg://" + url[len(prefix) :]
    return url


class Config:
    ENV_NAME = "base"
    SECRET_KEY = os.environ.get("SECRET_KEY", DEV_SECRET_KEY)
    SQLALCHEMY_DATABASE_URI = database_url(f"sqlite:///{BASE_DIR / 'instance' / 'ecotone.db'}")
    SQLALCHEMY_ENGINE_OPTIONS: ClassVar[dict] = {"pool_pre_ping": True}
    # Connections per worker process (PostgreSQL): several workers × (size + overflow) must stay
    # under the server's max_connections (100 by default)
    DB_POOL_SIZE = int(os.environ.get("DB_POOL_SIZE", "10"))
    DB_MAX_OVERFLOW = int(os.environ.get("DB_MAX_OVERFLOW", "10"))
    QUESTIONNAIRES_DIR = os.environ.get("QUESTIONNAIRES_DIR", str(BASE_DIR / "questionnaires"))

    # Sessions and cookies
    SESSION_COOKIE_HTTPONLY = True
    SESSION_COOKIE_SAMESITE = "Lax"
    SESSION_COOKIE_SECURE = env_bool("SESSION_COOKIE_SECURE", False)
    REMEMBER_COOKIE_SECURE = SESSION_COOKIE_SECURE
    REMEMBER_COOKIE_HTTPONLY = True
    WTF_CSRF_TIME_LIMIT = None  # the token lives as long as the session: long answering sessions

    # Languages: French is the source language and the default
    BABEL_DEFAULT_LOCALE = "fr"
    BABEL_DEFAULT_TIMEZONE = "Europe/Paris"
    LANGUAGES = ("fr", "en")

    # Mail: when MAIL_SERVER is unset, messages are written to the log instead of being sent
    MAIL_SERVER = os.environ.get("MAIL_SERVER")
    MAIL_PORT = int(os.environ.get("MAIL_PORT", "587"))
    MAIL_USERNAME = os.environ.get("MAIL_USERNAME")
    MAIL_PASSWORD = os.environ.get("MAIL_PASSWORD")
    MAIL_USE_TLS = env_bool("MAIL_USE_TLS", True)
    MAIL_USE_SSL = env_bool("MAIL_USE_SSL", False)
    MAIL_FROM = os.environ.get("MAIL_FROM", "Écotone <no-reply@ecotone.localhost>")
    # Show e-mailed links (password reset, invitations) on the page, for development only
    SHOW_EMAIL_LINKS = False

    # Rate limits (shared between gunicorn workers through Redis when REDIS_URL is set)
    REDIS_URL = os.environ.get("REDIS_URL")
    RATELIMIT_STORAGE_URI = REDIS_URL or "memory://"
    RATELIMIT_STORAGE_OPTIONS: ClassVar[dict] = {}
    RATELIMIT_ENABLED = env_bool("RATELIMIT_ENABLED", True)
    RATELIMIT_HEADERS_ENABLED = True
    LOGIN_RATE_LIMIT = os.environ.get("LOGIN_RATE_LIMIT", "10 per minute")
    # POST /api/v1/tokens, per client address and e-mail (a password-guessing door like login)
    TOKEN_RATE_LIMIT = os.environ.get("TOKEN_RATE_LIMIT", "10 per minute")
    RATELIMIT_KEY_PREFIX = os.environ.get("RATELIMIT_KEY_PREFIX", "ecotone")

    # Reverse proxies in front of the app (X-Forwarded-For / -Proto are trusted from that many)
    TRUSTED_PROXIES = int(os.environ.get("TRUSTED_PROXIES", "0"))

    PASSWORD_RESET_MAX_AGE = int(os.environ.get("PASSWORD_RESET_MAX_AGE", "3600"))
    INVITATION_MAX_AGE_DAYS = int(os.environ.get("INVITATION_MAX_AGE_DAYS", "14"))
    # API tokens: default and longest lifetime a client may ask for
    API_TOKEN_DAYS = int(os.environ.get("API_TOKEN_DAYS", "30"))
    API_TOKEN_MAX_DAYS = int(os.environ.get("API_TOKEN_MAX_DAYS", "365"))
    # Check every API response against its documented schema (tests: a mismatch is an error)
    API_VALIDATE_RESPONSES = env_bool("API_VALIDATE_RESPONSES", False)
    DEMO_DATA_ALLOWED = False

    # Live workshops
    WORKSHOP_CAPACITY = int(os.environ.get("WORKSHOP_CAPACITY", "500"))  # default per workshop
    WORKSHOP_MAX_CAPACITY = int(os.environ.get("WORKSHOP_MAX_CAPACITY", "2000"))
    # How long the room's figures are reused before being computed again (projector refresh)
    WORKSHOP_FIGURES_SECONDS = float(os.environ.get("WORKSHOP_FIGURES_SECONDS", "1"))
    # Wrong join codes per client address (code guessing); right codes are never limited
    WORKSHOP_CODE_RATE_LIMIT = os.environ.get("WORKSHOP_CODE_RATE_LIMIT", "20 per minute")
    # Long polling of the phones: the longest wait for a change of phase, and how many waiting
    # requests one worker process holds at once (run gunicorn with more threads than that)
    WORKSHOP_LONG_POLL_SECONDS = float(os.environ.get("WORKSHOP_LONG_POLL_SECONDS", "25"))
    WORKSHOP_LONG_POLLS = int(os.environ.get("WORKSHOP_LONG_POLLS", "100"))
    # Days after closing before participants' answers are deleted (aggregated figures remain)
    WORKSHOP_RETENTION_DAYS = int(os.environ.get("WORKSHOP_RETENTION_DAYS", "90"))
    # Anonymous statistics: no figure over fewer organisations than this (read through
    # app.statistics.min_group: a missing, invalid or smaller value means 5, never less).
    STATISTICS_MIN_GROUP = os.environ.get("STATISTICS_MIN_GROUP")
    # How long a worker may reuse a regional dashboard it computed, if the database's fingerprint
    # of its rows is unchanged (0: compute every time).
    STATISTICS_CACHE_SECONDS = int(os.environ.get("STATISTICS_CACHE_SECONDS", "60"))


class DevelopmentConfig(Config):
    ENV_NAME = "development"
    DEBUG = False  # the Werkzeug debugger stays opt-in (FLASK_DEBUG=1)
    SHOW_EMAIL_LINKS = env_bool("SHOW_EMAIL_LINKS", True)
    DEMO_DATA_ALLOWED = True


class TestingConfig(Config):
    ENV_NAME = "testing"
    TESTING = True
    SECRET_KEY = "testing-secret"  # noqa: S105
    SQLALCHEMY_DATABASE_URI = database_url("sqlite://")
    SHOW_EMAIL_LINKS = True
    MAIL_SERVER = None
    RATELIMIT_STORAGE_URI = "memory://"
    LOGIN_RATE_LIMIT = "1000 per minute"  # tests that check the limit lower it
    TOKEN_RATE_LIMIT = "1000 per minute"  # noqa: S105 (a rate, not a secret)
    API_VALIDATE_RESPONSES = True
    DEMO_DATA_ALLOWED = True
    WORKSHOP_FIGURES_SECONDS = 0.0  # tests read figures right after writing them
    STATISTICS_CACHE_SECONDS = 0  # tests change actions and read the share at once


class ProductionConfig(Config):
    ENV_NAME = "production"
    SESSION_COOKIE_SECURE = env_bool("SESSION_COOKIE_SECURE", True)
    REMEMBER_COOKIE_SECURE = SESSION_COOKIE_SECURE
    PREFERRED_URL_SCHEME = "https"


CONFIGS: dict[str, type[Config]] = {
    "development": DevelopmentConfig,
    "testing": TestingConfig,
    "production": ProductionConfig,
}


def config_for(name: str | None = None) -> type[Config]:
    name = (name or os.environ.get("APP_ENV") or "development").lower()
    try:
        return CONFIGS[name]
    except KeyError:
        raise RuntimeError(f"APP_ENV={name!r}: expected one of {', '.join(CONFIGS)}") from None
