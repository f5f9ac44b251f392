"""A regional dashboard is reused only while the database says nothing that matters changed: an
organisation that opts out, or a new record, shows in the very next figures. Checked with each
worker's own cache and with the Redis one all workers share."""

from __future__ import annotations

import uuid

import pytest

from app.extensions import db
from app.services import statistics

from .test_statistics_figures import add_organisation, add_record, make_crew, stats


@pytest.fixture(params=["worker", "redis"])
def cached(request, app, monkeypatch):
    monkeypatch.setitem(app.config, "STATISTICS_CACHE_SECONDS", 60)
    if request.param == "redis":
        monkeypatch.setitem(app.config, "REDIS_URL", "redis://127.0.0.1:6379/15")
        monkeypatch.setitem(app.config, "SECRET_KEY", f"test-{uuid.uuid4()}")  # keys of this test
    statistics._CACHE.clear()
    yield request.param
    statistics._CACHE.clear()
    if request.param == "redis":
        store = statistics._shared_store()
        for name in store.scan_iter("ecotone:figures:*"):
            store.delete(name)


@pytest.mark.usefixtures("cached")
def test_the_cache_is_reused_only_while_nothing_changed(client, make_user, monkeypatch):
    crew = make_crew(make_user)
    client.login(crew.advisor)
    organisations = [add_organisation() for _ in range(5)]
    for organisation, score in zip(organisations, (20, 40, 50, 70, 90), strict=True):
        add_record(organisation, {"gouvernance": score})
    first = stats(client, crew.network.id)
    assert first["count"] == 5
    computed = []
    original = statistics._dashboard
    monkeypatch.setattr(
        statistics, "_dashboard", lambda *a, **kw: computed.append(1) or original(*a, **kw)
    )
    assert stats(client, crew.network.id) == first
    assert computed == []  # reused: nothing changed

    organisations[0].anonymous_statistics = False  # opts out: out of the very next figures
    db.session.commit()
    assert stats(client, crew.network.id) == {"shown": False, "count": None, "themes": []}
    assert computed == [1]

    add_record(add_organisation(), {"gouvernance": 60})  # a new record: computed again
    again = stats(client, crew.network.id)
    assert again["count"] == 5
    assert computed == [1, 1]
    assert stats(client, crew.network.id) == again
    assert computed == [1, 1]


def test_a_tampered_shared_entry_is_not_trusted(app, client, make_user, monkeypatch):
    monkeypatch.setitem(app.config, "STATISTICS_CACHE_SECONDS", 60)
    monkeypatch.setitem(app.config, "REDIS_URL", "redis://127.0.0.1:6379/15")
    monkeypatch.setitem(app.config, "SECRET_KEY", f"test-{uuid.uuid4()}")
    crew = make_crew(make_user)
    client.login(crew.advisor)
    for score in (20, 40, 50, 70, 90):
        add_record(add_organisation(), {"gouvernance": score})
    first = stats(client, crew.network.id)
    store = statistics._shared_store()
    try:
        for name in store.scan_iter("ecotone:figures:*"):
            raw = store.get(name)
            store.set(name, raw[:32] + raw[32:].replace(b"gouvernance", b"gouvernancX"))
        assert stats(client, crew.network.id) == first  # recomputed, not read back
    finally:
        for name in store.scan_iter("ecotone:figures:*"):
            store.delete(name)
