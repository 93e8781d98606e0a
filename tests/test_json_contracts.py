"""The JSON a command prints is its result type's ``to_dict()``: the same data the portal gets."""

from __future__ import annotations

import json

from conftest import DATA
from sqlalchemy.engine import Engine

from database.engine import session_scope
from plan.importing import import_plan_file

PLAN = DATA / "plan" / "handlingsplan.txt"


def test_plan_import_json_is_the_result_to_dict(miljomal, store: Engine) -> None:  # type: ignore[no-untyped-def]
    printed = json.loads(miljomal("plan", "import", str(PLAN), "--dry-run", "--json").output)
    with session_scope(store) as session:
        result = import_plan_file(session, PLAN, user="lena", name=None, dry_run=True)
        session.rollback()
    assert printed == json.loads(json.dumps(result.to_dict("sv"), default=str))
    assert list(printed)[-3:] == ["unknown_amounts", "checks", "problems"]
    assert printed["checks"], "the example plan states totals"
    for check in printed["checks"]:
        assert list(check) == [
            "label",
            "stated",
            "computed",
            "difference",
            "consistent",
            "unknown_parts",
        ]
        if check["stated"] is not None and check["computed"] is not None:
            assert check["difference"] == check["stated"] - check["computed"]
            assert check["consistent"] == (check["difference"] == 0)


def test_revert_json_is_the_summary_to_dict(miljomal, tmp_path) -> None:  # type: ignore[no-untyped-def]
    from test_import_cli import good_csv
    from test_import_cli import write_csv

    from miljomal.options import who

    assert miljomal("import", str(good_csv(tmp_path / "a.csv"))).exit_code == 0
    later = write_csv(tmp_path / "b.csv", "2281;GN.6;2022;7,0;;")
    assert miljomal("import", str(later)).exit_code == 0
    result = miljomal("uploads", "revert", "1", "--json", "--user", "lena")
    assert result.exit_code == 0, result.output
    assert json.loads(result.output) == {
        "reverted_upload": 1,
        "upload_id": 3,
        "restored": 0,
        "removed": 2,  # GN.7 and Timrå's GN.6 did not stand before upload 1
        "conflicts": [
            {
                "changed_by": who(None),  # the later import's user
                "municipality": "2281",
                "indicator": "GN.6",
                "year": 2022,
                "upload_value": 5.8,
                "upload_status": "reported",
                "current_value": 7.0,
                "current_status": "reported",
            }
        ],
    }
