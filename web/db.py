"""The portal's store, in the shape of Flask's tutorial (``flaskr/db.py``).

:func:`init_app` opens the application's engine once and closes each request's session when
the request ends; :func:`get_db` is that session, made on first use.  Before a domain
function opens a transaction of its own, a view calls :func:`release`.

The engine comes from ``database.engine`` (engine settings per database, the schema check):
only this module of ``web`` imports it.
"""

from __future__ import annotations

from flask import Flask
from flask import current_app
from flask import g
from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session

from database.engine import check_schema
from database.engine import database_url
from database.engine import make_engine


def init_app(app: Flask) -> None:
    """Open the store of ``DATABASE_URL`` (else the CLI's default), check its schema."""
    store = make_engine(database_url(app.config["DATABASE_URL"]))
    check_schema(store)
    app.extensions["miljomal_engine"] = store
    app.teardown_appcontext(close_db)


def engine(app: Flask | None = None) -> Engine:
    """The store's engine of this application (``app``, else the current one)."""
    found: Engine = (app or current_app).extensions["miljomal_engine"]
    return found


def get_db() -> Session:
    """The store session of this request (closed when the request ends)."""
    if "db" not in g:
        g.db = Session(engine(), expire_on_commit=False)
    session: Session = g.db
    return session


def release() -> None:
    """End the request session's transaction before a domain function opens its own.

    On SQLite every transaction takes the write lock (BEGIN IMMEDIATE), so an import
    started while this request still holds one would wait for itself.
    """
    if "db" in g:
        g.db.commit()


def close_db(_exc: BaseException | None = None) -> None:
    """Close the request's store session, if it made one."""
    session = g.pop("db", None)
    if session is not None:
        session.close()
