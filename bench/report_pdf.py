"""How long the general-assembly PDF takes, for the biggest reports: a fully answered Guide and a
fully answered ISO 26000 assessment, each in its second cycle, with 14 stakeholders and 20 actions.

    .venv/bin/python bench/report_pdf.py [--database postgresql://...] [--runs 10]

The report is requested through the app (Flask test client, so the figure is the server's work:
gathering, rendering the SVG charts and the page, WeasyPrint), first once cold, then `--runs` times.
The goal is under 2 s per PDF.
"""

from __future__ import annotations

import argparse
import io
import os
import random
import statistics
import sys
import time
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.run import database  # noqa: E402

CATEGORIES = [
    "salaries", "benevoles", "membres", "usagers", "clients", "financeurs-publics",
    "financeurs-prives", "collectivites", "fournisseurs", "partenaires-ess", "entreprises",
    "reseaux", "communaute-locale", "environnement",
]  # fmt: skip


def answer_everything(user, assessment_id: int, rng: random.Random) -> None:
    from app.services import answers, assessments
    from app.services.answers import Submission

    context = assessments.get(user, assessment_id)
    existing = context.answers()  # in a second cycle: last cycle's copies, to confirm
    for question in context.questionnaire.questions():
        if question.id not in context.applicable:
            continue
        if question.type == "scale":
            value = rng.randint(0, question.max_level)
        elif question.type == "yes_partial_no":
            value = rng.choice(["yes", "partial", "no"])
        elif question.type == "choice":
            value = rng.choice(question.options).id
        elif question.type == "number":
            value = rng.randint(int(question.min or 0), int(question.min or 0) + 50)
        else:
            value = "Un texte de réponse assez long pour ressembler à une vraie réponse. " * 3
        base = existing[question.id].version if question.id in existing else None
        answers.save(
            user,
            assessment_id,
            Submission(question.id, value, comment="Vu en bureau.", base_version=base),
        )


def prepare(rng: random.Random) -> tuple[object, list[int]]:
    from app.services import accounts, actions, cycles, organisations, stakeholders
    from app.services.actions import ActionData
    from app.services.organisations import OrganisationData
    from app.services.stakeholders import StakeholderData

    user = accounts.create_user("bench-report@example.org", "bench-password-long", "Bench")
    organisation = organisations.create_organisation(
        user, OrganisationData("La Fabrique des Communs", "scic", "bretagne", "10-49", True)
    )
    for index, category in enumerate(CATEGORIES):
        stakeholders.create(
            user,
            organisation.id,
            StakeholderData(
                f"Partie prenante {index + 1}", category, rng.randint(1, 5), rng.randint(1, 5)
            ),
        )
    reports = []
    for key in ("gbp", "iso26000"):
        from app.services import assessments

        first = assessments.start(user, organisation.id, key, year=2025)
        answer_everything(user, first.id, rng)
        for number in range(10):
            actions.create(
                user,
                first.id,
                ActionData(
                    f"Action {number + 1} de 2025", status="done" if number % 3 == 0 else "todo"
                ),
            )
        second = cycles.start_next(user, first.id, year=2026)
        answer_everything(user, second.id, rng)
        for number in range(10):
            actions.create(
                user,
                second.id,
                ActionData(
                    f"Action {number + 1} : une action assez longue pour tenir sur deux lignes",
                    description="Quoi faire, avec qui, et comment on saura que c'est fait.",
                    owner="Bureau",
                    due_date=date.today() + timedelta(days=30 * number - 60),
                    indicator="Taux de participation",
                    target="40 %",
                ),
            )
        reports.append(second.id)
    return user, reports


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawTextHelpFormatter
    )
    parser.add_argument("--database", help="PostgreSQL server URL (default: a SQLite file)")
    parser.add_argument("--runs", type=int, default=10)
    args = parser.parse_args()
    (ROOT / "bench" / "results").mkdir(parents=True, exist_ok=True)
    with database(args.database) as url:
        os.environ.update({"DATABASE_URL": url, "APP_ENV": "development", "SECRET_KEY": "bench"})
        from flask_migrate import upgrade

        from app import create_app
        from app.extensions import db
        from app.services import questionnaires

        app = create_app("development")
        with app.app_context():
            upgrade()
            questionnaires.sync_directory(Path(app.config["QUESTIONNAIRES_DIR"]))
            user, assessment_ids = prepare(random.Random(2026))
            user_id = user.id
            db.session.remove()
        client = app.test_client()
        with client.session_transaction() as session:
            session["_user_id"] = str(user_id)
            session["_fresh"] = True
        from pypdf import PdfReader

        for assessment_id in assessment_ids:
            url = f"/assessments/{assessment_id}/report.pdf"
            started = time.perf_counter()
            response = client.get(url)
            cold = time.perf_counter() - started
            assert response.status_code == 200, response.status_code
            pages = len(PdfReader(io.BytesIO(response.data)).pages)
            timings = []
            for _ in range(args.runs):
                started = time.perf_counter()
                client.get(url)
                timings.append(time.perf_counter() - started)
            print(
                f"assessment {assessment_id}: {pages} pages, {len(response.data) // 1024} KB; "
                f"cold {cold:.2f} s; warm median {statistics.median(timings):.2f} s, "
                f"max {max(timings):.2f} s over {args.runs} runs"
            )


if __name__ == "__main__":
    main()
