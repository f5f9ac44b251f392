"""Engine settings that depend on the database in use.

SQLite (development) needs foreign keys switched on, a busy timeout so that several workers wait for
each other instead of failing, and WAL so that readers do not block the writer. The test suite also
asks for SQLite savepoints (`SQLITE_SAVEPOINTS`), which pysqlite only supports when SQLAlchemy emits
BEGIN itself; it is off elsewhere because pysqlite's lazy BEGIN copes better with concurrent
writers.
"""

from __future__ import annotations

import sqlite3

import orjson
from flask import Flask
from sqlalchemy import Connection, event

from .extensions import db


def _json_loads(value: object) -> object:
    """SQLite gives a JSON column's number back as a number (the column has numeric affinity)."""
    if isinstance(value, str | bytes | bytearray | memoryview):
        return orjson.loads(value)
    return value


def engine_options(app: Flask) -> None:
    """JSON columns read with orjson (the regional dashboard decodes thousands of stored theme
    scores per request: eight times faster than the standard library's parser), and pool sizes
    for a database server (SQLite keeps SQLAlchemy's). Set before the engine is created, so call
    it before `db.init_app`."""
    app.config["SQLALCHEMY_ENGINE_OPTIONS"] = {
        **app.config["SQLALCHEMY_ENGINE_OPTIONS"],
        "json_deserializer": _json_loads,
    }
    if app.config["SQLALCHEMY_DATABASE_URI"].startswith("sqlite"):
        return
    app.config["SQLALCHEMY_ENGINE_OPTIONS"] = {
        **app.config["SQLALCHEMY_ENGINE_OPTIONS"],
        "pool_size": app.config["DB_POOL_SIZE"],
        "max_overflow": app.config["DB_MAX_OVERFLOW"],
    }


def configure_engine(app: Flask) -> None:
    if not app.config["SQLALCHEMY_DATABASE_URI"].startswith("sqlite"):
        return
    with app.app_context():
        engine = db.engine
    savepoints = app.config.get("SQLITE_SAVEPOINTS", False)

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: sqlite3.Connection, _record: object) -> None:
        if savepoints:
            dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA foreign_keys = ON")
        cursor.execute("PRAGMA busy_timeout = 15000")
        cursor.execute("PRAGMA journal_mode = WAL")
        cursor.close()

    if savepoints:

        @event.listens_for(engine, "begin")
        def _on_begin(connection: Connection) -> None:
            connection.exec_driver_sql("BEGIN")
