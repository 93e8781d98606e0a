"""Problems written out for a test: any code and sentences, without a declared type.

The product reports a problem through its declared type (intake/files/problem_types/);
a test of how reports are shown (annotated copies, the portal's pages) only needs some.
"""

from __future__ import annotations

from typing import Any

from i18n import Text
from indicators.problems import ERROR
from indicators.problems import WARNING
from indicators.problems import Problem
from indicators.problems import ProblemReport
from indicators.problems import ProblemType


def error(report: ProblemReport, code: str, sv: str, en: str, **place: Any) -> Problem:
    """An error with this code and these sentences."""
    return report.add(ProblemType(code, ERROR, "test", None, None), said=Text(sv, en), **place)


def warning(report: ProblemReport, code: str, sv: str, en: str, **place: Any) -> Problem:
    """A warning with this code and these sentences."""
    return report.add(ProblemType(code, WARNING, "test", None, None), said=Text(sv, en), **place)
