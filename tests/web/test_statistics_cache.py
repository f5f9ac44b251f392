"""A worker reuses a regional dashboard only while the database says nothing changed: an
organisation that opts out, or a new score, shows in the very next figures."""

from __future__ import annotations

import pytest

from app.extensions import db
from app.services import statistics

from .test_statistics_figures import add_organisation, add_record, make_crew, stats


@pytest.fixture
def cached(app, monkeypatch):
    monkeypatch.setitem(app.config, "STATISTICS_CACHE_SECONDS", 60)
    statistics._CACHE.clear()
    yield
    statistics._CACHE.clear()


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
