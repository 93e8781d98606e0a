"""Report documents (PDF, HTML, XLSX, PNG, terminal text) built from `reports.model` records.

The ``write_*`` functions choose the format from the output path; they import matplotlib
and openpyxl only when called, so importing this package stays cheap.
"""

from __future__ import annotations

import json
from pathlib import Path

from i18n import Lang
from indicators.output import write_text
from reports.documents.common import DocumentError
from reports.documents.html import write_completeness_html
from reports.documents.html import write_county_html
from reports.documents.html import write_municipality_html
from reports.model.completeness import Completeness
from reports.model.county import CountyComparison
from reports.model.municipality import MunicipalityReport

MUNICIPALITY_FORMATS = (".pdf", ".html", ".json", "folder of .png")
COUNTY_FORMATS = (".pdf", ".html", ".xlsx", ".json")
COMPLETENESS_FORMATS = (".pdf", ".html", ".xlsx", ".json")


class UnknownFormat(DocumentError):
    """An output path whose suffix names no format this document is written in."""


def _suffix(path: str | Path) -> str:
    """The format's suffix; `-o -` (standard output) is HTML, the text format of every report."""
    if str(path) == "-":
        return ".html"
    return Path(path).suffix.lower()


def _unknown(path: str | Path, formats: tuple[str, ...]) -> UnknownFormat:
    return UnknownFormat("unknown-format", name=repr(Path(path).name), formats=", ".join(formats))


def write_municipality_report(
    report: MunicipalityReport, path: str | Path, lang: Lang = "sv", example: bool = False
) -> list[Path]:
    """Write ``report`` to ``path``: .pdf, .html, or a folder of PNGs (no suffix or ending /)."""
    text = str(path)
    suffix = _suffix(path)
    if text != "-" and (text.endswith(("/", "\\")) or not suffix or Path(path).is_dir()):
        # heavy: tests/test_startup_imports.py
        from reports.documents.png import write_municipality_pngs

        return write_municipality_pngs(report, path, lang, example)
    if suffix == ".pdf":
        # heavy: tests/test_startup_imports.py
        from reports.documents.pdf import write_municipality_pdf

        return [write_municipality_pdf(report, path, lang, example)]
    if suffix in (".html", ".htm"):
        return [write_municipality_html(report, path, lang, example)]
    if suffix == ".json":
        return [write_json(report.to_dict(lang), path, example)]
    raise _unknown(path, MUNICIPALITY_FORMATS)


def write_county_report(
    comparison: CountyComparison, path: str | Path, lang: Lang = "sv", example: bool = False
) -> Path:
    """Write the county comparison to ``path`` (.pdf, .html or .xlsx)."""
    suffix = _suffix(path)
    if suffix == ".pdf":
        from reports.documents.pdf import write_county_pdf  # heavy: tests/test_startup_imports.py

        return write_county_pdf(comparison, path, lang, example)
    if suffix in (".html", ".htm"):
        return write_county_html(comparison, path, lang, example)
    if suffix == ".xlsx":
        from reports.documents.xlsx import write_county_xlsx  # heavy: tests/test_startup_imports.py

        return write_county_xlsx(comparison, path, lang, example)
    if suffix == ".json":
        return write_json(comparison.to_dict(lang), path, example)
    raise _unknown(path, COUNTY_FORMATS)


def write_json(data: dict[str, object], path: str | Path, example: bool = False) -> Path:
    """Write a report's data (its ``to_dict()``) as indented UTF-8 JSON (``-``: stdout)."""
    provenance = data.get("provenance")
    data["example"] = example or bool(isinstance(provenance, dict) and provenance.get("example"))

    text = json.dumps(data, ensure_ascii=False, indent=2)
    return write_text(path, text + "\n")


def completeness_json(completeness: Completeness, example: bool = False) -> dict[str, object]:
    """The completeness report as JSON-ready data, with the example flag and status labels."""
    data = completeness.to_dict()
    data["example"] = example or bool(completeness.provenance and completeness.provenance.example)
    if completeness.provenance is not None:
        data["provenance_line"] = completeness.provenance.line("sv")
    return data


def write_completeness_report(
    completeness: Completeness, path: str | Path, lang: Lang = "sv", example: bool = False
) -> Path:
    """Write the completeness report to ``path`` (.pdf, .html, .xlsx or .json)."""
    suffix = _suffix(path)
    if suffix == ".pdf":
        # heavy: tests/test_startup_imports.py
        from reports.documents.pdf import write_completeness_pdf

        return write_completeness_pdf(completeness, path, lang, example)
    if suffix in (".html", ".htm"):
        return write_completeness_html(completeness, path, lang, example)
    if suffix == ".xlsx":
        # heavy: tests/test_startup_imports.py
        from reports.documents.xlsx import write_completeness_xlsx

        return write_completeness_xlsx(completeness, path, lang, example)
    if suffix == ".json":
        text = json.dumps(completeness_json(completeness, example), ensure_ascii=False, indent=2)
        return write_text(path, text + "\n")
    raise _unknown(path, COMPLETENESS_FORMATS)
