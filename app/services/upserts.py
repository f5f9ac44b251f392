"""One atomic INSERT … ON CONFLICT DO UPDATE, on SQLite and PostgreSQL alike.

Live workshops take hundreds of writes at the same instant from several workers: a read, then an
insert or an update, would let two of them collide (a lost vote, a unique violation). The database
does it in one statement instead.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from sqlalchemy.dialects import postgresql, sqlite

from app.extensions import db

_INSERTS = {"postgresql": postgresql.insert, "sqlite": sqlite.insert}


def upsert(model: type, values: Mapping[str, Any], keys: Sequence[str]) -> None:
    """Insert `values`, or update every other column of the row with the same `keys`."""
    dialect = db.session.get_bind().dialect.name
    statement = _INSERTS[dialect](model).values(**values)
    changes = {name: statement.excluded[name] for name in values if name not in keys}
    db.session.execute(statement.on_conflict_do_update(index_elements=list(keys), set_=changes))
