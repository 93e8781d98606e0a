"""The plan part of `miljomal demo`: import the plan, log example updates, write the report."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy.orm import Session

from i18n import Lang
from plan.activity_log import NewUpdate
from plan.activity_log import add_updates
from plan.activity_log import link_indicator
from plan.activity_log import log_entries
from plan.importing import import_plan_file
from plan.messages import MESSAGES
from plan.report import build_plan_report
from plan.report import write_plan_report
from plan.store import find_plan

if TYPE_CHECKING:
    from sqlalchemy.engine import Engine

DEMO_USER = "demo"
DEMO_AS_OF = dt.date(2010, 2, 15)
BUNDLED_PLAN = (
    Path(__file__).resolve().parents[1]
    / "miljomal"
    / "demo_data"
    / "handlingsplan-arena-miljodriven-utveckling.txt"
)

# Invented entries (stored with example = True): a mix of done, on-track, at-risk and late
# activities on DEMO_AS_OF.
EXAMPLE_UPDATES = (
    NewUpdate("3.1", dt.date(2009, 9, 15), "done", 4800, 100, "Workshopen om SAMT genomförd."),
    NewUpdate(
        "3.4", dt.date(2009, 11, 20), "done", 3900, 100, "Seminariet hölls med 40 deltagare."
    ),
    NewUpdate("2.1", dt.date(2009, 10, 1), "ongoing", 60000, 30, "Matchmaking-dag planerad."),
    NewUpdate(
        "2.1", dt.date(2010, 1, 20), "delayed", 95000, 60, "Utvärderingen av upphandlingar dröjer."
    ),
    NewUpdate("2.2", dt.date(2009, 12, 1), "ongoing", 250000, 25, "Pilotmodellen tas fram."),
    NewUpdate("3.1.1", dt.date(2009, 12, 15), "ongoing", 500000, 45, None),
    NewUpdate("3.2.1", dt.date(2009, 9, 1), "ongoing", 2000, 20, "Utredningen påbörjad."),
    NewUpdate("3.2.1", dt.date(2010, 1, 15), "ongoing", 5400, 40, "Kravspecifikation klar."),
    NewUpdate("1.1", dt.date(2010, 2, 1), "ongoing", 5000, 15, "Lokal bokad."),
    NewUpdate("4.1", dt.date(2010, 1, 10), "ongoing", 20000, 40, None),
)
EXAMPLE_LINKS = (("3.2.1", "GN.1b"), ("3.2.1", "GN.7"), ("2.1", "GN.11"), ("2.2", "GN.9"))


def run_plan_demo(
    engine: Engine,
    plan_path: Path | None,
    out_dir: Path,
    lang: Lang = "sv",
    as_of: dt.date = DEMO_AS_OF,
) -> list[Path]:
    """Import the plan, add example updates and links, write the report as PDF, HTML, XLSX."""
    plan_path = plan_path or BUNDLED_PLAN
    out_dir.mkdir(parents=True, exist_ok=True)
    with Session(engine) as session, session.begin():
        result = import_plan_file(session, plan_path, user=DEMO_USER)
        plan = find_plan(session, result.summary.plan_name)
        if not any(e.example for e in log_entries(session, plan)):
            add_updates(session, plan, EXAMPLE_UPDATES, user=DEMO_USER, example=True)
        for code, indicator in EXAMPLE_LINKS:
            link_indicator(session, plan, code, indicator, DEMO_USER)
        report = build_plan_report(session, plan.name, as_of)
    paths = []
    for suffix in (".pdf", ".html", ".xlsx"):
        name = MESSAGES("file-name", lang)
        paths.append(write_plan_report(report, out_dir / f"{name}{suffix}", lang))
    return paths
