"""A file's values against each other and against the store: nothing to import, comments,
statuses over values, replaced and changed values, files imported before."""

from __future__ import annotations

from i18n import Text
from intake.files.problem_types.declare import FILES
from intake.files.problem_types.declare import VALUES
from intake.files.problem_types.declare import error_type
from intake.files.problem_types.declare import warning_type

NO_VALUES = error_type(
    "no-values",
    VALUES,
    Text(
        "varje värdecell är tom: inget att importera",
        "every value cell is empty: nothing to import",
    ),
    Text(
        "Filen innehåller inga värden att importera: alla värdeceller är tomma.",
        "The file holds no values to import: every value cell is empty.",
    ),
)

COMMENT_TOO_LONG = error_type(
    "comment-too-long",
    VALUES,
    Text(
        "kommentaren är längre än 32 767 tecken, det mesta en Excel-cell rymmer",
        "the comment is longer than 32 767 characters, the most an Excel cell holds (so that "
        "every export of the store reads back); shorten it or refer to a document",
    ),
    Text(
        "Kommentaren är {length} tecken, längre än gränsen {limit} (det mesta en Excel-cell "
        "rymmer, så att varje export kan läsas in igen); korta den eller lägg texten i ett "
        "eget dokument och hänvisa till det.",
        "The comment is {length} characters, longer than the limit of {limit} (the most an "
        "Excel cell holds, so that every export can be read in again); shorten it or put the "
        "text in a document of its own and refer to it.",
    ),
)

DASH_AS_ZERO = warning_type(
    "dash-as-zero",
    VALUES,
    Text(
        "ett ensamt `-` lästes som 0",
        "a lone `-` or `–` was read as 0",
    ),
    Text(
        "Ett ensamt streck ({value}) lästes som 0, som i officiell statistik.",
        "A lone dash ({value}) was read as 0, as in official statistics.",
    ),
)

VALUE_IGNORED_BY_STATUS = warning_type(
    "value-ignored-by-status",
    VALUES,
    Text(
        "ett tal bredvid statusen saknas eller ej tillämpligt lagrades inte",
        "a number beside a status of missing or not applicable was not stored",
    ),
    Text(
        "Statuscellen säger att värdet saknas eller inte är tillämpligt; värdet {value} lagras "
        "inte.",
        "The status cell says the value is missing or not applicable; the value {value} is not "
        "stored.",
    ),
)

REPLACES_VALUE = warning_type(
    "replaces-value",
    VALUES,
    Text(
        "värdet ersätter ett annat lagrat värde; gammalt och nytt visas",
        "the value replaces a different stored value; old and new are shown (filling in a "
        "missing value is not reported)",
    ),
    Text(
        "Värdet för {indicator}, {municipality_name}, {year} ersätter ett annat lagrat värde: "
        "{old} blir {new}.",
        "The value for {indicator}, {municipality_name}, {year} replaces a different stored "
        "value: {old} becomes {new}.",
    ),
)

LARGE_CHANGE = warning_type(
    "large-change",
    VALUES,
    Text(
        "värdet skiljer sig ovanligt mycket från föregående år",
        "the value differs from the previous year's (stored or in the file) by more than the "
        "indicator's change threshold (default 50 %), or, with at least six earlier values, "
        "its change from the previous year is unlike the municipality's own earlier "
        "year-to-year changes: robust z-score \\|0.6745·(d − median)/MAD\\| > 3.5 over the "
        "history of changes d, and at least 5 % (a steady trend is never flagged)",
    ),
    Text(
        "Värdet {value} för {indicator}, {municipality_name}, {year} ändras med {change} från "
        "{previous} ({previous_year}), mer än gränsen {limit} %; kontrollera värdet.",
        "The value {value} for {indicator}, {municipality_name}, {year} changes by {change} "
        "from {previous} ({previous_year}), more than the limit of {limit} %; check the value.",
    ),
)

LARGE_CHANGE_UNUSUAL = LARGE_CHANGE.variant(
    Text(
        "Värdet {value} för {indicator}, {municipality_name}, {year} ändras med {change} från "
        "{previous} ({previous_year}), ovanligt mycket mot kommunens tidigare ändringar "
        "(typiskt {typical} per år, robust z {z}, gräns {z_limit}); kontrollera värdet.",
        "The value {value} for {indicator}, {municipality_name}, {year} changes by {change} "
        "from {previous} ({previous_year}), unusually much against the municipality's earlier "
        "changes (typically {typical} a year, robust z {z}, limit {z_limit}); check the value.",
    )
)

BLANK_KEEPS_STORED = warning_type(
    "blank-keeps-stored",
    VALUES,
    Text(
        "cellen är tom men ett värde finns lagrat: det behålls (skriv `..` för saknas)",
        "the cell is empty but the store has a value for it: the stored value is kept (write "
        '`..` to replace it by "missing")',
    ),
    Text(
        "Cellen för {indicator}, {municipality_name}, {year} är tom; det lagrade {old} "
        "behålls. Skriv .. om uppgiften saknas.",
        "The cell for {indicator}, {municipality_name}, {year} is empty; the stored {old} is "
        "kept. Write .. if the figure is missing.",
    ),
)

ALREADY_IMPORTED = warning_type(
    "already-imported",
    FILES,
    Text(
        "en fil med exakt samma innehåll är redan importerad; inget ändras",
        "a file with exactly the same bytes (SHA-256) was imported before and stands; nothing "
        "changes, outcome `unchanged`",
    ),
    Text(
        "Filen är redan importerad (uppladdning {upload}, {name}{on}); inget ändrades.",
        "The file was imported before (upload {upload}, {name}{on}); nothing changed.",
    ),
)

REVERTED_BEFORE = warning_type(
    "reverted-before",
    FILES,
    Text(
        "samma fil importerades förut och återställdes; den importeras nu igen",
        "the same bytes were imported before and that upload was reverted (`uploads revert`); "
        "the file is imported again",
    ),
    Text(
        "Samma fil importerades förut (uppladdning {upload}) och återställdes (av uppladdning "
        "{reverted_by}); den importeras nu igen.",
        "The same file was imported before (upload {upload}) and reverted (by upload "
        "{reverted_by}); it is imported again now.",
    ),
)
