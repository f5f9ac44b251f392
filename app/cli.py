"""Command-line interface: `flask --app wsgi users|questionnaires|demo|networks|statistics ...`."""

from __future__ import annotations

from pathlib import Path

import click
from flask import Flask, current_app
from flask.cli import AppGroup

from .models import REGIONS
from .questionnaires import load_files
from .questionnaires.loader import InvalidFile, display_name, questionnaire_files
from .services import accounts, demo, networks, score_store
from .services import questionnaires as questionnaire_service
from .services import workshops as workshop_service
from .services.errors import Invalid, NotFound
from .stakeholders import default_path, load_categories

users_cli = AppGroup("users", help="Manage user accounts.")
questionnaires_cli = AppGroup("questionnaires", help="Validate and load questionnaire files.")
demo_cli = AppGroup("demo", help="Demonstration data (development only).")
workshops_cli = AppGroup("workshops", help="Live workshops.")
networks_cli = AppGroup("networks", help="Networks (CRESS, federations) and their advisors.")
statistics_cli = AppGroup("statistics", help="Stored scores behind benchmarks and dashboards.")


@users_cli.command("create")
@click.argument("email")
@click.option("--password", prompt=True, hide_input=True, confirmation_prompt=True)
@click.option("--name", default="", help="Display name.")
@click.option("--admin", is_flag=True, help="Make the user a site administrator.")
def create_user(email: str, password: str, name: str, admin: bool) -> None:
    """Create a user account."""
    try:
        user = accounts.create_user(email, password, name, is_admin=admin)
    except Invalid as exc:
        for field, message in exc.errors.items():
            click.echo(f"error: {field}: {message}", err=True)
        raise SystemExit(1) from None
    click.echo(f"Created user {user.email}" + (" (admin)" if admin else ""))


def _paths(files: tuple[str, ...]) -> list[Path]:
    if files:
        return [Path(f) for f in files]
    return questionnaire_files(Path(current_app.config["QUESTIONNAIRES_DIR"]))


def _report_errors(errors: list) -> None:
    for error in errors:
        click.echo(str(error), err=True)


def _check_stakeholder_categories(files: tuple[str, ...]) -> bool:
    """With no file named, the stakeholder categories file is checked too (it is read by the app
    at run time: better to learn of a mistake here than on the stakeholder page)."""
    if files:
        return True
    path = default_path(Path(current_app.config["QUESTIONNAIRES_DIR"]))
    try:
        categories = load_categories(path)
    except InvalidFile as exc:
        _report_errors(exc.errors)
        return False
    click.echo(f"ok: {display_name(path)}: {len(categories.categories)} stakeholder categories")
    return True


@questionnaires_cli.command("validate")
@click.argument("files", nargs=-1, type=click.Path(dir_okay=False))
def validate(files: tuple[str, ...]) -> None:
    """Check questionnaire files without loading them (all of them by default)."""
    paths = _paths(files)
    report = load_files(paths)
    for name, questionnaire in report.loaded:
        count = len(questionnaire.questions())
        click.echo(f"ok: {name}: {questionnaire.id} {questionnaire.version}, {count} questions")
    _report_errors(report.errors)
    categories_ok = _check_stakeholder_categories(files)
    if not report.ok:
        bad = len({e.file for e in report.errors})
        click.echo(f"{bad} file(s) with errors out of {len(paths)}", err=True)
    if not (report.ok and categories_ok):
        raise SystemExit(1)


@questionnaires_cli.command("load")
@click.argument("files", nargs=-1, type=click.Path(dir_okay=False))
def load(files: tuple[str, ...]) -> None:
    """Load questionnaire files into the database (good files load even if others are bad)."""
    report = questionnaire_service.sync(_paths(files))
    for name, key, version, status in report.files:
        click.echo(f"{status}: {name}: {key} {version}")
    _report_errors(report.errors)
    if not (_check_stakeholder_categories(files) and report.ok):
        raise SystemExit(1)


@demo_cli.command("load")
def load_demo() -> None:
    """Create the demo organisation, login and partly answered assessment (once)."""
    if not current_app.config["DEMO_DATA_ALLOWED"]:
        click.echo("error: demo data is not allowed in this environment", err=True)
        raise SystemExit(1)
    try:
        created = demo.load()
    except NotFound:
        click.echo("error: load the questionnaires first (flask questionnaires load)", err=True)
        raise SystemExit(1) from None
    if created:
        click.echo(f"Demo data created: log in as {demo.DEMO_EMAIL} / {demo.DEMO_PASSWORD}")
    else:
        click.echo(f"Demo data already present (login {demo.DEMO_EMAIL} / {demo.DEMO_PASSWORD})")


@workshops_cli.command("purge")
def purge_workshops() -> None:
    """Delete participants' answers of workshops closed more than WORKSHOP_RETENTION_DAYS ago
    (their aggregated figures remain). Run it daily, e.g. from cron."""
    days = current_app.config["WORKSHOP_RETENTION_DAYS"]
    purged = workshop_service.purge_expired(days)
    click.echo(f"{purged} workshop(s) purged (closed more than {days} days ago).")


def _fail(exc: Invalid) -> None:
    for field, message in exc.errors.items():
        click.echo(f"error: {field}: {message}", err=True)
    raise SystemExit(1)


@networks_cli.command("create")
@click.argument("name")
@click.option(
    "--region",
    "regions",
    multiple=True,
    required=True,
    type=click.Choice(REGIONS),
    help="A region the network covers (repeat for several).",
)
@click.option("--kind", type=click.Choice(["cress", "federation"]), default="cress")
def create_network(name: str, regions: tuple[str, ...], kind: str) -> None:
    """Create a network; prints its id."""
    try:
        network = networks.create(name, list(regions), kind)
    except Invalid as exc:
        _fail(exc)
    click.echo(network.id)


@networks_cli.command("add-advisor")
@click.argument("network_id", type=int)
@click.argument("email")
@click.option("--admin", is_flag=True, help="Network admin: invites advisors, asks for access.")
def add_advisor(network_id: int, email: str, admin: bool) -> None:
    """Make EMAIL an advisor of the network (the account is created if needed)."""
    try:
        member, created = networks.add_advisor(network_id, email, admin=admin)
    except NotFound:
        click.echo(f"error: no network {network_id}", err=True)
        raise SystemExit(1) from None
    except Invalid as exc:
        _fail(exc)
    role = "network admin" if member.is_admin else "advisor"
    note = " (new account: set its password with 'forgot password')" if created else ""
    click.echo(f"{email} is {role} of network {network_id}{note}")


@statistics_cli.command("refresh")
@click.option("--missing", "only_missing", is_flag=True, help="Only if some records are missing.")
def refresh_scores(only_missing: bool) -> None:
    """Rebuild the stored scores of every assessment (benchmarks and dashboards read them)."""
    if only_missing and not score_store.missing():
        click.echo("Stored scores are up to date.")
        return
    click.echo(f"{score_store.refresh_all()} assessment(s) scored.")


def register(app: Flask) -> None:
    for group in (
        users_cli,
        questionnaires_cli,
        demo_cli,
        workshops_cli,
        networks_cli,
        statistics_cli,
    ):
        app.cli.add_command(group)
