"""API tests against a live server (gunicorn, two workers): the OpenAPI walkthrough, schemathesis,
and the token rate limit shared between workers through Redis."""

from __future__ import annotations

import json
import socket
import urllib.error
import urllib.request
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import pytest

from tests.live_server import LiveServer, running_server

EMAIL = "api-client@example.org"
PASSWORD = "api-client-password-2026"
REDIS = ("127.0.0.1", 6379)
TOKEN_RATE_LIMIT = 5


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if "tests/live" in str(item.fspath):
            item.add_marker(pytest.mark.live)


def redis_available() -> bool:
    try:
        with socket.create_connection(REDIS, timeout=0.5):
            return True
    except OSError:
        return False


@dataclass
class ApiServer:
    server: LiveServer
    redis_prefix: str | None

    @property
    def url(self) -> str:
        return self.server.url

    def call(
        self,
        method: str,
        path: str,
        body: Any = None,
        token: str | None = None,
        headers: dict[str, str] | None = None,
    ) -> tuple[int, dict[str, str], Any]:
        request = urllib.request.Request(  # noqa: S310 (our own local server)
            self.url + path,
            method=method,
            data=json.dumps(body).encode() if body is not None else None,
            headers={"Content-Type": "application/json", "Accept": "application/json"}
            | ({"Authorization": f"Bearer {token}"} if token else {})
            | (headers or {}),
        )
        try:
            with urllib.request.urlopen(request, timeout=10) as response:  # noqa: S310
                raw = response.read()
                return response.status, dict(response.headers), json.loads(raw) if raw else None
        except urllib.error.HTTPError as error:
            raw = error.read()
            return error.code, dict(error.headers), json.loads(raw) if raw else None

    def token(self) -> str:
        status, _, body = self.call(
            "POST", "/api/v1/tokens", {"email": EMAIL, "password": PASSWORD}
        )
        assert status == 201, body
        return body["token"]


@pytest.fixture(scope="session")
def api_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[ApiServer]:
    """A live server with one API user. Rate limits go to Redis when one is running here (as in
    production with REDIS_URL), under a prefix of their own so that runs never share counters."""
    prefix = f"ecotone-test-{uuid.uuid4().hex[:8]}" if redis_available() else None
    env = {"TOKEN_RATE_LIMIT": f"{TOKEN_RATE_LIMIT} per minute"}
    if prefix:
        env |= {"REDIS_URL": f"redis://{REDIS[0]}:{REDIS[1]}/0", "RATELIMIT_KEY_PREFIX": prefix}
    with running_server(tmp_path_factory.mktemp("api"), **env) as server:
        server.flask("users", "create", EMAIL, "--password", PASSWORD)
        yield ApiServer(server, prefix)
