"""A reporter's pages: Min kommun, the template, Ladda upp -> Granska -> Spara, the form, Historik.

Every view names the municipality in its path and declares the permission it needs on it
(``@requires("read"|"report", municipality="code")``, checked first: 403, nothing read or
written).  Every write asks ``indicators.gate`` (role, year state, window) and shows its
sentence when refused; no view decides that by itself.  Files go through
``intake.importer.import_file``, as with `miljomal import`; the form goes through
``intake.entry.import_entered``, the same validation and store.
"""

from __future__ import annotations

import datetime as dt
import tempfile
from pathlib import Path
from typing import Any

from flask import Blueprint
from flask import abort
from flask import current_app
from flask import redirect
from flask import render_template
from flask import request
from flask import url_for
from sqlalchemy import select

from accounts.staging import TOO_MANY_ROWS
from accounts.staging import StagingFull
from accounts.staging import annotate
from accounts.staging import check_room
from accounts.staging import discard_staged
from accounts.staging import find_staged
from accounts.staging import keep_annotation
from accounts.staging import stage_file
from accounts.staging import staged_problems
from accounts.users import may_report
from accounts.users import readable_municipalities
from database.errors import StoreError
from indicators import gate
from indicators.catalogue import UnknownIndicator
from indicators.catalogue import list_indicators
from indicators.history import history as value_history
from indicators.meanings import code_meanings
from indicators.revert import plan_revert
from indicators.revert import revert_upload
from indicators.safe_text import upload_name
from indicators.store import locked_years
from intake.entry import EnteredValue
from intake.entry import form_row
from intake.entry import import_entered
from intake.template import default_file_name
from intake.template import write_template
from municipalities.models import Municipality
from review.overview import municipality_uploads
from review.overview import year_overview
from web.db import engine
from web.db import get_db
from web.db import release
from web.permissions import requires
from web.report_files import send_report
from web.security import account
from web.security import plain_year
from web.template_helpers import number
from web.text import lang
from web.text import say
from web.uploads import ALLOWED_SUFFIXES
from web.uploads import errors_first
from web.uploads import import_upload
from web.uploads import rejected_review
from web.uploads import review_busy
from web.uploads import send_workbook
from web.workload import review_slot
from web.workload import staging_limits

blueprint = Blueprint("reporting", __name__)

YEARS_OFFERED = 6


def reporting_year(today: dt.date | None = None) -> int:
    """The year reported when no reporting window is configured: the previous calendar year."""
    return (today or dt.date.today()).year - 1


def chosen_year() -> int:
    """The year of the request (``?ar=``, a form field ``year``), else the reporting year."""
    default = reporting_year()
    year = plain_year(request.values.get("ar") or request.values.get("year"))
    if year is not None and default - 30 <= year <= default + 1:
        return year
    return default


def offered_years() -> list[int]:
    """The years the year chooser offers, newest first (and the year in view, if older)."""
    newest = reporting_year()
    years = list(range(newest, newest - YEARS_OFFERED, -1))
    chosen = chosen_year()
    if chosen not in years:
        years = sorted([*years, chosen], reverse=True)
    return years


def indicator_set() -> str | None:
    """The indicator set reported through the portal; None: each year's default set."""
    configured = current_app.config.get("INDICATOR_SET")
    return str(configured) if configured else None


def _municipality(code: str) -> Any:
    municipality = get_db().get(Municipality, code)
    if municipality is None:
        abort(404)
    return municipality


@blueprint.route("/")
@requires("login")
def home() -> Any:
    """A reporter with one municipality goes to it; others choose among theirs."""
    allowed = readable_municipalities(get_db(), account())
    query = select(Municipality).order_by(Municipality.name)
    if allowed is not None:
        query = query.where(Municipality.code.in_(sorted(allowed)))
    municipalities = list(get_db().scalars(query))
    if len(municipalities) == 1:
        return redirect(url_for("reporting.overview", code=municipalities[0].code))
    return render_template("reporting/municipalities.html", municipalities=municipalities)


@blueprint.route("/kommun/<code>")
@requires("read", municipality="code")
def overview(code: str) -> Any:
    """Min kommun: one row per indicator for the year, what is missing obvious at a glance."""
    municipality = _municipality(code)
    year = chosen_year()
    overview = year_overview(get_db(), code, year, indicator_set())
    return render_template(
        "reporting/overview.html",
        municipality=municipality,
        year=year,
        years=offered_years(),
        rows=overview.rows,
        missing=overview.missing,
        set_code=overview.set_code,
        write=_gate(gate.FORM, code, year),
        ready=_gate(gate.SUBMIT_DOOR, code, year),
    )


@blueprint.route("/kommun/<code>/klar", methods=["POST"])
@requires("report", municipality="code")
def ready_for_review(code: str) -> Any:
    """Klar för granskning: the reporter sends the year to the county board (inskickad)."""
    year = chosen_year()
    decision = _gate(gate.SUBMIT_DOOR, code, year)
    if not decision.allowed:
        return _refused(decision)
    gate.mark_ready_for_review(get_db(), code, year, account().email, role=account().role)
    get_db().commit()
    return redirect(url_for("reporting.overview", code=code, ar=year, klar=1))


@blueprint.route("/kommun/<code>/mall")
@requires("read", municipality="code")
def template(code: str) -> Any:
    """Ladda ner mall: the pre-filled template workbook, as `miljomal template` writes it."""
    municipality = _municipality(code)
    year = chosen_year()
    name = default_file_name(code, municipality.short_name, year)
    with tempfile.TemporaryDirectory() as folder:
        path = write_template(
            get_db(), code, year, Path(folder) / name, set_code=indicator_set(), lang=lang()
        )
        data = path.read_bytes()
    return send_workbook(data, name)


@blueprint.route("/kommun/<code>/ladda-upp", methods=["GET", "POST"])
@requires("report", municipality="code")
def upload(code: str) -> Any:
    """Ladda upp: choose a file, press Granska; the whole import runs as a dry run.

    One user runs at most REVIEWS_PER_USER reviews at once, and staged bytes stay under the
    caps (a plain page otherwise).  A file that cannot be saved keeps no bytes: its
    annotated copy is made now, while the bytes are at hand.
    """
    municipality = _municipality(code)
    year = chosen_year()
    write = _gate(gate.IMPORT, code, year)
    if request.method == "GET":
        return _upload_form(municipality, year, write)
    if not write.allowed:
        return _refused(write)
    sent = request.files.get("file")
    if sent is None or not sent.filename:
        return _upload_form(municipality, year, write, error=say("choose-file")), 400
    name = upload_name(sent.filename)
    if Path(name).suffix.lower() not in ALLOWED_SUFFIXES:
        return _upload_form(municipality, year, write, error=say("wrong-suffix", name=name)), 400
    content = sent.read()
    with review_slot(account().id) as running:
        if not running:
            return review_busy()
        try:
            outcome, staged = _review(content, name, code, year)
        except StagingFull as exc:
            get_db().rollback()
            return render_template("message.html", message=exc.message(lang())), 413
    return render_template(
        "reporting/review.html",
        municipality=municipality,
        year=year,
        outcome=outcome,
        problems=errors_first(outcome.problems.problems),
        staged=staged,
        file_name=name,
    )


@blueprint.route("/kommun/<code>/granskning/<sha>")
@requires("report", municipality="code")
def annotated(code: str, sha: str) -> Any:
    """The reviewed file with each problem cell marked and a review sheet first.

    Made once per staged file and kept with it (the review never runs again here); a file
    whose copy cannot be made gets a plain page listing its problems.
    """
    staged = find_staged(get_db(), user_id=account().id, municipality_code=code, sha256=sha)
    if staged is None:
        abort(404)
    name = f"{Path(staged.file_name).stem}-granskning.xlsx"
    if staged.annotated is not None and (lang() == staged.annotated_lang or not staged.ok):
        return send_workbook(staged.annotated, name)
    if staged.annotation_refusal is None and staged.ok:
        with review_slot(account().id) as running:
            if not running:
                return review_busy()
            content, problems = staged.content, staged_problems(staged)
            release()  # no store transaction (on SQLite: the write lock) while copying
            copy = annotate(
                content,
                staged.file_name,
                problems,
                lang=lang(),
                max_rows=current_app.config["ANNOTATE_MAX_ROWS"],
            )
            keep_annotation(get_db(), staged, copy, staging_limits())
            get_db().commit()
        if copy.content is not None:
            return send_workbook(copy.content, name)
    if staged.annotation_refusal is None:
        abort(404)  # a file with nothing to mark: no copy was offered
    return _no_annotated_copy(staged)


@blueprint.route("/kommun/<code>/spara", methods=["POST"])
@requires("report", municipality="code")
def save(code: str) -> Any:
    """Spara: import exactly the bytes reviewed, found by their SHA-256."""
    municipality = _municipality(code)
    sha = request.form.get("sha256", "")
    staged = find_staged(get_db(), user_id=account().id, municipality_code=code, sha256=sha)
    if staged is None:
        return render_template("message.html", message=say("staged-gone")), 404
    if not staged.ok:  # the review found errors; its bytes were not kept
        return render_template("message.html", message=say("staged-not-savable")), 422
    write = _gate(gate.IMPORT, code, staged.year)
    if not write.allowed:
        return _refused(write)
    outcome = _import_bytes(staged.content, staged.file_name, code, staged.year, dry_run=False)
    if outcome.outcome == "rejected":
        return rejected_review(staged, outcome, municipality=municipality)
    year = staged.year
    discard_staged(get_db(), staged)
    get_db().commit()
    return _saved(code, year, write, outcome.upload_id)


@blueprint.route("/kommun/<code>/formular", methods=["GET", "POST"])
@requires("report", municipality="code")
def form(code: str) -> Any:
    """Fyll i direkt: one field per indicator, checked as a file's values are, all or nothing."""
    municipality = _municipality(code)
    year = chosen_year()
    overview = year_overview(get_db(), code, year, indicator_set())
    rows = overview.rows
    problems: dict[int, list[Any]] = {}
    other_problems: list[Any] = []
    entered: dict[str, tuple[str, str]] = {}
    saved: int | None = None
    status = 200
    write = _gate(gate.FORM, code, year)
    if request.method == "POST" and not write.allowed:
        return _refused(write)
    if request.method == "POST":
        entries = []
        for row in rows:
            code_text = row.indicator.code
            value = request.form.get(f"value-{code_text}", "")
            comment = request.form.get(f"comment-{code_text}", "")
            entered[code_text] = (value, comment)
            stored_comment = (row.current.comment or "") if row.current else ""
            if not value.strip() and comment.strip() == stored_comment.strip():
                comment = ""  # the pre-filled comment, untouched: the field says nothing
            entries.append(EnteredValue(code_text, value, comment))
        release()
        outcome = import_entered(
            engine(),
            entries,
            municipality=code,
            year=year,
            user=account().email,
            lang=lang(),
            moment=dt.datetime.now(dt.UTC).isoformat(),
            indicator_set=overview.set_code,
        )
        index_of_row = {form_row(i): i for i in range(len(rows))}
        for problem in errors_first(outcome.problems.problems):
            index = index_of_row.get(problem.row) if problem.row is not None else None
            if index is None:
                other_problems.append(problem)
            else:
                problems.setdefault(index, []).append(problem)
        if outcome.outcome == "rejected":
            status = 422
        elif not outcome.problems.problems:
            return _saved(code, year, write, outcome.upload_id)
        else:  # saved, with warnings worth a look beside their fields
            saved = outcome.upload_id
            rows = year_overview(get_db(), code, year, overview.set_code).rows
    return render_template(
        "reporting/form.html",
        municipality=municipality,
        year=year,
        years=offered_years(),
        rows=rows,
        problems=problems,
        other_problems=other_problems,
        entered=entered,
        saved=saved,
        write=_gate(gate.FORM, code, year) if saved else write,  # the state after the save
        reopened=write.notice_message(lang()) if saved else "",
        errors=sum(1 for found in problems.values() for p in found if p.severity == "error")
        + sum(1 for p in other_problems if p.severity == "error"),
    ), status


# What a reporter may fetch of the reports: the municipality's own, and the county's
# comparison table (read-only) to see the neighbours.
REPORTER_REPORTS = {
    "kommunrapport": ("municipality", ("pdf", "html")),
    "lan": ("county", ("pdf", "html")),
}


@blueprint.route("/kommun/<code>/rapporter/<name>.<fmt>")
@requires("read", municipality="code")
def report(code: str, name: str, fmt: str) -> Any:
    """The municipality's report, or its county's comparison, for the chosen year."""
    municipality = _municipality(code)
    kind, formats = REPORTER_REPORTS.get(name, ("", ()))
    if fmt not in formats:
        abort(404)
    return send_report(
        kind,
        fmt,
        county=municipality.county_code,
        year=chosen_year(),
        municipality=code if kind == "municipality" else None,
    )


@blueprint.route("/kommun/<code>/historik")
@requires("read", municipality="code")
def history(code: str) -> Any:
    """Historik: the uploads that changed the municipality's values, and each value's history."""
    municipality = _municipality(code)
    uploads = municipality_uploads(get_db(), code)
    # Every set's indicators: a series of the 2012 set stays readable after 2023.
    indicators = list_indicators(get_db())
    wanted = request.args.get("indikator", "")
    meanings = [i for i in indicators if f"{i.indicator_set.code}:{i.code}" == wanted]
    if not meanings and wanted.strip():
        # A bare code (a link, a bookmark): the set(s) the series has values in.
        try:
            meanings = code_meanings(get_db(), wanted, [code])
        except UnknownIndicator:
            meanings = []
    series = [(i, list(reversed(value_history(get_db(), code, i.id)))) for i in meanings]
    return render_template(
        "reporting/history.html",
        municipality=municipality,
        uploads=uploads,
        locked=locked_years(get_db()),
        may_revert=_may_report(code),
        indicators=indicators,
        chosen=meanings[0] if meanings else None,
        series=series,
    )


@blueprint.route("/kommun/<code>/historik/<int:upload_id>/aterstall", methods=["GET", "POST"])
@requires("report", municipality="code")
def revert(code: str, upload_id: int) -> Any:
    """Återställ: a page listing what will change (now -> after), then the revert on POST.

    A reporter reverts only an upload of their own municipality that no other user's
    later save depends on, and only while the gate lets them write every year it touches.
    """
    municipality = _municipality(code)
    summary = next(
        (s for s in municipality_uploads(get_db(), code) if s.upload.id == upload_id), None
    )
    if summary is None or summary.other_municipalities:
        abort(403)
    try:
        plan = plan_revert(get_db(), upload_id)
    except StoreError as exc:
        return render_template("message.html", message=exc.message(lang())), 409
    years = sorted({year for _, year in plan.places} or set(summary.years))
    for year in years:
        decision = _gate(gate.REVERT, code, year)
        if not decision.allowed:
            return _refused(decision)
    others = [c for c in plan.conflicts if c.changed_by != account().email]
    if others and account().role == "reporter":
        return render_template(
            "reporting/revert.html", municipality=municipality, plan=plan, blocked=others
        ), 409
    if request.method == "GET":
        return render_template(
            "reporting/revert.html", municipality=municipality, plan=plan, blocked=[]
        )
    try:
        revert_upload(get_db(), upload_id, account().email)
    except StoreError as exc:
        get_db().rollback()
        return render_template("message.html", message=exc.message(lang())), 409
    get_db().commit()
    return redirect(url_for("reporting.history", code=code, aterstalld=upload_id))


def _review(content: bytes, name: str, code: str, year: int) -> tuple[Any, Any]:
    """The dry-run import of uploaded bytes and the staged file kept for Spara and download."""
    limits = staging_limits()
    check_room(get_db(), user_id=account().id, size=len(content), limits=limits)
    outcome = _import_bytes(content, name, code, year, dry_run=True)
    ok = outcome.outcome == "dry-run"
    problems = outcome.problems.problems
    copy = None
    if not ok and problems:
        rows = current_app.config["ANNOTATE_MAX_ROWS"]
        copy = annotate(content, name, problems, lang=lang(), max_rows=rows)
    staged = stage_file(
        get_db(),
        user_id=account().id,
        municipality_code=code,
        year=year,
        file_name=name,
        content=content,
        ok=ok,
        problems=problems,
        annotation=copy,
        limits=limits,
    )
    get_db().commit()
    return outcome, staged


def _no_annotated_copy(staged: Any) -> Any:
    """A plain page: why no annotated copy is made, and every problem the review found."""
    if staged.annotation_refusal == TOO_MANY_ROWS:
        rows = current_app.config["ANNOTATE_MAX_ROWS"]
        message = say("annotation-too-many-rows", rows=number(rows, 0))
    else:
        message = say("annotation-impossible")
    return render_template(
        "reporting/annotation_refused.html",
        municipality=_municipality(staged.municipality_code),
        year=staged.year,
        message=message,
        problems=errors_first(staged_problems(staged)),
        file_name=staged.file_name,
    )


def _gate(door: str, code: str, year: int) -> gate.GateDecision:
    """The gate's answer for the logged-in user writing the municipality's year by ``door``."""
    return gate.check(
        get_db(),
        door=door,
        role=account().role,
        municipality_code=code,
        year=year,
        permitted=_may_report(code),
    )


def _refused(decision: gate.GateDecision) -> Any:
    """The page of a write the gate refused: its sentence, 403 or 409."""
    return render_template("message.html", message=decision.message(lang())), decision.status


def _upload_form(
    municipality: Any, year: int, write: gate.GateDecision, error: str | None = None
) -> str:
    """The upload page, with the reason the last file was not taken when there is one."""
    extra = {} if error is None else {"error": error}
    return render_template(
        "reporting/upload.html",
        municipality=municipality,
        year=year,
        years=offered_years(),
        write=write,
        **extra,
    )


def _saved(code: str, year: int, write: gate.GateDecision, upload_id: int | None) -> Any:
    """Back to the overview after a save, naming the upload (and a reopened year)."""
    return redirect(
        url_for(
            "reporting.overview",
            code=code,
            ar=year,
            sparad=upload_id or "",
            **_reopened(write, upload_id),
        )
    )


def _reopened(write: gate.GateDecision, upload_id: int | None) -> dict[str, Any]:
    """The redirect's flag that a save opened a year marked "Klar för granskning" again."""
    return {"oppnad": 1} if write.notice and upload_id else {}


def _may_report(code: str) -> bool:
    return may_report(get_db(), account(), code)


def _import_bytes(content: bytes, name: str, code: str, year: int, *, dry_run: bool) -> Any:
    """Run `miljomal import`'s pipeline on uploaded bytes, for this municipality only."""
    return import_upload(
        content,
        name,
        municipality=code,
        year=year,
        dry_run=dry_run,
        permitted=[code],
        within_window=account().role == "reporter",
    )
