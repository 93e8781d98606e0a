"""What a row's codes name: the municipality, the indicator (and its Kolada KPI, name and
unit) and the indicator set."""

from __future__ import annotations

from i18n import Text
from intake.files.problem_types.declare import VALUES
from intake.files.problem_types.declare import error_type
from intake.files.problem_types.declare import warning_type

UNKNOWN_MUNICIPALITY = error_type(
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

UNKNOWN_INDICATOR = error_type(
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

KOLADA_KPI_NOT_MAPPED = error_type(
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

NAME_CONTRADICTS_CODE = error_type(
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

UNIT_CONTRADICTS_CODE = error_type(
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

UNKNOWN_INDICATOR_SET = error_type(
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

SET_MISMATCH = error_type(
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

READ_AS_SET = warning_type(
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

MIXED_INDICATOR_SETS = error_type(
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

CODE_MEANING_CHANGED = warning_type(
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
