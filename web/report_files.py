"""Report downloads shared by the county board's Rapporter and a reporter's Min kommun.

A report is made from the store on request (`web.on_request.cached_report`, at most
`web.workload.REPORT_WORKERS` at once) and sent under its Swedish public name
(`lan-22-2025.pdf`, `kommun-2262-timra-2025.html`).
"""

from __future__ import annotations

from typing import Any

from flask import current_app
from flask import render_template
from flask import send_file

from web.db import get_db
from web.db import release
from web.on_request import ReportBusy
from web.on_request import ReportUnavailable
from web.on_request import cached_report
from web.on_request import public_name
from web.text import lang
from web.text import say
from web.workload import REPORT_RETRY_SECONDS
from web.workload import report_cache_folder
from web.workload import report_workers


def send_report(kind: str, fmt: str, *, county: str, year: int, municipality: str | None) -> Any:
    """One report as a file (HTML shown in the browser, the rest downloaded); 409 if none."""
    try:
        path = cached_report(
            get_db(),
            report_cache_folder(current_app),
            kind,
            fmt,
            county=county,
            year=year,
            municipality=municipality,
            lang=lang(),
            url=current_app.config.get("DATABASE_URL"),
            workers=report_workers(),
            gathered=release,
        )
    except ReportUnavailable as exc:
        return render_template("message.html", message=exc.message(lang())), 409
    except ReportBusy:
        page = render_template(
            "message.html", message=say("report-busy", seconds=REPORT_RETRY_SECONDS), status=429
        )
        return page, 429, {"Retry-After": str(REPORT_RETRY_SECONDS)}
    name = public_name(kind, fmt, county=county, year=year, municipality=municipality)
    return send_file(path, as_attachment=fmt != "html", download_name=name)
