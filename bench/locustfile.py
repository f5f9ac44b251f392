"""Load scenarios for `bench/run.py` (locust, headless).

`AutosaveUser` is a member answering: it logs in, then saves answers one after the other through the
JSON endpoint the pages use (PUT with CSRF token and version), as fast as the server allows.
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


class AutosaveUser(HttpUser):
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
            headers={"X-CSRFToken": self.csrf},
            name="PUT /api/v1/assessments/[id]/answers/[question]",
            catch_response=True,
        ) as response:
            if response.status_code == 200:
                self.versions[question["id"]] = response.json()["version"]
                response.success()
            else:
                response.failure(f"{response.status_code}: {response.text[:200]}")


class HelloUser(HttpUser):
    wait_time = constant(0)

    @task
    def hello(self) -> None:
        self.client.get("/", name="GET / (bare Flask)")
