"""Routes anyone may call: the health check, the statements the law asks for, error pages."""

from __future__ import annotations

from typing import Any

from flask import Blueprint
from flask import Flask
from flask import Response
from flask import current_app
from flask import jsonify
from flask import render_template
from flask import request
from sqlalchemy import text
from sqlalchemy.exc import SQLAlchemyError

from reports.documents.templating import stylesheet
from reports.statements import PORTAL
from reports.statements import Organisation
from reports.statements import accessibility_statement
from reports.statements import privacy_statement
from web.db import get_db
from web.permissions import requires
from web.template_helpers import max_megabytes
from web.text import lang
from web.text import say

blueprint = Blueprint("public", __name__)


@blueprint.route("/health")
@requires("public")
def health() -> Any:
    """200 with the store's reachability and schema version; 503 when the store is down."""
    try:
        version = get_db().execute(text("SELECT version_num FROM alembic_version")).scalar()
    except SQLAlchemyError:
        return jsonify({"status": "error", "database": "unreachable", "schema": None}), 503
    return jsonify({"status": "ok", "database": "reachable", "schema": version})


@blueprint.route("/reports.css")
@requires("public")
def reports_css() -> Any:
    """The reports' stylesheet, shared by the portal's pages (portal.css adds to it)."""
    response = Response(stylesheet(), mimetype="text/css")
    response.headers["Cache-Control"] = "public, max-age=86400"
    return response


@blueprint.route("/tillganglighet")
@requires("public")
def accessibility() -> Any:
    """The accessibility statement (tillgänglighetsredogörelse), from the county's settings."""
    statement = accessibility_statement(_organisation(), PORTAL, lang())
    return render_template("statement.html", statement=statement)


@blueprint.route("/personuppgifter")
@requires("public")
def privacy() -> Any:
    """Which personal data the portal keeps, why, for how long, and whom to ask."""
    return render_template("statement.html", statement=privacy_statement(_organisation(), lang()))


def _organisation() -> Organisation:
    return Organisation.from_settings(dict(current_app.config))


def register_error_pages(app: Flask) -> None:
    """Readable pages (JSON under /api/) for 400, 403, 404, 405, 413 and 500; no traceback."""
    for status in (400, 401, 403, 404, 405, 413, 500):
        app.register_error_handler(status, _page_for(status))


def _page_for(status: int) -> Any:
    def handler(_error: Exception) -> Any:
        message = say(f"error-{status}", megabytes=max_megabytes())
        if request.path.startswith("/api/"):
            return jsonify({"error": message}), status
        return render_template("message.html", message=message, status=status), status

    return handler
