"""The growing report of one file: each problem placed at its cell, and named in its words."""

from __future__ import annotations

from typing import Any

from indicators.catalogue import IndicatorRecord
from indicators.problems import ProblemReport
from indicators.problems import ProblemType
from indicators.records import CleanValue
from indicators.records import RawValue
from indicators.records import ReadResult

# Anything with a sheet, row and column: a raw cell, or a clean value that remembers its cell.
Source = RawValue | CleanValue


class Findings:
    """The problems found in one file, and the municipality names its messages use."""

    def __init__(self, result: ReadResult) -> None:
        self.report = ProblemReport(file=result.path)
        self.report.extend(result.problems)
        self.headers = result.headers
        self.reported: set[tuple[Any, ...]] = set()
        # Municipality code -> `Kungsbacka (1384)`, filled as the file's texts are resolved.
        self.names: dict[str, str] = {}

    def add(self, kind: ProblemType, /, **params: Any) -> None:
        """A problem of the file as a whole."""
        self.report.add(kind, **params)

    def place(self, source: Source | None, column: int | None) -> dict[str, Any]:
        """Where a problem is: a sheet cell, or a CSV line and header name."""
        if source is None:
            return {}
        if source.sheet is None and column is not None and column in self.headers:
            return {"row": source.row, "column": self.headers[column]}
        return {"sheet": source.sheet, "row": source.row, "column": column}

    def error(
        self, source: Source | None, column: int | None, kind: ProblemType, /, **params: Any
    ) -> None:
        """An error at a cell, reported once for the cell."""
        place = self.place(source, column)
        # A wide table's row shares one municipality or indicator cell among all its years:
        # an unknown name there is one problem, not one per year.
        key = (kind.code, place.get("sheet"), place.get("row"), place.get("column"))
        if place and key in self.reported:
            return
        self.reported.add(key)
        self.report.add(kind, **place, **params)

    def warning(
        self, source: Source | None, column: int | None, kind: ProblemType, /, **params: Any
    ) -> None:
        """A warning at a cell."""
        self.report.add(kind, **self.place(source, column), **params)

    def value_warning(self, value: CleanValue, kind: ProblemType, /, **params: Any) -> None:
        """A warning at the cell a checked value came from."""
        self.warning(value, value.column, kind, **params)

    def name(self, code: str) -> str:
        """A municipality as messages name it: `Kungsbacka (1384)`, or its code."""
        return self.names.get(code, code)

    def what(self, indicator: IndicatorRecord, value: CleanValue) -> dict[str, Any]:
        """The parameters naming a value: its indicator, municipality and year."""
        return {
            "indicator": indicator.code,
            "municipality": value.municipality_code,
            "municipality_name": self.name(value.municipality_code),
            "year": value.year,
        }

    def pair(self, found: str, chosen: str) -> dict[str, Any]:
        """The parameters of a municipality problem: the file's and the chosen municipality."""
        return {
            "municipality": found,
            "municipality_name": self.name(found),
            "chosen": chosen,
            "chosen_name": self.name(chosen),
        }


def header_place(raw: RawValue) -> RawValue:
    """Where a problem with a column header belongs: the header cell, not the value's row."""
    if raw.header_row is None:
        return raw
    return RawValue(None, None, None, None, raw.header_row, raw.column, raw.sheet)
