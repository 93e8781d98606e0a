"""Reading a catalogue file (`miljomal catalogue import`)."""

from __future__ import annotations

from i18n import Text
from intake.files.problem_types.declare import CATALOGUE
from intake.files.problem_types.declare import error_type
from intake.files.problem_types.declare import warning_type

CATALOGUE_UNSUPPORTED_FORMAT = error_type(
    "unsupported-format",
    CATALOGUE,
    None,
    Text(
        "Katalogfiler ska vara .csv eller .xlsx, inte {suffix}.",
        "Catalogue files must be .csv or .xlsx, not {suffix}.",
    ),
)
CATALOGUE_NOT_UTF8 = warning_type(
    "not-utf8",
    CATALOGUE,
    None,
    Text(
        "Filen är inte UTF-8; den lästes som Windows-1252.",
        "The file is not UTF-8; it was read as Windows-1252.",
    ),
)
CATALOGUE_NO_SHEET = error_type(
    "unreadable-file",
    CATALOGUE,
    None,
    Text(
        "Arbetsboken har inget synligt blad med indikatorer.",
        "The workbook has no visible sheet of indicators.",
    ),
)
CATALOGUE_MISSING_SET = error_type(
    "missing-set",
    CATALOGUE,
    None,
    Text(
        "Filen saknar raden `# set: KOD` som namnger indikatoruppsättningen.",
        "The file lacks the line `# set: CODE` naming the indicator set.",
    ),
)
CATALOGUE_BAD_SET_CODE = error_type(
    "bad-set-code",
    CATALOGUE,
    None,
    Text(
        "Uppsättningens kod {set_code!r} får bara innehålla a-z, 0-9, punkt och bindestreck.",
        "The set code {set_code!r} may only hold a-z, 0-9, dots and hyphens.",
    ),
)
CATALOGUE_EMPTY = error_type(
    "empty-file",
    CATALOGUE,
    None,
    Text(
        "Filen har ingen rubrikrad och inga indikatorer.",
        "The file has no header row and no indicators.",
    ),
)
CATALOGUE_DUPLICATE_CODE = error_type(
    "duplicate-code",
    CATALOGUE,
    None,
    Text(
        "Koden {code} finns redan på rad {first_line} ({first_code}).",
        "The code {code} is already used on line {first_line} ({first_code}).",
    ),
)
CATALOGUE_NO_INDICATORS = error_type(
    "no-indicators",
    CATALOGUE,
    None,
    Text("Filen innehåller inga indikatorer.", "The file holds no indicators."),
)
CATALOGUE_UNKNOWN_COLUMN = warning_type(
    "unknown-column",
    CATALOGUE,
    None,
    Text(
        "Kolumnen {label!r} är okänd och läses inte.",
        "The column {label!r} is unknown and is not read.",
    ),
)
CATALOGUE_DUPLICATE_COLUMN = error_type(
    "duplicate-column",
    CATALOGUE,
    None,
    Text("Kolumnen {label!r} förekommer två gånger.", "The column {label!r} appears twice."),
)
CATALOGUE_MISSING_COLUMN = error_type(
    "missing-column",
    CATALOGUE,
    None,
    Text(
        "Kolumnen {name_sv!r} ({name_en}) saknas i rubrikraden.",
        "The column {name_en!r} ({name_sv}) is missing from the header row.",
    ),
)
CATALOGUE_MISSING_VALUE = error_type(
    "missing-value",
    CATALOGUE,
    None,
    Text(
        "Värde saknas i kolumnen {name_sv!r}.",
        "The column {name_en!r} has no value.",
    ),
)
CATALOGUE_TOO_LONG = error_type(
    "too-long",
    CATALOGUE,
    None,
    Text(
        "Texten i {name!r} är längre än {limit} tecken.",
        "The text in {name!r} is longer than {limit} characters.",
    ),
)
CATALOGUE_BAD_CODE = error_type(
    "bad-code",
    CATALOGUE,
    None,
    Text(
        "Koden {code!r} får bara innehålla bokstäver, siffror, punkt, _ och bindestreck.",
        "The code {code!r} may only hold letters, digits, dots, _ and hyphens.",
    ),
)
CATALOGUE_BAD_DIRECTION = error_type(
    "bad-direction",
    CATALOGUE,
    None,
    Text(
        "Riktningen {text!r} ska vara 'lägre' eller 'högre'.",
        "The direction {text!r} must be 'lower' or 'higher'.",
    ),
)
CATALOGUE_BAD_DECIMALS = error_type(
    "bad-decimals",
    CATALOGUE,
    None,
    Text(
        "Antalet decimaler {text!r} ska vara ett heltal 0-6.",
        "The number of decimals {text!r} must be a whole number 0-6.",
    ),
)
CATALOGUE_MIN_ABOVE_MAX = error_type(
    "min-above-max",
    CATALOGUE,
    None,
    Text(
        "Min ({low}) är större än max ({high}).",
        "Min ({low}) is greater than max ({high}).",
    ),
)
CATALOGUE_BAD_REPORTED_BY = error_type(
    "bad-reported-by",
    CATALOGUE,
    None,
    Text(
        "Rapporteras av {text!r} ska vara 'kommun' eller 'central'.",
        "Reported by {text!r} must be 'municipality' or 'central'.",
    ),
)
CATALOGUE_MISSING_SOURCE = warning_type(
    "missing-source",
    CATALOGUE,
    None,
    Text(
        "Indikatorn hämtas centralt men källan är inte angiven.",
        "The indicator comes from a central source, but the source is not named.",
    ),
)
CATALOGUE_BAD_THRESHOLD = error_type(
    "bad-threshold",
    CATALOGUE,
    None,
    Text(
        "Tröskeln {text!r} ska vara en procentsats större än 0.",
        "The threshold {text!r} must be a percentage above 0.",
    ),
)
CATALOGUE_BAD_NUMBER = error_type(
    "bad-number",
    CATALOGUE,
    None,
    Text("{text!r} är inget tal.", "{text!r} is not a number."),
)
CATALOGUE_BAD_OBJECTIVE = error_type(
    "bad-objective",
    CATALOGUE,
    None,
    Text(
        "Miljömålet {text!r} ska vara ett nummer 1-16.",
        "The environmental objective {text!r} must be a number 1-16.",
    ),
)
