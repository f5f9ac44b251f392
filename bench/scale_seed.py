"""Seed a database with thousands of organisations, each with one answered Guide assessment.

    .venv/bin/python bench/scale_seed.py 10000 --database postgresql://postgres@127.0.0.1:5432/test
                                         [--keep] [--output bench/results/scale-data.json]

With `--database` (a PostgreSQL server), it prepares a fresh database as the other benches do
(`bench/run.py`: migrations, questionnaires), seeds it and drops it afterwards unless `--keep`.
Without it, it seeds the database of `DATABASE_URL` (already prepared): `bench/scale.py` runs it so.

What it writes, in bulk (SQLAlchemy Core, batches of 5,000 rows; the ORM one row at a time would
take many minutes at 10,000):

- N organisations spread over the 18 regions like French ESS employment (Île-de-France,
  Auvergne-Rhône-Alpes... bigger), legal forms (mostly associations), headcount bands, about 70 %
  opted in to anonymous statistics; each with one owner (sharing one password hash);
- one Guide ("gbp") assessment each, pinned to the current version, with answers to about 50 of the
  58 questions at realistic levels (an organisation's maturity, a theme's offset, noise; some N/A);
- 1 to 6 actions per assessment (some done, some overdue), 2 to 4 stakeholders for 40 % of them;
- the stored scores, through `score_store.refresh_all()` (the app's own scoring), timed;
- a network "CRESS Île-de-France" and a national federation, an advisor (charter accepted) in
  both, 300 active grants to them (both scopes; plus revoked and expired ones that must not count),
  and an owner of one Île-de-France organisation whose results page is measured.

It prints the timings and writes the logins and ids to `--output` (JSON) for `bench/scale.py`.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import subprocess
import sys
import time
import uuid
from contextlib import contextmanager
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.run import BIN, RESULTS, ROOT, database, run

BATCH = 5_000
PASSWORD = "bench-password-long"  # noqa: S105 - throwaway benchmark accounts
ADVISOR = "advisor@scale.example.org"
OWNER = "owner@scale.example.org"
TODAY = date.today()
#: Share of ESS employment by region (orders of magnitude of the CRESS observatories' figures).
REGION_WEIGHTS = {
    "ile-de-france": 18.0,
    "auvergne-rhone-alpes": 13.0,
    "nouvelle-aquitaine": 9.0,
    "occitanie": 9.0,
    "hauts-de-france": 8.0,
    "grand-est": 7.0,
    "provence-alpes-cote-d-azur": 7.0,
    "pays-de-la-loire": 6.0,
    "bretagne": 6.0,
    "normandie": 4.5,
    "bourgogne-franche-comte": 4.0,
    "centre-val-de-loire": 3.5,
    "la-reunion": 1.5,
    "guadeloupe": 0.6,
    "martinique": 0.6,
    "corse": 0.5,
    "guyane": 0.3,
    "mayotte": 0.2,
}
LEGAL_FORM_WEIGHTS = {
    "association": 78,
    "scop": 5,
    "cooperative": 5,
    "societe_ess": 4,
    "mutuelle": 3,
    "fondation": 3,
    "scic": 2,
}
BAND_WEIGHTS = {"0": 35, "1-9": 30, "10-49": 20, "50-249": 11, "250+": 4}
ACTION_TITLES = (
    "Présenter le Guide à l'assemblée générale",
    "Associer les salariés à la stratégie",
    "Mesurer la part des achats locaux",
    "Mettre en place un plan de formation",
    "Former les instances à l'égalité femmes-hommes",
    "Réaliser un bilan carbone simplifié",
    "Rédiger une charte de déontologie",
    "Consulter les usagers chaque année",
)
#: Grants of the measured portfolio: to the CRESS (Île-de-France organisations) and the federation.
CRESS_GRANTS, FEDERATION_GRANTS = 180, 120


def _weighted(rng: random.Random, weights: dict[str, float], count: int) -> list[str]:
    return rng.choices(list(weights), weights=list(weights.values()), k=count)


def _batches(rows: list[dict]) -> list[list[dict]]:
    return [rows[i : i + BATCH] for i in range(0, len(rows), BATCH)]


class Timer:
    """Named durations, printed as they end."""

    def __init__(self) -> None:
        self.figures: dict[str, float] = {}

    @contextmanager
    def step(self, name: str):
        started = time.perf_counter()
        yield
        self.figures[name] = round(time.perf_counter() - started, 2)
        print(f"  {name:<34} {self.figures[name]:8.2f} s", flush=True)


# --- the values of one organisation ------------------------------------------------------------


def _answer_value(rng: random.Random, question, level: float):
    """A value for `question` near `level` (0..1 of the way up the scale)."""
    if question.type == "scale":
        top = question.max_level
        return max(0, min(top, round(level * top + rng.gauss(0, 0.7))))
    if question.type == "yes_partial_no":
        drawn = level + rng.gauss(0, 0.2)
        return "yes" if drawn > 0.66 else "partial" if drawn > 0.33 else "no"
    if question.type == "choice":
        options = question.options
        index = round((level + rng.gauss(0, 0.2)) * (len(options) - 1))
        return options[max(0, min(len(options) - 1, index))].id
    if question.type == "number":
        low = question.min if question.min is not None else 0
        high = question.max if question.max is not None else low + 200
        return round(rng.uniform(low, high), 1)
    return None


def _answers(rng, assessment_id, questionnaire, applicable, year, created_by):
    """About 50 answers: complete for most, partial for a third; N/A where allowed, sometimes."""
    maturity = rng.betavariate(2.6, 2.4)
    share = 1.0 if rng.random() < 0.8 else rng.uniform(0.6, 0.97)
    start = datetime(year, 1, 15, tzinfo=UTC)
    span = ((min(TODAY, date(year, 12, 31)) - start.date()).days or 1) * 86400
    rows = []
    for theme in questionnaire.themes:
        offset = rng.gauss(0, 0.12)
        for question in theme.questions:
            if question.id not in applicable or rng.random() > share:
                continue
            na = question.allow_na and rng.random() < 0.08
            value = None if na else _answer_value(rng, question, maturity + offset)
            rows.append(
                {
                    "assessment_id": assessment_id,
                    "question_id": question.id,
                    "value": value,
                    "na": na,
                    "comment": "",
                    "version": 1,
                    "updated_by_id": created_by,
                    "updated_at": start + timedelta(seconds=rng.uniform(0, span)),
                    "to_confirm": False,
                }
            )
    return rows


def _actions(rng, assessment_id, themes, year):
    rows = []
    for position in range(1, rng.randint(1, 6) + 1):
        status = rng.choices(("done", "in_progress", "todo", "dropped"), (35, 20, 40, 5))[0]
        due = date(year, 3, 1) + timedelta(days=rng.randint(0, 540))
        title = rng.choice(ACTION_TITLES)
        now = datetime.now(UTC)
        rows.append(
            {
                "assessment_id": assessment_id,
                "position": position,
                "title": title,
                "description": "",
                "theme_id": rng.choice(themes),
                "owner": "",
                "due_date": due,
                "indicator": "",
                "target": "",
                "status": status,
                "done_at": (
                    datetime.combine(min(due, TODAY), datetime.min.time(), UTC)
                    if status == "done"
                    else None
                ),
                "created_at": now,
                "updated_at": now,
            }
        )
    return rows


# --- seeding -----------------------------------------------------------------------------------


def seed(count: int, output: Path) -> dict:
    """Seed the database of DATABASE_URL; returns (and writes) the logins, ids and timings."""
    from sqlalchemy import func, insert, select

    from app import create_app
    from app.extensions import db
    from app.models import (
        Action,
        Answer,
        Assessment,
        Grant,
        Membership,
        Organisation,
        ScoreRecord,
        Stakeholder,
        User,
    )
    from app.models.organisation import REGIONS
    from app.questionnaires.applicability import OrganisationProfile, applicable_questions
    from app.services import accounts, charter, networks, score_store
    from app.services.questionnaires import current_version
    from app.stakeholders import categories_from, default_path

    rng = random.Random(7)  # the same data on every run
    timer = Timer()
    app = create_app("development")
    counts: dict[str, int] = {}
    with app.app_context():

        def bulk(model, rows: list[dict], returning=None) -> list:
            ids = []
            connection = db.session.connection()
            for chunk in _batches(rows):
                statement = insert(model)
                if returning is not None:
                    statement = statement.returning(returning, sort_by_parameter_order=True)
                    ids += list(connection.execute(statement, chunk).scalars())
                else:
                    connection.execute(statement, chunk)
            counts[model.__tablename__] = counts.get(model.__tablename__, 0) + len(rows)
            return ids

        version = current_version("gbp")
        questionnaire = version.questionnaire
        all_themes = [t.id for t in questionnaire.themes]
        print(f"Seeding {count} organisations (Guide {questionnaire.version}):", flush=True)
        started = time.perf_counter()

        with timer.step("organisations, owners, memberships"):
            forms = _weighted(rng, LEGAL_FORM_WEIGHTS, count)
            regions = _weighted(rng, REGION_WEIGHTS, count)
            bands = _weighted(rng, BAND_WEIGHTS, count)
            # the measured owner's organisation: an Île-de-France association of 10-49 people
            forms[0], regions[0], bands[0] = "association", "ile-de-france", "10-49"
            now = datetime.now(UTC)
            organisations = [
                {
                    "name": f"Organisation {i:05d}",
                    "legal_form": forms[i],
                    "region": regions[i],
                    "headcount_band": bands[i],
                    "has_volunteers": rng.random() < (0.9 if forms[i] == "association" else 0.3),
                    "anonymous_statistics": i == 0 or rng.random() < 0.7,
                    "created_at": now,
                    "updated_at": now,
                }
                for i in range(count)
            ]
            organisation_ids = bulk(Organisation, organisations, Organisation.id)
            shared_hash = accounts.create_user(
                OWNER, PASSWORD, "Propriétaire mesurée"
            ).password_hash
            owner_id = accounts.find_user(OWNER).id
            users = [
                {
                    "email": f"member-{i:05d}@scale.example.org",
                    "name": f"Membre {i:05d}",
                    "password_hash": shared_hash,
                    "is_admin": False,
                    "created_at": now,
                    "updated_at": now,
                }
                for i in range(1, count)
            ]
            user_ids = [owner_id, *bulk(User, users, User.id)]
            bulk(
                Membership,
                [
                    {
                        "user_id": user_ids[i],
                        "organisation_id": organisation_ids[i],
                        "role": "owner",
                        "created_at": now,
                        "updated_at": now,
                    }
                    for i in range(count)
                ],
            )

        with timer.step("assessments"):
            years = [2026 if i == 0 or rng.random() < 0.85 else 2025 for i in range(count)]
            chosen = [
                all_themes
                if i == 0 or rng.random() < 0.85
                else sorted(rng.sample(all_themes, rng.randint(5, 7)), key=all_themes.index)
                for i in range(count)
            ]
            assessment_ids = bulk(
                Assessment,
                [
                    {
                        "organisation_id": organisation_ids[i],
                        "questionnaire_version_id": version.id,
                        "label": f"Guide des bonnes pratiques {years[i]}",
                        "year": years[i],
                        "pilot_name": "",
                        "themes": chosen[i],
                        "created_by_id": user_ids[i],
                        "objectives": {},
                        "created_at": now,
                        "updated_at": now,
                    }
                    for i in range(count)
                ],
                Assessment.id,
            )

        with timer.step("answers"):
            applicable_cache: dict[tuple, set[str]] = {}
            rows: list[dict] = []
            for i in range(count):
                profile = OrganisationProfile(
                    forms[i], bands[i] != "0", organisations[i]["has_volunteers"]
                )
                key = (profile, tuple(chosen[i]))
                if key not in applicable_cache:
                    applicable_cache[key] = applicable_questions(questionnaire, profile, chosen[i])
                rows += _answers(
                    rng,
                    assessment_ids[i],
                    questionnaire,
                    applicable_cache[key],
                    years[i],
                    user_ids[i],
                )
                if len(rows) >= 10 * BATCH:
                    bulk(Answer, rows)
                    rows = []
            bulk(Answer, rows)

        with timer.step("actions, stakeholders"):
            actions = [
                row
                for i in range(count)
                for row in _actions(rng, assessment_ids[i], chosen[i], years[i])
            ]
            bulk(Action, actions)
            categories = categories_from(default_path(Path(app.config["QUESTIONNAIRES_DIR"])))
            stakeholders = [
                {
                    "organisation_id": organisation_ids[i],
                    "name": category.label.get("fr"),
                    "category": category.id,
                    "influence": rng.randint(1, 5),
                    "importance": rng.randint(1, 5),
                    "dialogue": "none",
                    "expectations": "",
                    "themes": list(category.themes),
                    "issues": list(category.issues),
                    "created_at": now,
                    "updated_at": now,
                }
                for i in range(count)
                if rng.random() < 0.4
                for category in rng.sample(categories.categories, rng.randint(2, 4))
            ]
            bulk(Stakeholder, stakeholders)
            db.session.commit()

        seeded = round(time.perf_counter() - started, 2)
        with timer.step("stored scores (refresh_all)"):
            scored = score_store.refresh_all()
        records_per_second = round(scored / timer.figures["stored scores (refresh_all)"])
        print(f"  {scored} score records, {records_per_second} per second", flush=True)

        with timer.step("networks, advisor, grants"):
            cress = networks.create("CRESS Île-de-France", ["ile-de-france"], "cress")
            federation = networks.create("Fédération nationale", list(REGIONS), "federation")
            networks.add_advisor(cress.id, ADVISOR, admin=True)
            networks.add_advisor(federation.id, ADVISOR)
            advisor = accounts.find_user(ADVISOR)
            advisor.name = "Conseillère mesurée"
            advisor.set_password(PASSWORD)
            db.session.commit()
            charter.accept(advisor, charter.current().version)
            in_idf = [i for i in range(count) if regions[i] == "ile-de-france"]
            elsewhere = [i for i in range(count) if regions[i] != "ile-de-france"]
            cress_side = rng.sample(in_idf, min(CRESS_GRANTS, len(in_idf)))
            federation_side = rng.sample(
                elsewhere, CRESS_GRANTS + FEDERATION_GRANTS - len(cress_side)
            )
            granted = [(i, cress.id) for i in cress_side] + [
                (i, federation.id) for i in federation_side
            ]
            left = [i for i in range(count) if i not in set(cress_side) | set(federation_side)]
            ended = rng.sample(left, 40)  # revoked or expired: never in the portfolio
            grant_rows = [
                {
                    "organisation_id": organisation_ids[i],
                    "network_id": network_id,
                    "scope": "full" if n % 2 else "results",
                    "until": TODAY + timedelta(days=rng.randint(30, 365)),
                    "status": "active",
                    "message": "",
                    "created_at": now,
                    "created_by_id": user_ids[i],
                }
                for n, (i, network_id) in enumerate(granted)
            ] + [
                {
                    "organisation_id": organisation_ids[i],
                    "network_id": cress.id if n % 2 else federation.id,
                    "scope": "full",
                    "until": TODAY - timedelta(days=10) if n % 2 else TODAY + timedelta(days=90),
                    "status": "active" if n % 2 else "revoked",
                    "message": "",
                    "created_at": now,
                    "created_by_id": user_ids[i],
                }
                for n, i in enumerate(ended)
            ]
            bulk(Grant, grant_rows)
            db.session.commit()

        with timer.step("ANALYZE"):
            if db.engine.dialect.name == "postgresql":
                with db.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as c:
                    c.execute(text("ANALYZE"))

        counts["score_records"] = db.session.scalar(select(func.count(ScoreRecord.assessment_id)))
        opted_in = sum(1 for o in organisations if o["anonymous_statistics"])
        data = {
            "organisations": count,
            "opted_in": opted_in,
            "ile_de_france": len(in_idf),
            "ile_de_france_opted_in": sum(
                1 for i in in_idf if organisations[i]["anonymous_statistics"]
            ),
            "rows": counts,
            "answers_per_assessment": round(counts["answers"] / count, 1),
            "password": PASSWORD,
            "advisor": {"email": ADVISOR, "id": advisor.id},
            "owner": {
                "email": OWNER,
                "organisation": organisation_ids[0],
                "assessment": assessment_ids[0],
            },
            "networks": {"cress": cress.id, "federation": federation.id},
            "portfolio": len(granted),
            "timings_s": {
                **timer.figures,
                "rows before the scores": seeded,
                "score records per second": records_per_second,
            },
        }
    output.write_text(json.dumps(data, indent=1))
    print(
        f"  {counts['answers']} answers ({data['answers_per_assessment']} per assessment), "
        f"{counts['actions']} actions, {counts['stakeholders']} stakeholders, "
        f"{opted_in} opted in to statistics, {len(in_idf)} in Île-de-France",
        flush=True,
    )
    return data


# --- a fresh database --------------------------------------------------------------------------


def environment(url: str) -> dict[str, str]:
    """The environment of the app's processes (seed, gunicorn) on this database."""
    return {
        **os.environ,
        "APP_ENV": "development",
        "DATABASE_URL": url,
        "SECRET_KEY": "bench-secret",
        "RATELIMIT_ENABLED": "false",
        "PYTHONPATH": str(ROOT),
    }


@contextmanager
def prepared(server: str, keep: bool = False):
    """A fresh database on the server, migrated and with the questionnaires loaded, as `make run`
    prepares one; dropped at the end (by `bench/run.py`'s helper) unless `keep`."""
    if keep:
        url = server.replace("postgresql://", "postgresql+psycopg://", 1)
        name = f"ecotone_scale_{uuid.uuid4().hex[:8]}"
        admin = create_engine(url, isolation_level="AUTOCOMMIT")
        with admin.connect() as connection:
            connection.execute(text(f'CREATE DATABASE "{name}"'))
        admin.dispose()
        context = _kept(make_url(url).set(database=name).render_as_string(hide_password=False))
    else:
        context = database(server)
    with context as url:
        env = environment(url)
        flask = [str(BIN / "flask"), "--app", "wsgi"]
        run([*flask, "db", "upgrade"], env)
        run([*flask, "questionnaires", "load"], env)
        yield url, env
        if keep:
            print(f"kept: {url}")


@contextmanager
def _kept(url: str):
    yield url


def seed_into(env: dict[str, str], count: int, output: Path) -> dict:
    """Seed in a process of its own (the app reads DATABASE_URL when its config is imported)."""
    subprocess.run(  # noqa: S603
        [sys.executable, str(Path(__file__).resolve()), str(count), "--output", str(output)],
        cwd=ROOT,
        env=env,
        check=True,
    )
    return json.loads(output.read_text())


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawTextHelpFormatter
    )
    parser.add_argument("organisations", type=int, help="how many (e.g. 1000 or 10000)")
    parser.add_argument(
        "--database",
        help="a PostgreSQL server URL: seed a fresh database on it "
        "(default: the prepared database of DATABASE_URL)",
    )
    parser.add_argument("--keep", action="store_true", help="do not drop the fresh database")
    parser.add_argument("--output", type=Path, default=RESULTS / "scale-data.json")
    args = parser.parse_args()
    if args.organisations < 400:
        sys.exit("at least 400 organisations (the portfolio alone holds 300)")
    RESULTS.mkdir(parents=True, exist_ok=True)
    if args.database:
        with prepared(args.database, args.keep) as (_url, env):
            seed_into(env, args.organisations, args.output)
    else:
        seed(args.organisations, args.output)


if __name__ == "__main__":
    main()
