"""A value's place: its year and municipality, duplicates, and whether that municipality-year
may take it now (permission, reporting window, locked or approved year)."""

from __future__ import annotations

from i18n import Text
from intake.files.problem_types.declare import FILES
from intake.files.problem_types.declare import VALUES
from intake.files.problem_types.declare import error_type
from intake.files.problem_types.declare import warning_type

BAD_YEAR = error_type(
    "bad-year",
    VALUES,
    Text(
        "årscellen är inget år",
        "the year cell is not a year",
    ),
    Text(
        "{text} är inget årtal; väntat ett år som 2024.",
        "{text} is not a year; expected a year such as 2024.",
    ),
)

YEAR_OUT_OF_RANGE = error_type(
    "year-out-of-range",
    VALUES,
    Text(
        "året är före 1990 eller efter nästa år",
        "the year is before 1990 or after next year",
    ),
    Text(
        "Året {year} ligger utanför {first}–{last}.",
        "The year {year} is outside {first}–{last}.",
    ),
)

NO_MUNICIPALITY = error_type(
    "no-municipality",
    VALUES,
    Text(
        "filen säger inte vilken kommun ett värde gäller, och inget alternativ gör det",
        "the file does not say which municipality a value belongs to, and no option does",
    ),
    Text(
        "Ingen kommun angiven; ange kommunen i filen (en kolumn Kommun) eller med --municipality.",
        "No municipality given; name it in the file (a Municipality column) or with "
        "--municipality.",
    ),
)

NO_INDICATOR = error_type(
    "no-indicator",
    VALUES,
    Text(
        "filen säger inte vilken indikator ett värde gäller",
        "the file does not say which indicator a value belongs to",
    ),
    Text(
        "Ingen indikator angiven; filen behöver en kolumn med indikatorns kod eller namn.",
        "No indicator given; the file needs a column with the indicator's code or name.",
    ),
)

NO_YEAR = error_type(
    "no-year",
    VALUES,
    Text(
        "filen säger inte vilket år ett värde gäller, och inget `--year` gör det",
        "the file does not say which year a value belongs to, and no `--year` does",
    ),
    Text(
        "Inget år angivet; ange året i filen (en kolumn År) eller med --year.",
        "No year given; state it in the file (a Year column) or with --year.",
    ),
)

DUPLICATE_VALUE = error_type(
    "duplicate-value",
    VALUES,
    Text(
        "samma kommun, indikator och år två gånger med olika värden",
        "the same municipality, indicator and year twice with different values (the message "
        "names the first cell)",
    ),
    Text(
        "{indicator}, {municipality_name}, {year} finns två gånger med olika värden: "
        "{first_value} i {first_place} och {value} här; ta bort den felaktiga raden.",
        "{indicator}, {municipality_name}, {year} appears twice with different values: "
        "{first_value} in {first_place} and {value} here; remove the wrong row.",
    ),
)

DUPLICATE_ROW = warning_type(
    "duplicate-row",
    VALUES,
    Text(
        "samma kommun, indikator, år och värde två gånger; räknas en gång",
        "the same municipality, indicator, year and value twice; counted once",
    ),
    Text(
        "Samma värde för {indicator}, {municipality_name}, {year} står redan i {first_place}; "
        "raden räknas en gång.",
        "The same value for {indicator}, {municipality_name}, {year} is already in "
        "{first_place}; the row counts once.",
    ),
)

MIXED_MUNICIPALITIES = error_type(
    "mixed-municipalities",
    VALUES,
    Text(
        "en mall (en kommun) innehåller rader för en annan kommun",
        "a template (one municipality) holds rows of another municipality",
    ),
    Text(
        "Filen gäller {municipality_name} men raden anger {other_name}; en mall får bara "
        "innehålla en kommun.",
        "The file is for {municipality_name} but the row names {other_name}; a template may "
        "hold one municipality only.",
    ),
)

MUNICIPALITY_MISMATCH = error_type(
    "municipality-mismatch",
    VALUES,
    Text(
        "`--municipality` säger en annan kommun än filen",
        "`--municipality` disagrees with the municipality the file names",
    ),
    Text(
        "--municipality anger {chosen_name} men filen gäller {municipality_name}; välj rätt "
        "kommun eller rätt fil.",
        "--municipality says {chosen_name} but the file is for {municipality_name}; choose the "
        "right municipality or the right file.",
    ),
    web=Text(
        "Raden gäller {municipality_name}, men du rapporterar för {chosen_name}.",
        "The row is for {municipality_name}, but you are reporting for {chosen_name}.",
    ),
)

MUNICIPALITY_MISMATCH_ROW = MUNICIPALITY_MISMATCH.variant(
    Text(
        "Raden gäller {municipality_name} men --municipality anger {chosen_name}.",
        "The row is for {municipality_name} but --municipality says {chosen_name}.",
    )
)

MUNICIPALITY_NOT_PERMITTED = error_type(
    "municipality-not-permitted",
    VALUES,
    Text(
        "filen har värden för en kommun som den som laddar upp inte rapporterar för "
        "(webbportalen och API:t)",
        "the file has values for a municipality the uploader does not report for (the web "
        "portal and the API)",
    ),
    Text(
        "Filen har värden för kommun {listed}, som du inte rapporterar för.",
        "The file has values for municipality {listed}, which you do not report for.",
    ),
    web=Text(
        "Filen har värden för {municipalities}, som du inte rapporterar för.",
        "The file has values for {municipalities}, which you do not report for.",
    ),
)

WINDOW_NOT_OPEN = error_type(
    "window-not-open",
    FILES,
    Text(
        "inrapporteringen för ett av filens år har inte öppnat (en rapportörs uppladdning)",
        "the reporting window of one of the file's years has not opened (a reporter's upload)",
    ),
    None,
)

WINDOW_CLOSED = error_type(
    "window-closed",
    FILES,
    Text(
        "inrapporteringen för ett av filens år har stängt (en rapportörs uppladdning)",
        "the reporting window of one of the file's years has closed (a reporter's upload)",
    ),
    None,
)

YEAR_MISMATCH = error_type(
    "year-mismatch",
    VALUES,
    Text(
        "`--year` säger ett annat år än filen",
        "`--year` disagrees with the year the file states",
    ),
    Text(
        "--year anger {chosen_year} men filen gäller {year}.",
        "--year says {chosen_year} but the file is for {year}.",
    ),
    web=Text(
        "Filen gäller {year}, men du rapporterar för {chosen_year}. Välj år {year} eller en "
        "fil för {chosen_year}.",
        "The file is for {year}, but you are reporting for {chosen_year}. Choose the year "
        "{year} or a file for {chosen_year}.",
    ),
)

LOCKED_YEAR = error_type(
    "locked-year",
    VALUES,
    Text(
        "året är låst (godkänt); använd `--force --reason`",
        "the year is locked (approved); once per year, with the number of values; use `--force "
        "--reason`",
    ),
    Text(
        "Året {year} är låst (godkänt); {count} värden i filen gäller det året. Importera med "
        '--force --reason "..." om ändringen är beslutad.',
        "The year {year} is locked (approved); {count} values in the file are for it. Import "
        'with --force --reason "..." if the change was decided.',
    ),
    web=Text(
        "Året {year} är låst; {values} i filen gäller det året. Kontakta länsstyrelsen om "
        "något behöver ändras.",
        "The year {year} is locked; {values} in the file are for it. Contact the county board "
        "if something needs to change.",
    ),
)

LOCKED_YEAR_FORCED = warning_type(
    "locked-year-forced",
    VALUES,
    Text(
        "ett låst år importerades med `--force`",
        "a locked year imported with `--force`",
    ),
    Text(
        "Året {year} är låst men importeras ändå med --force ({count} värden).",
        "The year {year} is locked but is imported with --force ({count} values).",
    ),
    web=Text(
        "Året {year} är låst men {values} sparas ändå.",
        "The year {year} is locked but {values} are saved all the same.",
    ),
)

APPROVED_YEAR = error_type(
    "approved-year",
    VALUES,
    Text(
        "länsstyrelsen har godkänt kommunens år; öppna det igen eller använd `--force --reason`",
        "the county board has approved this municipality's year (`miljomal approval approve`); "
        "once per municipality-year; reopen it or use `--force --reason`",
    ),
    Text(
        "Länsstyrelsen har godkänt {municipality} {year}; {count} värden i filen gäller det. "
        "Öppna året igen (miljomal approval reopen) eller importera med --force --reason "
        '"...".',
        "The county board has approved {municipality} {year}; {count} values in the file are "
        'for it. Reopen it (miljomal approval reopen) or import with --force --reason "...".',
    ),
    web=Text(
        "Länsstyrelsen har godkänt {municipality_name} {year}; {values} i filen gäller det. Be "
        "länsstyrelsen öppna året igen om något behöver ändras.",
        "The county board has approved {municipality_name} {year}; {values} in the file are "
        "for it. Ask the county board to reopen the year if something needs to change.",
    ),
)

APPROVED_YEAR_FORCED = warning_type(
    "approved-year-forced",
    VALUES,
    Text(
        "ett godkänt kommunår importerades med `--force`",
        "an approved municipality-year imported with `--force`",
    ),
    Text(
        "Länsstyrelsen har godkänt {municipality} {year}, men värdena importeras ändå med "
        "--force ({count} värden).",
        "The county board has approved {municipality} {year}, but the values are imported with "
        "--force ({count} values).",
    ),
    web=Text(
        "Länsstyrelsen har godkänt {municipality_name} {year}, men {values} sparas ändå.",
        "The county board has approved {municipality_name} {year}, but {values} are saved all "
        "the same.",
    ),
)
