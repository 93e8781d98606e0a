"""Which catalogue indicator is which Kolada KPI: the mapping file, loading, confirming.

A mapping names an indicator by set and code (``sekom-2012;GN.7``), a Kolada KPI id, the
factor that turns Kolada's unit into the indicator's, the gender row to take (``T``, the
total), where the mapping comes from, and whether a person has verified it.  The bundled
file ``indicators/data/kolada.csv`` ships every mapping unverified; the sync uses only
verified ones unless told otherwise.  Loading never un-verifies an unchanged mapping; a
mapping whose KPI, factor or gender changes must be verified again.
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass
from dataclasses import field
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from i18n import LANGS
from i18n import Lang
from i18n import Text
from indicators.catalogue import BUNDLED_DIR
from indicators.catalogue import UnknownIndicatorSet
from indicators.catalogue import list_indicators
from indicators.models import Indicator
from indicators.models import IndicatorSet
from indicators.models import KoladaMapping
from indicators.models import utcnow
from indicators.numbers import NumberFormatError
from indicators.numbers import parse_number
from indicators.problems import Problem
from indicators.problems import ProblemReport
from intake.files import problem_types as types
from intake.files.entry import ReadError
from intake.files.problem_types import PHRASES
from intake.files.text import read_text
from kolada.errors import ERRORS
from kolada.errors import KoladaError

BUNDLED_MAPPINGS = BUNDLED_DIR / "kolada.csv"
COLUMNS = ("set", "kod", "kolada_kpi", "faktor", "kön", "källa", "verifierad")
KPI_ID = re.compile(r"^[A-Z]\d{5}$")
GENDERS = ("T", "K", "M")
YES, NO = ("ja", "yes", "1", "true"), ("nej", "no", "0", "false", "")


class MappingError(KoladaError):
    """A mapping file or a mapping request is wrong; nothing was changed."""

    def __init__(self, key: str, report: ProblemReport | None = None, **params: object) -> None:
        super().__init__(key, **params)
        self.report = report


def _problem(problem: Problem, lang: Lang) -> str:
    """`rad 3, kolumn faktor: ...`: one problem of a mapping file in one language."""
    return ERRORS(
        "mapping-problem",
        lang,
        place=problem.place(),
        column=problem.column,
        message=problem.message(lang),
    )


@dataclass(frozen=True, slots=True)
class MappingRow:
    """One line of a mapping file, checked."""

    set_code: str
    indicator_code: str
    kpi: str
    factor: float
    gender: str
    provenance: str
    verified: bool
    line: int


@dataclass(frozen=True, slots=True)
class Mapping:
    """A stored mapping, as the sync and the list command use it."""

    indicator_id: int
    set_code: str
    indicator_code: str
    indicator_name: str
    unit: str
    kpi: str
    factor: float
    gender: str
    provenance: str
    verified: bool
    verified_by: str | None

    def convert(self, kolada_value: float) -> float:
        """Kolada's value in the indicator's unit."""
        return kolada_value * self.factor

    def to_dict(self) -> dict[str, Any]:
        return {
            "set": self.set_code,
            "indicator": self.indicator_code,
            "name": self.indicator_name,
            "unit": self.unit,
            "kpi": self.kpi,
            "factor": self.factor,
            "gender": self.gender,
            "provenance": self.provenance,
            "verified": self.verified,
            "verified_by": self.verified_by,
        }


@dataclass
class MappingLoadSummary:
    """What loading a mapping file did."""

    file: str
    created: int = 0
    changed: int = 0
    unchanged: int = 0
    verified: int = 0
    unverified: list[str] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {
            "file": self.file,
            "created": self.created,
            "changed": self.changed,
            "unchanged": self.unchanged,
            "verified": self.verified,
            "unverified": self.unverified,
        }


def read_mapping_file(path: str | Path, session: Session) -> list[MappingRow]:
    """Read and check a mapping file against the catalogue; MappingError lists every problem."""
    path = Path(path)
    report = ProblemReport(file=str(path))
    try:
        # The intake layer: a FIFO, a device or a huge file refused from os.stat; UTF-8 (with
        # or without BOM) or Windows-1252 decoded; binary content refused.
        text, _encoding = read_text(path)
    except ReadError as exc:
        raise MappingError("as-read", message=exc.as_text()) from exc
    lines = [(n, line) for n, line in enumerate(text.splitlines(), 1) if not line.startswith("#")]
    reader = csv.reader(io.StringIO("\n".join(line for _, line in lines)), delimiter=";")
    numbered = [(lines[i][0], row) for i, row in enumerate(reader) if any(c.strip() for c in row)]
    if not numbered or [c.strip().lower() for c in numbered[0][1]][: len(COLUMNS)] != list(COLUMNS):
        raise MappingError("mapping-header", path=path, header=";".join(COLUMNS))
    indicators: dict[tuple[str, str], Indicator] = {}
    rows: list[MappingRow] = []
    for line, cells in numbered[1:]:
        values = dict(zip(COLUMNS, (c.strip() for c in cells), strict=False))
        row = _check_row(values, line, report, session, indicators)
        if row is not None:
            rows.append(row)
    seen: dict[tuple[str, str], int] = {}
    for row in rows:
        key = (row.set_code, row.indicator_code)
        if key in seen:
            report.add(
                types.KOLADA_DUPLICATE_MAPPING,
                row=row.line,
                set_code=row.set_code,
                code=row.indicator_code,
                first_line=seen[key],
            )
        seen[key] = row.line
    if not report.ok:
        # One line naming every problem: a mapping file has a handful of rows.
        problems = Text(*("; ".join(_problem(p, lang) for p in report.errors) for lang in LANGS))
        raise MappingError("mapping-problems", report, problems=problems)
    return rows


def _check_row(
    values: dict[str, str],
    line: int,
    report: ProblemReport,
    session: Session,
    indicators: dict[tuple[str, str], Indicator],
) -> MappingRow | None:
    set_code, code = values.get("set", "").lower(), values.get("kod", "")
    ok = True
    if (set_code, code) not in indicators:
        try:
            found = {i.code: i for i in list_indicators(session, set_code)}
        except UnknownIndicatorSet:
            found = {}
        if code not in found:
            report.add(
                types.KOLADA_UNKNOWN_INDICATOR, row=line, column="kod", set_code=set_code, code=code
            )
            ok = False
        else:
            indicators[(set_code, code)] = found[code]
    written = values.get("kolada_kpi", "")
    kpi = written.upper()
    if not KPI_ID.match(kpi):
        report.add(
            types.KOLADA_BAD_KPI,
            row=line,
            column="kolada_kpi",
            written=written or PHRASES["empty"],
        )
        ok = False
    factor = 1.0
    try:
        factor, _ = parse_number(values.get("faktor") or "1")
        if factor <= 0:
            raise NumberFormatError("not-a-number", text=values.get("faktor", ""))
    except NumberFormatError:
        report.add(types.KOLADA_BAD_FACTOR, row=line, column="faktor", factor=values.get("faktor"))
        ok = False
    gender = (values.get("kön") or "T").upper()
    if gender not in GENDERS:
        report.add(types.KOLADA_BAD_GENDER, row=line, column="kön", gender=gender)
        ok = False
    provenance = values.get("källa", "")
    if not provenance:
        report.add(types.KOLADA_NO_PROVENANCE, row=line, column="källa")
        ok = False
    verified_text = values.get("verifierad", "").lower()
    if verified_text not in YES + NO:
        report.add(types.KOLADA_BAD_VERIFIED, row=line, column="verifierad", text=verified_text)
        ok = False
    if not ok:
        return None
    return MappingRow(
        set_code, code, kpi, factor, gender, provenance, verified_text in YES, line=line
    )


def load_mappings(
    session: Session, rows: list[MappingRow], user: str, file_name: str
) -> MappingLoadSummary:
    """Store checked mapping rows; a row saying `verifierad ja` confirms it in ``user``'s name."""
    summary = MappingLoadSummary(file=file_name)
    indicator_ids = _indicator_ids(session, {(r.set_code, r.indicator_code) for r in rows})
    stored = {m.indicator_id: m for m in session.scalars(select(KoladaMapping))}
    now = utcnow()
    for row in rows:
        indicator_id = indicator_ids[(row.set_code, row.indicator_code)]
        mapping = stored.get(indicator_id)
        same_meaning = mapping is not None and (mapping.kpi, mapping.factor, mapping.gender) == (
            row.kpi,
            row.factor,
            row.gender,
        )
        if mapping is None:
            mapping = KoladaMapping(indicator_id=indicator_id, verified=False, loaded_at=now)
            session.add(mapping)
            summary.created += 1
        elif (
            same_meaning
            and mapping.provenance == row.provenance
            and (mapping.verified or not row.verified)
        ):
            summary.unchanged += 1
        else:
            summary.changed += 1
        if not same_meaning:
            mapping.verified, mapping.verified_by, mapping.verified_at = False, None, None
        mapping.kpi, mapping.factor, mapping.gender = row.kpi, row.factor, row.gender
        mapping.provenance = row.provenance
        if row.verified and not mapping.verified:
            mapping.verified, mapping.verified_by, mapping.verified_at = True, user, now
        if mapping.verified:
            summary.verified += 1
        else:
            summary.unverified.append(f"{row.set_code} {row.indicator_code}")
    session.flush()
    return summary


def load_mapping_file(session: Session, path: str | Path | None, user: str) -> MappingLoadSummary:
    """Read, check and store a mapping file (the bundled one when ``path`` is None)."""
    path = Path(path) if path is not None else BUNDLED_MAPPINGS
    return load_mappings(session, read_mapping_file(path, session), user, str(path))


def confirm_mapping(session: Session, set_code: str, indicator_code: str, user: str) -> Mapping:
    """Mark a stored mapping as verified by ``user`` (who checked Kolada's definition)."""
    key = (set_code.strip().lower(), indicator_code.strip())
    found = [m for m in list_mappings(session) if (m.set_code, m.indicator_code) == key]
    if not found:
        raise MappingError("no-mapping", set=key[0], code=key[1])
    mapping = session.scalar(
        select(KoladaMapping).where(KoladaMapping.indicator_id == found[0].indicator_id)
    )
    assert mapping is not None
    if not mapping.verified:
        mapping.verified, mapping.verified_by, mapping.verified_at = True, user, utcnow()
        session.flush()
    return list_mappings(session, [found[0].indicator_id])[0]


def list_mappings(session: Session, indicator_ids: list[int] | None = None) -> list[Mapping]:
    """The stored mappings in catalogue order."""
    query = (
        select(KoladaMapping, Indicator, IndicatorSet.code)
        .join(Indicator, Indicator.id == KoladaMapping.indicator_id)
        .join(IndicatorSet, IndicatorSet.id == Indicator.set_id)
        .order_by(IndicatorSet.id, Indicator.sort_order, Indicator.id)
    )
    if indicator_ids is not None:
        query = query.where(KoladaMapping.indicator_id.in_(indicator_ids))
    return [
        Mapping(
            indicator_id=indicator.id,
            set_code=set_code,
            indicator_code=indicator.code,
            indicator_name=indicator.name,
            unit=indicator.unit,
            kpi=mapping.kpi,
            factor=mapping.factor,
            gender=mapping.gender,
            provenance=mapping.provenance,
            verified=mapping.verified,
            verified_by=mapping.verified_by,
        )
        for mapping, indicator, set_code in session.execute(query)
    ]


def _indicator_ids(session: Session, keys: set[tuple[str, str]]) -> dict[tuple[str, str], int]:
    ids: dict[tuple[str, str], int] = {}
    for set_code in {key[0] for key in keys}:
        for indicator in list_indicators(session, set_code):
            if (set_code, indicator.code) in keys:
                ids[(set_code, indicator.code)] = indicator.id
    return ids
