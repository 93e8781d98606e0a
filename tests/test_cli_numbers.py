"""Numbers on the command line are bounded before they reach the database or a loop."""

from __future__ import annotations

import pytest

HUGE = "99999999999999999999"


@pytest.mark.parametrize(
    "args",
    [
        ["uploads", "show", HUGE],
        ["uploads", "revert", HUGE],
        ["report", "completeness", "-y", HUGE, "-o", "x.html"],
        ["kolada", "sync", "--to", "999999999", "--dry-run"],  # a list of a billion years
        ["import", "--year", HUGE, "x.csv"],
    ],
    ids=lambda a: " ".join(a[:2]),
)
def test_a_number_out_of_range_is_a_usage_error(miljomal, args: list[str]) -> None:  # type: ignore[no-untyped-def]
    """`uploads show 99999999999999999999` was "OverflowError: Python int too large"."""
    result = miljomal(*args)
    assert result.exit_code == 2, result.output
    assert "ligger utanför intervallet" in result.output
    assert "Overflow" not in result.output
