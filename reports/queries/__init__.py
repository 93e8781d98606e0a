"""Fetching what a report needs from the store, in a few set-based queries, then analysing it.

Every function takes a ``Session`` from the caller and reads only.  Observations come in
one query per report (Core rows, not ORM objects): the county comparison reads the
county's municipalities x indicators x years up to the report year, the municipality
report also the SEkom members and the members of the municipality's named groups.
The analysis itself is :mod:`reports.analysis` and :mod:`reports.completeness`.

``origin`` says where a report's numbers come from, ``fetching`` holds the queries every
report shares, and ``county``, ``municipality`` and ``who_reported`` gather one document
kind each.
"""

from reports.queries.county import county_comparison
from reports.queries.county import county_table
from reports.queries.municipality import municipality_report_data
from reports.queries.origin import provenance
from reports.queries.origin import report_time
from reports.queries.origin import stored_year_range
from reports.queries.who_reported import completeness

__all__ = [
    "completeness",
    "county_comparison",
    "county_table",
    "municipality_report_data",
    "provenance",
    "report_time",
    "stored_year_range",
]
