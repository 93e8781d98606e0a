"""One municipality's year at a glance, and the uploads that touched it (for the portal)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from dataclasses import field

from sqlalchemy import func
from sqlalchemy import select
from sqlalchemy.orm import Session

from indicators.across_sets import CarriedValue
from indicators.across_sets import read_other_set
from indicators.models import MISSING
from indicators.models import Indicator
from indicators.models import Observation
from indicators.models import Revision
from indicators.models import Upload
from indicators.store import REVISION_MUNICIPALITY
from indicators.store import REVISION_YEAR
from intake.template import reported_indicators


@dataclass(frozen=True)
class StoredValue:
    """A stored value: number or status, and its comment."""

    value: float | None
    status: str
    comment: str | None = None
    # Sent with the other set's code of the same definition (indicators.across_sets).
    carried: CarriedValue | None = None


@dataclass(frozen=True)
class OverviewRow:
    """One indicator of the year: last year's and this year's value, who changed it, when."""

    indicator: Indicator
    previous: StoredValue | None
    current: StoredValue | None
    changed_by: str | None
    changed_at: dt.datetime | None


@dataclass(frozen=True)
class YearOverview:
    """The indicators a municipality reports for a year, in the set the year's template uses."""

    set_code: str
    rows: list[OverviewRow]

    @property
    def missing(self) -> int:
        """How many indicators have no value for the year: nothing stored, or `..`."""
        return sum(1 for row in self.rows if row.current is None or row.current.status == MISSING)


@dataclass
class UploadSummary:
    """An upload as one municipality's history shows it."""

    upload: Upload
    years: list[int] = field(default_factory=list)
    values: int = 0
    other_municipalities: bool = False


def year_overview(
    session: Session, code: str, year: int, set_code: str | None = None
) -> YearOverview:
    """The template's indicators with the municipality's values for ``year`` and the one before.

    Without ``set_code`` the year's default set (as `miljomal template`).
    """
    indicator_set, indicators = reported_indicators(session, year, set_code)
    ids = [indicator.id for indicator in indicators]
    stored: dict[tuple[int, int], tuple[int | None, StoredValue]] = {}
    found = session.execute(
        select(
            Observation.id,
            Observation.municipality_code,
            Observation.indicator_id,
            Observation.year,
            Observation.value,
            Observation.status,
            Observation.comment,
        ).where(
            Observation.municipality_code == code,
            Observation.indicator_id.in_(ids),
            Observation.year.in_([year - 1, year]),
        )
    ).all()
    for row in found:
        stored[(row.indicator_id, row.year)] = (
            row.id,
            StoredValue(row.value, row.status, row.comment),
        )
    shown = [(indicator.id, indicator.code) for indicator in indicators]
    other = read_other_set(
        session, [code], indicator_set.code, shown, found, since=year - 1, until=year
    )
    for obs in other.added:
        indicator_code = dict(shown)[obs.indicator_id]
        stored[(obs.indicator_id, obs.year)] = (
            None,
            StoredValue(
                obs.value,
                obs.status,
                obs.comment,
                other.carried.get((code, indicator_code, obs.year)),
            ),
        )
    current_ids = [
        found_id for i in ids if (i, year) in stored and (found_id := stored[(i, year)][0])
    ]
    latest: dict[int, tuple[str, dt.datetime]] = {}
    if current_ids:
        newest = (
            select(func.max(Revision.id))
            .where(Revision.observation_id.in_(current_ids))
            .group_by(Revision.observation_id)
        )
        for observation_id, changed_by, changed_at in session.execute(
            select(Revision.observation_id, Revision.changed_by, Revision.changed_at).where(
                Revision.id.in_(newest)
            )
        ):
            if observation_id is not None:
                latest[observation_id] = (changed_by, changed_at)
    rows = []
    for indicator in indicators:
        previous = stored.get((indicator.id, year - 1))
        current = stored.get((indicator.id, year))
        who, when = latest.get(current[0], (None, None)) if current and current[0] else (None, None)
        rows.append(
            OverviewRow(
                indicator,
                previous[1] if previous else None,
                current[1] if current else None,
                who,
                when,
            )
        )
    return YearOverview(indicator_set.code, rows)


def municipality_uploads(session: Session, code: str) -> list[UploadSummary]:
    """Uploads (files, forms, reverts) that changed this municipality's values, newest first."""
    touched = (
        select(
            Revision.upload_id,
            REVISION_MUNICIPALITY.label("municipality_code"),
            REVISION_YEAR.label("year"),
            func.count().label("values"),
        )
        .outerjoin(Observation, Observation.id == Revision.observation_id)
        .where(Revision.upload_id.in_(_uploads_touching(code)))
        .group_by(Revision.upload_id, REVISION_MUNICIPALITY, REVISION_YEAR)
    )
    summaries: dict[int, UploadSummary] = {}
    uploads = {
        upload.id: upload
        for upload in session.scalars(select(Upload).where(Upload.id.in_(_uploads_touching(code))))
    }
    for row in session.execute(touched):
        summary = summaries.setdefault(row.upload_id, UploadSummary(uploads[row.upload_id]))
        if row.municipality_code == code:
            summary.values += row.values
            if row.year not in summary.years:
                summary.years.append(row.year)
        else:
            summary.other_municipalities = True
    for summary in summaries.values():
        summary.years.sort()
    return sorted(summaries.values(), key=lambda s: s.upload.id, reverse=True)


def _uploads_touching(code: str):  # type: ignore[no-untyped-def]
    return (
        select(Revision.upload_id)
        .outerjoin(Observation, Observation.id == Revision.observation_id)
        .where(code == REVISION_MUNICIPALITY, Revision.upload_id.is_not(None))
        .distinct()
    )
