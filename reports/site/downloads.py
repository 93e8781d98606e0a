"""The site's open data: each chart's CSV and JSON, each indicator's table, the Data Package."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

from indicators.csv_out import csv_text
from indicators.safe_text import safe_filename
from reports import open_data
from reports.messages import SITE_LABELS
from reports.site.data import SiteData
from reports.site.data import SiteIndicator
from reports.site.data import SiteSeries


def _csv(header: list[str], rows: list[list[Any]]) -> bytes:
    """UTF-8 CSV; text a spreadsheet would run as a formula gets a leading apostrophe."""
    return csv_text(header, rows, lineterminator="\n").encode("utf-8")


def _plain(value: float | None) -> float | int | str:
    """A number for machines (a point for decimals, no thousands separator); empty for none.

    Returned as a number so that the CSV writer never takes a negative value for text.
    """
    if value is None:
        return ""
    return int(value) if float(value).is_integer() else float(value)


def series_csv(found: SiteSeries) -> bytes:
    """One chart's series as CSV."""
    return _csv(
        ["year", "value", "status", "comment", "preliminary"],
        [
            [p.year, _plain(p.value), p.status, p.comment or "", str(p.preliminary).lower()]
            for p in found.points
        ],
    )


def series_json(found: SiteSeries, indicator: SiteIndicator, name: str) -> bytes:
    """One chart's series as JSON, with the indicator, trend and target."""
    data = {
        "municipality": found.municipality,
        "municipality_name": name,
        "indicator": indicator.code,
        "indicator_name": indicator.name,
        "unit": indicator.unit,
        "trend": found.trend.judgement,
        "target": (
            {"value": found.target.value, "year": found.target.year} if found.target else None
        ),
        "points": [
            {
                "year": p.year,
                "value": p.value,
                "status": p.status,
                "comment": p.comment,
                "preliminary": p.preliminary,
            }
            for p in found.points
        ],
    }
    return json.dumps(data, ensure_ascii=False, indent=1).encode("utf-8")


def indicator_csv(rows: list[tuple[Any, SiteSeries | None]]) -> bytes:
    """One indicator's values of every municipality as CSV."""
    return _csv(
        ["municipality", "municipality_name", "year", "value", "status", "preliminary"],
        [
            [m.code, m.name, p.year, _plain(p.value), p.status, str(p.preliminary).lower()]
            for m, found in rows
            if found
            for p in found.points
        ],
    )


def indicator_json(rows: list[tuple[Any, SiteSeries | None]], indicator: SiteIndicator) -> bytes:
    """One indicator's values of every municipality as JSON."""
    data = {
        "indicator": indicator.code,
        "indicator_name": indicator.name,
        "unit": indicator.unit,
        "direction": indicator.direction,
        "municipalities": [
            {
                "municipality": m.code,
                "municipality_name": m.name,
                "trend": found.trend.judgement,
                "points": [
                    {"year": p.year, "value": p.value, "status": p.status} for p in found.points
                ],
            }
            for m, found in rows
            if found
        ],
    }
    return json.dumps(data, ensure_ascii=False, indent=1).encode("utf-8")


STATUS_ENUM = ["reported", "missing", "not-applicable"]


def _csv_resource(
    name: str, fields: list[dict[str, Any]], primary_key: list[str], **schema: Any
) -> dict[str, Any]:
    """One CSV file of the data package, as a Frictionless tabular data resource."""
    return {
        "name": name,
        "path": f"{name}.csv",
        "profile": "tabular-data-resource",
        "format": "csv",
        "mediatype": "text/csv",
        "encoding": "utf-8",
        "schema": {
            "fields": fields,
            "missingValues": [""],
            "primaryKey": primary_key,
            **schema,
        },
    }


def data_package(data: SiteData, by_code: dict[str, SiteIndicator]) -> Iterator[tuple[str, bytes]]:
    """A Frictionless Data Package: observations, indicators, municipalities, with schemas."""
    names = {m.code: m.name for m in data.municipalities}
    observations = [
        [
            s.municipality,
            names[s.municipality],
            s.indicator,
            p.year,
            _plain(p.value),
            p.status,
            p.comment or "",
            str(not p.preliminary).lower(),
        ]
        for s in sorted(data.series.values(), key=lambda s: (s.municipality, s.indicator))
        for p in s.points
    ]
    yield (
        "data/observations.csv",
        # The open data's columns; the site publishes one set, so without indicator_set.
        _csv([c for c in open_data.COLUMNS if c != "indicator_set"], observations),
    )
    yield (
        "data/indicators.csv",
        _csv(
            ["code", "name", "name_en", "unit", "direction", "decimals", "source"],
            [
                [i.code, i.name, i.name_en, i.unit, i.direction, i.decimals, i.source or ""]
                for i in by_code.values()
            ],
        ),
    )
    yield (
        "data/municipalities.csv",
        _csv(
            ["code", "name", "county"],
            [[m.code, m.name, m.county_code] for m in data.municipalities],
        ),
    )
    code_pattern = {"pattern": "^[0-9]{4}$", "required": True}
    package = {
        "name": "miljomal-" + safe_filename(data.scope_name),
        "title": data.title,
        "description": SITE_LABELS("data_source", "sv"),
        "profile": "tabular-data-package",
        # The data's date (not the publishing time), so an unchanged store republishes
        # byte for byte.
        "created": data.data_date() + "T00:00:00Z" if data.series else None,
        "sources": [{"title": SITE_LABELS("data_source", "sv")}],
        "resources": [
            _csv_resource(
                "observations",
                [
                    {"name": "municipality", "type": "string", "constraints": code_pattern},
                    {"name": "municipality_name", "type": "string"},
                    {"name": "indicator", "type": "string", "constraints": {"required": True}},
                    {"name": "year", "type": "integer", "constraints": {"required": True}},
                    {"name": "value", "type": "number"},
                    {
                        "name": "status",
                        "type": "string",
                        "constraints": {"required": True, "enum": STATUS_ENUM},
                    },
                    {"name": "comment", "type": "string"},
                    {"name": "approved", "type": "boolean"},
                ],
                ["municipality", "indicator", "year"],
                foreignKeys=[
                    {
                        "fields": "municipality",
                        "reference": {"resource": "municipalities", "fields": "code"},
                    },
                    {
                        "fields": "indicator",
                        "reference": {"resource": "indicators", "fields": "code"},
                    },
                ],
            ),
            _csv_resource(
                "indicators",
                [
                    {"name": "code", "type": "string", "constraints": {"required": True}},
                    {"name": "name", "type": "string"},
                    {"name": "name_en", "type": "string"},
                    {"name": "unit", "type": "string"},
                    {
                        "name": "direction",
                        "type": "string",
                        "constraints": {"enum": ["higher", "lower"]},
                    },
                    {"name": "decimals", "type": "integer"},
                    {"name": "source", "type": "string"},
                ],
                ["code"],
            ),
            _csv_resource(
                "municipalities",
                [
                    {"name": "code", "type": "string", "constraints": code_pattern},
                    {"name": "name", "type": "string"},
                    {"name": "county", "type": "string"},
                ],
                ["code"],
            ),
        ],
    }
    yield (
        "data/datapackage.json",
        json.dumps(package, ensure_ascii=False, indent=2).encode("utf-8"),
    )
