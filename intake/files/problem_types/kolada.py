"""Reading a Kolada mapping file."""

from __future__ import annotations

from i18n import Text
from intake.files.problem_types.declare import KOLADA
from intake.files.problem_types.declare import error_type

KOLADA_DUPLICATE_MAPPING = error_type(
    "kolada-duplicate-mapping",
    KOLADA,
    None,
    Text(
        "{set_code} {code} har redan en koppling på rad {first_line}",
        "{set_code} {code} is already mapped on line {first_line}",
    ),
)
KOLADA_UNKNOWN_INDICATOR = error_type(
    "kolada-unknown-indicator",
    KOLADA,
    None,
    Text(
        "indikatorn {set_code} {code} finns inte i katalogen (förväntade set och kod, "
        "t.ex. sekom-2012;GN.7)",
        "indicator {set_code} {code} is not in the catalogue (expected set and code, "
        "e.g. sekom-2012;GN.7)",
    ),
)
KOLADA_BAD_KPI = error_type(
    "kolada-bad-kpi",
    KOLADA,
    None,
    Text(
        "{written} är inget Kolada-id (förväntade en bokstav och fem siffror, t.ex. U07801)",
        "{written} is not a Kolada id (expected a letter and five digits, e.g. U07801)",
    ),
)
KOLADA_BAD_FACTOR = error_type(
    "kolada-bad-factor",
    KOLADA,
    None,
    Text(
        "faktorn {factor!r} är inget positivt tal",
        "the factor {factor!r} is not a positive number",
    ),
)
KOLADA_BAD_GENDER = error_type(
    "kolada-bad-gender",
    KOLADA,
    None,
    Text(
        "kön {gender!r}: förväntade T (totalt), K eller M",
        "gender {gender!r}: expected T (total), K or M",
    ),
)
KOLADA_NO_PROVENANCE = error_type(
    "kolada-no-provenance",
    KOLADA,
    None,
    Text(
        "källa saknas: skriv varifrån kopplingen kommer (Koladas titel, definition)",
        "provenance missing: say where the mapping comes from (Kolada's title, definition)",
    ),
)
KOLADA_BAD_VERIFIED = error_type(
    "kolada-bad-verified",
    KOLADA,
    None,
    Text(
        "verifierad {text!r}: förväntade ja eller nej",
        "verified {text!r}: expected ja (yes) or nej (no)",
    ),
)
