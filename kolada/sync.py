"""Storing Kolada's values: one upload with source `kolada`, and the conflict rule.

The rule (docs/kolada.md): a value a municipality or the county entered stays the official
value.  Kolada's value is always kept beside it in ``kolada_value``; it becomes the official
observation only where there is none yet, where the observation has no value (``..``), or
where the observation came from Kolada itself (then a corrected Kolada value is a new
revision).  Reports show where the two differ by more than :data:`RELATIVE_TOLERANCE`.

Fetching happens before the transaction: a network failure leaves the store untouched and
the write lock is never held while waiting for Kolada.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Callable
from collections.abc import Collection
from collections.abc import Iterable
from dataclasses import dataclass
from dataclasses import field
from typing import Any
from typing import cast

from sqlalchemy import Table
from sqlalchemy import bindparam
from sqlalchemy import delete
from sqlalchemy import insert
from sqlalchemy import select
from sqlalchemy import update
from sqlalchemy.orm import Session

from indicators import gate
from indicators.models import MISSING
from indicators.models import REPORTED
from indicators.models import Indicator
from indicators.models import KoladaValue
from indicators.models import Observation
from indicators.models import Upload
from indicators.models import utcnow
from indicators.records import CleanValue
from indicators.records import UploadInfo
from indicators.store import CurrentValue
from indicators.store import ValueKey
from indicators.store import apply_values
from indicators.store import lock_for_writing
from kolada.client import ANY_GENDER
from kolada.client import KoladaClient
from kolada.mapping import Mapping
from kolada.mapping import MappingError
from kolada.mapping import list_mappings
from municipalities.models import Municipality

KOLADA = "kolada"  # the layout of a sync's upload row: its source
# Values differ when they are further apart than this share of Kolada's value and further
# than the indicator's rounding: municipalities round, and Kolada adjusts some
# denominators, so smaller differences are noise, not a question to ask.
RELATIVE_TOLERANCE = 0.01
# How many recent syncs an incremental one looks through for one that covered it.
RECENT_SYNCS = 50


@dataclass(frozen=True, slots=True)
class FetchedValue:
    """Kolada's value for one key, converted to the indicator's unit."""

    municipality_code: str
    indicator_id: int
    year: int
    value: float
    kpi: str


@dataclass
class Fetched:
    """What one sync read from Kolada."""

    base_url: str
    values: dict[ValueKey, FetchedValue]
    without_value: int  # null values, status "Missing", or no row for the mapped gender
    requests: int
    # Values Kolada withdrew (`isdeleted`), with the KPI they came from.
    deleted: dict[ValueKey, str] = field(default_factory=dict)
    scope: SyncScope | None = None


@dataclass(frozen=True)
class SyncScope:
    """What a sync asked Kolada for; an incremental sync starts from one that covered it."""

    kpis: tuple[str, ...]
    municipalities: tuple[str, ...]
    years: tuple[int, ...]
    from_date: str | None = None

    def covers(self, other: SyncScope) -> bool:
        """True when this scope asked for everything ``other`` asks for."""
        return (
            set(other.kpis) <= set(self.kpis)
            and set(other.municipalities) <= set(self.municipalities)
            and set(other.years) <= set(self.years)
        )

    def to_dict(self) -> dict[str, Any]:
        return {
            "kpis": list(self.kpis),
            "municipalities": list(self.municipalities),
            "years": list(self.years),
            "from_date": self.from_date,
        }


@dataclass(frozen=True, slots=True)
class KoladaDifference:
    """A municipality's official value that differs from Kolada's beyond the tolerance."""

    municipality_code: str
    municipality_name: str
    indicator_code: str
    indicator_name: str
    year: int
    value: float
    kolada_value: float
    kpi: str

    def to_dict(self) -> dict[str, Any]:
        return {
            "municipality": self.municipality_code,
            "municipality_name": self.municipality_name,
            "indicator": self.indicator_code,
            "year": self.year,
            "value": self.value,
            "kolada_value": self.kolada_value,
            "kpi": self.kpi,
        }


@dataclass
class SyncSummary:
    """What a sync did (or, with ``dry_run``, would do)."""

    dry_run: bool
    base_url: str
    mappings: list[str]
    skipped_unverified: list[str]
    municipalities: list[str]
    years: list[int]
    requests: int = 0
    fetched: int = 0
    without_value: int = 0
    upload_id: int | None = None
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    beside: int = 0  # Kolada's value kept beside a municipality's official value
    kolada_changed: int = 0  # rows of kolada_value written (new or changed)
    locked: int = 0  # official values the gate kept out: a locked year or approved municipality
    withdrawn: int = 0  # Kolada's values removed because Kolada deleted them (`isdeleted`)
    from_date: str | None = None  # an incremental sync: what changed in Kolada since then
    differences: list[KoladaDifference] = field(default_factory=list)

    @property
    def changed_anything(self) -> bool:
        return bool(self.created or self.updated or self.kolada_changed or self.withdrawn)

    def to_dict(self) -> dict[str, Any]:
        return {
            "source": KOLADA,
            "dry_run": self.dry_run,
            "base_url": self.base_url,
            "upload_id": self.upload_id,
            "mappings": self.mappings,
            "skipped_unverified": self.skipped_unverified,
            "municipalities": self.municipalities,
            "years": self.years,
            "requests": self.requests,
            "fetched": self.fetched,
            "without_value": self.without_value,
            "created": self.created,
            "updated": self.updated,
            "unchanged": self.unchanged,
            "beside": self.beside,
            "kolada_changed": self.kolada_changed,
            "locked": self.locked,
            "withdrawn": self.withdrawn,
            "from_date": self.from_date,
            "differences": [d.to_dict() for d in self.differences],
        }


def select_mappings(
    session: Session, indicator_codes: Iterable[str] | None, include_unverified: bool
) -> tuple[list[Mapping], list[Mapping]]:
    """(mappings to sync, unverified ones left out); codes may be `CODE` or `SET:CODE`."""
    mappings = list_mappings(session)
    wanted = [c.strip() for c in indicator_codes or [] if c.strip()]
    if wanted:
        chosen: list[Mapping] = []
        for code in wanted:
            found = [
                m
                for m in mappings
                if code.lower()
                in (m.indicator_code.lower(), f"{m.set_code}:{m.indicator_code}".lower())
            ]
            if not found:
                known = ", ".join(f"{m.set_code}:{m.indicator_code}" for m in mappings) or "-"
                raise MappingError("indicator-not-mapped", code=code, known=known)
            chosen.extend(m for m in found if m not in chosen)
        mappings = chosen
    if not mappings:
        raise MappingError("no-mappings")
    use = [m for m in mappings if m.verified or include_unverified]
    return use, [m for m in mappings if not (m.verified or include_unverified)]


def fetch(
    client: KoladaClient,
    mappings: list[Mapping],
    municipality_codes: list[str],
    years: list[int],
    from_date: str | None = None,
) -> Fetched:
    """Read the mapped KPIs from Kolada (no database access); KoladaError on any failure.

    With ``from_date`` only what Kolada changed since then: new and corrected values, and
    the values it deleted.
    """
    by_kpi: dict[str, list[Mapping]] = {}
    for mapping in mappings:
        by_kpi.setdefault(mapping.kpi, []).append(mapping)
    values: dict[ValueKey, FetchedValue] = {}
    deleted: dict[ValueKey, str] = {}
    seen: set[tuple[str, str, int, str]] = set()
    points = client.data(sorted(by_kpi), municipality_codes, years, from_date) if by_kpi else []
    wanted_codes, wanted_years = set(municipality_codes), set(years)
    for point in points:
        if point.municipality not in wanted_codes or point.year not in wanted_years:
            continue
        seen_key = (point.kpi, point.municipality, point.year, point.gender)
        if seen_key in seen:
            continue
        seen.add(seen_key)
        for mapping in by_kpi.get(point.kpi, []):
            key = (point.municipality, mapping.indicator_id, point.year)
            if point.deleted and point.gender in (mapping.gender, ANY_GENDER):
                deleted[key] = point.kpi
            if point.gender != mapping.gender or point.value is None:
                continue
            values[key] = FetchedValue(
                point.municipality,
                mapping.indicator_id,
                point.year,
                mapping.convert(point.value),
                point.kpi,
            )
    for key in values:  # a value given again after its deletion stands
        deleted.pop(key, None)
    # Only a full fetch says which values Kolada lacks; an incremental one sees changes only.
    without = (
        len(mappings) * len(municipality_codes) * len(years) - len(values)
        if from_date is None
        else 0
    )
    scope = SyncScope(
        tuple(sorted(by_kpi)), tuple(sorted(wanted_codes)), tuple(sorted(wanted_years)), from_date
    )
    return Fetched(client.base_url, values, without, client.requests, deleted, scope)


def last_sync_date(session: Session, scope: SyncScope) -> dt.date | None:
    """The day of the newest sync that wrote something and asked for all of ``scope``.

    A sync that changed nothing writes no upload, so the day may be earlier than the last
    run: an incremental sync then asks for a little more than it needs, never less.  A
    reverted sync does not count (its values were undone).
    """
    uploads = session.execute(
        select(Upload.id, Upload.uploaded_at, Upload.content)
        .where(Upload.layout == KOLADA, Upload.reverted_by.is_(None))
        .order_by(Upload.id.desc())
        .limit(RECENT_SYNCS)
    )
    for _id, uploaded_at, content in uploads:
        try:
            asked = json.loads(content or b"{}").get("scope")
            earlier = SyncScope(
                tuple(asked["kpis"]), tuple(asked["municipalities"]), tuple(asked["years"])
            )
        except (ValueError, TypeError, KeyError, AttributeError):
            continue  # a sync from before scopes were kept: not known to cover anything
        if earlier.covers(scope):
            # A day earlier: Kolada's dates and ours need not share a time zone.
            return uploaded_at.date() - dt.timedelta(days=1)
    return None


def store(
    session: Session,
    fetched: Fetched,
    summary: SyncSummary,
    user: str,
) -> SyncSummary:
    """Apply the conflict rule and write one `kolada` upload; the caller owns the transaction."""
    lock_for_writing(session)
    values = fetched.values
    summary.fetched = len(values)
    summary.without_value = fetched.without_value
    summary.requests = fetched.requests
    if not values and not fetched.deleted:
        return summary
    keys = [*values, *fetched.deleted]
    existing = _observations_with_source(session, keys)
    kolada_rows = _kolada_values(session, keys)
    # The gate: Kolada writes no official value into a locked or approved municipality-year.
    refused = gate.refused_places(
        session,
        door=gate.KOLADA,
        role=gate.CLI,
        places={(key[0], key[2]) for key in keys},
    )

    official: list[CleanValue] = []
    for key, item in values.items():
        obs = existing.get(key)
        if obs is None or obs[4] == KOLADA or obs[2] == MISSING:
            if (item.municipality_code, item.year) in refused:
                summary.locked += 1
                continue
            official.append(
                CleanValue(
                    item.municipality_code, item.indicator_id, item.year, item.value, REPORTED, None
                )
            )
        else:
            summary.beside += 1
    # A value Kolada deleted goes from beside the observation, and from the observation
    # itself where the value was Kolada's: it becomes missing, a revision like any other.
    withdrawn = [kolada_rows[key][0] for key in fetched.deleted if key in kolada_rows]
    summary.withdrawn = len(withdrawn)
    for key in fetched.deleted:
        obs = existing.get(key)
        if obs is None or obs[4] != KOLADA or obs[2] != REPORTED:
            continue
        if (key[0], key[2]) in refused:
            summary.locked += 1
            continue
        official.append(CleanValue(key[0], key[1], key[2], None, MISSING, None))
    new_rows = [item for key, item in values.items() if key not in kolada_rows]
    changed_rows = [
        (kolada_rows[key][0], item)
        for key, item in values.items()
        if key in kolada_rows and kolada_rows[key][1:] != (item.value, item.kpi)
    ]
    summary.kolada_changed = len(new_rows) + len(changed_rows)
    current = {key: CurrentValue(*obs[:4]) for key, obs in existing.items()}
    info = _info(fetched, user)
    counts = apply_values(session, info, official, dry_run=True, existing=current)
    summary.created, summary.updated, summary.unchanged = (
        counts.created,
        counts.updated,
        counts.unchanged,
    )
    if summary.dry_run or not summary.changed_anything:
        return summary

    applied = apply_values(session, info, official, existing=current)
    summary.upload_id = applied.upload_id
    now = utcnow()
    if withdrawn:
        session.execute(delete(KoladaValue).where(KoladaValue.id.in_(withdrawn)))
    if new_rows:
        session.execute(
            insert(KoladaValue),
            [
                {
                    "municipality_code": item.municipality_code,
                    "indicator_id": item.indicator_id,
                    "year": item.year,
                    "value": item.value,
                    "kpi": item.kpi,
                    "upload_id": applied.upload_id,
                    "fetched_at": now,
                }
                for item in new_rows
            ],
        )
    if changed_rows:
        table = cast(Table, KoladaValue.__table__)
        session.execute(
            update(table)
            .where(table.c.id == bindparam("b_id"))
            .values(
                value=bindparam("b_value"),
                kpi=bindparam("b_kpi"),
                upload_id=bindparam("b_upload"),
                fetched_at=bindparam("b_now"),
            ),
            [
                {
                    "b_id": row_id,
                    "b_value": item.value,
                    "b_kpi": item.kpi,
                    "b_upload": applied.upload_id,
                    "b_now": now,
                }
                for row_id, item in changed_rows
            ],
        )
    return summary


def sync(
    session_factory: Callable[[], Any],
    client: KoladaClient,
    mappings: list[Mapping],
    skipped: list[Mapping],
    municipality_codes: list[str],
    years: list[int],
    user: str,
    *,
    dry_run: bool = False,
    incremental: bool = False,
) -> SyncSummary:
    """Fetch, then store in one transaction (``session_factory()`` is its context manager).

    ``incremental`` asks Kolada only for what changed since the last sync that covered the
    same KPIs, municipalities and years (``from_date``); without one, everything.
    """
    from_date = None
    if incremental:
        wanted = SyncScope(
            tuple(sorted({m.kpi for m in mappings})),
            tuple(sorted(municipality_codes)),
            tuple(sorted(years)),
        )
        with session_factory() as session:
            since = last_sync_date(session, wanted)
        from_date = since.isoformat() if since else None
    summary = SyncSummary(
        dry_run=dry_run,
        base_url=client.base_url,
        mappings=[f"{m.set_code}:{m.indicator_code}={m.kpi}" for m in mappings],
        skipped_unverified=[f"{m.set_code}:{m.indicator_code}" for m in skipped],
        municipalities=list(municipality_codes),
        years=list(years),
        from_date=from_date,
    )
    fetched = fetch(client, mappings, municipality_codes, years, from_date)
    with session_factory() as session:
        store(session, fetched, summary, user)
        summary.differences = differences(
            session, municipality_codes, [m.indicator_id for m in mappings], years
        )
    return summary


def differences(
    session: Session,
    municipality_codes: Iterable[str],
    indicator_ids: Iterable[int] | None = None,
    years: Iterable[int] | None = None,
) -> list[KoladaDifference]:
    """Official values (not from Kolada) that differ from Kolada's beyond the tolerance."""
    o, k = Observation.__table__.c, KoladaValue.__table__.c
    query = (
        select(
            o.municipality_code,
            Municipality.short_name,
            Indicator.code,
            Indicator.name,
            Indicator.decimals,
            o.year,
            o.value,
            k.value,
            k.kpi,
            Upload.layout,
        )
        .join(
            KoladaValue.__table__,
            (k.municipality_code == o.municipality_code)
            & (k.indicator_id == o.indicator_id)
            & (k.year == o.year),
        )
        .join(Indicator, Indicator.id == o.indicator_id)
        .join(Municipality, Municipality.code == o.municipality_code)
        .outerjoin(Upload, Upload.id == o.upload_id)
        .where(
            o.municipality_code.in_(sorted(set(municipality_codes))),
            o.status == REPORTED,
            o.value.is_not(None),
        )
        .order_by(o.municipality_code, Indicator.set_id, Indicator.sort_order, o.year)
    )
    if indicator_ids is not None:
        query = query.where(o.indicator_id.in_(sorted(set(indicator_ids))))
    if years is not None:
        query = query.where(o.year.in_(sorted(set(years))))
    found = []
    for (
        code,
        name,
        ind_code,
        ind_name,
        decimals,
        year,
        value,
        kolada,
        kpi,
        layout,
    ) in session.execute(query):
        if layout == KOLADA or not differs(value, kolada, decimals):
            continue
        found.append(KoladaDifference(code, name, ind_code, ind_name, year, value, kolada, kpi))
    return found


def differs(value: float, kolada_value: float, decimals: int = 1) -> bool:
    """True when two values differ by more than 1 % of Kolada's and more than the rounding."""
    gap = abs(value - kolada_value)
    return gap > RELATIVE_TOLERANCE * abs(kolada_value) and gap > 0.5 * 10 ** -(decimals or 0)


def _observations_with_source(
    session: Session, values: Collection[ValueKey]
) -> dict[ValueKey, tuple[int, float | None, str, str | None, str | None]]:
    """Stored observations of the keys, with the layout of the upload that wrote them last."""
    o = Observation.__table__.c
    query = (
        select(
            o.municipality_code,
            o.indicator_id,
            o.year,
            o.id,
            o.value,
            o.status,
            o.comment,
            Upload.layout,
        )
        .outerjoin(Upload, Upload.id == o.upload_id)
        .where(
            o.municipality_code.in_(sorted({key[0] for key in values})),
            o.indicator_id.in_(sorted({key[1] for key in values})),
            o.year.in_(sorted({key[2] for key in values})),
        )
    )
    return {
        (code, ind, year): (obs_id, value, status, comment, layout)
        for code, ind, year, obs_id, value, status, comment, layout in session.execute(query)
    }


def _kolada_values(
    session: Session, values: Collection[ValueKey]
) -> dict[ValueKey, tuple[int, float, str]]:
    k = KoladaValue.__table__.c
    query = select(k.municipality_code, k.indicator_id, k.year, k.id, k.value, k.kpi).where(
        k.municipality_code.in_(sorted({key[0] for key in values})),
        k.indicator_id.in_(sorted({key[1] for key in values})),
        k.year.in_(sorted({key[2] for key in values})),
    )
    return {
        (code, ind, year): (row_id, value, kpi)
        for code, ind, year, row_id, value, kpi in session.execute(query)
    }


def _info(fetched: Fetched, user: str) -> UploadInfo:
    """The upload row of a sync: what was fetched, as canonical JSON kept with it."""
    fetched_at = utcnow().isoformat(timespec="microseconds")
    rows = sorted(
        [v.municipality_code, v.indicator_id, v.year, v.value, v.kpi]
        for v in fetched.values.values()
    )
    withdrawn = sorted([*key, kpi] for key, kpi in fetched.deleted.items())
    content = json.dumps(
        {
            "source": KOLADA,
            "base_url": fetched.base_url,
            "fetched_at": fetched_at,
            "values": rows,
            "deleted": withdrawn,
            "scope": fetched.scope.to_dict() if fetched.scope else None,
        },
        ensure_ascii=False,
        separators=(",", ":"),
    ).encode("utf-8")
    years = sorted({v.year for v in fetched.values.values()})
    span = f"{years[0]}–{years[-1]}" if years else ""
    return UploadInfo(
        file_name=f"Kolada {fetched.base_url} {span}".strip(),
        sha256=hashlib.sha256(content).hexdigest(),
        size=len(content),
        uploaded_by=user,
        layout=KOLADA,
        content=content,
    )
