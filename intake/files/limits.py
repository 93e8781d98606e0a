"""How big a file may be, one set of limits for the precheck and every reader."""

from __future__ import annotations

import os
from dataclasses import dataclass
from typing import Any

from i18n import Text
from indicators.numbers import format_number
from indicators.problems import column_letter
from intake.files import problem_types
from intake.files.entry import DEFAULT_MAX_BYTES

# A national long file (290 municipalities x 40 indicators x 30 years) has 348 000 rows.
DEFAULT_MAX_ROWS = 500_000
DEFAULT_MAX_COLUMNS = 500
# The used area of a sheet (rows x columns from A1 to its farthest cell): a reader builds
# every cell of it.  The national long file is 348 000 x 7 = 2.4 million cells; 500 000
# rows of A:Z are 13 million.  A sheet with one cell at SF499999 is 250 million, which
# took 28 s and 10 GB to read.
DEFAULT_MAX_CELLS = 15_000_000
TOO_MANY_CELLS = problem_types.TOO_MANY_CELLS.code
DEFAULT_MAX_UNCOMPRESSED = DEFAULT_MAX_BYTES  # all zip members together, as the directory says
DEFAULT_MAX_RATIO = 100  # uncompressed : compressed, for members above 4 MB


@dataclass(frozen=True)
class Limits:
    """How big a file may be: bytes, rows, columns, cells, inflated bytes, compression ratio."""

    max_rows: int = DEFAULT_MAX_ROWS
    max_columns: int = DEFAULT_MAX_COLUMNS
    max_uncompressed: int = DEFAULT_MAX_UNCOMPRESSED
    max_ratio: int = DEFAULT_MAX_RATIO
    max_cells: int = DEFAULT_MAX_CELLS
    max_bytes: int = DEFAULT_MAX_BYTES


def limits_from_environment(max_rows: int | None = None, max_columns: int | None = None) -> Limits:
    """The limits: arguments first, then MILJOMAL_MAX_ROWS / _COLUMNS / _CELLS, then defaults."""
    return Limits(
        max_rows=max_rows or _env_int("MILJOMAL_MAX_ROWS", DEFAULT_MAX_ROWS),
        max_columns=max_columns or _env_int("MILJOMAL_MAX_COLUMNS", DEFAULT_MAX_COLUMNS),
        max_cells=_env_int("MILJOMAL_MAX_CELLS", DEFAULT_MAX_CELLS),
    )


def _env_int(name: str, default: int) -> int:
    try:
        value = int(os.environ.get(name, "").strip() or default)
    except ValueError:
        return default
    return value if value > 0 else default


def used_area_params(rows: int, columns: int, limit: int) -> dict[str, Any]:
    """The facts of a sheet whose used area (A1 to its farthest cell) is over the limit.

    One stray cell far away (``SF499999``) makes a reader build every cell up to it.  The
    sentence is the `too-many-cells` problem type's (intake/files/problem_types/).
    """

    def number(value: int) -> Text:
        return Text(format_number(value, 0), format_number(value, 0, "en"))

    return {
        "corner": f"{column_letter(columns)}{rows}",
        "cells": number(rows * columns),
        "most": number(limit),
    }


def used_area_messages(rows: int, columns: int, limit: int) -> tuple[str, str]:
    """The `too-many-cells` sentence in Swedish and English, for a reader's exception."""
    params = used_area_params(rows, columns, limit)
    kind = problem_types.TOO_MANY_CELLS
    return kind.render("sv", params), kind.render("en", params)
