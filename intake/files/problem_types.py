"""Every problem type an import can report: code, severity, and what it means in sv and en.

One place for the codes: ``docs/import.md``'s tables of problem codes are generated from
:data:`PROBLEM_TYPES` (``scripts/make_problem_table.py``; a test fails when they differ),
and a test checks that every code the import modules report is declared here.  Each
message itself is written where the problem is found, with the file's cell and values.
"""

from __future__ import annotations

from dataclasses import dataclass

ERROR = "error"
WARNING = "warning"
VALUES = "values"  # found by validation, in a value's place
FILES = "files"  # found by the import, the reader or the safety checks


@dataclass(frozen=True)
class ProblemType:
    """One kind of problem: its stable code, severity, group and meaning in sv and en."""

    code: str
    severity: str
    group: str
    sv: str
    en: str


def _e(code: str, group: str, sv: str, en: str) -> ProblemType:
    return ProblemType(code, ERROR, group, sv, en)


def _w(code: str, group: str, sv: str, en: str) -> ProblemType:
    return ProblemType(code, WARNING, group, sv, en)


_SAFETY_SV = "säkerhetskontrollen vägrar filen innan den öppnas (meddelandet säger hur man rättar)"
_SAFETY_EN = "the safety checks refuse the file before it is opened (see the message for the fix)"

PROBLEM_TYPES: tuple[ProblemType, ...] = (
    # --- values and places (validation) ---
    _e(
        "not-a-number",
        VALUES,
        "värdet är text som inte är ett tal; för en uppskattning (`ca 40`) eller en gräns "
        "(`<0,1`) säger meddelandet vad man skriver i stället",
        "the value is text that is no number in any accepted convention; for an estimate "
        "(`ca 40`, `~40`) or a limit (`<0,1`, `under 0,1`) the message says what to write "
        "instead: the number alone with a comment, or `..` (a number is never guessed)",
    ),
    _e(
        "not-finite",
        VALUES,
        "NaN, oändligt, ett tal som flödar över eller bortom ±10^15",
        "NaN, infinity, a number that overflows, or beyond ±10^15",
    ),
    _e(
        "date-in-value",
        VALUES,
        "cellen innehåller ett datum (oftast en cell formaterad som datum av misstag)",
        "the cell holds a date (usually a cell formatted as a date by mistake)",
    ),
    _e(
        "boolean-in-value",
        VALUES,
        "cellen innehåller SANT/FALSKT",
        "the cell holds TRUE/FALSE (SANT/FALSKT)",
    ),
    _e(
        "error-in-value",
        VALUES,
        "cellen visar ett kalkylbladsfel som `#DIVISION/0!` (en formel som misslyckades)",
        "the cell shows a spreadsheet error such as `#DIV/0!`, `#N/A` or `Err:502` (a formula "
        "that failed); correct the formula or type the value",
    ),
    _e(
        "formula-without-value",
        VALUES,
        "en formel utan sparat resultat; öppna och spara filen i Excel eller LibreOffice",
        "a formula with no saved result (files written by scripts); open and save the file "
        "in Excel or LibreOffice",
    ),
    _e(
        "reported-without-value",
        VALUES,
        "statusen säger rapporterad men värde saknas",
        "the status says reported but there is no value",
    ),
    _e(
        "bad-status",
        VALUES,
        "statuscellen innehåller något annat än de godtagna statusarna",
        "the status cell holds something other than the accepted statuses",
    ),
    _e(
        "out-of-range",
        VALUES,
        "värdet ligger utanför indikatorns giltiga intervall",
        "the value is outside the indicator's valid range (the message names it, for "
        "example `0–100`)",
    ),
    _e(
        "unknown-municipality",
        VALUES,
        "ingen kommun har denna kod eller detta namn; meddelandet föreslår närliggande namn",
        'no municipality has this code or name; the message suggests close names ("menade '
        'du Sundsvall?")',
    ),
    _e(
        "unknown-indicator",
        VALUES,
        "ingen indikator har denna kod eller detta namn i den uppsättning raden läses i; "
        "meddelandet föreslår närliggande koder",
        "no indicator has this code or name in the set the row is read in; the message "
        "suggests close codes",
    ),
    _e(
        "kolada-kpi-not-mapped",
        VALUES,
        "raden har ett nyckeltal från Kolada (som U07801) som inte är kopplat till en indikator; "
        "meddelandet säger hur det kopplas och hämtas (i portalen: att länsstyrelsen hämtar det)",
        "the row has a Kolada KPI (such as U07801) that is not mapped to an indicator; the "
        "message says how to map and fetch it (in the portal: that the county board fetches it)",
    ),
    _e(
        "name-contradicts-code",
        VALUES,
        "radens indikatornamn säger att koden betyder en annan indikator i sin uppsättning, "
        "eller vad koden betydde i den andra SEkom-uppsättningen (`GN.7;Mängd hushållsavfall` "
        "i en fil för 2024); meddelandet säger vad koden betyder och vilken kod som troligen "
        "menas (`menade du GN.6a Mängd hushållsavfall?`)",
        "the row's indicator name says the code means another indicator of its set, or is "
        "what the code meant in the other SEkom set (`GN.7;Mängd hushållsavfall` in a 2024 "
        "file); the message names the code's meaning and the likely intended code (`menade "
        "du GN.6a Mängd hushållsavfall?`)",
    ),
    _e(
        "unit-contradicts-code",
        VALUES,
        "radens enhet är samma kods enhet i den andra SEkom-uppsättningen (`GN.7` med "
        "`kg/person` i en fil för 2024); meddelandet föreslår koden enligt mappningstabellen",
        "the row's unit is the unit of the same code in the other SEkom set (`GN.7` with "
        "`kg/person` in a 2024 file); the message suggests the code per the mapping table",
    ),
    _e(
        "unknown-indicator-set",
        VALUES,
        "`--set`, mallen, en rubrik eller en cell i kolumnen Uppsättning anger en uppsättning "
        "som inte finns i databasen; meddelandet räknar upp de kända",
        "`--set`, the template, a title or an `Uppsättning` cell names a set the store does "
        "not have; the message lists the known ones",
    ),
    _e(
        "set-mismatch",
        VALUES,
        "`--set` säger emot den uppsättning filen anger",
        "`--set` disagrees with the set the file names",
    ),
    _w(
        "read-as-set",
        VALUES,
        "ingen uppsättning angavs och en rad före 2023 har en kod som bara finns i 2023 års "
        "nyckeltal (eller en rad från 2023 en kod som bara finns i 2012 års; eller, för en fil "
        "som löper över 2022/2023, passar dess namn och enheter bara en): filen läses i den "
        "för alla år, och meddelandet räknar upp åren vars standarduppsättning är en annan",
        "no set was named and a row before 2023 has a code only the 2023 set has (or a row "
        "from 2023 on a code only the 2012 set has; or, for a file running across 2022/2023, "
        "its names and units fit only one): the file is read in that set for every year, and "
        "the message lists the years whose default set differs",
    ),
    _e(
        "mixed-indicator-sets",
        VALUES,
        "filen har en rad före 2023 med en kod som bara finns i 2023 års nyckeltal och en rad "
        "från 2023 med en kod som bara finns i 2012 års; meddelandet nämner de två raderna "
        "(dela upp filen eller ange uppsättningen)",
        "the file has a row before 2023 with a code only the 2023 set has and a row from 2023 "
        "on with a code only the 2012 set has; the message names the two rows (split the file "
        "or name the set)",
    ),
    _w(
        "code-meaning-changed",
        VALUES,
        "en kod som betyder olika saker i 2012 och 2023 års nyckeltal (GN.7, GN.11 …) står "
        "utan namn eller enhet och läses i årets uppsättning; en gång per kod och fil, med "
        "raderna, vad den läses som och vad den betyder i den andra uppsättningen",
        "a code that means different things in the 2012 and 2023 sets (GN.7, GN.11, ...) "
        "stands without a name or unit and is read in its year's set; once per code and "
        "file, with its rows, what it is read as and what it means in the other set",
    ),
    _e("bad-year", VALUES, "årscellen är inget år", "the year cell is not a year"),
    _e(
        "year-out-of-range",
        VALUES,
        "året är före 1990 eller efter nästa år",
        "the year is before 1990 or after next year",
    ),
    _e(
        "no-municipality",
        VALUES,
        "filen säger inte vilken kommun ett värde gäller, och inget alternativ gör det",
        "the file does not say which municipality a value belongs to, and no option does",
    ),
    _e(
        "no-indicator",
        VALUES,
        "filen säger inte vilken indikator ett värde gäller",
        "the file does not say which indicator a value belongs to",
    ),
    _e(
        "no-year",
        VALUES,
        "filen säger inte vilket år ett värde gäller, och inget `--year` gör det",
        "the file does not say which year a value belongs to, and no `--year` does",
    ),
    _e(
        "duplicate-value",
        VALUES,
        "samma kommun, indikator och år två gånger med olika värden",
        "the same municipality, indicator and year twice with different values (the message "
        "names the first cell)",
    ),
    _w(
        "duplicate-row",
        VALUES,
        "samma kommun, indikator, år och värde två gånger; räknas en gång",
        "the same municipality, indicator, year and value twice; counted once",
    ),
    _e(
        "mixed-municipalities",
        VALUES,
        "en mall (en kommun) innehåller rader för en annan kommun",
        "a template (one municipality) holds rows of another municipality",
    ),
    _e(
        "municipality-mismatch",
        VALUES,
        "`--municipality` säger en annan kommun än filen",
        "`--municipality` disagrees with the municipality the file names",
    ),
    _e(
        "municipality-not-permitted",
        VALUES,
        "filen har värden för en kommun som den som laddar upp inte rapporterar för "
        "(webbportalen och API:t)",
        "the file has values for a municipality the uploader does not report for "
        "(the web portal and the API)",
    ),
    _e(
        "window-not-open",
        FILES,
        "inrapporteringen för ett av filens år har inte öppnat (en rapportörs uppladdning)",
        "the reporting window of one of the file's years has not opened (a reporter's upload)",
    ),
    _e(
        "window-closed",
        FILES,
        "inrapporteringen för ett av filens år har stängt (en rapportörs uppladdning)",
        "the reporting window of one of the file's years has closed (a reporter's upload)",
    ),
    _e(
        "year-mismatch",
        VALUES,
        "`--year` säger ett annat år än filen",
        "`--year` disagrees with the year the file states",
    ),
    _e(
        "locked-year",
        VALUES,
        "året är låst (godkänt); använd `--force --reason`",
        "the year is locked (approved); once per year, with the number of values; use "
        "`--force --reason`",
    ),
    _w(
        "locked-year-forced",
        VALUES,
        "ett låst år importerades med `--force`",
        "a locked year imported with `--force`",
    ),
    _e(
        "approved-year",
        VALUES,
        "länsstyrelsen har godkänt kommunens år; öppna det igen eller använd `--force --reason`",
        "the county board has approved this municipality's year (`miljomal approval "
        "approve`); once per municipality-year; reopen it or use `--force --reason`",
    ),
    _w(
        "approved-year-forced",
        VALUES,
        "ett godkänt kommunår importerades med `--force`",
        "an approved municipality-year imported with `--force`",
    ),
    _e(
        "no-values",
        VALUES,
        "varje värdecell är tom: inget att importera",
        "every value cell is empty: nothing to import",
    ),
    _e(
        "comment-too-long",
        VALUES,
        "kommentaren är längre än 32 767 tecken, det mesta en Excel-cell rymmer",
        "the comment is longer than 32 767 characters, the most an Excel cell holds (so "
        "that every export of the store reads back); shorten it or refer to a document",
    ),
    _w("dash-as-zero", VALUES, "ett ensamt `-` lästes som 0", "a lone `-` or `–` was read as 0"),
    _w(
        "value-ignored-by-status",
        VALUES,
        "ett tal bredvid statusen saknas eller ej tillämpligt lagrades inte",
        "a number beside a status of missing or not applicable was not stored",
    ),
    _w(
        "replaces-value",
        VALUES,
        "värdet ersätter ett annat lagrat värde; gammalt och nytt visas",
        "the value replaces a different stored value; old and new are shown (filling in a "
        "missing value is not reported)",
    ),
    _w(
        "large-change",
        VALUES,
        "värdet skiljer sig ovanligt mycket från föregående år",
        "the value differs from the previous year's (stored or in the file) by more than the "
        "indicator's change threshold (default 50 %), or, with at least six earlier values, "
        "its change from the previous year is unlike the municipality's own earlier "
        "year-to-year changes: robust z-score \\|0.6745·(d − median)/MAD\\| > 3.5 over the "
        "history of changes d, and at least 5 % (a steady trend is never flagged)",
    ),
    _w(
        "blank-keeps-stored",
        VALUES,
        "cellen är tom men ett värde finns lagrat: det behålls (skriv `..` för saknas)",
        "the cell is empty but the store has a value for it: the stored value is kept (write "
        '`..` to replace it by "missing")',
    ),
    # --- files (import, reader and safety checks) ---
    _w(
        "already-imported",
        FILES,
        "en fil med exakt samma innehåll är redan importerad; inget ändras",
        "a file with exactly the same bytes (SHA-256) was imported before and stands; "
        "nothing changes, outcome `unchanged`",
    ),
    _w(
        "reverted-before",
        FILES,
        "samma fil importerades förut och återställdes; den importeras nu igen",
        "the same bytes were imported before and that upload was reverted "
        "(`uploads revert`); the file is imported again",
    ),
    _e(
        "unreadable-file",
        FILES,
        "filen kan inte läsas som en tabell",
        "the file cannot be read as a table (also when a reader library fails or panics on "
        "it: a batch goes on with the next file)",
    ),
    _e(
        "database-error",
        FILES,
        "databasen fallerade när filen lagrades; inget ur filen skrevs",
        "the database failed while storing this file (lost connection, disk full); nothing "
        "of the file was written",
    ),
    _e(
        "not-a-regular-file",
        FILES,
        "sökvägen är ingen vanlig fil utan en FIFO, en enhet (som /dev/zero), en socket "
        "eller en katalog",
        "the path is no regular file but a FIFO, a device (a symlink to `/dev/zero`), a "
        "socket or a directory; refused from `os.stat` before it is opened",
    ),
    _e(
        "file-too-large",
        FILES,
        "filen är större än 200 MB",
        "the file is larger than 200 MB; refused from `os.stat` before it is read",
    ),
    *(
        _e(code, FILES, _SAFETY_SV, _SAFETY_EN)
        for code in (
            "empty-file",
            "truncated-file",
            "not-a-spreadsheet",
            "old-xls-format",
            "encrypted-workbook",
            "no-visible-sheet",
            "binary-content",
            "unknown-encoding",
            "xml-entities",
            "zip-bomb",
            "too-many-rows",
            "too-many-columns",
        )
    ),
    _e(
        "too-many-cells",
        FILES,
        "bladet används ända till en cell långt bort (som SF499999): fler celler än gränsen",
        "the sheet's used area (A1 to its farthest cell, such as a stray `SF499999`) has "
        "more cells than the limit (15 million, `MILJOMAL_MAX_CELLS`); the message names "
        "the cell",
    ),
    _e(
        "unclosed-quote",
        FILES,
        "ett citattecken i en CSV-fil stängs aldrig; meddelandet anger raden där det öppnas",
        "a quote in a CSV file is never closed, so the rest of the file would be one text; "
        "the message names the line where it opens",
    ),
    _e(
        "no-table",
        FILES,
        "ingen tabell med indikatorvärden hittades",
        "no table of indicator values was found",
    ),
    _e(
        "extra-fields",
        FILES,
        "en rad har fler fält än rubrikraden och kan inte läsas rätt",
        "a row of a text file has more fields than its header and cannot be read right: in "
        "a comma-separated file a decimal comma written without quotes "
        "(`Sundsvall,GN.6,2024,4,5`), in a `;` or tab file a text holding the delimiter "
        "before the last column; quote the text or number",
    ),
    _w(
        "comment-split",
        FILES,
        "kommentaren innehöll avgränsaren utan citattecken; fälten fogades ihop till texten",
        "the comment (the last column) held the delimiter without quotes (`Källa: SCB; "
        "reviderad 2024`): the fields were joined back into the exact text written",
    ),
    _w(
        "control-characters",
        FILES,
        "styrtecken (ESC, BEL, U+202E …) togs bort ur en textcell",
        "control characters or direction overrides (ESC, BEL, backspace, U+202E …) were "
        "removed from a text cell; tabs and line breaks stay",
    ),
    *(
        _w(code, FILES, "delar av filen som inte läses", "parts of the file that are not read")
        for code in ("sheet-ignored", "rows-ignored", "column-ignored", "template-metadata-invalid")
    ),
    _w(
        "summary-row-ignored",
        FILES,
        "en rad med summor eller medelvärden bland kommunerna lämnas utanför",
        'a row of totals or averages among the municipalities ("Summa länet", "Riket", '
        '"Medelvärde"): not a municipality, so it is left out',
    ),
)

BY_CODE: dict[str, ProblemType] = {problem.code: problem for problem in PROBLEM_TYPES}

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
        for problem in PROBLEM_TYPES:
            if problem.group != group:
                continue
            if rows and rows[-1][1:] == (problem.severity, problem.en):
                rows[-1][0].append(problem.code)
            else:
                rows.append(([problem.code], problem.severity, problem.en))
        parts.append(f"### {title}\n\n| code | severity | meaning |\n|---|---|---|")
        parts.extend(
            f"| {', '.join(f'`{code}`' for code in codes)} | {severity} | {meaning} |"
            for codes, severity, meaning in rows
        )
        parts.append("")
    return "\n".join(parts).rstrip("\n") + "\n"
