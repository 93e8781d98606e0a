"""The plan report as one self-contained HTML file, from the documents' shared templates."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from i18n import Lang
from plan.documents.gantt import FLAG_FILLS, gantt_figure
from plan.documents.tables import L, Table, cell_text, report_tables
from plan.report_model import PlanReport
from reports.documents.html import embedded_chart


def write_html(report: PlanReport, path: Path, lang: Lang = "sv") -> None:
    """Write the report as one HTML file."""
    from indicators.output import write_text

    write_text(path, render_html(report, lang))


def render_html(report: PlanReport, lang: Lang = "sv") -> str:
    """The report as HTML text, from the documents' shared templates and stylesheet."""
    from reports.documents.templating import render, trusted

    title = L("Uppföljning av handlingsplan", "Action plan follow-up", lang)
    examples_note = ""
    if report.has_examples:
        examples_note = L(
            "Uppföljningsloggen innehåller exempel (påhittade uppgifter, märkta ”exempel”).",
            "The follow-up log holds examples (invented entries, labelled 'example').",
            lang,
        )
    tables = {t.key: _table(t, lang) for t in report_tables(report, lang)}
    gantt_label = L(
        "Tidplan för planens aktiviteter med status och andel klart; samma uppgifter står i "
        "tabellen över aktiviteter ovan.",
        "Timeline of the plan's activities with status and share done; the table of "
        "activities above holds the same information.",
        lang,
    )
    return render(
        "plan.html",
        lang,
        title=f"{title} – {report.plan_name}",
        heading=report.title,
        subtitle=report.subtitle,
        example=False,
        wide=False,
        provenance=report.provenance.line(lang),
        follow_up=f"{title} {L('per', 'as of', lang)} {report.as_of.isoformat()}",
        examples_note=examples_note,
        before=[tables["goals"], tables["activities"]],
        gantt_title=L("Tidplan (Gantt)", "Timeline (Gantt)", lang),
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
