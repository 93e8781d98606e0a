"""The test suite's wall time and how much of its test time is set-up (issue 25).

    .venv/bin/python scripts/setup_share.py [--json FILE] [--per-test FILE] [--top N]
                                            [-- PYTEST ARGS...]

Runs pytest in this process (default arguments: ``-q -n auto``, as ``make test``) with a
small plugin that adds up each test's set-up, call and teardown durations as pytest reports
them (with xdist, the workers' reports reach this process), then prints the wall time, the
three sums and the share of each, the load average before and after, and the test files and
single tests whose set-up costs most. ``pytest --durations`` lists the same durations one
by one; this adds them up. The exit code is pytest's.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from collections import defaultdict
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[1]
PHASES = ("setup", "call", "teardown")


class Durations:
    """A pytest plugin: every test's duration per phase, by node id."""

    def __init__(self) -> None:
        self.by_test: dict[str, dict[str, float]] = defaultdict(dict)
        self.outcomes: dict[str, int] = defaultdict(int)

    def pytest_runtest_logreport(self, report: pytest.TestReport) -> None:
        self.by_test[report.nodeid][report.when] = report.duration
        if report.when == "call" or (report.when == "setup" and report.outcome != "passed"):
            self.outcomes[report.outcome] += 1


def summary(durations: Durations, wall: float, load: tuple[Any, Any], top: int) -> dict:
    """The sums, shares and biggest set-up costs, as one dict."""
    totals = {phase: 0.0 for phase in PHASES}
    by_file: dict[str, float] = defaultdict(float)
    for nodeid, phases in durations.by_test.items():
        for phase, seconds in phases.items():
            totals[phase] += seconds
        by_file[nodeid.split("::")[0]] += phases.get("setup", 0.0)
    whole = sum(totals.values()) or 1.0
    setups = sorted(
        ((phases.get("setup", 0.0), nodeid) for nodeid, phases in durations.by_test.items()),
        reverse=True,
    )
    return {
        "wall_seconds": round(wall, 1),
        "tests": len(durations.by_test),
        "outcomes": dict(durations.outcomes),
        "seconds": {phase: round(seconds, 1) for phase, seconds in totals.items()},
        "share": {phase: round(seconds / whole, 3) for phase, seconds in totals.items()},
        "load_before": load[0],
        "load_after": load[1],
        "setup_by_file": [
            [name, round(seconds, 1)]
            for name, seconds in sorted(by_file.items(), key=lambda item: -item[1])[:top]
        ],
        "longest_setups": [[nodeid, round(seconds, 2)] for seconds, nodeid in setups[:top]],
    }


def render(result: dict) -> str:
    """The summary as a few lines of text."""
    seconds, share = result["seconds"], result["share"]
    lines = [
        f"wall time {result['wall_seconds']:.1f} s for {result['tests']} tests "
        f"({', '.join(f'{n} {k}' for k, n in sorted(result['outcomes'].items()))})",
        "summed over tests: "
        + ", ".join(f"{phase} {seconds[phase]:.1f} s ({share[phase]:.1%})" for phase in PHASES),
        f"load average before {result['load_before']}, after {result['load_after']}",
        "set-up by test file:",
        *(f"  {seconds:8.1f} s  {name}" for name, seconds in result["setup_by_file"]),
        "longest single set-ups:",
        *(f"  {seconds:8.2f} s  {nodeid}" for nodeid, seconds in result["longest_setups"]),
    ]
    return "\n".join(lines)


def main() -> int:
    """Run the suite, print (and optionally write) the summary, return pytest's exit code."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--json", type=Path, help="also write the summary to this file")
    parser.add_argument(
        "--per-test", type=Path, help="also write every test's durations per phase to this file"
    )
    parser.add_argument("--top", type=int, default=15, help="how many files and tests to list")
    parser.add_argument("pytest_args", nargs="*", help="pytest's arguments (after --)")
    options = parser.parse_args()
    arguments = options.pytest_args or ["-q", "-n", "auto"]
    os.chdir(ROOT)
    sys.path.insert(0, str(ROOT))  # as `python -m pytest` has it: tests import `tests.…`
    durations = Durations()
    load_before = tuple(round(value, 2) for value in os.getloadavg())
    start = time.perf_counter()
    code = pytest.main(arguments, plugins=[durations])
    wall = time.perf_counter() - start
    load_after = tuple(round(value, 2) for value in os.getloadavg())
    result = summary(durations, wall, (load_before, load_after), options.top)
    print(render(result))
    if options.json:
        options.json.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    if options.per_test:
        every = json.dumps(durations.by_test, indent=1) + "\n"
        options.per_test.write_text(every, encoding="utf-8")
    return int(code)


if __name__ == "__main__":
    sys.exit(main())
