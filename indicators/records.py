"""The records passed between reading, validating and storing one file."""

from __future__ import annotations

import operator
from dataclasses import dataclass
from dataclasses import field
from dataclasses import fields
from typing import Any

from i18n import Lang
from i18n import Text
from indicators.numbers import format_number
from indicators.problems import ProblemReport

# Layouts a file can have, detected from its content.
TEMPLATE = "template"
LONG = "long"
WIDE_INDICATORS = "wide-indicators"  # indicators as rows, years as columns
WIDE_MUNICIPALITIES = "wide-municipalities"  # municipalities as rows, years as columns
COUNTY = "county"  # one year: municipalities as rows, indicators as columns
COUNTY_TRANSPOSED = "county-transposed"  # one year: indicators as rows, municipalities as columns


@dataclass(slots=True)
class RawValue:
    """One value cell as found in a file, before interpretation.

    ``municipality`` and ``indicator`` are as written (code, name, number); ``None`` when
    the file states them once for all rows (then ``ReadResult`` carries them).  ``value``
    is the cell content as the reader library gives it (float, int, str, bool, datetime
    or None).  ``percent_format`` is true when the cell is formatted as a percentage in a
    spreadsheet (the stored 0.125 is shown as 12,5 %).  ``sheet``/``row``/``column`` place
    the value cell: ``column`` is 1-based for spreadsheets and CSV alike; for CSV ``sheet``
    is None and ``row`` is the line number.
    """

    municipality: Any
    indicator: Any
    year: Any
    value: Any
    row: int
    column: int
    sheet: str | None = None
    status: Any = None
    comment: Any = None
    percent_format: bool = False
    formula_without_cache: bool = False
    # Where the municipality / indicator / year came from, for error messages.
    municipality_column: int | None = None
    indicator_column: int | None = None
    year_column: int | None = None
    status_column: int | None = None
    # The header row, when the indicator (county) or municipality (county-transposed) is a
    # column header: a problem with it is placed at the header cell, once.
    header_row: int | None = None
    # What a row says beside the code, to check the code against: the indicator's name, its
    # unit and the indicator set (a column `Uppsättning`/`Set`), with their columns.
    indicator_name: Any = None
    unit: Any = None
    indicator_set: Any = None
    name_column: int | None = None
    unit_column: int | None = None
    set_column: int | None = None

    def __reduce__(self) -> tuple[type[RawValue], tuple[Any, ...]]:
        """Pickled as its fields in order, made again by ``__init__``.

        A reading sent from the read-ahead process carries hundreds of thousands of these
        for a long file; the default pickling of a slotted object (a dict of its slots,
        each set one by one) took 3,3 µs per value to load, this 0,9 µs.
        """
        return (RawValue, _raw_value_fields(self))


# Every field of a RawValue, in the order of its __init__'s arguments, as one tuple.
_raw_value_fields = operator.attrgetter(*(f.name for f in fields(RawValue)))


@dataclass
class ReadResult:
    """What the reader found in one file: its layout, the value cells, and its problems."""

    path: str
    layout: str | None = None
    values: list[RawValue] = field(default_factory=list)
    problems: ProblemReport = field(default_factory=ProblemReport)
    # Stated once for the whole file (template metadata, a title row, or an option).
    municipality: Any = None
    year: Any = None
    indicator: Any = None
    indicator_set: str | None = None
    template_version: str | None = None
    # True when the file declares it holds a single municipality (the template does).
    single_municipality: bool = False
    # Column names for CSV files and header rows, 1-based index -> header text.
    headers: dict[int, str] = field(default_factory=dict)


@dataclass(slots=True)
class CleanValue:
    """One validated value, ready to store: codes resolved, value parsed, status decided.

    ``value`` is None unless ``status`` is ``reported``.  ``row``/``column``/``sheet``
    place the source cell, so later warnings (a replaced value) can name it.
    """

    municipality_code: str
    indicator_id: int
    year: int
    value: float | None
    status: str
    comment: str | None
    row: int = 0
    column: int = 0
    sheet: str | None = None


@dataclass
class UploadInfo:
    """Who imports which file: recorded as the `upload` row."""

    file_name: str
    sha256: str
    size: int
    uploaded_by: str
    layout: str | None = None
    force_reason: str | None = None
    content: bytes | None = None


@dataclass
class ApplySummary:
    """What storing one file did, DHIS2-style."""

    upload_id: int | None
    created: int = 0
    updated: int = 0
    unchanged: int = 0

    def to_dict(self) -> dict[str, Any]:
        """The counts as JSON-ready data."""
        return {
            "upload_id": self.upload_id,
            "created": self.created,
            "updated": self.updated,
            "unchanged": self.unchanged,
        }


@dataclass(frozen=True, slots=True)
class PlannedValue:
    """One value a checked file will save, as a person reviews it before Spara (or a dry run).

    The indicator is named with its set, so a code whose meaning changed in 2023 is seen
    for what it is read as; ``old_status`` is None when nothing is stored yet.
    """

    municipality_code: str
    indicator_code: str
    indicator_name: str
    indicator_name_en: str
    set_code: str
    year: int
    old_value: float | None
    old_status: str | None
    new_value: float | None
    new_status: str

    def indicator(self, lang: Lang = "sv") -> str:
        """`GN.11 Certifierade skolor och förskolor (sekom-2023)`."""
        name = Text(self.indicator_name, self.indicator_name_en)(lang)
        return f"{self.indicator_code} {name} ({self.set_code})"

    def old(self, lang: Lang = "sv") -> str:
        """The stored value as shown: `57`, `5,8`, `..`, `.`, or empty when there is none."""
        return shown_state(self.old_value, self.old_status, lang)

    def new(self, lang: Lang = "sv") -> str:
        """The value to be saved, as shown."""
        return shown_state(self.new_value, self.new_status, lang)

    @property
    def changes(self) -> bool:
        """True unless the store holds this value already."""
        return (self.old_value, self.old_status) != (self.new_value, self.new_status)


def shown_state(value: float | None, status: str | None, lang: Lang = "sv") -> str:
    """A value as a reader sees it: `1 234,5` (Swedish), `..` missing, `.` not applicable."""
    if status is None:
        return ""
    if status == "missing":
        return ".."
    if status == "not-applicable":
        return "."
    return format_number(value, None, lang)
