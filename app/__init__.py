"""Écotone: self-assessment of ESS organisations on the Guide des bonnes pratiques and ISO 26000.

`create_app` reads as a list: configuration, extensions, blueprints, error handlers, commands. It
never touches the database: migrations and data loading are explicit commands (`make run`).
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

import redis
from flask import Flask
from flask_openapi3 import Info, OpenAPI
from werkzeug.middleware.proxy_fix import ProxyFix

from config import DEV_SECRET_KEY, config_for

from . import cli, database, errors, i18n, labels, markup, security
from .advisors import bp as advisors_bp
from .api import api as api_bp
from .api import docs as api_docs_bp
from .api.docs_spec import SECURITY_SCHEMES, register_schemas
from .api.problems import validation_problem
from .assessments import bp as assessments_bp
from .auth import bp as auth_bp
from .auth.session import configure_login_manager
from .benchmarks import bp as benchmarks_bp
from .consent import bp as consent_bp
from .engagement import bp as engagement_bp
from .extensions import babel, csrf, db, limiter, login_manager, migrate
from .facilitation import bp as facilitation_bp
from .main import bp as main_bp
from .networks import bp as networks_bp
from .organisations import bp as organisations_bp
from .plans import bp as plans_bp
from .publishing import bp as publishing_bp
from .reviews import bp as reviews_bp
from .room import bp as room_bp

log = logging.getLogger(__name__)
MIGRATIONS_DIR = Path(__file__).resolve().parent.parent / "migrations"


API_DESCRIPTION = """Écotone's JSON API: questionnaires, organisations, self-assessments, answers
and scores, for the tools of CRESS advisors, networks and integrators.

Authenticate with a bearer token (`POST /api/v1/tokens`) or, from the web pages, the session and
its CSRF token. Errors are `application/problem+json` (RFC 9457). Lists take `?page=&per_page=`.
Messages follow the user's language, or `Accept-Language` (fr, en)."""


def create_app(config_name: str | None = None, overrides: dict[str, Any] | None = None) -> Flask:
    """The application: a Flask app that also builds its OpenAPI document (flask-openapi3)."""
    app = OpenAPI(
        __name__,
        instance_relative_config=True,
        info=Info(title="Écotone API", version="1.0", description=API_DESCRIPTION),
        security_schemes=SECURITY_SCHEMES,
        validation_error_status=422,
        validation_error_callback=validation_problem,
        doc_ui=False,
    )
    app.config.from_object(config_for(config_name))
    if overrides:
        app.config.update(overrides)
    app.validate_response = app.config["API_VALIDATE_RESPONSES"]
    _check_config(app)
    _configure_logging(app)
    _trust_proxies(app)
    register_extensions(app)
    register_blueprints(app)
    register_errorhandlers(app)
    register_commands(app)
    register_hooks(app)
    return app


def _check_config(app: Flask) -> None:
    if app.config["ENV_NAME"] == "production" and app.config["SECRET_KEY"] in (
        None,
        "",
        DEV_SECRET_KEY,
    ):
        raise RuntimeError("SECRET_KEY must be set to a long random value in production.")
    if app.config["ENV_NAME"] == "production" and not app.config["REDIS_URL"]:
        log.warning("REDIS_URL is not set: rate limits are counted by each worker separately.")
    if app.config["SQLALCHEMY_DATABASE_URI"].startswith("sqlite:///"):
        Path(app.config["SQLALCHEMY_DATABASE_URI"].removeprefix("sqlite:///")).parent.mkdir(
            parents=True, exist_ok=True
        )


def _trust_proxies(app: Flask) -> None:
    """Behind a reverse proxy, take the client address and scheme from its X-Forwarded headers."""
    hops = app.config["TRUSTED_PROXIES"]
    if hops:
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=hops, x_proto=hops, x_host=hops)


def _configure_logging(app: Flask) -> None:
    if not app.debug and not app.testing and not logging.getLogger().handlers:
        logging.basicConfig(
            level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s"
        )


def register_extensions(app: Flask) -> None:
    database.engine_options(app)
    db.init_app(app)
    database.configure_engine(app)
    migrate.init_app(app, db, directory=str(MIGRATIONS_DIR), render_as_batch=True)
    csrf.init_app(app)
    babel.init_app(app, locale_selector=i18n.select_locale)
    storage = app.config["RATELIMIT_STORAGE_URI"]
    if (
        storage.startswith("redis")
        and "connection_pool" not in app.config["RATELIMIT_STORAGE_OPTIONS"]
    ):
        # threads wait for a free Redis connection instead of failing past redis-py's 100
        pool = redis.BlockingConnectionPool.from_url(storage, max_connections=50, timeout=10)
        app.config["RATELIMIT_STORAGE_OPTIONS"] = {
            **app.config["RATELIMIT_STORAGE_OPTIONS"],
            "connection_pool": pool,
        }
    limiter.init_app(app)
    login_manager.init_app(app)
    configure_login_manager(login_manager)


def register_blueprints(app: OpenAPI) -> None:
    for blueprint in (
        main_bp,
        auth_bp,
        organisations_bp,
        assessments_bp,
        engagement_bp,
        plans_bp,
        publishing_bp,
        room_bp,
        facilitation_bp,
        advisors_bp,
        networks_bp,
        consent_bp,
        reviews_bp,
        benchmarks_bp,
        api_docs_bp,
    ):
        app.register_blueprint(blueprint)
    app.register_api(api_bp)
    register_schemas(app)


def register_errorhandlers(app: Flask) -> None:
    errors.register(app)


def register_commands(app: Flask) -> None:
    cli.register(app)


def register_hooks(app: Flask) -> None:
    i18n.register_template_helpers(app)
    labels.register_template_helpers(app)
    markup.register_template_helpers(app)
    security.register_security_headers(app)
    security.register_input_guard(app)
