"""`plan update` and `plan show` tell the truth: kronor read the Swedish way, Swedish statuses,
no entries from the future, names in the table, finished-but-over-budget flagged."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from conftest import DATA

from plan.errors import AmountError
from plan.updates import parse_kronor
from plan.updates import parse_status

PLAN = DATA / "plan" / "handlingsplan.txt"


@pytest.mark.parametrize(
    ("text", "kronor"),
    [("25000", 25000), ("25 000", 25000), ("25\u00a0000 kr", 25000), ("5400:-", 5400), ("0", 0)],
)
def test_whole_kronor_are_read_the_swedish_way(text: str, kronor: int) -> None:
    assert parse_kronor(text) == kronor


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (
            "25.000",
            "Beloppet '25.000' är tvetydigt: 25 kr eller 25 000 kr? Skriv 25000 eller 25 000.",
        ),
        ("5,5", "Beloppet '5,5' är inte hela kronor; skriv till exempel 6 eller 5 500."),
        ("-100", "Beloppet '-100' är negativt; förbrukat anges som summan hittills."),
        (
            "mycket",
            "Beloppet 'mycket' är inget tal; skriv hela kronor, till exempel 25000 eller 25 000.",
        ),
    ],
)
def test_ambiguous_or_fractional_kronor_are_refused(text: str, message: str) -> None:
    with pytest.raises(AmountError) as caught:
        parse_kronor(text)
    assert caught.value.message("sv") == message


def test_swedish_statuses() -> None:
    assert parse_status("pågår") == "ongoing"
    assert parse_status("Ej  påbörjad") == "not-started"
    assert parse_status("klar") == "done"
    assert parse_status("försenad") == "delayed"
    assert parse_status("done") == "done"
    assert parse_status("halvklar") is None


def _state(miljomal, day: str, code: str) -> dict:  # type: ignore[no-untyped-def, type-arg]
    shown = json.loads(miljomal("plan", "show", "--as-of", day, "--json").stdout)
    return next(a for a in shown["activities"] if a["code"] == code)


def test_spent_with_point_thousands_is_refused_and_stores_nothing(miljomal) -> None:  # type: ignore[no-untyped-def]
    miljomal("plan", "import", str(PLAN))
    ok = miljomal("plan", "update", "4.1", "--status", "pågår", "--spent", "20 000",
                  "--date", "2010-01-10")  # fmt: skip
    assert ok.exit_code == 0, ok.output
    bad = miljomal("plan", "update", "4.1", "--status", "pågår", "--spent", "25.000",
                   "--date", "2010-01-20")  # fmt: skip
    assert bad.exit_code == 2
    assert "25.000" in bad.output and "tvetydigt" in bad.output
    half = miljomal("plan", "update", "4.1", "--status", "pågår", "--spent", "5,5",
                    "--date", "2010-01-20")  # fmt: skip
    assert half.exit_code == 2 and "inte hela kronor" in half.output
    assert _state(miljomal, "2010-01-31", "4.1")["spent"] == 20000


def test_spending_that_goes_down_is_warned_about(miljomal) -> None:  # type: ignore[no-untyped-def]
    miljomal("plan", "import", str(PLAN))
    miljomal(
        "plan", "update", "4.1", "--status", "ongoing", "--spent", "20000", "--date", "2010-01-10"
    )
    lower = miljomal("plan", "update", "4.1", "--status", "ongoing", "--spent", "2500",
                     "--date", "2010-01-20")  # fmt: skip
    assert lower.exit_code == 0
    assert lower.stderr == (
        "Varning: förbrukat hittills minskar från 20 000 kr till 2 500 kr; förbrukat är "
        "summan hittills, inte periodens kostnad.\n"
    )
    higher = miljomal("plan", "update", "4.1", "--status", "ongoing", "--spent", "30000",
                      "--date", "2010-01-25")  # fmt: skip
    assert higher.stderr == ""


def test_future_dates_need_planned(miljomal) -> None:  # type: ignore[no-untyped-def]
    miljomal("plan", "import", str(PLAN))
    tomorrow = (dt.date.today() + dt.timedelta(days=1)).isoformat()
    refused = miljomal("plan", "update", "3.1", "--status", "klar", "--date", tomorrow)
    assert refused.exit_code == 2
    assert f"{tomorrow} ligger efter i dag" in refused.output and "--planned" in refused.output
    planned = miljomal("plan", "update", "3.1", "--status", "klar", "--date", tomorrow, "--planned")
    assert planned.exit_code == 0, planned.output


def test_show_prints_names_and_flags_done_over_budget(miljomal) -> None:  # type: ignore[no-untyped-def]
    miljomal("plan", "import", str(PLAN))
    # 3.1 has a budget of 77 600 kr (goal 1): done at 90 000 kr is over budget.
    done = miljomal("plan", "update", "3.1", "--status", "klar", "--spent", "90 000",
                    "--date", "2009-09-15")  # fmt: skip
    assert done.exit_code == 0, done.output
    out = miljomal("plan", "show", "--as-of", "2009-10-01").stdout
    line = next(ln for ln in out.splitlines() if ln.startswith("3.1 "))
    assert "✓ Klar (över budget)" in line
    assert "Aktivitet" in out.splitlines()[1]
    state = _state(miljomal, "2009-10-01", "3.1")
    assert (state["flag"], state["reasons"]) == ("done", ["over-budget"])
