"""Every problem type a file can be reported with, declared once: code, severity, sentences.

A call site passes the type and the facts its sentence names,
``report.add(BAD_YEAR, row=7, column=3, text="'20x4'")``; the severity and the sentence in
both languages come from here, and the facts are kept on the problem (`Problem.params`) for
the portal to say the same in its own words (a type's ``web``).  ``docs/import.md``'s tables
of problem codes are generated from the types' meanings (``scripts/make_problem_table.py``;
a test fails when they differ), and a test checks that every type here is reported
somewhere and that the import's modules report no other.

A type whose ``message`` is None is a problem an exception or another module words
(a `ReadError`, the write gate's refusal): the sentence comes with the problem
(``report.add(TYPE, said=...)``).  Types of the same code in one group are the same problem
said in different places (`ProblemType.variant`).  Pieces of a sentence that depend on the
facts (" (menade du GN.6?)", "rad 3 i bladet Värden") are `PHRASES`, passed as parameters.
"""

from __future__ import annotations

from i18n import Messages, Text
from indicators.problems import ERROR, WARNING, ProblemType

VALUES = "values"  # found by validation, in a value's place
FILES = "files"  # found by the import, the reader or the safety checks
CATALOGUE = "catalogue"  # found reading a catalogue file (`miljomal catalogue import`)
TARGETS = "targets"  # found reading a targets file
PLAN = "plan"  # found reading an action plan or its status updates
KOLADA = "kolada"  # found reading a Kolada mapping file

__all__ = ["ERROR", "WARNING", "ProblemType"]


def _error(
    code: str, group: str, meaning: Text | None, message: Text | None, web: Text | None = None
) -> ProblemType:
    return ProblemType(code, ERROR, group, meaning, message, web)


def _warning(
    code: str, group: str, meaning: Text | None, message: Text | None, web: Text | None = None
) -> ProblemType:
    return ProblemType(code, WARNING, group, meaning, message, web)


def _prefixed(message: Text | None) -> Text:
    """A safety check's sentence, after the file's name: `data.xlsx: filen är tom (0 byte).`"""
    assert message is not None
    return Text("{file_name}: " + message.sv, "{file_name}: " + message.en)


SAFETY = Text(
    "säkerhetskontrollen vägrar filen innan den öppnas (meddelandet säger hur man rättar)",
    "the safety checks refuse the file before it is opened (see the message for the fix)",
)
NOT_READ = Text("delar av filen som inte läses", "parts of the file that are not read")

# Pieces of sentences that depend on the facts, passed to a type as a parameter.
PHRASES = Messages(
    {
        "nothing": Text("", ""),
        "did-you-mean": Text(" (menade du {listed}?)", " (did you mean {listed}?)"),
        "in-set": Text(" i {set}", " in {set}"),
        "codes": Text("koder", "codes"),
        "codes-and-names": Text("koder och namn", "codes and names"),
        "row": Text("rad {row}", "row {row}"),
        "row-of-sheet": Text("rad {row} i bladet {sheet}", "row {row} of sheet {sheet}"),
        "line": Text("rad {line}", "line {line}"),
        "field": Text(" (fält {field})", " (field {field})"),
        "range-both": Text(
            "ligger utanför det giltiga intervallet {low}–{high}",
            "is outside the valid range {low}–{high}",
        ),
        "range-low": Text(
            "är mindre än det minsta tillåtna värdet {low}",
            "is below the smallest valid value {low}",
        ),
        "range-high": Text(
            "är större än det största tillåtna värdet {high}",
            "is above the largest valid value {high}",
        ),
        "missing": Text(".. (uppgift saknas)", ".. (missing)"),
        "not-applicable": Text(". (ej tillämpligt)", ". (not applicable)"),
        "empty": Text("tomt", "empty"),
        "zip-file": Text("en zip-fil (kanske ett kalkylblad)", "a zip file"),
        "other-office-file": Text(
            "ett Office-dokument av annat slag", "another kind of Office file"
        ),
        "other-zip": Text("ett zip-arkiv av annat slag", "some other zip archive"),
        "at-least": Text("minst {low}", "at least {low}"),
        "in-year-set": Text("i {year} års nyckeltal", "in the {year} key indicators"),
        "in-set-named": Text("i uppsättningen {set}", "in the set {set}"),
        "did-you-mean-indicator": Text(
            "; menade du {code} {name}?", "; did you mean {code} {name}?"
        ),
        "correct-code-or-set": Text(
            "; rätta koden eller ange uppsättningen (kolumnen Uppsättning eller --set).",
            "; correct the code or name the set (a Set column or --set).",
        ),
    }
)

# --- values and places (validation) -----------------------------------------------------

NOT_A_NUMBER = _error(
    "not-a-number",
    VALUES,
    Text(
        "värdet är text som inte är ett tal; för en uppskattning (`ca 40`) eller en gräns "
        "(`<0,1`) säger meddelandet vad man skriver i stället",
        "the value is text that is no number in any accepted convention; for an estimate (`ca "
        "40`, `~40`) or a limit (`<0,1`, `under 0,1`) the message says what to write instead: "
        "the number alone with a comment, or `..` (a number is never guessed)",
    ),
    Text(
        "Värdet {value} är inget tal; väntat ett tal som 1 234,5, eller .. (uppgift saknas) "
        "eller . (ej tillämpligt).",
        "The value {value} is not a number; expected a number such as 1 234,5 or 1234.5, or .. "
        "(missing) or . (not applicable).",
    ),
)

APPROXIMATE_NUMBER = NOT_A_NUMBER.variant(
    Text(
        "Värdet {value} är ungefärligt; skriv bara talet om det är ert bästa värde och ange "
        "ungefärligt i kolumnen Kommentar, eller .. om uppgiften saknas.",
        "The value {value} is approximate; enter the number alone if it is your best figure "
        "and write that it is approximate in the Comment column, or .. if the figure is "
        "missing.",
    )
)

LIMIT_NOT_NUMBER = NOT_A_NUMBER.variant(
    Text(
        "Värdet {value} är en gräns, inget tal; skriv det uppmätta värdet om ni har det, "
        "annars .. (uppgift saknas), och förklara i kolumnen Kommentar (till exempel 'under "
        "detektionsgränsen 0,1').",
        "The value {value} is a limit, not a number; enter the measured value if you have it, "
        "else .. (missing), and explain in the Comment column (for example 'below the "
        "detection limit 0.1').",
    )
)

NOT_FINITE = _error(
    "not-finite",
    VALUES,
    Text(
        "NaN, oändligt, ett tal som flödar över eller bortom ±10^15",
        "NaN, infinity, a number that overflows, or beyond ±10^15",
    ),
    Text(
        "Värdet {value} är inget ändligt tal eller är orimligt stort; väntat ett tal mellan "
        "−1e15 och 1e15.",
        "The value {value} is not a finite number or is unreasonably large; expected a number "
        "between -1e15 and 1e15.",
    ),
)

DATE_IN_VALUE = _error(
    "date-in-value",
    VALUES,
    Text(
        "cellen innehåller ett datum (oftast en cell formaterad som datum av misstag)",
        "the cell holds a date (usually a cell formatted as a date by mistake)",
    ),
    Text(
        "Cellen innehåller ett datum ({value}), inte ett tal; ändra cellformatet till Tal och "
        "skriv värdet igen.",
        "The cell holds a date ({value}), not a number; change the cell format to Number and "
        "enter the value again.",
    ),
)

BOOLEAN_IN_VALUE = _error(
    "boolean-in-value",
    VALUES,
    Text(
        "cellen innehåller SANT/FALSKT",
        "the cell holds TRUE/FALSE (SANT/FALSKT)",
    ),
    Text(
        "Cellen innehåller ett sanningsvärde ({value}), inte ett tal.",
        "The cell holds a true/false value ({value}), not a number.",
    ),
)

ERROR_IN_VALUE = _error(
    "error-in-value",
    VALUES,
    Text(
        "cellen visar ett kalkylbladsfel som `#DIVISION/0!` (en formel som misslyckades)",
        "the cell shows a spreadsheet error such as `#DIV/0!`, `#N/A` or `Err:502` (a formula "
        "that failed); correct the formula or type the value",
    ),
    Text(
        "Cellen visar felvärdet {value} från en formel som inte gick att räkna ut; rätta "
        "formeln eller skriv värdet som ett tal, eller .. om uppgiften saknas.",
        "The cell shows the error {value} from a formula that could not be calculated; correct "
        "the formula or enter the value as a number, or .. if the figure is missing.",
    ),
)

FORMULA_WITHOUT_VALUE = _error(
    "formula-without-value",
    VALUES,
    Text(
        "en formel utan sparat resultat; öppna och spara filen i Excel eller LibreOffice",
        "a formula with no saved result (files written by scripts); open and save the file in "
        "Excel or LibreOffice",
    ),
    Text(
        "Cellen har en formel utan sparat resultat; öppna filen i Excel eller LibreOffice, "
        "spara den och skicka den igen.",
        "The cell has a formula without a saved result; open the file in Excel or LibreOffice, "
        "save it and send it again.",
    ),
)

REPORTED_WITHOUT_VALUE = _error(
    "reported-without-value",
    VALUES,
    Text(
        "statusen säger rapporterad men värde saknas",
        "the status says reported but there is no value",
    ),
    Text(
        "Statusen är rapporterat men värdet ({value}) saknas; fyll i värdet eller välj .. "
        "uppgift saknas.",
        "The status is reported but the value ({value}) is missing; enter the value or choose "
        ".. missing.",
    ),
)

BAD_STATUS = _error(
    "bad-status",
    VALUES,
    Text(
        "statuscellen innehåller något annat än de godtagna statusarna",
        "the status cell holds something other than the accepted statuses",
    ),
    Text(
        "Okänd status {value}; väntat rapporterat, .. uppgift saknas eller . ej tillämpligt.",
        "Unknown status {value}; expected reported, .. missing or . not applicable.",
    ),
)

OUT_OF_RANGE = _error(
    "out-of-range",
    VALUES,
    Text(
        "värdet ligger utanför indikatorns giltiga intervall",
        "the value is outside the indicator's valid range (the message names it, for example "
        "`0–100`)",
    ),
    Text(
        "Värdet {value} {range} för {indicator} ({unit}).",
        "The value {value} {range} of {indicator} ({unit}).",
    ),
)

UNKNOWN_MUNICIPALITY = _error(
    "unknown-municipality",
    VALUES,
    Text(
        "ingen kommun har denna kod eller detta namn; meddelandet föreslår närliggande namn",
        'no municipality has this code or name; the message suggests close names ("menade du '
        'Sundsvall?")',
    ),
    Text(
        "Okänd kommun {text}{did_you_mean}; väntat en kommunkod (som 2281) eller ett kommunnamn.",
        "Unknown municipality {text}{did_you_mean}; expected a municipality code (such as "
        "2281) or name.",
    ),
)

UNKNOWN_INDICATOR = _error(
    "unknown-indicator",
    VALUES,
    Text(
        "ingen indikator har denna kod eller detta namn i den uppsättning raden läses i; "
        "meddelandet föreslår närliggande koder",
        "no indicator has this code or name in the set the row is read in; the message "
        "suggests close codes",
    ),
    Text(
        "Okänd indikator {text}{did_you_mean}; väntat en kod (som GN.6) eller ett namn ur "
        "katalogen.",
        "Unknown indicator {text}{did_you_mean}; expected a code (such as GN.6) or a name from "
        "the catalogue.",
    ),
)

KOLADA_KPI_NOT_MAPPED = _error(
    "kolada-kpi-not-mapped",
    VALUES,
    Text(
        "raden har ett nyckeltal från Kolada (som U07801) som inte är kopplat till en "
        "indikator; meddelandet säger hur det kopplas och hämtas (i portalen: att "
        "länsstyrelsen hämtar det)",
        "the row has a Kolada KPI (such as U07801) that is not mapped to an indicator; the "
        "message says how to map and fetch it (in the portal: that the county board fetches it)",
    ),
    Text(
        "{kpi} är ett nyckeltal från Kolada som inte är kopplat till någon indikator{in_set}; "
        "koppla det med `miljomal kolada map` och hämta värdena med `miljomal kolada sync`.",
        "{kpi} is a Kolada KPI not mapped to any indicator{in_set}; map it with `miljomal "
        "kolada map` and fetch the values with `miljomal kolada sync`.",
    ),
)

KOLADA_KPI_NOT_MAPPED_PORTAL = KOLADA_KPI_NOT_MAPPED.variant(
    Text(
        "{kpi} är ett nyckeltal från Kolada som inte är kopplat till någon indikator. Värden "
        "från Kolada hämtar länsstyrelsen själv; ta bort raden ur filen.",
        "{kpi} is a Kolada KPI not mapped to any indicator. The county board fetches values "
        "from Kolada itself; remove the row from the file.",
    )
)

NAME_CONTRADICTS_CODE = _error(
    "name-contradicts-code",
    VALUES,
    Text(
        "radens indikatornamn säger att koden betyder en annan indikator i sin uppsättning, "
        "eller vad koden betydde i den andra SEkom-uppsättningen (`GN.7;Mängd hushållsavfall` "
        "i en fil för 2024); meddelandet säger vad koden betyder och vilken kod som troligen "
        "menas (`menade du GN.6a Mängd hushållsavfall?`)",
        "the row's indicator name says the code means another indicator of its set, or is what "
        "the code meant in the other SEkom set (`GN.7;Mängd hushållsavfall` in a 2024 file); "
        "the message names the code's meaning and the likely intended code (`menade du GN.6a "
        "Mängd hushållsavfall?`)",
    ),
    Text(
        "{code} betyder {name} {where}{advice}",
        "{code} means {name} {where}{advice}",
    ),
)

UNIT_CONTRADICTS_CODE = _error(
    "unit-contradicts-code",
    VALUES,
    Text(
        "radens enhet är samma kods enhet i den andra SEkom-uppsättningen (`GN.7` med "
        "`kg/person` i en fil för 2024); meddelandet föreslår koden enligt mappningstabellen",
        "the row's unit is the unit of the same code in the other SEkom set (`GN.7` with "
        "`kg/person` in a 2024 file); the message suggests the code per the mapping table",
    ),
    Text(
        "{code} betyder {name} {where}{advice}",
        "{code} means {name} {where}{advice}",
    ),
)

UNKNOWN_INDICATOR_SET = _error(
    "unknown-indicator-set",
    VALUES,
    Text(
        "`--set`, mallen, en rubrik eller en cell i kolumnen Uppsättning anger en uppsättning "
        "som inte finns i databasen; meddelandet räknar upp de kända",
        "`--set`, the template, a title or an `Uppsättning` cell names a set the store does "
        "not have; the message lists the known ones",
    ),
    Text(
        "Okänd indikatoruppsättning {text}; kända: {known}.",
        "Unknown indicator set {text}; known: {known}.",
    ),
)

SET_MISMATCH = _error(
    "set-mismatch",
    VALUES,
    Text(
        "`--set` säger emot den uppsättning filen anger",
        "`--set` disagrees with the set the file names",
    ),
    Text(
        "--set anger {chosen_set} men filen anger {set}.",
        "--set says {chosen_set} but the file says {set}.",
    ),
    web=Text(
        "Filen anger uppsättningen {set}, men portalen tar emot {chosen_set}.",
        "The file names the set {set}, but the portal takes {chosen_set}.",
    ),
)

READ_AS_SET = _warning(
    "read-as-set",
    VALUES,
    Text(
        "ingen uppsättning angavs och en rad före 2023 har en kod som bara finns i 2023 års "
        "nyckeltal (eller en rad från 2023 en kod som bara finns i 2012 års; eller, för en fil "
        "som löper över 2022/2023, passar dess namn och enheter bara en): filen läses i den "
        "för alla år, och meddelandet räknar upp åren vars standarduppsättning är en annan",
        "no set was named and a row before 2023 has a code only the 2023 set has (or a row "
        "from 2023 on a code only the 2012 set has; or, for a file running across 2022/2023, "
        "its names and units fit only one): the file is read in that set for every year, and "
        "the message lists the years whose default set differs",
    ),
    Text(
        "Filen läses som {set} för alla år, också {years}: bara i den uppsättningen passar "
        "alla dess {what}. Ange --set eller en kolumn Uppsättning om det är fel.",
        "The file is read as {set} for every year, {years} too: only in that set do all its "
        "{what} fit. Give --set or a Set column if that is wrong.",
    ),
    web=Text(
        "Filen läses som {set} för alla år, också {years}: bara i den uppsättningen passar "
        "alla dess koder och namn. Lägg till en kolumn Uppsättning om det är fel.",
        "The file is read as {set} for every year, {years} too: only in that set do all its "
        "codes and names fit. Add a column Uppsättning (set) if that is wrong.",
    ),
)

MIXED_INDICATOR_SETS = _error(
    "mixed-indicator-sets",
    VALUES,
    Text(
        "filen har en rad före 2023 med en kod som bara finns i 2023 års nyckeltal och en rad "
        "från 2023 med en kod som bara finns i 2012 års; meddelandet nämner de två raderna "
        "(dela upp filen eller ange uppsättningen)",
        "the file has a row before 2023 with a code only the 2023 set has and a row from 2023 "
        "on with a code only the 2012 set has; the message names the two rows (split the file "
        "or name the set)",
    ),
    Text(
        "Filen blandar två uppsättningars koder: {first_row} ({first_code}, {first_year}) "
        "finns bara i {first_set} men {second_row} ({second_code}, {second_year}) finns bara i "
        "{second_set}. Dela upp filen eller ange uppsättningen (--set eller en kolumn "
        "Uppsättning).",
        "The file mixes the codes of two sets: {first_row} ({first_code}, {first_year}) exists "
        "only in {first_set} but {second_row} ({second_code}, {second_year}) exists only in "
        "{second_set}. Split the file or name the set (--set or a Set column).",
    ),
)

CODE_MEANING_CHANGED = _warning(
    "code-meaning-changed",
    VALUES,
    Text(
        "en kod som betyder olika saker i 2012 och 2023 års nyckeltal (GN.7, GN.11 …) står "
        "utan namn eller enhet och läses i årets uppsättning; en gång per kod och fil, med "
        "raderna, vad den läses som och vad den betyder i den andra uppsättningen",
        "a code that means different things in the 2012 and 2023 sets (GN.7, GN.11, ...) "
        "stands without a name or unit and is read in its year's set; once per code and file, "
        "with its rows, what it is read as and what it means in the other set",
    ),
    Text(
        "{facts_sv}; skriv indikatorns namn i en kolumn Namn eller ange uppsättningen (--set) "
        "om du menade något annat.",
        "{facts_en}; write the indicator's name in a Name column or name the set (--set) if "
        "you meant something else.",
    ),
    web=Text(
        "{facts_sv}; skriv indikatorns namn i en kolumn Namn, eller uppsättningen i en kolumn "
        "Uppsättning, om du menade något annat.",
        "{facts_en}; write the indicator's name in a Name column, or the set in a Set column, "
        "if you meant something else.",
    ),
)

BAD_YEAR = _error(
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

YEAR_OUT_OF_RANGE = _error(
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

NO_MUNICIPALITY = _error(
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

NO_INDICATOR = _error(
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

NO_YEAR = _error(
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

DUPLICATE_VALUE = _error(
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

DUPLICATE_ROW = _warning(
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

MIXED_MUNICIPALITIES = _error(
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

MUNICIPALITY_MISMATCH = _error(
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

MUNICIPALITY_NOT_PERMITTED = _error(
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

WINDOW_NOT_OPEN = _error(
    "window-not-open",
    FILES,
    Text(
        "inrapporteringen för ett av filens år har inte öppnat (en rapportörs uppladdning)",
        "the reporting window of one of the file's years has not opened (a reporter's upload)",
    ),
    None,
)

WINDOW_CLOSED = _error(
    "window-closed",
    FILES,
    Text(
        "inrapporteringen för ett av filens år har stängt (en rapportörs uppladdning)",
        "the reporting window of one of the file's years has closed (a reporter's upload)",
    ),
    None,
)

YEAR_MISMATCH = _error(
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

LOCKED_YEAR = _error(
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

LOCKED_YEAR_FORCED = _warning(
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

APPROVED_YEAR = _error(
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

APPROVED_YEAR_FORCED = _warning(
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

NO_VALUES = _error(
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

COMMENT_TOO_LONG = _error(
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

DASH_AS_ZERO = _warning(
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

VALUE_IGNORED_BY_STATUS = _warning(
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

REPLACES_VALUE = _warning(
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

LARGE_CHANGE = _warning(
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

BLANK_KEEPS_STORED = _warning(
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

ALREADY_IMPORTED = _warning(
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

REVERTED_BEFORE = _warning(
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

UNREADABLE_FILE = _error(
    "unreadable-file",
    FILES,
    Text(
        "filen kan inte läsas som en tabell",
        "the file cannot be read as a table (also when a reader library fails or panics on it: "
        "a batch goes on with the next file)",
    ),
    Text(
        "Filen kan inte läsas ({error}); spara den på nytt i Excel eller LibreOffice och "
        "försök igen.",
        "The file cannot be read ({error}); save it again in Excel or LibreOffice and try again.",
    ),
)

UNREADABLE_FILE_OS = UNREADABLE_FILE.variant(
    Text(
        "Filen kan inte läsas: {reason}.",
        "The file cannot be read: {reason}.",
    )
)

UNREADABLE_FILE_SAFETY = UNREADABLE_FILE.variant(
    _prefixed(
        Text(
            "filen kan inte läsas ({reason}).",
            "cannot read ({reason}).",
        )
    )
)

DATABASE_ERROR = _error(
    "database-error",
    FILES,
    Text(
        "databasen fallerade när filen lagrades; inget ur filen skrevs",
        "the database failed while storing this file (lost connection, disk full); nothing of "
        "the file was written",
    ),
    Text(
        "Databasfel: {cause}; inget ur filen skrevs.",
        "Database error: {cause}; nothing of the file was written.",
    ),
)

NOT_A_REGULAR_FILE = _error(
    "not-a-regular-file",
    FILES,
    Text(
        "sökvägen är ingen vanlig fil utan en FIFO, en enhet (som /dev/zero), en socket eller "
        "en katalog",
        "the path is no regular file but a FIFO, a device (a symlink to `/dev/zero`), a socket "
        "or a directory; refused from `os.stat` before it is opened",
    ),
    None,
)

FILE_TOO_LARGE = _error(
    "file-too-large",
    FILES,
    Text(
        "filen är större än 200 MB",
        "the file is larger than 200 MB; refused from `os.stat` before it is read",
    ),
    None,
)

EMPTY_FILE = _error(
    "empty-file",
    FILES,
    SAFETY,
    _prefixed(
        Text(
            "filen är tom (0 byte).",
            "the file is empty (0 bytes).",
        )
    ),
)

EMPTY_TEXT_FILE = EMPTY_FILE.variant(
    _prefixed(
        Text(
            "filen innehåller ingen text.",
            "the file holds no text.",
        )
    )
)

TRUNCATED_FILE = _error(
    "truncated-file",
    FILES,
    SAFETY,
    _prefixed(
        Text(
            "filen är avkortad eller skadad ({detail}); skicka den på nytt eller spara om den "
            "i Excel.",
            "the file is truncated or damaged ({detail}); send it again or save it anew from "
            "Excel.",
        )
    ),
)

NOT_A_SPREADSHEET = _error(
    "not-a-spreadsheet",
    FILES,
    SAFETY,
    _prefixed(
        Text(
            "filen är inget kalkylblad utan {what}, trots namnet; spara den som .xlsx i Excel "
            "eller LibreOffice.",
            "the file is not a spreadsheet but {what}, whatever its name says; save it as "
            ".xlsx from Excel or LibreOffice.",
        )
    ),
)

OLD_XLS_FORMAT = _error(
    "old-xls-format",
    FILES,
    SAFETY,
    _prefixed(
        Text(
            "filen har det gamla Excel-formatet .xls; öppna den och spara den som "
            "Excel-arbetsbok (.xlsx).",
            "the file is in the old Excel format .xls; open it and save it as an Excel "
            "workbook (.xlsx).",
        )
    ),
)

ENCRYPTED_WORKBOOK = _error(
    "encrypted-workbook",
    FILES,
    SAFETY,
    _prefixed(
        Text(
            "arbetsboken är lösenordsskyddad (krypterad); ta bort lösenordet i Excel (Arkiv > "
            "Info > Skydda arbetsbok) och spara igen.",
            "the workbook is password-protected (encrypted); remove the password in Excel "
            "(File > Info > Protect Workbook) and save again.",
        )
    ),
)

ENCRYPTED_ARCHIVE = ENCRYPTED_WORKBOOK.variant(
    _prefixed(
        Text(
            "filen är krypterad; ta bort lösenordet och spara igen.",
            "the file is encrypted; remove the password and save again.",
        )
    )
)

NO_VISIBLE_SHEET = _error(
    "no-visible-sheet",
    FILES,
    SAFETY,
    _prefixed(
        Text(
            "arbetsboken har inget synligt blad; visa bladet med värdena (högerklicka på en "
            "flik > Ta fram) och spara igen.",
            "the workbook has no visible sheet; unhide the sheet with the values (right-click "
            "a tab > Unhide) and save again.",
        )
    ),
)

BINARY_CONTENT = _error(
    "binary-content",
    FILES,
    SAFETY,
    None,
)

UNKNOWN_ENCODING = _error(
    "unknown-encoding",
    FILES,
    SAFETY,
    None,
)

XML_ENTITIES = _error(
    "xml-entities",
    FILES,
    SAFETY,
    _prefixed(
        Text(
            "delen {member} innehåller en DTD med entiteter (<!DOCTYPE/<!ENTITY), som ett "
            "riktigt kalkylblad aldrig har; filen öppnas inte.",
            "member {member} holds a DTD with entities (<!DOCTYPE/<!ENTITY), which a real "
            "spreadsheet never has; the file is not opened.",
        )
    ),
)

ZIP_BOMB = _error(
    "zip-bomb",
    FILES,
    SAFETY,
    _prefixed(
        Text(
            "filen ser ut som en dekomprimeringsbomb: innehållet packas upp till {size} "
            "(gränsen är {limit}); den öppnas inte.",
            "the file looks like a decompression bomb: the content inflates to {size} (the "
            "limit is {limit}); it is not opened.",
        )
    ),
)

ZIP_BOMB_RATIO = ZIP_BOMB.variant(
    _prefixed(
        Text(
            "filen ser ut som en dekomprimeringsbomb: delen {member} packas upp {ratio:.0f} "
            "gånger större än den är packad; den öppnas inte.",
            "the file looks like a decompression bomb: member {member} inflates to {ratio:.0f} "
            "times its packed size; it is not opened.",
        )
    )
)

ZIP_BOMB_FORGED = ZIP_BOMB.variant(
    _prefixed(
        Text(
            "zip-katalogen anger för delen {member} en uppackad storlek ({size} byte) mindre "
            "än den packade ({packed} byte): en dekomprimeringsbomb eller en förfalskad fil; "
            "den öppnas inte.",
            "the zip directory states an inflated size for {member} ({size} bytes) below its "
            "packed size ({packed} bytes): a decompression bomb or a forged file; it is not "
            "opened.",
        )
    )
)

TOO_MANY_ROWS = _error(
    "too-many-rows",
    FILES,
    SAFETY,
    _prefixed(
        Text(
            "filen har minst {rows} rader, fler än gränsen {limit} (MILJOMAL_MAX_ROWS); dela "
            "upp den.",
            "the file has at least {rows} rows, more than the limit of {limit} "
            "(MILJOMAL_MAX_ROWS); split it.",
        )
    ),
)

TOO_MANY_COLUMNS = _error(
    "too-many-columns",
    FILES,
    SAFETY,
    _prefixed(
        Text(
            "filen har {columns} kolumner, fler än gränsen {limit} (MILJOMAL_MAX_COLUMNS).",
            "the file has {columns} columns, more than the limit of {limit} "
            "(MILJOMAL_MAX_COLUMNS).",
        )
    ),
)

TOO_MANY_CELLS = _error(
    "too-many-cells",
    FILES,
    Text(
        "bladet används ända till en cell långt bort (som SF499999): fler celler än gränsen",
        "the sheet's used area (A1 to its farthest cell, such as a stray `SF499999`) has more "
        "cells than the limit (15 million, `MILJOMAL_MAX_CELLS`); the message names the cell",
    ),
    Text(
        "bladet används ända till cellen {corner}, {cells} celler, fler än gränsen {most} "
        "(MILJOMAL_MAX_CELLS); ta bort innehåll och formatering långt utanför tabellen "
        "(markera raderna och kolumnerna efter den, Ta bort) och spara igen.",
        "the sheet is used as far as cell {corner}, {cells} cells, more than the limit of "
        "{most} (MILJOMAL_MAX_CELLS); delete content and formatting far outside the table "
        "(select the rows and columns after it, Delete) and save again.",
    ),
)

TOO_MANY_CELLS_SAFETY = TOO_MANY_CELLS.variant(_prefixed(TOO_MANY_CELLS.message))

UNCLOSED_QUOTE = _error(
    "unclosed-quote",
    FILES,
    Text(
        "ett citattecken i en CSV-fil stängs aldrig; meddelandet anger raden där det öppnas",
        "a quote in a CSV file is never closed, so the rest of the file would be one text; the "
        "message names the line where it opens",
    ),
    None,
)

NO_TABLE = _error(
    "no-table",
    FILES,
    Text(
        "ingen tabell med indikatorvärden hittades",
        "no table of indicator values was found",
    ),
    Text(
        "Hittar ingen tabell med indikatorvärden. Filen behöver en rubrikrad med till exempel "
        "Kommun, Indikator, År och Värde, eller år som kolumner (blad: {sheets}). miljomal "
        "läser mallen, långa tabeller (en rad per värde), breda tabeller (år som kolumner), "
        "länssammanställningar (kommuner som rader och indikatorer som kolumner för ett år) "
        "och samma sak transponerad; exempel på varje finns i docs/import.md, avsnittet Vad "
        "kan importeras.",
        "No table of indicator values found. The file needs a header row with for example "
        "Municipality, Indicator, Year and Value, or years as columns (sheets: {sheets}). "
        "miljomal reads the template, long tables (one row per value), wide tables (years as "
        "columns), county compilations (municipalities as rows and indicators as columns for "
        "one year) and the same transposed; docs/import.md, section What can be imported, "
        "shows an example of each.",
    ),
)

EXTRA_FIELDS = _error(
    "extra-fields",
    FILES,
    Text(
        "en rad har fler fält än rubrikraden och kan inte läsas rätt",
        "a row of a text file has more fields than its header and cannot be read right: in a "
        "comma-separated file a decimal comma written without quotes "
        "(`Sundsvall,GN.6,2024,4,5`), in a `;` or tab file a text holding the delimiter before "
        "the last column; quote the text or number",
    ),
    Text(
        "Raden har {fields} fält men rubrikraden har {width}: en text innehåller avgränsaren "
        "{delimiter!r} utan citattecken och delar raden, så fälten hamnar under fel rubriker. "
        "Sätt texten inom citattecken.",
        "The row has {fields} fields but the header has {width}: a text holds the delimiter "
        "{delimiter!r} without quotes and splits the row, so the fields fall under the wrong "
        "headers. Put the text in quotes.",
    ),
)

EXTRA_FIELDS_COMMA = EXTRA_FIELDS.variant(
    Text(
        "Raden har {fields} fält men rubrikraden har {width}: i en kommaseparerad fil delar "
        'ett decimaltal med komma (4,5) värdet i två. Skriv talet inom citattecken ("4,5") '
        "eller med punkt (4.5), eller spara filen som CSV med semikolon.",
        "The row has {fields} fields but the header has {width}: in a comma-separated file a "
        'decimal comma (4,5) splits the value in two. Put the number in quotes ("4,5") or '
        "write it with a point (4.5), or save the file as CSV with semicolons.",
    )
)

COMMENT_SPLIT = _warning(
    "comment-split",
    FILES,
    Text(
        "kommentaren innehöll avgränsaren utan citattecken; fälten fogades ihop till texten",
        "the comment (the last column) held the delimiter without quotes (`Källa: SCB; "
        "reviderad 2024`): the fields were joined back into the exact text written",
    ),
    Text(
        "Raden har {fields} fält men rubrikraden har {width}: kommentaren innehåller "
        "avgränsaren {delimiter!r} utan citattecken och lästes som en text ({text!r}). Sätt "
        "texten inom citattecken.",
        "The row has {fields} fields but the header has {width}: the comment holds the "
        "delimiter {delimiter!r} without quotes and was read as one text ({text!r}). Put the "
        "text in quotes.",
    ),
)

CONTROL_CHARACTERS = _warning(
    "control-characters",
    FILES,
    Text(
        "styrtecken (ESC, BEL, U+202E …) togs bort ur en textcell",
        "control characters or direction overrides (ESC, BEL, backspace, U+202E …) were "
        "removed from a text cell; tabs and line breaks stay",
    ),
    Text(
        "Styrtecken ({names}) togs bort ur texten{field}: de hör inte hemma i filen och kan "
        "dölja eller förvränga text.",
        "Control characters ({names}) were removed from the text{field}: they do not belong in "
        "the file and can hide or garble text.",
    ),
)

SHEET_IGNORED = _warning(
    "sheet-ignored",
    FILES,
    NOT_READ,
    Text(
        "Bladet {sheet_name} ignoreras: det har ingen tabell med indikatorvärden.",
        "Sheet {sheet_name} is ignored: it has no table of indicator values.",
    ),
)

SHEET_OF_OTHER_LAYOUT = SHEET_IGNORED.variant(
    Text(
        "Bladet {sheet_name} ignoreras: dess tabell har en annan uppställning ({layout}) än "
        "bladet {first_sheet} ({first_layout}); lägg den i en egen fil.",
        "Sheet {sheet_name} is ignored: its table has another layout ({layout}) than sheet "
        "{first_sheet} ({first_layout}); put it in a file of its own.",
    )
)

ROWS_IGNORED = _warning(
    "rows-ignored",
    FILES,
    NOT_READ,
    Text(
        "Rad {rows} ignoreras: den hör inte till tabellen ({text!r}).",
        "Row {rows} is ignored: it is not part of the table ({text!r}).",
    ),
)

COLUMN_IGNORED = _warning(
    "column-ignored",
    FILES,
    NOT_READ,
    Text(
        "Kolumnen {label!r} känns inte igen och ignoreras.",
        "Column {label!r} is not recognised and is ignored.",
    ),
)

TEMPLATE_METADATA_INVALID = _warning(
    "template-metadata-invalid",
    FILES,
    NOT_READ,
    Text(
        "Mallens dolda blad miljomal är ändrat eller ofullständigt; filen läses som en vanlig "
        "tabell.",
        "The template's hidden sheet miljomal has been changed or is incomplete; the file is "
        "read as an ordinary table.",
    ),
)

SUMMARY_ROW_IGNORED = _warning(
    "summary-row-ignored",
    FILES,
    Text(
        "en rad med summor eller medelvärden bland kommunerna lämnas utanför",
        'a row of totals or averages among the municipalities ("Summa länet", "Riket", '
        '"Medelvärde"): not a municipality, so it is left out',
    ),
    Text(
        "Raden {label!r} är en summa eller ett medelvärde, inte en kommun, och importeras inte.",
        "The row {label!r} is a total or an average, not a municipality, and is not imported.",
    ),
)

UNSAFE_FILE = _error(
    "unsafe-file",
    FILES,
    Text(
        "säkerhetskontrollen kunde inte slutföras på filen; meddelandet säger varför",
        "the safety checks could not be completed on the file; the message says why",
    ),
    None,
)

# --- catalogue files ------------------------------------------------------------------------

CATALOGUE_UNSUPPORTED_FORMAT = _error(
    "unsupported-format",
    CATALOGUE,
    None,
    Text(
        "Katalogfiler ska vara .csv eller .xlsx, inte {suffix}.",
        "Catalogue files must be .csv or .xlsx, not {suffix}.",
    ),
)
CATALOGUE_NOT_UTF8 = _warning(
    "not-utf8",
    CATALOGUE,
    None,
    Text(
        "Filen är inte UTF-8; den lästes som Windows-1252.",
        "The file is not UTF-8; it was read as Windows-1252.",
    ),
)
CATALOGUE_NO_SHEET = _error(
    "unreadable-file",
    CATALOGUE,
    None,
    Text(
        "Arbetsboken har inget synligt blad med indikatorer.",
        "The workbook has no visible sheet of indicators.",
    ),
)
CATALOGUE_MISSING_SET = _error(
    "missing-set",
    CATALOGUE,
    None,
    Text(
        "Filen saknar raden `# set: KOD` som namnger indikatoruppsättningen.",
        "The file lacks the line `# set: CODE` naming the indicator set.",
    ),
)
CATALOGUE_BAD_SET_CODE = _error(
    "bad-set-code",
    CATALOGUE,
    None,
    Text(
        "Uppsättningens kod {set_code!r} får bara innehålla a-z, 0-9, punkt och bindestreck.",
        "The set code {set_code!r} may only hold a-z, 0-9, dots and hyphens.",
    ),
)
CATALOGUE_EMPTY = _error(
    "empty-file",
    CATALOGUE,
    None,
    Text(
        "Filen har ingen rubrikrad och inga indikatorer.",
        "The file has no header row and no indicators.",
    ),
)
CATALOGUE_DUPLICATE_CODE = _error(
    "duplicate-code",
    CATALOGUE,
    None,
    Text(
        "Koden {code} finns redan på rad {first_line} ({first_code}).",
        "The code {code} is already used on line {first_line} ({first_code}).",
    ),
)
CATALOGUE_NO_INDICATORS = _error(
    "no-indicators",
    CATALOGUE,
    None,
    Text("Filen innehåller inga indikatorer.", "The file holds no indicators."),
)
CATALOGUE_UNKNOWN_COLUMN = _warning(
    "unknown-column",
    CATALOGUE,
    None,
    Text(
        "Kolumnen {label!r} är okänd och läses inte.",
        "The column {label!r} is unknown and is not read.",
    ),
)
CATALOGUE_DUPLICATE_COLUMN = _error(
    "duplicate-column",
    CATALOGUE,
    None,
    Text("Kolumnen {label!r} förekommer två gånger.", "The column {label!r} appears twice."),
)
CATALOGUE_MISSING_COLUMN = _error(
    "missing-column",
    CATALOGUE,
    None,
    Text(
        "Kolumnen {name_sv!r} ({name_en}) saknas i rubrikraden.",
        "The column {name_en!r} ({name_sv}) is missing from the header row.",
    ),
)
CATALOGUE_MISSING_VALUE = _error(
    "missing-value",
    CATALOGUE,
    None,
    Text(
        "Värde saknas i kolumnen {name_sv!r}.",
        "The column {name_en!r} has no value.",
    ),
)
CATALOGUE_TOO_LONG = _error(
    "too-long",
    CATALOGUE,
    None,
    Text(
        "Texten i {name!r} är längre än {limit} tecken.",
        "The text in {name!r} is longer than {limit} characters.",
    ),
)
CATALOGUE_BAD_CODE = _error(
    "bad-code",
    CATALOGUE,
    None,
    Text(
        "Koden {code!r} får bara innehålla bokstäver, siffror, punkt, _ och bindestreck.",
        "The code {code!r} may only hold letters, digits, dots, _ and hyphens.",
    ),
)
CATALOGUE_BAD_DIRECTION = _error(
    "bad-direction",
    CATALOGUE,
    None,
    Text(
        "Riktningen {text!r} ska vara 'lägre' eller 'högre'.",
        "The direction {text!r} must be 'lower' or 'higher'.",
    ),
)
CATALOGUE_BAD_DECIMALS = _error(
    "bad-decimals",
    CATALOGUE,
    None,
    Text(
        "Antalet decimaler {text!r} ska vara ett heltal 0-6.",
        "The number of decimals {text!r} must be a whole number 0-6.",
    ),
)
CATALOGUE_MIN_ABOVE_MAX = _error(
    "min-above-max",
    CATALOGUE,
    None,
    Text(
        "Min ({low}) är större än max ({high}).",
        "Min ({low}) is greater than max ({high}).",
    ),
)
CATALOGUE_BAD_REPORTED_BY = _error(
    "bad-reported-by",
    CATALOGUE,
    None,
    Text(
        "Rapporteras av {text!r} ska vara 'kommun' eller 'central'.",
        "Reported by {text!r} must be 'municipality' or 'central'.",
    ),
)
CATALOGUE_MISSING_SOURCE = _warning(
    "missing-source",
    CATALOGUE,
    None,
    Text(
        "Indikatorn hämtas centralt men källan är inte angiven.",
        "The indicator comes from a central source, but the source is not named.",
    ),
)
CATALOGUE_BAD_THRESHOLD = _error(
    "bad-threshold",
    CATALOGUE,
    None,
    Text(
        "Tröskeln {text!r} ska vara en procentsats större än 0.",
        "The threshold {text!r} must be a percentage above 0.",
    ),
)
CATALOGUE_BAD_NUMBER = _error(
    "bad-number",
    CATALOGUE,
    None,
    Text("{text!r} är inget tal.", "{text!r} is not a number."),
)
CATALOGUE_BAD_OBJECTIVE = _error(
    "bad-objective",
    CATALOGUE,
    None,
    Text(
        "Miljömålet {text!r} ska vara ett nummer 1-16.",
        "The environmental objective {text!r} must be a number 1-16.",
    ),
)

# --- targets files --------------------------------------------------------------------------

TARGETS_EMPTY = _error("empty-file", TARGETS, None, Text("Filen är tom.", "The file is empty."))
TARGETS_UNKNOWN_COLUMN = _error(
    "unknown-column",
    TARGETS,
    None,
    Text("Okänd kolumn {label!r}.", "Unknown column {label!r}."),
)
TARGETS_MISSING_COLUMN = _error(
    "missing-column",
    TARGETS,
    None,
    Text("Kolumner saknas: {missing}.", "Columns missing: {missing}."),
)
TARGETS_TWO_OWNERS = _error(
    "two-owners",
    TARGETS,
    None,
    Text(
        "Ange antingen kommun eller län, inte båda.",
        "Give either a municipality or a county, not both.",
    ),
)
TARGETS_UNKNOWN_MUNICIPALITY = _error("unknown-municipality", TARGETS, None, None)
TARGETS_MUNICIPALITY_NOT_STORED = _error(
    "municipality-not-stored",
    TARGETS,
    None,
    Text(
        "Kommun {municipality} finns inte i databasen.",
        "Municipality {municipality} is not in the store.",
    ),
)
TARGETS_UNKNOWN_COUNTY = _error("unknown-county", TARGETS, None, None)
TARGETS_COUNTY_NOT_STORED = _error(
    "county-not-stored",
    TARGETS,
    None,
    Text("Län {county} finns inte i databasen.", "County {county} is not in the store."),
)
TARGETS_NO_OWNER = _error(
    "no-owner",
    TARGETS,
    None,
    Text("Kommun eller län saknas.", "Municipality or county missing."),
)
TARGETS_UNKNOWN_INDICATOR = _error(
    "unknown-indicator",
    TARGETS,
    None,
    Text("Okänd indikator {text}.", "Unknown indicator {text}."),
)
TARGETS_INVALID_VALUE = _error(
    "invalid-target-value",
    TARGETS,
    None,
    Text("Målvärdet {text} är inget tal.", "Target value {text} is not a number."),
)
TARGETS_INVALID_YEAR = _error(
    "invalid-target-year",
    TARGETS,
    None,
    Text("Målåret {text} är inget årtal.", "Target year {text} is not a year."),
)
TARGETS_INVALID_BASE_YEAR = _error(
    "invalid-base-year",
    TARGETS,
    None,
    Text("Basåret {text} är inget årtal.", "Base year {text} is not a year."),
)
TARGETS_BASE_YEAR_AFTER_TARGET = _error(
    "base-year-after-target",
    TARGETS,
    None,
    Text(
        "Basåret {base_year} måste komma före målåret {year}.",
        "Base year {base_year} must come before target year {year}.",
    ),
)
TARGETS_DUPLICATE = _error(
    "duplicate-target",
    TARGETS,
    None,
    Text(
        "Samma mål finns redan på rad {first_line}.",
        "The same target is already on line {first_line}.",
    ),
)
TARGETS_NONE = _error(
    "no-targets", TARGETS, None, Text("Filen har inga mål.", "The file holds no targets.")
)

# --- action plans and their status updates ---------------------------------------------------

PLAN_ACTIVITY_WITHOUT_GOAL = _warning(
    "activity-without-goal",
    PLAN,
    None,
    Text(
        "Aktiviteten {activity} står före första målet.",
        "Activity {activity} comes before the first goal.",
    ),
)
PLAN_LINE_NOT_UNDERSTOOD = _warning(
    "line-not-understood",
    PLAN,
    None,
    Text(
        "Raden kunde inte tolkas och hoppades över: {text!r}.",
        "The line could not be read and was skipped: {text!r}.",
    ),
)
PLAN_PERIOD_NOT_UNDERSTOOD = _warning(
    "period-not-understood",
    PLAN,
    None,
    Text(
        "Tidplanen {text!r} kunde inte tolkas; väntade 'ÅÅÅÅ-MM-DD - ÅÅÅÅ-MM-DD' eller ett datum.",
        "The period {text!r} could not be read; expected 'YYYY-MM-DD - YYYY-MM-DD' or one date.",
    ),
)
PLAN_AMOUNT_NOT_UNDERSTOOD = _warning(
    "amount-not-understood",
    PLAN,
    None,
    Text(
        "Beloppet {text!r} kunde inte tolkas och räknas som okänt.",
        "The amount {text!r} could not be read and is kept as unknown.",
    ),
)
UPDATES_HEADER_MISSING = _error(
    "updates-header-missing",
    PLAN,
    None,
    Text(
        "Rubrikraden saknas: filen behöver kolumnerna kod, datum och status.",
        "The header row is missing: the file needs the columns code, date and status.",
    ),
)
UPDATES_COLUMN_MISSING = _error(
    "updates-column-missing",
    PLAN,
    None,
    Text(
        "Kolumnen {name_sv!r} saknas i rubrikraden.",
        "The column {name_en!r} is missing from the header row.",
    ),
)
UPDATES_EMPTY = _error(
    "updates-empty",
    PLAN,
    None,
    Text("Filen innehåller inga statusuppdateringar.", "The file holds no status updates."),
)
UPDATE_CODE_MISSING = _error(
    "code-missing",
    PLAN,
    None,
    Text("Aktivitetskod saknas.", "The activity code is missing."),
)
UPDATE_CODE_UNKNOWN = _error(
    "code-unknown",
    PLAN,
    None,
    Text("Planen har ingen aktivitet {code!r}.", "The plan has no activity {code!r}."),
)
UPDATE_DATE_INVALID = _error(
    "date-invalid",
    PLAN,
    None,
    Text(
        "Datumet {text!r} kunde inte tolkas; skriv ÅÅÅÅ-MM-DD.",
        "The date {text!r} could not be read; write YYYY-MM-DD.",
    ),
)
UPDATE_STATUS_UNKNOWN = _error(
    "status-unknown",
    PLAN,
    None,
    Text(
        "Okänd status {text!r}; använd ej påbörjad, pågår, klar, försenad eller avbruten.",
        "Unknown status {text!r}; use {statuses_en}.",
    ),
)
UPDATE_SPENT_INVALID = _error("spent-invalid", PLAN, None, None)
UPDATE_PROGRESS_INVALID = _error(
    "progress-invalid",
    PLAN,
    None,
    Text(
        "{text!r} är inte ett giltigt tal ({limits}).",
        "{text!r} is not a valid number ({limits}).",
    ),
)

# --- Kolada mapping files -------------------------------------------------------------------

KOLADA_DUPLICATE_MAPPING = _error(
    "kolada-duplicate-mapping",
    KOLADA,
    None,
    Text(
        "{set_code} {code} har redan en koppling på rad {first_line}",
        "{set_code} {code} is already mapped on line {first_line}",
    ),
)
KOLADA_UNKNOWN_INDICATOR = _error(
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
KOLADA_BAD_KPI = _error(
    "kolada-bad-kpi",
    KOLADA,
    None,
    Text(
        "{written} är inget Kolada-id (förväntade en bokstav och fem siffror, t.ex. U07801)",
        "{written} is not a Kolada id (expected a letter and five digits, e.g. U07801)",
    ),
)
KOLADA_BAD_FACTOR = _error(
    "kolada-bad-factor",
    KOLADA,
    None,
    Text(
        "faktorn {factor!r} är inget positivt tal",
        "the factor {factor!r} is not a positive number",
    ),
)
KOLADA_BAD_GENDER = _error(
    "kolada-bad-gender",
    KOLADA,
    None,
    Text(
        "kön {gender!r}: förväntade T (totalt), K eller M",
        "gender {gender!r}: expected T (total), K or M",
    ),
)
KOLADA_NO_PROVENANCE = _error(
    "kolada-no-provenance",
    KOLADA,
    None,
    Text(
        "källa saknas: skriv varifrån kopplingen kommer (Koladas titel, definition)",
        "provenance missing: say where the mapping comes from (Kolada's title, definition)",
    ),
)
KOLADA_BAD_VERIFIED = _error(
    "kolada-bad-verified",
    KOLADA,
    None,
    Text(
        "verifierad {text!r}: förväntade ja eller nej",
        "verified {text!r}: expected ja (yes) or nej (no)",
    ),
)

# --- the declarations as a whole -------------------------------------------------------------

PROBLEM_TYPES: tuple[ProblemType, ...] = tuple(
    value for value in dict(globals()).values() if isinstance(value, ProblemType)
)
# The first type declared with each code of the import (the groups docs/import.md lists):
# what a problem an exception carried is reported as.
BY_CODE: dict[str, ProblemType] = {}
for _type in PROBLEM_TYPES:
    if _type.group in (VALUES, FILES):
        BY_CODE.setdefault(_type.code, _type)
del _type


def problem_type(code: str) -> ProblemType:
    """The import's type of a code an exception or the write gate carries (KeyError: none)."""
    return BY_CODE[code]


_TITLES = {
    VALUES: "Values and places (validation)",
    FILES: "Files (import, reader and safety checks)",
}


def markdown_tables() -> str:
    """The tables of problem codes for ``docs/import.md``, one per group, codes sharing a
    meaning and severity in one row."""
    parts: list[str] = []
    for group, title in _TITLES.items():
        rows: list[tuple[list[str], str, str]] = []
        for problem in BY_CODE.values():
            if problem.group != group:
                continue
            assert problem.meaning is not None
            meaning = problem.meaning.en
            if rows and rows[-1][1:] == (problem.severity, meaning):
                rows[-1][0].append(problem.code)
            else:
                rows.append(([problem.code], problem.severity, meaning))
        parts.append(f"### {title}\n\n| code | severity | meaning |\n|---|---|---|")
        parts.extend(
            f"| {', '.join(f'`{code}`' for code in codes)} | {severity} | {meaning} |"
            for codes, severity, meaning in rows
        )
        parts.append("")
    return "\n".join(parts).rstrip("\n") + "\n"
