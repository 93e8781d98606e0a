"""Excel export streams its rows, as CSV export does (it was quadratic: 88 740 values took more
than 200 s, because every appended row looked up the last row)."""

from __future__ import annotations

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


def test_the_export_never_looks_up_the_sheet_row_by_row(tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """The quadratic export read `sheet.max_row` (a scan of the whole sheet) after every row.

    Counted, not timed (speed is measured in `make bench`, case 7): a writer that asks for the
    sheet's extent per row asks thousands of times here, a streaming writer not at all.
    """
    from openpyxl.worksheet.worksheet import Worksheet

    asked = {"max_row": 0, "max_column": 0}
    for name in asked:
        original = getattr(Worksheet, name)

        def counting(self, name: str = name, original: property = original) -> int:  # type: ignore[no-untyped-def]
            asked[name] += 1
            return original.fget(self)  # type: ignore[misc]

        monkeypatch.setattr(Worksheet, name, property(counting))
    write_xlsx(values(5_000), tmp_path / "x.xlsx")
    assert sum(asked.values()) < 10, asked

    from openpyxl import load_workbook

    sheet = load_workbook(tmp_path / "x.xlsx", read_only=True).active
    rows = list(sheet.iter_rows(values_only=True))
    assert len(rows) == 5_001
    assert rows[1][-1] == "'=HYPERLINK(x)"  # a formula-like text stays text
