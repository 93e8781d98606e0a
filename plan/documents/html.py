"""The plan report as one self-contained HTML file, from the documents' shared templates."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from i18n import Lang
from indicators.output import write_text
from plan.documents.gantt import FLAG_FILLS
from plan.documents.gantt import gantt_figure
from plan.documents.tables import Table
from plan.documents.tables import cell_text
from plan.documents.tables import report_tables
from plan.messages import MESSAGES
from plan.report_model import PlanReport
from reports.documents.html import embedded_chart
from reports.documents.templating import render
from reports.documents.templating import trusted


def write_html(report: PlanReport, path: Path, lang: Lang = "sv") -> None:
    """Write the report as one HTML file."""
    write_text(path, render_html(report, lang))


def render_html(report: PlanReport, lang: Lang = "sv") -> str:
    """The report as HTML text, from the documents' shared templates and stylesheet."""
    title = MESSAGES("title", lang)
    examples_note = ""
    if report.has_examples:
        examples_note = MESSAGES("examples-html", lang)
    tables = {t.key: _table(t, lang) for t in report_tables(report, lang)}
    gantt_label = MESSAGES("timeline-label", lang)
    return render(
        "plan.html",
        lang,
        title=f"{title} – {report.plan_name}",
        heading=report.title,
        subtitle=report.subtitle,
        example=False,
        wide=False,
        provenance=report.provenance.line(lang),
        follow_up=MESSAGES("follow-up-as-of", lang, date=report.as_of.isoformat()),
        examples_note=examples_note,
        before=[tables["goals"], tables["activities"]],
        gantt_title=MESSAGES("timeline-gantt", lang),
        gantt=trusted(
            embedded_chart(gantt_figure(report, lang), gantt_label, salt="miljomal-plan")
        ),
        after=[
            tables[key]
            for key in ("budget", "parties", "totals", "recipients", "log", "indicators")
        ],
    )


def _table(table: Table, lang: Lang) -> dict[str, Any]:
    """One plan table for the ``plan_table`` macro: cells as text with their column's kind."""
    rows = []
    for i, row in enumerate(table.rows):
        flag = table.row_flags[i] if i < len(table.row_flags) else None
        cells = []
        for column, value in zip(table.columns, row, strict=True):
            text = cell_text(value, column.kind, lang)
            css = {"kr": "num", "percent": "num", "number": "num", "date": "date"}.get(column.kind)
            fill = FLAG_FILLS[str(value)] if column.kind == "flag" and value else None
            cells.append(
                {
                    "label": column.header,
                    "css": css,
                    "fill": fill,
                    "text": text,
                    "lines": text.split("\n"),
                }
            )
        rows.append({"flag": flag if flag in ("subtotal", "total") else None, "cells": cells})
    return {
        "title": table.title,
        "headers": [c.header for c in table.columns],
        "rows": rows,
        "note": table.note,
    }
