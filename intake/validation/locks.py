"""Values for locked years and for municipality-years the county board has approved.

Either refuses the file, or with `--force` is let through with a warning; one problem per
year (or municipality-year), at its first cell, with the count of values.
"""

from __future__ import annotations

from indicators.records import RawValue
from intake.files import problem_types as types
from intake.validation.findings import Findings


def report_locked(findings: Findings, hits: dict[int, list[RawValue]], *, force: bool) -> None:
    """One problem per locked year the file has values for."""
    for year in sorted(hits):
        first, count = hits[year][0], len(hits[year])
        if force:
            findings.warning(first, first.column, types.LOCKED_YEAR_FORCED, year=year, count=count)
            continue
        findings.error(first, first.column, types.LOCKED_YEAR, year=year, count=count)


def report_approved(
    findings: Findings, hits: dict[tuple[str, int], list[RawValue]], *, force: bool
) -> None:
    """One problem per approved municipality-year the file has values for."""
    for municipality, year in sorted(hits):
        found = hits[(municipality, year)]
        first, count = found[0], len(found)
        if force:
            findings.warning(
                first,
                first.column,
                types.APPROVED_YEAR_FORCED,
                **findings.pair(municipality, municipality),
                year=year,
                count=count,
            )
            continue
        findings.error(
            first,
            first.column,
            types.APPROVED_YEAR,
            **findings.pair(municipality, municipality),
            year=year,
            count=count,
        )
