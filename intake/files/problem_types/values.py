"""What a value cell holds: numbers, dates, booleans, errors, formulas, statuses, ranges."""

from __future__ import annotations

from i18n import Text
from intake.files.problem_types.declare import VALUES
from intake.files.problem_types.declare import error_type

NOT_A_NUMBER = error_type(
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

NOT_FINITE = error_type(
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

DATE_IN_VALUE = error_type(
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

BOOLEAN_IN_VALUE = error_type(
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

ERROR_IN_VALUE = error_type(
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

FORMULA_WITHOUT_VALUE = error_type(
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

REPORTED_WITHOUT_VALUE = error_type(
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

BAD_STATUS = error_type(
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

OUT_OF_RANGE = error_type(
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
