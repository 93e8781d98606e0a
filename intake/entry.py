"""Values typed into the web form, checked and stored exactly as a template file's are.

The form's fields become the same :class:`RawValue` records the template reader produces
(one per indicator, on a sheet called ``Formulär``/``Form`` whose row is the field's
position), so the same validation (value conventions, ranges, locked years, outlier
warnings) and the same store function run; all or nothing, with an upload row of its own
holding the submitted values as JSON.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from sqlalchemy.orm import Session

from i18n import Lang
from indicators import store
from indicators.problems import ProblemReport
from indicators.records import TEMPLATE
from indicators.records import RawValue
from indicators.records import ReadResult
from indicators.records import UploadInfo
from intake.import_outcome import DRY_RUN
from intake.import_outcome import IMPORTED
from intake.import_outcome import REJECTED
from intake.import_outcome import FileOutcome
from intake.messages import MESSAGES
from intake.validation.check import validate

if TYPE_CHECKING:
    from sqlalchemy.engine import Engine

FORM_LAYOUT = "form"
FIRST_ROW = 2  # row 1 is the form's heading row, as in a sheet
VALUE_COLUMN = 2
COMMENT_COLUMN = 3


@dataclass(frozen=True)
class EnteredValue:
    """One field of the form as typed: indicator code, value text, comment."""

    indicator: str
    value: str
    comment: str = ""


def form_row(index: int) -> int:
    """The row a form field's problems name (its 0-based position plus the heading row)."""
    return FIRST_ROW + index


def import_entered(
    engine: Engine,
    entries: Sequence[EnteredValue],
    *,
    municipality: str,
    year: int,
    user: str,
    lang: Lang = "sv",
    dry_run: bool = False,
    moment: str = "",
    indicator_set: str | None = None,
) -> FileOutcome:
    """Validate the form's values and store them in one transaction, or store nothing.

    ``indicator_set`` is the set the form's codes belong to (a form shows one set's
    indicators); without it the year's default set.

    ``moment`` (a timestamp) makes the upload's SHA-256 unique, so the same values typed
    twice are two entries in the history rather than an "already imported" file.
    ``indicator_set`` is the set the form's codes belong to, as a template's metadata says.
    """
    sheet = MESSAGES("sheet-form", lang)
    name = f"{sheet} {municipality} {year}"
    result = ReadResult(
        path=name,
        layout=TEMPLATE,
        municipality=municipality,
        year=year,
        single_municipality=True,
        indicator_set=indicator_set,
        values=[
            RawValue(
                municipality=None,
                indicator=entry.indicator,
                year=None,
                value=entry.value.strip() or None,
                comment=entry.comment.strip() or None,
                row=form_row(index),
                column=VALUE_COLUMN,
                sheet=sheet,
            )
            for index, entry in enumerate(entries)
            # An empty field says nothing: the stored value stays, without a warning.
            if entry.value.strip() or entry.comment.strip()
        ],
    )
    content = json.dumps(
        {
            "municipality": municipality,
            "year": year,
            "values": [entry.__dict__ for entry in entries],
            "entered_by": user,
            "at": moment,
        },
        ensure_ascii=False,
    ).encode("utf-8")
    info = UploadInfo(
        file_name=name,
        sha256=hashlib.sha256(content).hexdigest(),
        size=len(content),
        uploaded_by=user,
        layout=FORM_LAYOUT,
        content=content,
    )
    report = ProblemReport(file=name)
    with Session(engine) as session, session.begin():
        if not dry_run:
            store.lock_for_writing(session)
        validated = validate(result, session, municipality=municipality, year=year, lang=lang)
        report.extend(validated.report)
        if not validated.ok:
            return FileOutcome(name, REJECTED, problems=report)
        summary = store.apply_values(
            session, info, validated.values, dry_run=dry_run, existing=validated.stored
        )
    return FileOutcome(
        name,
        DRY_RUN if dry_run else IMPORTED,
        created=summary.created,
        updated=summary.updated,
        unchanged=summary.unchanged,
        problems=report,
        upload_id=summary.upload_id,
    )
