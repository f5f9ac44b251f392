"""Load scenarios for `bench/run.py` (locust, headless).

`AutosaveUser` is a member answering: it logs in, then saves answers one after the other through the
JSON endpoint the pages use (PUT with CSRF token and version), as fast as the server allows.
`TokenAutosaveUser` does the same as another tool would, with an API token instead of a session.
`HelloUser` requests the bare Flask app, the baseline for the same gunicorn settings.
"""

from __future__ import annotations

import itertools
import json
import os
import random
import re

from locust import HttpUser, constant, task

DATA = json.loads(open(os.environ.get("BENCH_DATA", "bench/results/data.json")).read())  # noqa: SIM115
_logins = itertools.cycle(DATA["users"])


class _Answering:
    """Saves random answers one after another, each with the version it last got back."""

    client: object
    login: dict
    versions: dict[str, int | None]

    def put_answer(self, headers: dict[str, str], name: str) -> None:
        question = random.choice(DATA["questions"])
        value = random.choice(question["values"])
        with self.client.put(
            f"/api/v1/assessments/{self.login['assessment']}/answers/{question['id']}",
            json={
                "value": value,
                "na": False,
                "comment": "",
                "version": self.versions.get(question["id"]),
            },
            headers=headers,
            name=name,
            catch_response=True,
        ) as response:
            if response.status_code == 200:
                self.versions[question["id"]] = response.json()["version"]
                response.success()
            elif response.status_code == 409:  # answered in an earlier scenario: learn its version
                self.versions[question["id"]] = response.json()["current"]["version"]
                response.success()
            else:
                response.failure(f"{response.status_code}: {response.text[:200]}")


class AutosaveUser(_Answering, HttpUser):
    wait_time = constant(0)

    def on_start(self) -> None:
        self.login = next(_logins)
        page = self.client.get("/login").text
        token = re.search(r'name="csrf-token" content="([^"]+)"', page).group(1)
        response = self.client.post(
            "/login",
            data={
                "email": self.login["email"],
                "password": self.login["password"],
                "csrf_token": token,
            },
            allow_redirects=False,
        )
        assert response.status_code == 302, response.status_code
        page = self.client.get("/").text
        self.csrf = re.search(r'name="csrf-token" content="([^"]+)"', page).group(1)
        self.versions: dict[str, int | None] = {}

    @task
    def save_answer(self) -> None:
        self.put_answer(
            {"X-CSRFToken": self.csrf}, "PUT /api/v1/assessments/[id]/answers/[question]"
        )


class TokenAutosaveUser(_Answering, HttpUser):
    wait_time = constant(0)

    def on_start(self) -> None:
        self.login = next(_logins)
        response = self.client.post(
            "/api/v1/tokens",
            json={"email": self.login["email"], "password": self.login["password"]},
        )
        assert response.status_code == 201, response.status_code
        self.bearer = {"Authorization": f"Bearer {response.json()['token']}"}
        self.versions = {}

    @task
    def save_answer(self) -> None:
        self.put_answer(self.bearer, "PUT /api/v1/assessments/[id]/answers/[question] (token)")


class HelloUser(HttpUser):
    wait_time = constant(0)

    @task
    def hello(self) -> None:
        self.client.get("/", name="GET / (bare Flask)")
