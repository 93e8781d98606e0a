"""The JSON API for batch clients: bearer tokens, the same permissions and contracts as the CLI.

``POST /api/v1/imports`` answers with ``miljomal import --json``'s object and
``GET /api/v1/observations`` with ``miljomal export --format json``'s list.
"""

from __future__ import annotations

import atexit
import shutil
import tempfile
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from flask import Blueprint
from flask import g
from flask import jsonify
from flask import request
from werkzeug.datastructures import FileStorage

from accounts.users import may_report
from accounts.users import readable_municipalities
from indicators import gate
from indicators.catalogue import UnknownIndicator
from indicators.catalogue import UnknownIndicatorSet
from indicators.export import export_rows
from indicators.meanings import code_meanings
from indicators.safe_text import upload_name
from intake import importer
from intake.import_outcome import BatchOutcome
from municipalities.errors import UnknownMunicipality
from municipalities.registry import resolve_municipality
from web.db import engine
from web.db import get_db
from web.db import release
from web.permissions import api_error
from web.permissions import api_lang
from web.permissions import api_say
from web.permissions import requires
from web.reporting import indicator_set
from web.security import csrf
from web.security import plain_year
from web.text import problem_message

blueprint = Blueprint("api", __name__, url_prefix="/api/v1")
csrf.exempt(blueprint)  # no cookies: a bearer token cannot be sent by another site's form


@blueprint.route("/imports", methods=["POST"])
@requires("token")
def imports() -> Any:
    """Import one file (multipart ``file``; ``dry_run``, ``municipality``, ``year``, ``set``).

    ``set`` is the indicator set the file's codes belong to; default: the portal's.
    """
    user = g.api_user
    lang = api_lang()
    sent = request.files.get("file")
    if sent is None or not sent.filename:
        return api_error(400, api_say("api-file-missing"))
    code = request.form.get("municipality") or request.args.get("municipality")
    if not code and len(user.municipality_codes) == 1:
        code = user.municipality_codes[0]
    if not code:
        return api_error(400, api_say("api-municipality-missing"))
    try:
        code = resolve_municipality(code).code
    except UnknownMunicipality as exc:
        return api_error(400, exc.message(api_lang()))
    if not may_report(get_db(), user, code):
        return api_error(403, api_say("api-may-not-report", code=code))
    year_text = request.form.get("year") or request.args.get("year") or ""
    year = plain_year(year_text)
    if year_text and year is None:
        return api_error(400, api_say("api-year"))
    dry_run = (request.form.get("dry_run") or request.args.get("dry_run") or "").lower() in (
        "1",
        "true",
        "yes",
        "ja",
    )
    if year is not None and not dry_run and (refusal := _refused(user, code, year)):
        return refusal  # without a year, the import asks the gate for each year of the file
    name = upload_name(sent.filename)
    release()
    with _saved(sent, name) as path:
        outcome = importer.import_file(
            engine(),
            path,
            user=user.email,
            municipality=code,
            year=year,
            dry_run=dry_run,
            lang=lang,
            permitted=[code],
            within_window=user.role == "reporter",
            indicator_set=request.form.get("set") or indicator_set(),
        )
    outcome.path = name
    data = BatchOutcome(files=[outcome]).to_dict(lang)
    # The import's messages name the CLI's flags; the API says them in the portal's words.
    for shown, problem in zip(data["files"][0]["problems"], outcome.problems.problems, strict=True):
        shown["message"] = problem_message(problem, lang)
    response = jsonify(data)
    response.status_code = 422 if outcome.outcome == "rejected" else 200
    return response


_folders = threading.local()


@contextmanager
def _saved(sent: FileStorage, name: str) -> Iterator[Path]:
    """The sent file saved under its own name, in a folder of this thread; removed after.

    A thread handles one request at a time, so its folder holds one file at a time; a
    temporary folder per request cost 2 ms (mkdir and rmdir) of each upload.
    """
    folder = getattr(_folders, "path", None)
    if folder is None or not folder.is_dir():
        folder = _folders.path = Path(tempfile.mkdtemp(prefix="miljomal-api-"))
        atexit.register(shutil.rmtree, folder, ignore_errors=True)
    path = folder / name
    try:
        sent.save(path)
        yield path
    finally:
        path.unlink(missing_ok=True)


def _refused(user: Any, code: str, year: int) -> Any:
    """The gate's refusal as a JSON error (403 for who and when, 409 for the year's state)."""
    decision = gate.check(
        get_db(), door=gate.API_IMPORT, role=user.role, municipality_code=code, year=year
    )
    if decision.allowed:
        return None
    return api_error(decision.status, decision.message(api_lang()), decision.reason)


@blueprint.route("/observations")
@requires("token")
def observations() -> Any:
    """Stored values, filtered to what the token's user may read."""
    allowed = readable_municipalities(get_db(), g.api_user)
    wanted = request.args.getlist("municipality")
    if wanted and allowed is not None and any(code not in allowed for code in wanted):
        return api_error(403, api_say("api-may-not-read"))
    codes = wanted or (sorted(allowed) if allowed is not None else None)
    indicators = request.args.getlist("indicator") or None
    years_text = request.args.getlist("year")
    parsed = [plain_year(y) for y in years_text]
    if None in parsed:
        return api_error(400, api_say("api-year"))
    years = [y for y in parsed if y is not None] or None
    wanted_set = request.args.get("set") or None
    ids = None
    if indicators is not None:
        try:
            ids = [
                meaning.id
                for text in indicators
                for meaning in code_meanings(get_db(), text, codes, wanted_set)
            ]
        except UnknownIndicator as exc:
            return api_error(400, exc.message(api_lang()))
        except UnknownIndicatorSet as exc:
            return api_error(400, api_say("api-unknown-set", text=str(exc), wanted=wanted_set))
    return jsonify(
        export_rows(get_db(), codes, None, years, set_code=wanted_set, indicator_ids=ids)
    )
