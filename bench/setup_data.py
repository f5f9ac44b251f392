"""Create the benchmark's users, each with an organisation and a Guide assessment.

Run by `bench/run.py` with the same DATABASE_URL as the server; writes the logins, assessment ids
and the question ids (with their allowed values) that the locust users answer.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from app import create_app
from app.questionnaires import Question
from app.services import accounts, assessments, organisations
from app.services.organisations import OrganisationData

PASSWORD = "bench-password-long"  # noqa: S105 - throwaway benchmark accounts


def main(count: int, output: Path) -> None:
    app = create_app("development")
    with app.app_context():
        users = []
        for index in range(count):
            email = f"bench-{index}@example.org"
            user = accounts.find_user(email) or accounts.create_user(
                email, PASSWORD, f"Bench {index}"
            )
            organisation = organisations.create_organisation(
                user,
                OrganisationData(f"Bench {index}", "association", "bretagne", "10-49", True),
            )
            assessment = assessments.start(user, organisation.id, "gbp", year=2026)
            users.append({"email": email, "password": PASSWORD, "assessment": assessment.id})
        context = assessments.get(accounts.find_user(users[0]["email"]), users[0]["assessment"])
        questions = [
            {"id": q.id, "values": _values(q)}
            for q in context.questionnaire.questions()
            if q.id in context.applicable and q.scored
        ]
    output.write_text(json.dumps({"users": users, "questions": questions}, indent=1))


def _values(question: Question) -> list:
    if question.type == "scale":
        return list(range(question.max_level + 1))
    if question.type == "yes_partial_no":
        return ["yes", "partial", "no"]
    return [option.id for option in question.options]


if __name__ == "__main__":
    main(int(sys.argv[1]), Path(sys.argv[2]))
