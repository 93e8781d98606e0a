"""What importing did: each file's outcome with its counts and problems, and a batch's."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from dataclasses import field
from typing import TYPE_CHECKING
from typing import Any

from i18n import Lang
from indicators.problems import ProblemReport
from indicators.records import PlannedValue

if TYPE_CHECKING:
    from intake.validation.check import ValidatedFile

IMPORTED = "imported"
REJECTED = "rejected"
UNCHANGED = "unchanged"
DRY_RUN = "dry-run"
# After Ctrl-C: the file being imported was rolled back (ROLLED_BACK), or whether its commit
# happened could not be found out (UNKNOWN; `miljomal uploads list` tells).
ROLLED_BACK = "rolled-back"
UNKNOWN = "unknown"


@dataclass
class FileOutcome:
    """What importing one file did: its outcome, the DHIS2-style counts and its problems."""

    path: str
    outcome: str
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    problems: ProblemReport = field(default_factory=ProblemReport)
    upload_id: int | None = None
    # A dry run's every value with its indicator's name, the stored and the new value
    # (the dry run's listing and the portal's Granska); empty for a real import.
    planned: list[PlannedValue] = field(default_factory=list)

    def to_dict(self, lang: Lang = "sv") -> dict[str, Any]:
        """One file of the import output contract."""
        return {
            "path": self.path,
            "outcome": self.outcome,
            "created": self.created,
            "updated": self.updated,
            "unchanged": self.unchanged,
            "problems": self.problems.to_list(lang),
        }


@dataclass
class BatchOutcome:
    """Every file of one import run, in the order imported."""

    files: list[FileOutcome] = field(default_factory=list)
    interrupted: bool = False
    not_started: list[str] = field(default_factory=list)

    @property
    def rejected(self) -> list[FileOutcome]:
        """The files that were not imported because of errors."""
        return [f for f in self.files if f.outcome == REJECTED]

    def to_dict(self, lang: Lang = "sv") -> dict[str, Any]:
        """The import output contract: ``{"files": [...]}``.

        An interrupted batch adds ``"interrupted": true`` and ``"not_started"`` (the paths
        never begun); its ``files`` are those committed, and the one that was running with
        the outcome ``rolled-back`` (or ``imported`` when its commit had happened).
        """
        data: dict[str, Any] = {"files": [f.to_dict(lang) for f in self.files]}
        if self.interrupted:
            data["interrupted"] = True
            data["not_started"] = list(self.not_started)
        return data


def planned_values(validated: ValidatedFile, indicators: Iterable[Any]) -> list[PlannedValue]:
    """Every value of a checked file with its indicator's name, the stored and the new value.

    ``indicators`` are the catalogue's records (by id); ``validated.stored`` holds what the
    store has for the file's keys, as validation read it in the same transaction.
    """
    by_id = {indicator.id: indicator for indicator in indicators}
    stored = validated.stored or {}
    planned = []
    for value in validated.values:
        indicator = by_id[value.indicator_id]
        old = stored.get((value.municipality_code, value.indicator_id, value.year))
        planned.append(
            PlannedValue(
                value.municipality_code,
                indicator.code,
                indicator.name,
                indicator.name_en,
                indicator.set_code,
                value.year,
                old.value if old is not None else None,
                old.status if old is not None else None,
                value.value,
                value.status,
            )
        )
    return planned
