"""One atomic INSERT … ON CONFLICT DO UPDATE, on SQLite and PostgreSQL alike.

Live workshops take hundreds of writes at the same instant from several workers: a read, then an
insert or an update, would let two of them collide (a lost vote, a unique violation). The database
does it in one statement instead. The statement is built once per table and set of columns (its
values are bound parameters), so SQLAlchemy compiles it once: a phone's answer is on the hot path.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from functools import cache
from typing import Any

from sqlalchemy import Insert
from sqlalchemy.dialects import postgresql, sqlite

from app.extensions import db

_INSERTS = {"postgresql": postgresql.insert, "sqlite": sqlite.insert}


@cache
def _statement(
    dialect: str, model: type, columns: tuple[str, ...], keys: tuple[str, ...]
) -> Insert:
    statement = _INSERTS[dialect](model)
    changes = {name: statement.excluded[name] for name in columns if name not in keys}
    return statement.on_conflict_do_update(index_elements=list(keys), set_=changes)


def upsert(model: type, values: Mapping[str, Any], keys: Sequence[str]) -> None:
    """Insert `values`, or update every other given column of the row with the same `keys`."""
    dialect = db.session.get_bind().dialect.name
    statement = _statement(dialect, model, tuple(sorted(values)), tuple(keys))
    db.session.connection().execute(statement, dict(values))  # Core: no ORM bulk machinery
