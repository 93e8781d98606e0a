"""The reporting matrix: each municipality's state for each asked indicator of a year."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from indicators.models import REPORTED
from indicators.models import Indicator
from indicators.models import IndicatorSet
from indicators.models import Observation
from intake.validation.outliers import DEFAULT_CHANGE_LIMIT
from review.approval import ApprovalList
from review.approval import ApprovalRow
from review.approval import approval_list
from review.approval import asked_indicators

ABSENT = "absent"  # nothing sent for the cell


# A reported value the import warned about (it changes more than the indicator's limit from
# the previous year) and that carries no comment explaining it: worth the county's look.
WARNING_OUTSTANDING = "warning"


@dataclass(frozen=True)
class MatrixRow:
    """One municipality's row: its approval state and each indicator's status."""

    review: ApprovalRow
    cells: dict[str, str]

    def to_dict(self) -> dict[str, Any]:
        return {**self.review.to_dict(), "cells": self.cells}


@dataclass(frozen=True)
class ReportingMatrix:
    """A county's municipalities x indicators for one year, for the county's overview.

    Each cell is `reported`, `warning` (reported, changed by more than the indicator's limit
    from the previous year, no comment), `missing` (`..`), `not-applicable` (`.`) or
    `absent`; a row
    also carries its approval state and last change, a column its count of reported cells.
    """

    review: ApprovalList
    indicators: list[str]
    rows: list[MatrixRow]

    @property
    def reported_by_indicator(self) -> dict[str, int]:
        return {
            code: sum(row.cells[code] in (REPORTED, WARNING_OUTSTANDING) for row in self.rows)
            for code in self.indicators
        }

    def to_dict(self) -> dict[str, Any]:
        data = self.review.to_dict()
        data["indicators"] = [
            {"code": code, "reported": self.reported_by_indicator[code]} for code in self.indicators
        ]
        data["municipalities"] = [row.to_dict() for row in self.rows]
        return data


def reporting_matrix(
    session: Session,
    county: Any,
    year: int,
    set_code: str | None = None,
    today: dt.date | None = None,
) -> ReportingMatrix:
    """Every cell of a county's year by status, with each municipality's review state."""
    review = approval_list(session, county, year, set_code, today)
    set_code = review.set_code
    codes = [code for _, code in asked_indicators(session, set_code)]

    members = [r.municipality_code for r in review.rows]
    previous = {
        (code, indicator_id): value
        for code, indicator_id, value in session.execute(
            select(Observation.municipality_code, Observation.indicator_id, Observation.value)
            .join(Indicator, Indicator.id == Observation.indicator_id)
            .join(IndicatorSet, IndicatorSet.id == Indicator.set_id)
            .where(
                Observation.year == year - 1,
                IndicatorSet.code == set_code,
                Observation.municipality_code.in_(members),
                Observation.value.is_not(None),
            )
        )
    }
    statuses: dict[tuple[str, str], str] = {}
    for code, indicator_id, indicator_code, status, value, comment, threshold in session.execute(
        select(
            Observation.municipality_code,
            Observation.indicator_id,
            Indicator.code,
            Observation.status,
            Observation.value,
            Observation.comment,
            Indicator.change_threshold,
        )
        .join(Indicator, Indicator.id == Observation.indicator_id)
        .join(IndicatorSet, IndicatorSet.id == Indicator.set_id)
        .where(
            Observation.year == year,
            IndicatorSet.code == set_code,
            Observation.municipality_code.in_(members),
        )
    ):
        before = previous.get((code, indicator_id))
        limit = threshold if threshold and threshold > 0 else DEFAULT_CHANGE_LIMIT
        if (
            status == REPORTED
            and not (comment or "").strip()
            and value is not None
            and before  # neither None nor 0
            and abs(value - before) / abs(before) > limit
        ):
            status = WARNING_OUTSTANDING
        statuses[(code, indicator_code)] = status
    rows = [
        MatrixRow(
            row, {code: statuses.get((row.municipality_code, code), ABSENT) for code in codes}
        )
        for row in review.rows
    ]
    return ReportingMatrix(review, codes, rows)
