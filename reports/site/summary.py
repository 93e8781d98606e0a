"""What a publication did to the output folder, and the sentence that says so."""

from __future__ import annotations

from dataclasses import dataclass
from dataclasses import field
from typing import Any

from i18n import Lang
from i18n import Text


@dataclass
class PublishSummary:
    """What a publication did to the output folder."""

    out: str
    pages: int = 0
    written: list[str] = field(default_factory=list)
    unchanged: int = 0
    removed: list[str] = field(default_factory=list)
    values: int = 0
    # The options the DCAT catalogue needs that were not given (then it is not written).
    dcat_missing: list[str] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {
            "out": self.out,
            "pages": self.pages,
            "values": self.values,
            "written": len(self.written),
            "unchanged": self.unchanged,
            "removed": len(self.removed),
            "written_files": self.written,
            "removed_files": self.removed,
            "dcat": not self.dcat_missing,
            "dcat_missing": self.dcat_missing,
        }

    def sentence(self, lang: Lang = "sv") -> str:
        text = PUBLISHED(
            lang,
            out=self.out,
            pages=self.pages,
            values=self.values,
            written=len(self.written),
            unchanged=self.unchanged,
            removed=len(self.removed),
        )
        if self.dcat_missing:
            text += "\n" + NO_DCAT(lang, options=", ".join(self.dcat_missing))
        return text


PUBLISHED = Text(
    "Webbplatsen i {out}: {pages} sidor, {values} värden; {written} filer skrivna, "
    "{unchanged} oförändrade, {removed} borttagna.",
    "Site in {out}: {pages} pages, {values} values; {written} files written, "
    "{unchanged} unchanged, {removed} removed.",
)
NO_DCAT = Text(
    "datasets/dcat skrevs inte (katalogen för dataportal.se): ange {options}.",
    "datasets/dcat was not written (the catalogue for dataportal.se): give {options}.",
)
