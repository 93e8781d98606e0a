"""Shared pieces of the web portal's tests: a portal on a fresh store, users, logins, files."""

from __future__ import annotations

import re
import uuid
from pathlib import Path
from typing import Any

PASSWORD = "rätt lösenord 2025"
TIMRA = "2262"
SUNDSVALL = "2281"
USERS = {
    "reporter": ("anna@timra.se", "reporter", [TIMRA], None),
    "other": ("sven@sundsvall.se", "reporter", [SUNDSVALL], None),
    "county": ("lars@lansstyrelsen.se", "county", [], "22"),
    "admin": ("admin@miljomal.se", "admin", [], None),
}
_CSRF = re.compile(r'name="csrf_token" value="([^"]+)"')


def make_portal(store_url: str, tmp_path: Path, **config: Any) -> Any:
    """A portal app on the store with one user of each kind (password PASSWORD)."""
    from sqlalchemy.orm import Session

    from accounts.users import add_user
    from database.engine import make_engine
    from web import create_app

    engine = make_engine(store_url)
    with Session(engine) as session, session.begin():
        for email, role, codes, county in USERS.values():
            add_user(
                session,
                email,
                name=email.split("@")[0].title(),
                role=role,
                municipalities=codes,
                county=county,
                password=PASSWORD,
            )
    engine.dispose()
    settings = {
        "DATABASE_URL": store_url,
        "SECRET_KEY": "test-secret",
        "TESTING": True,
        "RATELIMIT_KEY_PREFIX": f"test-{uuid.uuid4().hex}",
    }
    settings.update(config)
    return create_app(settings)


def csrf_token(client: Any, url: str) -> str:
    """The CSRF token of the form on the page at ``url``."""
    page = client.get(url)
    found = _CSRF.search(page.get_data(as_text=True))
    assert found, f"no CSRF token on {url} ({page.status_code})"
    return found.group(1)


def log_in(client: Any, who: str, password: str = PASSWORD) -> Any:
    """Log in as one of USERS through the login form; returns the response."""
    token = csrf_token(client, "/login")
    return client.post(
        "/login", data={"email": USERS[who][0], "password": password, "csrf_token": token}
    )


def template_file(store_url: str, code: str, year: int, target: Path) -> Path:
    """The pre-filled template as `miljomal template` writes it."""
    from sqlalchemy.orm import Session

    from database.engine import make_engine
    from intake.template import write_template

    engine = make_engine(store_url)
    with Session(engine) as session:
        # The year's default set, as the portal without INDICATOR_SET offers it.
        path = write_template(session, code, year, target)
    engine.dispose()
    return path


def fill_template(source: Path, target: Path, values: dict[str, tuple]) -> Path:
    """Fill a template the way an official does in Excel: {code: (value, status, comment)}."""
    import openpyxl

    workbook = openpyxl.load_workbook(source)
    sheet = workbook["Värden"]
    rows = {sheet.cell(row, 1).value: row for row in range(5, sheet.max_row + 1)}
    for code, (value, status, comment) in values.items():
        row = rows[code]
        sheet.cell(row, 9).value = value
        sheet.cell(row, 10).value = status
        sheet.cell(row, 11).value = comment
    workbook.save(target)
    return target


def stored(store_url: str, code: str, indicator: str, year: int) -> tuple | None:
    """(value, status, comment) stored for one municipality, indicator and year, or None."""
    from sqlalchemy import select
    from sqlalchemy.orm import Session

    from database.engine import make_engine
    from indicators.models import Indicator
    from indicators.models import Observation

    engine = make_engine(store_url)
    with Session(engine) as session:
        row = session.execute(
            select(Observation.value, Observation.status, Observation.comment)
            .join(Indicator, Indicator.id == Observation.indicator_id)
            .where(
                Observation.municipality_code == code,
                Indicator.code == indicator,
                Observation.year == year,
            )
        ).first()
    engine.dispose()
    return tuple(row) if row else None
