"""Excel export grows with the number of values, as CSV export does (it was quadratic:
88 740 values took more than 200 s, because every appended row looked up the last row)."""

from __future__ import annotations

import time
from pathlib import Path

from indicators.export import write_xlsx


def values(count: int) -> list[dict[str, object]]:
    """Export rows as `export_rows` gives them: 290 municipalities, 16 indicators, years."""
    return [
        {
            "municipality": f"{2200 + n % 290:04d}",
            "indicator": f"GN.{n % 16}",
            "year": 1990 + n // 4640,
            "value": (n % 97) / 3,
            "status": "reported",
            "comment": "=HYPERLINK(x)" if n % 1000 == 0 else None,
        }
        for n in range(count)
    ]


def seconds(rows: list[dict[str, object]], path: Path) -> float:
    started = time.perf_counter()
    write_xlsx(rows, path)
    return time.perf_counter() - started


def test_twice_the_values_take_about_twice_the_time(tmp_path: Path) -> None:
    small, large = values(10_000), values(40_000)
    seconds(small, tmp_path / "warm.xlsx")  # imports and caches outside the measurement
    small_time = min(seconds(small, tmp_path / f"s{n}.xlsx") for n in range(2))
    large_time = seconds(large, tmp_path / "l.xlsx")
    # Linear: 4 times the values, about 4 times the time; quadratic would be 16 times.
    assert large_time < 8 * small_time, (small_time, large_time)

    from openpyxl import load_workbook

    sheet = load_workbook(tmp_path / "l.xlsx", read_only=True).active
    rows = list(sheet.iter_rows(values_only=True))
    assert len(rows) == 40_001
    assert rows[1][-1] == "'=HYPERLINK(x)"  # a formula-like text stays text
