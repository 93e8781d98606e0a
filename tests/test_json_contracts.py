"""The JSON a command prints is its result type's ``to_dict()``: the same data the portal gets."""

from __future__ import annotations

import json

from conftest import DATA
from sqlalchemy.engine import Engine

from miljomal.db import session_scope
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
