"""Reading a targets file."""

from __future__ import annotations

from i18n import Text
from intake.files.problem_types.declare import TARGETS
from intake.files.problem_types.declare import error_type

TARGETS_EMPTY = error_type("empty-file", TARGETS, None, Text("Filen är tom.", "The file is empty."))
TARGETS_UNKNOWN_COLUMN = error_type(
    "unknown-column",
    TARGETS,
    None,
    Text("Okänd kolumn {label!r}.", "Unknown column {label!r}."),
)
TARGETS_MISSING_COLUMN = error_type(
    "missing-column",
    TARGETS,
    None,
    Text("Kolumner saknas: {missing}.", "Columns missing: {missing}."),
)
TARGETS_TWO_OWNERS = error_type(
    "two-owners",
    TARGETS,
    None,
    Text(
        "Ange antingen kommun eller län, inte båda.",
        "Give either a municipality or a county, not both.",
    ),
)
TARGETS_UNKNOWN_MUNICIPALITY = error_type("unknown-municipality", TARGETS, None, None)
TARGETS_MUNICIPALITY_NOT_STORED = error_type(
    "municipality-not-stored",
    TARGETS,
    None,
    Text(
        "Kommun {municipality} finns inte i databasen.",
        "Municipality {municipality} is not in the store.",
    ),
)
TARGETS_UNKNOWN_COUNTY = error_type("unknown-county", TARGETS, None, None)
TARGETS_COUNTY_NOT_STORED = error_type(
    "county-not-stored",
    TARGETS,
    None,
    Text("Län {county} finns inte i databasen.", "County {county} is not in the store."),
)
TARGETS_NO_OWNER = error_type(
    "no-owner",
    TARGETS,
    None,
    Text("Kommun eller län saknas.", "Municipality or county missing."),
)
TARGETS_UNKNOWN_INDICATOR = error_type(
    "unknown-indicator",
    TARGETS,
    None,
    Text("Okänd indikator {text}.", "Unknown indicator {text}."),
)
TARGETS_INVALID_VALUE = error_type(
    "invalid-target-value",
    TARGETS,
    None,
    Text("Målvärdet {text} är inget tal.", "Target value {text} is not a number."),
)
TARGETS_INVALID_YEAR = error_type(
    "invalid-target-year",
    TARGETS,
    None,
    Text("Målåret {text} är inget årtal.", "Target year {text} is not a year."),
)
TARGETS_INVALID_BASE_YEAR = error_type(
    "invalid-base-year",
    TARGETS,
    None,
    Text("Basåret {text} är inget årtal.", "Base year {text} is not a year."),
)
TARGETS_BASE_YEAR_AFTER_TARGET = error_type(
    "base-year-after-target",
    TARGETS,
    None,
    Text(
        "Basåret {base_year} måste komma före målåret {year}.",
        "Base year {base_year} must come before target year {year}.",
    ),
)
TARGETS_DUPLICATE = error_type(
    "duplicate-target",
    TARGETS,
    None,
    Text(
        "Samma mål finns redan på rad {first_line}.",
        "The same target is already on line {first_line}.",
    ),
)
TARGETS_NONE = error_type(
    "no-targets", TARGETS, None, Text("Filen har inga mål.", "The file holds no targets.")
)
