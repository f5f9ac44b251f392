"""Shared fixtures.

The schema comes from the migrations (run once per test session), on SQLite by default or on a
fresh PostgreSQL database when DATABASE_URL points at a server. Each test runs inside a transaction
that is rolled back afterwards, so tests are isolated and fast. The test client sends the CSRF token
the way the pages and the autosave script do; pass `csrf=False` to check that a request without it
is refused.
"""

from __future__ import annotations

import contextlib
import contextvars
import os
import re
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from flask import Flask
from flask import globals as flask_globals
from flask.testing import FlaskClient
from flask_migrate import upgrade
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url
from werkzeug.security import generate_password_hash

from app import create_app
from app.extensions import db
from app.models import Assessment, Organisation, User
from app.questionnaires.loader import questionnaire_files
from app.services import assessments, organisations, tokens
from app.services import questionnaires as questionnaire_service
from app.services.organisations import OrganisationData
from config import database_url as normalise_url

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"
MINI = FIXTURES / "questionnaires" / "mini.yaml"
PASSWORD = "un-mot-de-passe-solide"
STATE_CHANGING = {"POST", "PUT", "PATCH", "DELETE"}


# --- Database for the whole session ---------------------------------------------------------------


def _postgres_database(base_url: str) -> Iterator[str]:
    """A fresh database on the server of `base_url`, dropped at the end (runs never collide)."""
    url = make_url(base_url)
    name = f"ecotone_test_{uuid.uuid4().hex[:10]}"
    admin = create_engine(url, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text(f'CREATE DATABASE "{name}"'))
    try:
        yield url.set(database=name).render_as_string(hide_password=False)
    finally:
        with admin.connect() as connection:
            connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


def server_url() -> str | None:
    """The PostgreSQL server to test on (DATABASE_URL), or None for SQLite."""
    base = os.environ.get("DATABASE_URL", "")
    return normalise_url(base) if base.startswith(("postgres://", "postgresql")) else None


@contextlib.contextmanager
def fresh_database(directory: Path) -> Iterator[str]:
    """The URL of a new, empty database of the kind under test."""
    server = server_url()
    if server:
        yield from _postgres_database(server)
    else:
        yield f"sqlite:///{directory / f'{uuid.uuid4().hex[:8]}.db'}"


@pytest.fixture(scope="session")
def database_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    with fresh_database(tmp_path_factory.mktemp("db")) as url:
        yield url


@pytest.fixture(scope="session")
def app(database_url: str) -> Iterator[Flask]:
    app = create_app(
        "testing",
        {"SQLALCHEMY_DATABASE_URI": database_url, "SQLITE_SAVEPOINTS": True},
    )
    with app.app_context():
        upgrade()
        report = questionnaire_service.sync([*questionnaire_files(ROOT / "questionnaires"), MINI])
        assert report.ok, "\n".join(map(str, report.errors))
        db.session.remove()
    yield app
    with app.app_context():
        db.engine.dispose()


@pytest.fixture(autouse=True)
def _transaction(request: pytest.FixtureRequest) -> Iterator[None]:
    """Every test that uses the app runs in a transaction rolled back at the end."""
    if "app" not in request.fixturenames:
        yield
        return
    app: Flask = request.getfixturevalue("app")
    with app.app_context():
        # Flask-SQLAlchemy picks its bind from `db.engines`: point it at one connection whose
        # outer transaction is never committed; sessions commit into savepoints inside it.
        engines = db.engines
        engine = engines[None]
        connection = engine.connect()
        outer = connection.begin()
        engines[None] = connection
        original = db.session
        db.session = db._make_scoped_session({"join_transaction_mode": "create_savepoint"})
        try:
            with app.test_request_context():
                yield
        finally:
            db.session.remove()
            db.session = original
            engines[None] = engine
            outer.rollback()
            connection.close()


# --- HTTP client ----------------------------------------------------------------------------------


class Client(FlaskClient):
    """A test client that sends the CSRF token on state-changing requests, like the pages do."""

    _csrf: str | None = None

    def csrf_token(self) -> str:
        if self._csrf is None:
            page = self.open("/").get_data(as_text=True)
            self._csrf = re.search(r'name="csrf-token" content="([^"]+)"', page).group(1)
        return self._csrf

    def open(self, *args, csrf: bool = True, **kwargs):
        method = str(kwargs.get("method", "GET")).upper()
        if csrf and method in STATE_CHANGING:
            headers = dict(kwargs.pop("headers", None) or {})
            headers.setdefault("X-CSRFToken", self.csrf_token())
            kwargs["headers"] = headers
        # Each request gets its own app context (and `g`), as on a real server, instead of
        # reusing the test's: otherwise Flask-Login's user or Babel's locale leak between requests.
        response = contextvars.copy_context().run(self._open_alone, *args, **kwargs)
        if flask_globals._cv_app.get(None) is not None:
            db.session.expire_all()  # the test then reads what the request wrote
        return response

    def _open_alone(self, *args, **kwargs):
        flask_globals._cv_app.set(None)
        flask_globals._cv_request.set(None)
        return super().open(*args, **kwargs)

    def login(self, user: User) -> Client:
        """Log in as `user` through the session (the login form itself is tested separately)."""
        with self.session_transaction() as session:
            session["_user_id"] = str(user.id)
            session["_fresh"] = True
        return self


class TokenClient(Client):
    """A script using the API with a bearer token: no cookies, no CSRF token."""

    token: str = ""

    def open(self, *args, **kwargs):
        headers = dict(kwargs.pop("headers", None) or {})
        if self.token:
            headers.setdefault("Authorization", f"Bearer {self.token}")
        kwargs["headers"] = headers
        kwargs["csrf"] = False
        return super().open(*args, **kwargs)


@pytest.fixture
def token_client(app: Flask):
    """`token_client(user)`: a client acting as `user` through a fresh API token."""

    def make(user: User | None = None) -> TokenClient:
        app.test_client_class = TokenClient
        made = app.test_client(use_cookies=False)
        if user is not None:
            made.token = tokens.create(user, "tests")[1]
        return made

    return make


@pytest.fixture
def client(app: Flask) -> Client:
    app.test_client_class = Client
    return app.test_client()


@pytest.fixture
def other_client(app: Flask) -> Client:
    """A second browser, for another person."""
    app.test_client_class = Client
    return app.test_client()


# --- Factories ------------------------------------------------------------------------------------


def _make_user(email: str = "", name: str = "", **extra: object) -> User:
    user = User(
        email=email or f"user-{uuid.uuid4().hex[:8]}@example.org",
        name=name,
        # A cheap hash keeps tests fast; real accounts use scrypt (tested in test_accounts).
        password_hash=generate_password_hash(PASSWORD, method="pbkdf2:sha256:1000"),
        **extra,
    )
    db.session.add(user)
    db.session.commit()
    return user


def _make_organisation(owner: User, **fields: object) -> Organisation:
    data = {
        "name": "Les Amis du Quartier",
        "legal_form": "association",
        "region": "bretagne",
        "headcount_band": "1-9",
        "has_volunteers": True,
        **fields,
    }
    return organisations.create_organisation(owner, OrganisationData(**data))


def _make_assessment(
    user: User, organisation: Organisation, key: str = "mini", **kw: object
) -> Assessment:
    return assessments.start(user, organisation.id, key, year=kw.pop("year", 2026), **kw)


@pytest.fixture
def make_user():
    return _make_user


@pytest.fixture
def make_organisation():
    return _make_organisation


@pytest.fixture
def make_assessment():
    return _make_assessment


@pytest.fixture
def owner() -> User:
    return _make_user("owner@example.org", "Olga Owner")


@pytest.fixture
def organisation(owner: User) -> Organisation:
    return _make_organisation(owner)


@pytest.fixture
def assessment(owner: User, organisation: Organisation) -> Assessment:
    return _make_assessment(owner, organisation)
