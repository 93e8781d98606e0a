"""`miljomal plan ...` against a store: import, revised plans, the log, show, links."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from conftest import DATA
from sqlalchemy import func
from sqlalchemy import select

from database.engine import session_scope
from plan.models import Plan
from plan.models import PlanActivity
from plan.models import PlanRevision
from plan.models import PlanStatedTotal
from plan.models import PlanStatusUpdate

PLANS = DATA / "plan"
PLAN = PLANS / "handlingsplan.txt"
NAME = "Handlingsplan Arena Miljölänät Västernorrland"


def _count(engine, model) -> int:  # type: ignore[no-untyped-def]
    with session_scope(engine) as session:
        return session.scalar(select(func.count()).select_from(model))


def test_import_prints_counts_unknowns_and_every_total_checked(miljomal, store) -> None:  # type: ignore[no-untyped-def]
    result = miljomal("plan", "import", str(PLAN), "--user", "lena")
    assert result.exit_code == 0, result.output
    out = result.stdout
    assert f"Plan '{NAME}' importerad som ny plan från handlingsplan.txt." in out
    assert "4 mål, 12 aktiviteter." in out
    assert "  3.3: budget saknas" in out
    assert (
        "  [ok] Totalsumma målaktiviteter (kr): angivet 3 485 321 kr, beräknat 3 485 321 kr "
        "(3.3 saknar belopp, räknas inte)"
    ) in out
    assert (
        "  [stämmer inte] Projektbudget totalt utan intäkter (kr): angivet 12 100 000 kr, "
        "beräknat 12 099 479 kr, skillnad 521 kr"
    ) in out
    assert "[kan inte kontrolleras] Projektbudget totalt med intäkter (kr)" in out
    assert "underförstådda intäkter 600 000 kr" in out
    assert "Varning: Projektbudget totalt utan intäkter (kr) stämmer inte (skillnad 521 kr)" in (
        result.stderr
    )
    assert _count(store, PlanActivity) == 12
    assert _count(store, PlanStatedTotal) == 7
    with session_scope(store) as session:
        row = session.scalar(select(PlanActivity).where(PlanActivity.code == "3.1.1"))
        assert (row.budget, row.budget_text, json.loads(row.parties)) == (
            1324601,
            "1 324 601",
            ["Arena MV"],
        )
        plan = session.scalar(select(Plan))
        assert (plan.name, plan.imported_by, plan.source_file) == (
            NAME,
            "lena",
            "handlingsplan.txt",
        )


def test_import_in_english(miljomal) -> None:  # type: ignore[no-untyped-def]
    result = miljomal("--lang", "en", "plan", "import", str(PLAN))
    assert "4 goals, 12 activities." in result.stdout
    assert (
        "[does not add up] Projektbudget totalt utan intäkter (kr): stated SEK 12,100,000, "
        "computed SEK 12,099,479, difference SEK 521"
    ) in result.stdout


def test_dry_run_writes_nothing(miljomal, store) -> None:  # type: ignore[no-untyped-def]
    result = miljomal("plan", "import", str(PLAN), "--dry-run")
    assert result.exit_code == 0
    assert "skulle importeras (provkörning)" in result.stdout
    assert _count(store, Plan) == 0


def test_xlsx_and_csv_import_the_same_plan(miljomal, store) -> None:  # type: ignore[no-untyped-def]
    for name in ("handlingsplan.xlsx", "handlingsplan.csv"):
        result = miljomal("plan", "import", str(PLANS / name), "--name", name)
        assert result.exit_code == 0, result.output
        assert "4 mål, 12 aktiviteter." in result.stdout
    assert _count(store, Plan) == 2
    assert _count(store, PlanActivity) == 24


def test_reimport_of_a_revised_plan_records_each_change(miljomal, store, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    miljomal("plan", "import", str(PLAN), "--user", "lena")
    revised = tmp_path / "handlingsplan.txt"
    shutil.copy(PLANS / "handlingsplan-reviderad.txt", revised)
    result = miljomal("plan", "import", str(revised), "--user", "per")
    assert result.exit_code == 0, result.output
    assert f"Plan '{NAME}' uppdaterad från handlingsplan.txt." in result.stdout
    assert "4 mål, 12 aktiviteter." in result.stdout
    assert "5 ändringar:" in result.stdout
    with session_scope(store) as session:
        changes = [
            (r.subject, r.field, r.old_value, r.new_value, r.changed_by)
            for r in session.scalars(select(PlanRevision).order_by(PlanRevision.id))
        ]
        removed = session.scalar(select(PlanActivity).where(PlanActivity.code == "3.4"))
        assert removed.removed is True
    assert changes == [
        ("3.2.1", "budget", "10 800", "12 000", "per"),
        ("3.2.1", "end", "2010-01-31", "2010-03-31", "per"),
        ("3.2.1", "period", "2009-06-01 - 2010-01-31", "2009-06-01 - 2010-03-31", "per"),
        ("4.2", "added", None, "Studiebesök hos ekokommuner", "per"),
        ("3.4", "removed", "Kretsloppsrådet i Västernorrland", None, "per"),
    ]
    history = miljomal("plan", "history")
    assert "3.2.1 budget: '10 800' -> '12 000'" in history.stdout


def test_removed_activity_is_recorded(miljomal, store) -> None:  # type: ignore[no-untyped-def]
    miljomal("plan", "import", str(PLAN))
    result = miljomal("plan", "import", str(PLANS / "handlingsplan-reviderad.txt"), "--name", NAME)
    assert "  3.4 removed: 'Kretsloppsrådet i Västernorrland' -> None" in result.stdout
    show = miljomal("plan", "show", "--as-of", "2010-02-01", "--json")
    codes = [a["code"] for a in json.loads(show.stdout)["activities"]]
    assert "3.4" not in codes and "4.2" in codes


def test_update_adds_log_entries_and_show_reads_them_as_of_a_date(miljomal, store) -> None:  # type: ignore[no-untyped-def]
    miljomal("plan", "import", str(PLAN))
    first = miljomal(
        "plan", "update", "3.2.1", "--status", "ongoing", "--spent", "5 400", "--progress", "40",
        "--date", "2010-01-15", "--note", "Kravspecifikation klar", "--user", "anna",
    )  # fmt: skip
    assert first.exit_code == 0, first.output
    assert first.stdout == "3.2.1 2010-01-15: Pågår, förbrukat 5 400 kr, framsteg 40 %\n"
    miljomal("plan", "update", "3.2.1", "--status", "done", "--date", "2010-02-10", "--example")
    assert _count(store, PlanStatusUpdate) == 2

    def state(day: str) -> dict:  # type: ignore[type-arg]
        shown = json.loads(miljomal("plan", "show", "--as-of", day, "--json").stdout)
        return next(a for a in shown["activities"] if a["code"] == "3.2.1")

    before = state("2010-01-14")
    assert (before["status"], before["spent"], before["flag"]) == ("not-started", None, "at-risk")
    on = state("2010-01-15")
    assert (on["status"], on["spent"], on["progress"], on["flag"]) == (
        "ongoing",
        5400,
        40,
        "at-risk",
    )
    late = state("2010-02-01")
    assert (late["flag"], late["reasons"][0]) == ("late", "end-passed")
    done = state("2010-02-10")
    assert (done["status"], done["spent"], done["flag"]) == ("done", 5400, "done")


def test_show_prints_a_table_and_goal_rollup(miljomal) -> None:  # type: ignore[no-untyped-def]
    miljomal("plan", "import", str(PLAN))
    miljomal("plan", "update", "3.1", "--status", "done", "--date", "2009-09-15", "--spent", "4800")
    out = miljomal("plan", "show", "--as-of", "2009-10-01").stdout
    assert out.splitlines()[0] == f"{NAME}, per 2009-10-01"
    line = next(ln for ln in out.splitlines() if ln.startswith("3.1 "))
    assert "Klar" in line and "4 800 kr" in line and "✓ Klar" in line
    assert "  Mål 1: ● I fas (1 i fas); budget 77 600 kr, förbrukat 0 kr" in out


def test_update_refuses_unknown_activity_and_bad_progress(miljomal) -> None:  # type: ignore[no-untyped-def]
    miljomal("plan", "import", str(PLAN))
    unknown = miljomal("plan", "update", "9.9", "--status", "done")
    assert unknown.exit_code == 1
    assert "har ingen aktivitet '9.9'" in unknown.stderr
    english = miljomal("--lang", "en", "plan", "update", "9.9", "--status", "done")
    assert "has no activity '9.9'" in english.stderr
    bad = miljomal("plan", "update", "3.1", "--status", "done", "--progress", "140")
    assert bad.exit_code == 1
    assert "andelen klart måste vara mellan 0 och 100 procent (fick 140)" in bad.stderr
    usage = miljomal("plan", "update", "3.1", "--status", "halvklar")
    assert usage.exit_code == 2


def test_update_needs_a_plan(miljomal) -> None:  # type: ignore[no-untyped-def]
    result = miljomal("plan", "update", "3.1", "--status", "done")
    assert result.exit_code == 1
    assert "det finns ännu ingen plan i databasen" in result.stderr


def test_several_plans_need_plan_option(miljomal) -> None:  # type: ignore[no-untyped-def]
    miljomal("plan", "import", str(PLAN))
    miljomal("plan", "import", str(PLAN), "--name", "Kopia")
    result = miljomal("plan", "show")
    assert result.exit_code == 1
    assert "databasen har flera planer; välj en med --plan" in result.stderr
    english = miljomal("--lang", "en", "plan", "show")
    assert "several plans; choose one with --plan" in english.stderr
    assert miljomal("plan", "show", "--plan", "Kopia").exit_code == 0


def test_import_updates_from_csv_and_xlsx(miljomal, store) -> None:  # type: ignore[no-untyped-def]
    miljomal("plan", "import", str(PLAN))
    result = miljomal("plan", "import-updates", str(PLANS / "uppdateringar.csv"))
    assert result.exit_code == 0, result.output
    assert result.stdout == "4 statusuppdateringar importerade från uppdateringar.csv.\n"
    result = miljomal("plan", "import-updates", str(PLANS / "uppdateringar.xlsx"))
    assert result.stdout == "2 statusuppdateringar importerade från uppdateringar.xlsx.\n"
    assert _count(store, PlanStatusUpdate) == 6
    with session_scope(store) as session:
        users = sorted(set(session.scalars(select(PlanStatusUpdate.recorded_by))))
    assert "anna" in users


def test_import_updates_lists_every_problem_and_writes_nothing(miljomal, store) -> None:  # type: ignore[no-untyped-def]
    miljomal("plan", "import", str(PLAN))
    result = miljomal("plan", "import-updates", str(PLANS / "uppdateringar-fel.csv"))
    assert result.exit_code == 1
    lines = result.stderr.splitlines()
    assert lines[:5] == [
        "fel: uppdateringar-fel.csv, rad 3: Planen har ingen aktivitet '9.9'. [code-unknown]",
        "fel: uppdateringar-fel.csv, rad 4: Datumet '2010-13-01' kunde inte tolkas; "
        "skriv ÅÅÅÅ-MM-DD. [date-invalid]",
        "fel: uppdateringar-fel.csv, rad 5: Okänd status 'halvklar'; använd ej påbörjad, "
        "pågår, klar, försenad eller avbruten. [status-unknown]",
        "fel: uppdateringar-fel.csv, rad 5: Beloppet 'abc' är inget tal; skriv hela kronor, "
        "till exempel 25000 eller 25 000. [spent-invalid]",
        "fel: uppdateringar-fel.csv, rad 5: '150' är inte ett giltigt tal (0–100). "
        "[progress-invalid]",
    ]
    assert "Fel: uppdateringar-fel.csv: 5 fel; inget har sparats" in result.stderr
    assert _count(store, PlanStatusUpdate) == 0


def test_link_validates_the_indicator(miljomal, store) -> None:  # type: ignore[no-untyped-def]
    miljomal("plan", "import", str(PLAN))
    assert miljomal("plan", "link", "2.1", "GN.11").stdout == "Länkade 2.1 till GN.11.\n"
    assert miljomal("plan", "link", "2.1", "gn.11").stdout == "2.1 var redan länkad till gn.11.\n"
    bad = miljomal("plan", "link", "2.1", "GN.99")
    assert bad.exit_code == 1
    assert "ingen indikator 'GN.99' i katalogen" in bad.stderr
    english = miljomal("--lang", "en", "plan", "link", "2.1", "GN.99")
    assert "no indicator 'GN.99' in the catalogue" in english.stderr
    assert miljomal("plan", "unlink", "2.1", "GN.11").stdout == "Tog bort länken 2.1 – GN.11.\n"
    assert miljomal("plan", "unlink", "2.1", "GN.11").stdout == "2.1 var inte länkad till GN.11.\n"
