"""The demo: the whole flow on bundled example data, from an empty store to every report.

It creates a SQLite store in the output folder, marks the seven Västernorrland
municipalities as SEkom members (the SEkom Y group), imports the example workbooks the way
the county board would (history files, then each municipality's 2024 template, then the
central file), sets a few example targets, and writes the county, municipality and
completeness reports, and the action plan's follow-up report.  Everything it writes says
that the numbers are example data.
"""

from __future__ import annotations

import os
import secrets
from collections.abc import Callable
from dataclasses import dataclass
from dataclasses import field
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from accounts.users import add_user
from database.engine import make_engine
from database.engine import session_scope
from i18n import Lang
from i18n import pick_lang
from indicators.targets import indicator_id_for
from indicators.targets import set_target
from intake.importer import import_paths
from intake.template import ascii_slug
from miljomal.bootstrap import initialise
from miljomal.messages import MESSAGES
from municipalities.groups import create_group
from municipalities.models import Municipality
from municipalities.registry import set_sekom_member
from plan.demo import run_plan_demo
from reports.documents import write_completeness_report
from reports.documents import write_county_report
from reports.documents import write_municipality_report
from reports.documents.common import safe_filename
from reports.queries import completeness
from reports.queries import county_comparison
from reports.queries import municipality_report_data

DEMO_DATA = Path(__file__).parent / "demo_data"
PLAN_FILE = DEMO_DATA / "handlingsplan-arena-miljodriven-utveckling.txt"
COUNTY = "22"
YEAR = 2024
SET = None  # the report year's default set: sekom-2023 for 2024, with the 2012 history joined
USER = "exempeldata"
# SEkom membership of the demo (example years, not the real joining dates).
SEKOM_Y = {
    "2260": 2008,
    "2262": 2006,
    "2280": 2003,
    "2281": 2003,
    "2282": 2007,
    "2283": 2005,
    "2284": 2004,
}
# Example targets: (indicator, value, target year, base year), for the county and one municipality.
# Targets are set on the 2023 set's indicators; a base year before 2023 lies in the 2012
# series the mapping table joins to them (GN.6a continues 2012's GN.7).
TARGET_SET = "sekom-2023"
COUNTY_TARGETS = [
    ("GN.1a", 2.0, 2030, 2023),
    ("GN.6a", 400.0, 2030, 2015),
    ("GN.11", 40.0, 2030, 2015),
]
MUNICIPALITY_TARGETS = {"2281": [("GN.2a", 60.0, 2030, 2015), ("GN.5", 7.0, 2030, 2023)]}


@dataclass
class DemoResult:
    """What the demo wrote and imported."""

    database: Path
    files: list[Path] = field(default_factory=list)
    imported: int = 0
    rejected: int = 0
    warnings: int = 0


def import_order(files: list[Path]) -> list[Path]:
    """History workbooks first, then the yearly templates, then the county's central file."""

    def rank(path: Path) -> tuple[int, str]:
        if path.suffix.lower() == ".csv":
            return (2, path.name)
        return (0 if "-2010-" in path.name else 1, path.name)

    return sorted(files, key=rank)


def run_demo(out: Path, lang: Lang = "sv", say: Callable[[str], None] = print) -> DemoResult:
    """Run the whole demo into ``out`` and return what it wrote."""
    out.mkdir(parents=True, exist_ok=True)
    database = out / "miljomal-demo.db"
    for suffix in ("", "-wal", "-shm"):
        Path(f"{database}{suffix}").unlink(missing_ok=True)
    url = f"sqlite:///{database}"
    engine = make_engine(url)
    result = DemoResult(database)
    try:
        initialise(engine)
        say(MESSAGES("demo-database", lang, path=database))
        _setup_county(engine)
        _import_examples(engine, result, lang, say)
        _set_targets(engine)
        _write_reports(engine, url, out, result, pick_lang(lang), say)
        _plan(engine, out, result, pick_lang(lang), say)
    finally:
        engine.dispose()
    return result


def _setup_county(engine) -> None:  # type: ignore[no-untyped-def]
    with session_scope(engine) as session:
        for code, since in SEKOM_Y.items():
            set_sekom_member(session, code, since)
        create_group(
            session,
            "SEkom Y",
            list(SEKOM_Y),
            description="Sveriges Ekokommuner Västernorrland (exempel)",
            replace=True,
        )


def _import_examples(engine, result: DemoResult, lang: Lang, say: Callable[[str], None]) -> None:  # type: ignore[no-untyped-def]
    files = import_order([p for p in DEMO_DATA.iterdir() if p.suffix in {".xlsx", ".csv"}])
    batch = import_paths(engine, files, user=USER, lang=lang)
    for outcome in batch.files:
        if outcome.outcome == "rejected":
            result.rejected += 1
            for line in outcome.problems.lines(lang):
                say("  " + line)
        else:
            result.imported += 1
        result.warnings += len(outcome.problems.warnings)
    counts = {"imported": result.imported, "warnings": result.warnings}
    say(MESSAGES("demo-imported", lang, **counts, rejected=result.rejected))


def _set_targets(engine) -> None:  # type: ignore[no-untyped-def]
    with session_scope(engine) as session:
        for code, value, year, base in COUNTY_TARGETS:
            set_target(
                session,
                indicator_id_for(session, code, TARGET_SET),
                value,
                year,
                county_code=COUNTY,
                base_year=base,
                user=USER,
            )
        for municipality, targets in MUNICIPALITY_TARGETS.items():
            for code, value, year, base in targets:
                set_target(
                    session,
                    indicator_id_for(session, code, TARGET_SET),
                    value,
                    year,
                    municipality_code=municipality,
                    base_year=base,
                    user=USER,
                )


def _write_reports(  # type: ignore[no-untyped-def]
    engine, url: str, out: Path, result: DemoResult, lang: Lang, say: Callable[[str], None]
) -> None:
    county_name = MESSAGES("file-county", lang)
    with Session(engine) as session:
        comparison = county_comparison(session, COUNTY, YEAR, set_code=SET, url=url)
        for suffix in (".pdf", ".html", ".xlsx"):
            path = out / f"{county_name}-{COUNTY}-{YEAR}{suffix}"
            result.files.append(write_county_report(comparison, path, lang, example=True))
        for municipality in comparison.municipalities:
            data = municipality_report_data(session, municipality.code, YEAR, set_code=SET, url=url)
            name = municipality.short_name or municipality.name
            stem = safe_filename(f"kommun-{municipality.code}-{name}-{YEAR}")
            for suffix in (".pdf", ".html"):
                path = out / f"{stem}{suffix}"
                result.files += write_municipality_report(data, path, lang, example=True)
        status = completeness(session, COUNTY, YEAR, set_code=SET, url=url)
        name = MESSAGES("file-completeness", lang)
        for suffix in (".html", ".xlsx", ".json"):
            path = out / f"{name}-{COUNTY}-{YEAR}{suffix}"
            result.files.append(write_completeness_report(status, path, lang, example=True))
    say(MESSAGES("demo-reports-written", lang, count=len(comparison.municipalities)))


def _plan(engine, out: Path, result: DemoResult, lang: Lang, say: Callable[[str], None]) -> None:  # type: ignore[no-untyped-def]
    if not PLAN_FILE.exists():
        return
    written = run_plan_demo(engine, PLAN_FILE, out, lang=lang)
    result.files += written
    say(MESSAGES("demo-plan", lang))


def relative(path: Path) -> str:
    """A path as the user would type it from the current directory."""
    try:
        return os.path.relpath(path)
    except ValueError:
        return str(path)


@dataclass(frozen=True)
class DemoUser:
    """A portal user of the demo, with the password printed for the newcomer."""

    email: str
    name: str
    role: str
    scope: str
    password: str


def add_demo_users(engine) -> list[DemoUser]:  # type: ignore[no-untyped-def]
    """One reporter per Västernorrland municipality and one county user, fresh passwords."""
    users: list[DemoUser] = []
    with Session(engine) as session, session.begin():
        municipalities = session.scalars(
            select(Municipality)
            .where(Municipality.county_code == COUNTY)
            .order_by(Municipality.code)
        )
        wanted: list[tuple[str, str, str | None]] = [
            (f"{ascii_slug(m.short_name)}@exempel.se", f"Miljöstrateg {m.short_name}", m.code)
            for m in municipalities
        ]
        wanted.append(("lansstyrelsen@exempel.se", "Länsstyrelsen Västernorrland", None))
        for email, name, code in wanted:
            password = secrets.token_urlsafe(12)
            add_user(
                session,
                email,
                name=name,
                role="reporter" if code else "county",
                municipalities=[code] if code else [],
                county=None if code else COUNTY,
                password=password,
            )
            users.append(
                DemoUser(email, name, "reporter" if code else "county", code or COUNTY, password)
            )
    return users
