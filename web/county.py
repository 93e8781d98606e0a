"""The county board's pages: Inrapportering, Påminnelser and Granskningslogg.

Every view declares ``@requires("county")`` (the role ``county``, checked on the server) and
works within the user's own county; every form carries the CSRF token (``security.csrf``).
Views call the domain functions of :mod:`review.approval` and render their results.
"""

from __future__ import annotations

from typing import Any

from flask import Blueprint
from flask import Response
from flask import abort
from flask import current_app
from flask import redirect
from flask import render_template
from flask import request
from flask import url_for
from sqlalchemy import select

from accounts.audit import entries_for_county
from accounts.models import User
from accounts.models import UserMunicipality
from i18n import render_stored
from indicators import gate
from indicators.csv_out import csv_text
from indicators.year_state import STATE_WORDS
from indicators.year_state import ApprovalError
from municipalities.registry import municipalities_in_county
from municipalities.registry import resolve_municipality
from review import approval
from review.audit import AUDIT_KINDS
from review.audit import AUDIT_WORDS
from review.audit import audit_log
from review.matrix import reporting_matrix
from review.reminders import REMINDER_WORDS
from review.reminders import reminders as find_reminders
from web.county_upload import blueprint as upload_blueprint
from web.db import get_db
from web.mail import send_decision
from web.mail import send_reminders
from web.mail import smtp_settings
from web.on_request import FORMATS
from web.permissions import requires
from web.report_files import send_report
from web.reporting import chosen_year
from web.reporting import offered_years
from web.security import account
from web.security import plain_year
from web.security import user_county
from web.text import lang
from web.text import say

blueprint = Blueprint("county", __name__, url_prefix="/lan")

ACTIONS = ("approve", "return", "reopen")
# The fixed labels scripts and tests find (issue 15): never translated away.
NAV = (
    ("Inrapportering", "county.matrix"),
    ("Påminnelser", "county.reminders"),
    ("Rapporter", "county.reports"),
    ("Granskningslogg", "county.audit"),
)


def register(app: Any) -> None:
    """Register the blueprint and its navigation links for the county role."""
    app.register_blueprint(blueprint)
    app.register_blueprint(upload_blueprint)
    nav = app.extensions.setdefault("miljomal_nav", [])
    nav.extend(("county", label, endpoint) for label, endpoint in NAV)


def _year() -> int:
    return chosen_year()


@blueprint.route("/inrapportering")
@requires("county")
def matrix() -> Any:
    """Municipalities x indicators for the year, with approval buttons per municipality."""
    county = user_county()
    year = _year()
    found = reporting_matrix(get_db(), county, year)
    return render_template(
        "county/matrix.html",
        matrix=found,
        year=year,
        years=offered_years(),
        states=STATE_WORDS.words(lang()),
        window=found.review.window.sentence(lang()),
    )


@blueprint.route("/kommun/<code>/beslut", methods=["POST"])
@requires("county")
def decide(code: str) -> Any:
    """Godkänn, Skicka tillbaka or Öppna igen one municipality's year."""
    county = user_county()
    try:
        entry = resolve_municipality(code)
    except Exception:
        abort(404)
    if entry.county_code != county:
        abort(403)
    action = request.form.get("action", "")
    if action not in ACTIONS:
        abort(400)
    year = _year()
    decision = gate.check(
        get_db(), door=gate.DECIDE, role=account().role, municipality_code=code, year=year
    )
    if not decision.allowed:
        return render_template("message.html", message=decision.message(lang())), decision.status
    reason = request.form.get("reason", "").strip() or None
    if action in ("return", "reopen") and reason is None:
        message = say("decision-needs-reason", action=say(f"action-{action}"), name=entry.name)
        return render_template("message.html", message=message), 409
    decide_with = {
        "approve": lambda: approval.approve(get_db(), code, year, account().email, reason),
        "return": lambda: approval.return_to_municipality(
            get_db(), code, year, account().email, reason or ""
        ),
        "reopen": lambda: approval.reopen(get_db(), code, year, account().email, reason or ""),
    }[action]
    try:
        change = decide_with()
    except ApprovalError as exc:
        get_db().rollback()
        return render_template("message.html", message=exc.message(lang())), 409
    get_db().commit()
    settings = smtp_settings(current_app.config)
    if settings is not None and action in ("approve", "return"):
        try:
            send_decision(settings, change, _reporters([code]).get(code, []), request.url_root)
        except OSError as exc:  # the decision stands; the board learns the mail failed
            message = f"Beslutet är sparat, men e-posten kunde inte skickas: {exc}."
            return render_template("message.html", message=message), 502
    return redirect(url_for("county.matrix", ar=year))


@blueprint.route("/paminnelser")
@requires("county")
def reminders() -> Any:
    """Who has not sent, has values missing or has not answered a return; CSV and mailto."""
    county = user_county()
    year = _year()
    found = find_reminders(get_db(), county, year)
    contacts = _reporters([r.municipality_code for r in found.reminders])
    words = REMINDER_WORDS.words(lang())
    if request.args.get("format") == "csv":
        rows = [
            [
                r.municipality_code,
                r.municipality_name,
                ", ".join(words[reason] for reason in r.reasons),
                "; ".join(name for name, _ in contacts.get(r.municipality_code, [])),
                "; ".join(email for _, email in contacts.get(r.municipality_code, [])),
                r.return_comment or "",
            ]
            for r in found.reminders
        ]
        header = ["kommunkod", "kommun", "varför", "rapportör", "e-post", "kommentar"]
        return _csv(header, rows, f"paminnelser-{county}-{year}.csv")
    return render_template(
        "county/reminders.html",
        found=found,
        year=year,
        years=offered_years(),
        words=words,
        contacts=contacts,
        mail_on=smtp_settings(current_app.config) is not None,
        sent=request.args.get("skickade"),
    )


@blueprint.route("/paminnelser/skicka", methods=["POST"])
@requires("county")
def send_reminder_mail() -> Any:
    """E-mail every reminded municipality's reporters (only when SMTP is configured)."""
    county = user_county()
    settings = smtp_settings(current_app.config)
    if settings is None:
        abort(404)
    year = _year()
    found = find_reminders(get_db(), county, year)
    contacts = _reporters([r.municipality_code for r in found.reminders])
    try:
        sent = send_reminders(
            settings, year, found.reminders, contacts, REMINDER_WORDS.words("sv"), request.url_root
        )
    except OSError as exc:
        message = f"E-posten kunde inte skickas via {settings[0]}:{settings[1]}: {exc}."
        return render_template("message.html", message=message), 502
    return redirect(url_for("county.reminders", ar=year, skickade=sent))


@blueprint.route("/rapporter")
@requires("county")
def reports() -> Any:
    """Rapporter: the county, municipality, completeness and plan reports, made on request."""
    county = user_county()
    return render_template(
        "county/reports.html",
        year=_year(),
        years=offered_years(),
        formats=FORMATS,
        names={kind: say(f"report-{kind}") for kind in FORMATS},
        members=sorted(municipalities_in_county(county), key=lambda m: m.name),
    )


@blueprint.route("/rapporter/<kind>.<fmt>")
@requires("county")
def report_file(kind: str, fmt: str) -> Any:
    """One report as a file: made from the store now, or the copy of this data version."""
    county = user_county()
    if fmt not in FORMATS.get(kind, ()):
        abort(404)
    municipality = request.args.get("kommun") or None
    members = {m.code for m in municipalities_in_county(county)}
    if kind == "municipality" and municipality not in members:
        abort(403 if municipality else 400)
    return send_report(kind, fmt, county=county, year=_year(), municipality=municipality)


@blueprint.route("/granskningslogg")
@requires("county")
def audit() -> Any:
    """Every upload, revert, approval, return and lock, newest first: who, when, why; CSV.

    Only rows of this county: see accounts.audit (a row of several counties' municipalities
    shows in each; a row that changed no value only in the uploader's county).
    """
    county = user_county()
    names = {m.code: m.short_name for m in municipalities_in_county(county)}
    municipality = request.args.get("kommun") or None
    if municipality is not None and municipality not in names:
        abort(403)
    kind = request.args.get("typ") or None
    if kind is not None and kind not in AUDIT_KINDS:
        abort(400)
    year = plain_year(request.args.get("ar"))
    entries = list(
        reversed(
            entries_for_county(
                get_db(),
                audit_log(
                    get_db(), year=year, municipality=municipality, kinds=[kind] if kind else None
                ).entries,
                county,
            )
        )
    )
    words = AUDIT_WORDS.words(lang())
    if request.args.get("format") == "csv":
        rows = [
            [
                e.at.isoformat(timespec="seconds"),
                words[e.kind],
                e.actor,
                e.municipality_code or "",
                names.get(e.municipality_code or "", ""),
                e.year or "",
                render_stored(e.reason, lang()),
                render_stored(e.file_name, lang()),
            ]
            for e in entries
        ]
        header = ["när", "vad", "av vem", "kommunkod", "kommun", "år", "skäl", "fil"]
        return _csv(header, rows, f"granskningslogg-{county}.csv")
    years = offered_years()
    if year is not None and year not in years:
        years = sorted([*years, year], reverse=True)
    return render_template(
        "county/audit.html",
        entries=entries,
        words=words,
        kinds=AUDIT_KINDS,
        names=names,
        members=sorted(names, key=lambda code: names[code]),
        years=years,
        chosen={"kommun": municipality or "", "typ": kind or "", "ar": str(year or "")},
    )


def _reporters(codes: list[str]) -> dict[str, list[tuple[str, str]]]:
    """The active reporters (name, e-mail) of each municipality."""
    found: dict[str, list[tuple[str, str]]] = {}
    rows = get_db().execute(
        select(UserMunicipality.municipality_code, User.name, User.email)
        .join(User, User.id == UserMunicipality.user_id)
        .where(UserMunicipality.municipality_code.in_(codes), User.active.is_(True))
        .order_by(UserMunicipality.municipality_code, User.email)
    )
    for code, name, email in rows:
        found.setdefault(code, []).append((name, email))
    return found


def _csv(header: list[str], rows: list[list[Any]], name: str) -> Response:
    text = csv_text(header, rows, delimiter=";")
    response = Response("\ufeff" + text, mimetype="text/csv; charset=utf-8")
    response.headers["Content-Disposition"] = f'attachment; filename="{name}"'
    return response
