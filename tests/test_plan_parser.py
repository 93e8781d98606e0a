"""Reading the action plan: every goal, activity, budget, party and period as written."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from conftest import DATA
from conftest import SEED

from plan.errors import PlanFormatError
from plan.parser import parse_plan_file
from plan.parser import parse_plan_rows

PLAN = DATA / "plan" / "handlingsplan.txt"
SEED_PLAN = SEED / "handlingsplan-arena-miljodriven-utveckling.txt"

EXPECTED = [
    # code, goal, budget, parties, start, end, recipients, number of tasks
    ("1.1", 1, 77600, ["Arena MV"], "2010-01-01", "2010-11-11", "Alla", 1),
    (
        "2.1",
        2,
        188800,
        ["Arena MV"],
        "2009-09-03",
        "2010-01-31",
        "Alla som upphandlar/gör inköp",
        3,
    ),
    (
        "2.2",
        2,
        900000,
        ["Landstinget"],
        "2009-08-10",
        "2011-03-31",
        "Offentlig sektor och stora företag",
        1,
    ),
    ("2.3", 2, 915600, ["Arena MV"], "2009-09-03", "2010-11-30", "Alla", 6),
    (
        "3.1",
        3,
        5000,
        ["Arena MV", "SAMT"],
        "2009-09-15",
        "2009-09-15",
        "Kommuner och Företagarna",
        2,
    ),
    ("3.1.1", 3, 1324601, ["Arena MV"], "2009-09-03", "2010-10-31", "Företag", 4),
    ("3.2", 3, 10000, ["Arena MV"], "2009-09-03", "2010-11-30", "Kommuner och länsstyrelsen", 3),
    ("3.2.1", 3, 10800, ["Arena MV"], "2009-06-01", "2010-01-31", "Kommuner och länsstyrelsen", 1),
    ("3.2.2", 3, 6320, ["Arena MV"], "2009-09-03", "2010-11-30", "Alla", 2),
    (
        "3.3",
        3,
        None,
        [],
        "2009-09-03",
        "2010-01-31",
        "Parter som jobbar med miljödriven utveckling i Västernorrland",
        4,
    ),
    (
        "3.4",
        3,
        3600,
        ["Kretsloppsrådet", "Arena MV"],
        "2009-09-03",
        "2009-11-30",
        "Bygg- och fastighetsbranschen",
        2,
    ),
    ("4.1", 4, 43000, ["Arena MV"], "2009-10-14", "2010-09-30", "Samhället", 1),
]


def test_the_bundled_copy_equals_the_seed() -> None:
    if not SEED_PLAN.exists():
        pytest.skip(f"seed plan not found at {SEED_PLAN}")
    assert PLAN.read_bytes() == SEED_PLAN.read_bytes()


def test_the_demo_copy_equals_the_test_copy() -> None:
    demo = Path(__file__).resolve().parents[1] / "miljomal" / "demo_data"
    bundled = demo / "handlingsplan-arena-miljodriven-utveckling.txt"
    assert bundled.read_bytes() == PLAN.read_bytes()


def test_goals_are_read_with_number_title_and_description() -> None:
    plan = parse_plan_file(PLAN)
    assert plan.title == "Handlingsplan Arena Miljölänät Västernorrland"
    assert plan.subtitle == "En investering för framtiden"
    assert [(g.number, g.title) for g in plan.goals] == [
        (1, "Utveckla nya och existerande mötesplatser för politiker, medborgare, företagare "
         "och forskare"),
        (2, "Främja demonstrationsobjekt och lyfta fram goda exempel från företag, akademi och "
         "samhället"),
        (3, "Tillvarata existerande nätverk och utveckla nya vid behov"),
        (4, "Koppla samman kompetensutveckling och forskning med företag och samhälle"),
    ]  # fmt: skip
    assert plan.goals[3].description.startswith("Elever, studenter, och anställda")
    assert plan.problems.flat() == []


def test_every_activity_is_read_as_written() -> None:
    plan = parse_plan_file(PLAN)
    got = [
        (
            a.code,
            a.goal_number,
            a.budget,
            a.parties,
            a.start.isoformat() if a.start else None,
            a.end.isoformat() if a.end else None,
            a.recipients,
            len(a.tasks),
        )
        for a in plan.activities
    ]
    assert got == EXPECTED
    assert plan.activity("3.1.1").budget_text == "1 324 601"
    assert plan.activity("3.2.1").parent_code == "3.2"
    assert plan.activity("3.2.1").title == "System för miljömålsindikatorer"
    assert plan.activity("2.1").tasks == [
        "Idé-verkstad/speed dating/matchmaking, Klimatsmart mat (Energi- och klimatforum)",
        "Målgrupper: företag och kommunala upphandlare",
        "Utvärdering av kommunala upphandlingar",
    ]


def test_activity_budgets_sum_to_the_stated_total() -> None:
    plan = parse_plan_file(PLAN)
    assert sum(a.budget or 0 for a in plan.activities) == 3485321
    stated = {t.label: t.amount for t in plan.totals}
    assert stated["Totalsumma målaktiviteter (kr)"] == 3485321


def test_unknown_amounts_are_listed_never_zero() -> None:
    plan = parse_plan_file(PLAN)
    assert plan.activity("3.3").budget is None
    assert plan.unknown_budgets()[:2] == [
        "3.3: budget saknas",
        "2.3: Max budget XXXX kronor för marknadsföringsmaterial om demoobjekt",
    ]
    assert len(plan.unknown_budgets()) == 7


def test_management_costs() -> None:
    plan = parse_plan_file(PLAN)
    assert [(m.label, m.budget) for m in plan.management] == [
        ("Utvärdering", 330000),
        ("Övrigt (projektledningskostnader)", 50000),
        ("Löner + OH-kostnader (fr.o.m. 2009-08-17)", 2162437),
    ]


def test_every_stated_total_is_checked() -> None:
    checks = parse_plan_file(PLAN).check_totals()
    assert [(c.label, c.stated, c.computed, c.difference) for c in checks] == [
        ("Totalsumma målaktiviteter (kr)", 3485321, 3485321, 0),
        ("Totalsumma projektledning (kr)", 2542437, 2542437, 0),
        ("Totalsumma målaktiviteter, projektledning, SAMT (kr)", 8284020, 8284020, 0),
        ("Projektbudget totalt med intäkter (kr)", 12700000, None, None),
        ("Projektbudget totalt utan intäkter (kr)", 12100000, 12099479, 521),
    ]
    assert checks[0].unknown_parts == ["3.3"]
    assert checks[3].consistent is None
    assert checks[3].implied_income == 600000
    assert checks[4].consistent is False


@pytest.mark.parametrize("name", ["handlingsplan.csv", "handlingsplan.xlsx"])
def test_csv_and_xlsx_give_the_same_plan(name: str) -> None:
    text = parse_plan_file(PLAN)
    other = parse_plan_file(DATA / "plan" / name)
    assert other.title == text.title
    assert [g.title for g in other.goals] == [g.title for g in text.goals]
    assert [
        (a.code, a.budget, a.parties, a.start, a.end, a.tasks, a.recipients)
        for a in other.activities
    ] == [
        (a.code, a.budget, a.parties, a.start, a.end, a.tasks, a.recipients)
        for a in text.activities
    ]
    assert [(t.label, t.amount) for t in other.totals] == [(t.label, t.amount) for t in text.totals]
    assert other.activity("3.1").start == dt.date(2009, 9, 15)


def test_a_file_without_the_plan_table_is_refused() -> None:
    with pytest.raises(PlanFormatError, match="no plan table found"):
        parse_plan_rows([["Bara en rad"], ["och en till"]])


def test_an_unreadable_period_is_a_warning() -> None:
    rows = [
        ["Mål", "Aktiviteter", "Budget", "Ansvar", "Tidplan", "Mottagare av resultat"],
        ["Mål 1 Ett mål"],
        ["1.1 En aktivitet", "- göra", "1 000", "Arena MV", "våren 2010", "Alla"],
    ]
    plan = parse_plan_rows(rows, "x.txt")
    assert plan.activity("1.1").start is None
    assert plan.problems.flat() == [("warning", "period-not-understood", "3")]
