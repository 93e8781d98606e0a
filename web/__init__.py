"""The web portal: municipal officials log in, upload or type their values, see the review.

``create_app(config)`` builds the Flask application; the blueprints are ``auth`` (login,
invitations, settings), ``reporting`` (a reporter's pages) and ``api`` (bearer-token JSON).
The county board's pages come as one more blueprint registered in :func:`create_app`.
Views are thin: they declare who may call them (``@requires``, :mod:`web.permissions`),
call domain functions (``accounts``, ``intake.importer``, ``intake.entry``,
``indicators.export``) and render results from ``templates/<blueprint>/``.
"""

from __future__ import annotations

import os
import secrets
from pathlib import Path
from typing import Any

from flask import Flask

from accounts.staging import ANNOTATE_MAX_ROWS
from accounts.staging import PER_USER_BYTES
from accounts.staging import TOTAL_BYTES
from reports.documents import templating
from web import api
from web import auth
from web import county
from web import db
from web import public
from web import reporting
from web import security
from web import template_helpers
from web import workload
from web.on_request import REPORT_CACHE_BYTES
from web.workload import HOUSEKEEPING_MINUTES
from web.workload import REPORT_WORKERS
from web.workload import REVIEWS_PER_USER

DEFAULT_MAX_UPLOAD = 20 * 1024 * 1024
SESSION_MINUTES = 30
SESSION_HOURS = 12  # a session ends this long after its login, however active
STATEMENT_SETTINGS = (
    "MILJOMAL_ORG_NAME",
    "MILJOMAL_ORG_CONTACT",
    "MILJOMAL_ACCESSIBILITY_ASSESSED",
    "MILJOMAL_ACCESSIBILITY_UPDATED",
    "MILJOMAL_RETENTION_YEARS",
)


def create_app(config: dict[str, Any] | None = None) -> Flask:
    """The portal on the store of ``config["DATABASE_URL"]`` (else the CLI's default store)."""
    app = Flask(__name__, instance_path=os.environ.get("MILJOMAL_INSTANCE") or None)
    app.config.update(
        DATABASE_URL=None,
        MAX_CONTENT_LENGTH=_int_env("MILJOMAL_MAX_UPLOAD_BYTES", DEFAULT_MAX_UPLOAD),
        SESSION_MINUTES=_int_env("MILJOMAL_SESSION_MINUTES", SESSION_MINUTES),
        SESSION_HOURS=_int_env("MILJOMAL_SESSION_HOURS", SESSION_HOURS),
        RATELIMIT_STORAGE_URI=os.environ.get("MILJOMAL_RATELIMIT_STORAGE", "memory://"),
        SESSION_COOKIE_HTTPONLY=True,
        SESSION_COOKIE_SAMESITE="Lax",
        SESSION_COOKIE_NAME="miljomal_session",
        WTF_CSRF_TIME_LIMIT=None,  # the token lives as long as the session
        # Bounds on one user's work (issue 22; docs/security.md, "The portal under load").
        STAGED_BYTES_PER_USER=_int_env("MILJOMAL_STAGED_BYTES_PER_USER", PER_USER_BYTES),
        STAGED_BYTES_TOTAL=_int_env("MILJOMAL_STAGED_BYTES_TOTAL", TOTAL_BYTES),
        STAGED_HOURS=_int_env("MILJOMAL_STAGED_HOURS", 24),
        ANNOTATE_MAX_ROWS=_int_env("MILJOMAL_ANNOTATE_MAX_ROWS", ANNOTATE_MAX_ROWS),
        REVIEWS_PER_USER=_int_env("MILJOMAL_REVIEWS_PER_USER", REVIEWS_PER_USER),
        REPORT_WORKERS=_int_env("MILJOMAL_REPORT_WORKERS", REPORT_WORKERS),
        REPORT_CACHE_DAYS=_int_env("MILJOMAL_REPORT_CACHE_DAYS", 7),
        REPORT_CACHE_BYTES=_int_env("MILJOMAL_REPORT_CACHE_BYTES", REPORT_CACHE_BYTES),
        HOUSEKEEPING_MINUTES=_int_env("MILJOMAL_HOUSEKEEPING_MINUTES", HOUSEKEEPING_MINUTES),
    )
    # The county's settings for the accessibility statement and the privacy page.
    app.config.update({name: os.environ.get(name) for name in STATEMENT_SETTINGS})
    app.config.update(config or {})
    if not app.config.get("SECRET_KEY"):
        app.config["SECRET_KEY"] = secret_key(Path(app.instance_path))
    app.config["MAX_FORM_MEMORY_SIZE"] = app.config["MAX_CONTENT_LENGTH"]
    app.permanent_session_lifetime = app.config["SESSION_MINUTES"] * 60

    db.init_app(app)  # the store's engine, and each request's session closed at its end
    app.json.sort_keys = False  # type: ignore[attr-defined]
    app.json.ensure_ascii = False  # type: ignore[attr-defined]
    security.init_app(app)
    workload.init_app(app)
    public.register_error_pages(app)
    templating.configure(app.jinja_env)  # the documents' and the site's options and layout
    app.context_processor(template_helpers.helpers)
    app.register_blueprint(public.blueprint)
    app.register_blueprint(auth.blueprint)
    app.register_blueprint(reporting.blueprint)
    app.register_blueprint(api.blueprint)
    county.register(app)  # Inrapportering, Påminnelser, Granskningslogg
    return app


def secret_key(instance: Path) -> str:
    """MILJOMAL_SECRET_KEY, else the instance folder's key file, created with mode 0600."""
    from_env = os.environ.get("MILJOMAL_SECRET_KEY")
    if from_env:
        return from_env
    path = instance / "secret_key"
    if path.exists():
        return path.read_text(encoding="utf-8").strip()
    instance.mkdir(parents=True, exist_ok=True)
    key = secrets.token_hex(32)
    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(descriptor, "w", encoding="utf-8") as handle:
        handle.write(key + "\n")
    return key


def _int_env(name: str, default: int) -> int:
    text = os.environ.get(name)
    return int(text) if text and text.isdigit() else default
