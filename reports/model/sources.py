"""Where a report's values come from: its provenance, and Kolada's value where it differs."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from i18n import Lang
from i18n import render_stored
from indicators.numbers import format_number
from reports.messages import MESSAGES


@dataclass(frozen=True)
class UploadRef:
    """The newest upload a report includes."""

    file_name: str
    uploaded_at: dt.datetime


@dataclass(frozen=True)
class Provenance:
    """Where a report's numbers come from: ends every document.

    ``made_at`` is naive UTC and honours ``SOURCE_DATE_EPOCH``; ``database`` is the URL
    with any password removed; ``value_count`` counts the stored observations the report
    draws on.  ``example`` marks the demo's invented data.
    """

    made_at: dt.datetime
    database: str
    value_count: int
    newest_upload: UploadRef | None = None
    example: bool = False
    indicator_set: str | None = None  # the set the report's codes belong to

    def to_dict(self, lang: Lang = "sv") -> dict[str, object]:
        """JSON form of the provenance, with its line of text."""
        return {
            "made_at": self.made_at.isoformat(),
            "database": self.database,
            "value_count": self.value_count,
            "newest_upload": (
                {
                    "file_name": render_stored(self.newest_upload.file_name, "en"),
                    "uploaded_at": self.newest_upload.uploaded_at.isoformat(),
                }
                if self.newest_upload
                else None
            ),
            "example": self.example,
            "set": self.indicator_set,
            "line": self.line(lang),
        }

    def line(self, lang: Lang = "sv") -> str:
        """One line of provenance text for the foot of a document."""
        when = self.made_at.strftime("%Y-%m-%d %H:%M") + " UTC"
        count = format_number(self.value_count, 0, lang)
        text = MESSAGES("provenance-made", lang, when=when, database=self.database, count=count)
        if self.newest_upload:
            up = self.newest_upload
            name = render_stored(up.file_name, lang)
            at = f"{up.uploaded_at:%Y-%m-%d %H:%M}"
            text += MESSAGES("provenance-newest-upload", lang, name=name, at=at)
        else:
            text += MESSAGES("provenance-no-uploads", lang)
        if self.indicator_set:
            text += MESSAGES("provenance-set", lang, set=self.indicator_set)
        if self.example:
            text += MESSAGES("provenance-example", lang)
        return text + "."


@dataclass(frozen=True)
class KoladaNote:
    """Kolada's value where a municipality's official value differs from it (docs/kolada.md)."""

    municipality_code: str
    indicator_code: str
    year: int
    value: float
    kolada_value: float
    kpi: str

    def text(self, lang: Lang = "sv") -> str:
        """`Skiljer från Kolada: 435,5 (U07801).`"""
        value = format_number(self.kolada_value, lang=lang)
        return MESSAGES("differs-from-kolada", lang, value=value, kpi=self.kpi)

    def to_dict(self) -> dict[str, object]:
        return {
            "municipality": self.municipality_code,
            "indicator": self.indicator_code,
            "year": self.year,
            "value": self.value,
            "kolada_value": self.kolada_value,
            "kpi": self.kpi,
        }
