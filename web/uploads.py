"""Uploaded files, a reporter's and the county board's alike: the import run on the uploaded
bytes (a dry run for Granska, the real one for Spara), the review page's pieces, and the
workbooks sent back.
"""

from __future__ import annotations

import tempfile
from io import BytesIO
from pathlib import Path
from typing import Any

from flask import current_app
from flask import render_template
from flask import send_file

from intake import importer
from web.db import engine
from web.db import release
from web.security import account
from web.text import lang
from web.text import say

ALLOWED_SUFFIXES = (".xlsx", ".xlsm", ".ods", ".csv", ".txt")
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def import_upload(content: bytes, name: str, *, year: int, dry_run: bool, **options: Any) -> Any:
    """`miljomal import` on uploaded bytes as the logged-in user; the outcome names the upload.

    ``options`` are :func:`intake.importer.import_file`'s (municipality, permitted,
    within_window, gate_role); the municipality's pages and the county's upload differ there.
    """
    release()
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / name
        path.write_bytes(content)
        outcome = importer.import_file(
            engine(),
            path,
            user=account().email,
            year=year,
            dry_run=dry_run,
            lang=lang(),
            **options,
        )
    outcome.path = name
    outcome.problems.file = name
    return outcome


def errors_first(problems: list[Any]) -> list[Any]:
    """The problems with the errors first (the warnings after them, each in their order)."""
    return sorted(problems, key=lambda p: 0 if p.severity == "error" else 1)


def rejected_review(staged: Any, outcome: Any, **page: Any) -> tuple[str, int]:
    """The review page of a staged file whose save was refused (422), problems first."""
    return render_template(
        "reporting/review.html",
        year=staged.year,
        outcome=outcome,
        problems=errors_first(outcome.problems.problems),
        staged=staged,
        file_name=staged.file_name,
        **page,
    ), 422


def review_busy() -> Any:
    """429: this user already runs as many reviews as allowed at once."""
    count = current_app.config["REVIEWS_PER_USER"]
    page = render_template("message.html", message=say("review-busy", count=count), status=429)
    return page, 429, {"Retry-After": "5"}


def send_workbook(data: bytes, name: str) -> Any:
    """An .xlsx file to download under ``name``."""
    return send_file(BytesIO(data), mimetype=XLSX, as_attachment=True, download_name=name)
