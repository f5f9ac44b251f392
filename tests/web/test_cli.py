"""Command line: users, questionnaires, demo data, and the idempotent `make run` sequence."""

from __future__ import annotations

from pathlib import Path

import pytest

from app import create_app
from app.extensions import db
from app.models import Answer, Assessment, Organisation, QuestionnaireVersion, User, Workshop
from app.services import demo
from tests.conftest import MINI, ROOT, fresh_database


@pytest.fixture
def fresh_app(tmp_path):
    with fresh_database(tmp_path) as url:
        app = create_app("development", {"SQLALCHEMY_DATABASE_URI": url})
        yield app
        with app.app_context():
            db.engine.dispose()


def run(app, *args):
    return app.test_cli_runner().invoke(args=list(args), catch_exceptions=False)


def counts(app) -> dict[str, int]:
    with app.app_context():
        return {
            model.__name__: db.session.scalar(db.select(db.func.count()).select_from(model))
            for model in (User, Organisation, Assessment, Answer, QuestionnaireVersion, Workshop)
        }


def test_make_run_sequence_is_idempotent(fresh_app):
    for _ in range(2):
        assert run(fresh_app, "db", "upgrade").exit_code == 0
        result = run(fresh_app, "questionnaires", "load")
        assert result.exit_code == 0, result.output
        assert run(fresh_app, "demo", "load").exit_code == 0
        if _ == 0:
            first = counts(fresh_app)
    second = counts(fresh_app)
    assert first == second
    assert first["Answer"] > 10
    # The demo organisation and seven comparable ones (opted in to anonymous statistics).
    assert first["Organisation"] == 8
    assert first["Workshop"] == 1
    assert "unchanged: " in result.output
    with fresh_app.app_context():
        assert demo.load() is False


def test_demo_data_is_refused_in_production(tmp_path, monkeypatch):
    monkeypatch.setenv("SECRET_KEY", "x" * 40)
    with fresh_database(tmp_path) as url:
        app = create_app("production", {"SQLALCHEMY_DATABASE_URI": url, "SECRET_KEY": "x" * 40})
        result = app.test_cli_runner().invoke(args=["demo", "load"])
        assert result.exit_code == 1
        assert "not allowed" in result.output


def test_production_refuses_the_default_secret_key():
    with pytest.raises(RuntimeError, match="SECRET_KEY"):
        create_app("production", {"SECRET_KEY": "dev-only-not-secret"})


def test_users_create(app):
    result = app.test_cli_runner().invoke(
        args=[
            "users",
            "create",
            "Admin@Example.org",
            "--password",
            "un-long-mot-de-passe",
            "--admin",
        ]
    )
    assert result.exit_code == 0, result.output
    user = db.session.scalar(db.select(User).where(User.email == "admin@example.org"))
    assert user.is_admin
    assert user.check_password("un-long-mot-de-passe")
    again = app.test_cli_runner().invoke(
        args=["users", "create", "admin@example.org", "--password", "court"]
    )
    assert again.exit_code == 1
    assert "email" in again.output
    assert "password" in again.output


def test_validate_all_shipped_questionnaires(app):
    result = app.test_cli_runner().invoke(args=["questionnaires", "validate"])
    assert result.exit_code == 0, result.output
    assert "ok: " in result.output


def test_validate_reports_file_line_field_and_exit_code(app, tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text(
        MINI.read_text(encoding="utf-8").replace("type: choice", "type: choix"), encoding="utf-8"
    )
    result = app.test_cli_runner().invoke(args=["questionnaires", "validate", str(bad), str(MINI)])
    assert result.exit_code == 1
    assert f"{bad}:" in result.output
    assert ".type: Input should be" in result.output
    assert "ok: " in result.output  # the good file is still reported as fine


def test_questionnaire_files_are_loaded_from_the_questionnaires_directory():
    names = sorted(p.name for p in (ROOT / "questionnaires").glob("*.yaml"))
    assert "gbp.yaml" in names
    assert "iso26000.yaml" in names
    assert Path(ROOT / "questionnaires" / "README.md").exists()


def test_validate_checks_the_stakeholder_categories_too(app, tmp_path, monkeypatch):
    directory = tmp_path / "questionnaires"
    directory.mkdir()
    (directory / "mini.yaml").write_text(MINI.read_text(encoding="utf-8"), encoding="utf-8")
    source = (ROOT / "questionnaires" / "stakeholders.yaml").read_text(encoding="utf-8")
    (directory / "stakeholders.yaml").write_text(source, encoding="utf-8")
    monkeypatch.setitem(app.config, "QUESTIONNAIRES_DIR", str(directory))
    runner = app.test_cli_runner()
    good = runner.invoke(args=["questionnaires", "validate"])
    assert good.exit_code == 0, good.output
    assert "14 stakeholder categories" in good.output
    (directory / "stakeholders.yaml").write_text(
        source.replace(
            "themes: [emploi, diversite, concertation, gouvernance]",
            "themes: [emploi, gouvernanse]",
            1,
        ),
        encoding="utf-8",
    )
    bad = runner.invoke(args=["questionnaires", "validate"])
    assert bad.exit_code == 1
    assert "stakeholders.yaml:" in bad.output
    assert "unknown Guide theme 'gouvernanse'" in bad.output
