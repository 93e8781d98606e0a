"""The plan report as one self-contained HTML file: inline CSS and SVG, no network, text escaped."""

from __future__ import annotations

import html
import io
import re
from pathlib import Path

from plan.documents.gantt import FLAG_FILLS, gantt_figure
from plan.documents.tables import L, Table, cell_text, report_tables
from plan.report import PlanReport

CSS = """
body { font-family: system-ui, -apple-system, "Segoe UI", Arial, sans-serif; margin: 2em;
       color: #111; max-width: 80em; }
h1 { font-size: 1.6em; margin-bottom: 0.2em; }
h2 { font-size: 1.2em; margin-top: 1.8em; border-bottom: 1px solid #999; }
table { border-collapse: collapse; font-size: 0.85em; margin: 0.6em 0; }
th, td { border: 1px solid #ccc; padding: 0.25em 0.5em; vertical-align: top; text-align: left; }
th { background: #eee; }
td.num { text-align: right; white-space: nowrap; }
td.date { white-space: nowrap; }
tr.subtotal td { font-weight: 600; background: #f6f6f6; }
tr.total td { font-weight: 700; background: #e9e9e9; }
.light { padding: 0.1em 0.4em; border-radius: 0.3em; white-space: nowrap; border: 1px solid #888; }
.note { font-size: 0.85em; color: #333; }
.example { color: #D55E00; font-weight: 700; }
.provenance { margin-top: 2em; font-size: 0.8em; color: #333; }
figure { margin: 0.5em 0; }
figure svg { max-width: 100%; height: auto; }
"""


def write_html(report: PlanReport, path: Path, lang: str = "sv") -> None:
    """Write the report as one HTML file."""
    from indicators.output import write_text

    write_text(path, render_html(report, lang))


def render_html(report: PlanReport, lang: str = "sv") -> str:
    """The report as HTML text."""
    e = html.escape
    title = L("Uppföljning av handlingsplan", "Action plan follow-up", lang)
    parts = [
        "<!DOCTYPE html>",
        f'<html lang="{"en" if lang == "en" else "sv"}"><head><meta charset="utf-8">',
        f"<title>{e(title)} – {e(report.plan_name)}</title><style>{CSS}</style></head><body>",
        f"<h1>{e(report.title)}</h1>",
        f"<p>{e(report.subtitle)}</p>" if report.subtitle else "",
        f"<p><strong>{e(title)} {L('per', 'as of', lang)} {report.as_of.isoformat()}</strong></p>",
    ]
    if report.has_examples:
        parts.append(
            '<p class="example">'
            + e(
                L(
                    "Uppföljningsloggen innehåller exempel (påhittade uppgifter, märkta "
                    "”exempel”).",
                    "The follow-up log holds examples (invented entries, labelled 'example').",
                    lang,
                )
            )
            + "</p>"
        )
    tables = {t.key: t for t in report_tables(report, lang)}
    parts.append(_table(tables["goals"], lang))
    parts.append(_table(tables["activities"], lang))
    parts.append(f"<h2>{e(L('Tidplan (Gantt)', 'Timeline (Gantt)', lang))}</h2>")
    parts.append(f"<figure>{_svg(report, lang)}</figure>")
    for key in ("budget", "parties", "totals", "recipients", "log", "indicators"):
        parts.append(_table(tables[key], lang))
    parts.append(f'<p class="provenance">{e(report.provenance.line(lang))}</p>')
    parts.append("</body></html>")
    return "\n".join(p for p in parts if p)


def _table(table: Table, lang: str) -> str:
    e = html.escape
    out = [f"<h2>{e(table.title)}</h2>"]
    if table.rows:
        out.append("<table><thead><tr>")
        out += [f"<th>{e(c.header)}</th>" for c in table.columns]
        out.append("</tr></thead><tbody>")
        for i, row in enumerate(table.rows):
            flag = table.row_flags[i] if i < len(table.row_flags) else None
            css = f' class="{flag}"' if flag in ("subtotal", "total") else ""
            out.append(f"<tr{css}>")
            for column, value in zip(table.columns, row, strict=True):
                text = e(cell_text(value, column.kind, lang))
                if column.kind == "flag" and value:
                    fill = FLAG_FILLS[str(value)]
                    out.append(
                        f'<td><span class="light" style="background:{fill}">{text}</span></td>'
                    )
                elif column.kind in ("kr", "percent", "number"):
                    out.append(f'<td class="num">{text}</td>')
                elif column.kind == "date":
                    out.append(f'<td class="date">{text}</td>')
                else:
                    out.append(f"<td>{text}</td>".replace("\n", "<br>"))
            out.append("</tr>")
        out.append("</tbody></table>")
    if table.note:
        out.append(f'<p class="note">{e(table.note)}</p>')
    return "\n".join(out)


def _svg(report: PlanReport, lang: str) -> str:
    from matplotlib import rc_context

    fig = gantt_figure(report, lang)
    buffer = io.StringIO()
    # A fixed hash salt and no date keep the SVG identical for identical data.
    with rc_context({"svg.hashsalt": "miljomal-plan", "svg.fonttype": "path"}):
        fig.savefig(buffer, format="svg", metadata={"Date": None})
    text = buffer.getvalue()
    text = re.sub(r"<metadata>.*?</metadata>", "", text, flags=re.DOTALL)
    return text[text.index("<svg") :]
