"""Fifty phones at the same instant, against gunicorn with two workers (issue 6, "done when" 4):
every answer and every vote counts; none is lost to a race between workers."""

from __future__ import annotations

import json
import threading
import time
import urllib.request
from concurrent.futures import ThreadPoolExecutor

from tests.live.conftest import ApiServer

PHONES = 50
FACILITATOR = "facilitator-concurrency@example.org"
PASSWORD = "facilitator-password-2026"


def all_at_once(calls):
    """Run the calls in threads released together by a barrier; their results in order."""
    barrier = threading.Barrier(len(calls))

    def run(call):
        barrier.wait()
        return call()

    with ThreadPoolExecutor(max_workers=len(calls)) as pool:
        return list(pool.map(run, calls))


def test_fifty_phones_answering_and_voting_at_the_same_instant_lose_nothing(
    api_server: ApiServer,
):
    api_server.server.flask("users", "create", FACILITATOR, "--password", PASSWORD)
    status, _, body = api_server.call(
        "POST", "/api/v1/tokens", {"email": FACILITATOR, "password": PASSWORD}
    )
    assert status == 201, body
    token = body["token"]
    status, _, workshop = api_server.call(
        "POST", "/api/v1/workshops", {"title": "Concurrence", "votes": 3}, token
    )
    assert status == 201, workshop
    code, base = workshop["code"], f"/api/v1/workshops/{workshop['id']}"

    joins = all_at_once(
        [
            lambda i=i: api_server.call(
                "POST", f"/api/v1/workshops/{code}/participants", {"pseudonym": f"P{i}"}
            )
            for i in range(PHONES)
        ]
    )
    assert [status for status, _, _ in joins] == [201] * PHONES
    phones = [body["token"] for _, _, body in joins]

    assert api_server.call("PUT", f"{base}/phase", {"phase": "diagnosis"}, token)[0] == 200
    answers = all_at_once(
        [
            lambda t=t, i=i: api_server.call(
                "PUT", f"/api/v1/workshops/{code}/answers/x-gouv-ag", {"value": i % 5}, t
            )
            for i, t in enumerate(phones)
        ]
    )
    assert {status for status, _, _ in answers} == {200}

    assert api_server.call("PUT", f"{base}/phase", {"phase": "vote"}, token)[0] == 200
    votes = all_at_once(
        [
            lambda t=t: api_server.call(
                "PUT", f"/api/v1/workshops/{code}/votes", {"gouvernance": 2, "emploi": 1}, t
            )
            for t in phones
        ]
    )
    assert {status for status, _, _ in votes} == {200}

    status, _, live = api_server.call("GET", f"{base}/live", token=token)
    assert status == 200
    assert live["joined"] == PHONES
    first = next(q for q in live["questions"] if q["id"] == "x-gouv-ag")
    assert first["count"] == PHONES
    assert first["distribution"] == {str(level): PHONES // 5 for level in range(5)}
    totals = {v["theme"]: v["votes"] for v in live["votes"]}
    assert (totals["gouvernance"], totals["emploi"]) == (2 * PHONES, PHONES)
    assert live["voters"] == PHONES


def test_a_waiting_phone_learns_of_the_next_phase_at_once(api_server: ApiServer):
    """Long polling across two workers: the phone's request waits in one worker, the
    facilitator's change happens in either, and the phone hears of it within a second."""
    api_server.server.flask("users", "create", "waiter@example.org", "--password", PASSWORD)
    token = api_server.call(
        "POST", "/api/v1/tokens", {"email": "waiter@example.org", "password": PASSWORD}
    )[2]["token"]
    workshop = api_server.call("POST", "/api/v1/workshops", {"title": "Attente"}, token)[2]
    state_url = f"/api/v1/workshops/{workshop['code']}/state"
    status, headers, state = api_server.call("GET", state_url)
    assert (status, state["phase"]) == (200, "welcome")
    etag = headers["ETag"]

    def wait_for_change():
        started = time.monotonic()
        request = urllib.request.Request(  # noqa: S310 - our own server
            f"{api_server.url}{state_url}?wait=20", headers={"If-None-Match": etag}
        )
        with urllib.request.urlopen(request, timeout=30) as response:  # noqa: S310
            return json.loads(response.read()), time.monotonic() - started

    for phase in ("reminder", "testimonies", "diagnosis", "map"):  # each change, in any worker
        with ThreadPoolExecutor(max_workers=1) as pool:
            waiting = pool.submit(wait_for_change)
            time.sleep(0.5)
            changed_at = time.monotonic()
            moved = api_server.call(
                "PUT", f"/api/v1/workshops/{workshop['id']}/phase", {"phase": phase}, token
            )
            assert moved[0] == 200
            state, _ = waiting.result()
            assert state["phase"] == phase
            assert time.monotonic() - changed_at < 1.5
        etag = f'"s{state["version"]}"'
    assert api_server.call("GET", state_url, headers={"If-None-Match": etag})[0] == 304
