"""The county board's upload of a county compilation: one file, many municipalities.

Ladda upp -> Granska -> Spara as a reporter's upload (`web.reporting`), through the same
import (`intake.importer.import_file`), but with no municipality chosen: the file
may hold any of the county's municipalities and no other.  Rows of totals ("Summa",
"Västernorrlands län") are skipped with a warning by the reader.
"""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Any

from flask import Blueprint
from flask import redirect
from flask import render_template
from flask import request
from flask import url_for

from accounts.staging import discard_staged
from accounts.staging import find_staged
from accounts.staging import stage_file
from indicators import gate
from indicators.safe_text import upload_name
from intake.annotate import write_annotated_copy
from intake.import_outcome import FileOutcome
from municipalities.registry import municipalities_in_county
from municipalities.registry import resolve_county
from web.db import get_db
from web.permissions import requires
from web.reporting import chosen_year
from web.reporting import offered_years
from web.security import account
from web.security import user_county
from web.text import lang
from web.text import say
from web.uploads import ALLOWED_SUFFIXES
from web.uploads import errors_first
from web.uploads import import_upload
from web.uploads import rejected_review
from web.uploads import send_workbook

blueprint = Blueprint("county_upload", __name__, url_prefix="/lan")


@blueprint.route("/ladda-upp", methods=["GET", "POST"])
@requires("county")
def upload() -> Any:
    """Ladda upp a county compilation; Granska runs the whole import as a dry run."""
    county = user_county()
    year = chosen_year()
    page = {"municipality": None, "county_name": resolve_county(county).name}
    if request.method == "GET":
        return render_template("reporting/upload.html", year=year, years=offered_years(), **page)
    sent = request.files.get("file")
    error = None
    if sent is None or not sent.filename:
        error = say("choose-file")
    elif Path(upload_name(sent.filename)).suffix.lower() not in ALLOWED_SUFFIXES:
        error = say("wrong-suffix", name=upload_name(sent.filename))
    if sent is None or error is not None:
        return render_template(
            "reporting/upload.html", year=year, years=offered_years(), error=error, **page
        ), 400
    name = upload_name(str(sent.filename))
    content = sent.read()
    outcome = _import(content, name, county, year, dry_run=True)
    staged = stage_file(
        get_db(),
        user_id=account().id,
        municipality_code=None,
        year=year,
        file_name=name,
        content=content,
        ok=outcome.outcome == "dry-run",
    )
    get_db().commit()
    return render_template(
        "reporting/review.html",
        year=year,
        outcome=outcome,
        problems=errors_first(outcome.problems.problems),
        staged=staged,
        file_name=name,
        **page,
    )


@blueprint.route("/spara", methods=["POST"])
@requires("county")
def save() -> Any:
    """Spara: import exactly the bytes reviewed, found by their SHA-256."""
    county = user_county()
    sha = request.form.get("sha256", "")
    staged = find_staged(get_db(), user_id=account().id, municipality_code=None, sha256=sha)
    if staged is None:
        return render_template("message.html", message=say("staged-gone")), 404
    outcome = _import(staged.content, staged.file_name, county, staged.year, dry_run=False)
    if outcome.outcome == "rejected":
        return rejected_review(
            staged, outcome, municipality=None, county_name=resolve_county(county).name
        )
    year = staged.year
    discard_staged(get_db(), staged)
    get_db().commit()
    return redirect(url_for("county.matrix", ar=year, sparad=outcome.upload_id or ""))


@blueprint.route("/granskning/<sha>")
@requires("county")
def annotated(sha: str) -> Any:
    """The reviewed compilation with each problem cell marked and a review sheet first."""
    county = user_county()
    staged = find_staged(get_db(), user_id=account().id, municipality_code=None, sha256=sha)
    if staged is None:
        return render_template("message.html", message=say("staged-gone")), 404
    outcome = _import(staged.content, staged.file_name, county, staged.year, dry_run=True)
    with tempfile.TemporaryDirectory() as folder:
        source = Path(folder) / staged.file_name
        source.write_bytes(staged.content)
        name = f"{Path(staged.file_name).stem}-granskning.xlsx"
        path = write_annotated_copy(source, outcome.problems, Path(folder) / name, lang=lang())
        data = path.read_bytes()
    return send_workbook(data, name)


def _import(content: bytes, name: str, county: str, year: int, *, dry_run: bool) -> FileOutcome:
    """`miljomal import` on the uploaded bytes: any of the county's municipalities, no other."""
    outcome: FileOutcome = import_upload(
        content,
        name,
        year=year,
        dry_run=dry_run,
        municipality=None,
        permitted=[m.code for m in municipalities_in_county(county)],
        # The gate decides each municipality-year as for the county board (which may
        # save outside the reporting window, never into an approved or locked year).
        within_window=True,
        gate_role=gate.COUNTY,
    )
    return outcome
