"""The file itself: reading it, the safety checks before it is opened, its size and layout,
and the parts of it that are not read."""

from __future__ import annotations

from i18n import Text
from intake.files.problem_types.declare import FILES
from intake.files.problem_types.declare import NOT_READ
from intake.files.problem_types.declare import SAFETY
from intake.files.problem_types.declare import error_type
from intake.files.problem_types.declare import prefixed
from intake.files.problem_types.declare import warning_type

UNREADABLE_FILE = error_type(
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
    prefixed(
        Text(
            "filen kan inte läsas ({reason}).",
            "cannot read ({reason}).",
        )
    )
)

DATABASE_ERROR = error_type(
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

NOT_A_REGULAR_FILE = error_type(
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

FILE_TOO_LARGE = error_type(
    "file-too-large",
    FILES,
    Text(
        "filen är större än 200 MB",
        "the file is larger than 200 MB; refused from `os.stat` before it is read",
    ),
    None,
)

EMPTY_FILE = error_type(
    "empty-file",
    FILES,
    SAFETY,
    prefixed(
        Text(
            "filen är tom (0 byte).",
            "the file is empty (0 bytes).",
        )
    ),
)

EMPTY_TEXT_FILE = EMPTY_FILE.variant(
    prefixed(
        Text(
            "filen innehåller ingen text.",
            "the file holds no text.",
        )
    )
)

TRUNCATED_FILE = error_type(
    "truncated-file",
    FILES,
    SAFETY,
    prefixed(
        Text(
            "filen är avkortad eller skadad ({detail}); skicka den på nytt eller spara om den "
            "i Excel.",
            "the file is truncated or damaged ({detail}); send it again or save it anew from "
            "Excel.",
        )
    ),
)

NOT_A_SPREADSHEET = error_type(
    "not-a-spreadsheet",
    FILES,
    SAFETY,
    prefixed(
        Text(
            "filen är inget kalkylblad utan {what}, trots namnet; spara den som .xlsx i Excel "
            "eller LibreOffice.",
            "the file is not a spreadsheet but {what}, whatever its name says; save it as "
            ".xlsx from Excel or LibreOffice.",
        )
    ),
)

OLD_XLS_FORMAT = error_type(
    "old-xls-format",
    FILES,
    SAFETY,
    prefixed(
        Text(
            "filen har det gamla Excel-formatet .xls; öppna den och spara den som "
            "Excel-arbetsbok (.xlsx).",
            "the file is in the old Excel format .xls; open it and save it as an Excel "
            "workbook (.xlsx).",
        )
    ),
)

ENCRYPTED_WORKBOOK = error_type(
    "encrypted-workbook",
    FILES,
    SAFETY,
    prefixed(
        Text(
            "arbetsboken är lösenordsskyddad (krypterad); ta bort lösenordet i Excel (Arkiv > "
            "Info > Skydda arbetsbok) och spara igen.",
            "the workbook is password-protected (encrypted); remove the password in Excel "
            "(File > Info > Protect Workbook) and save again.",
        )
    ),
)

ENCRYPTED_ARCHIVE = ENCRYPTED_WORKBOOK.variant(
    prefixed(
        Text(
            "filen är krypterad; ta bort lösenordet och spara igen.",
            "the file is encrypted; remove the password and save again.",
        )
    )
)

NO_VISIBLE_SHEET = error_type(
    "no-visible-sheet",
    FILES,
    SAFETY,
    prefixed(
        Text(
            "arbetsboken har inget synligt blad; visa bladet med värdena (högerklicka på en "
            "flik > Ta fram) och spara igen.",
            "the workbook has no visible sheet; unhide the sheet with the values (right-click "
            "a tab > Unhide) and save again.",
        )
    ),
)

BINARY_CONTENT = error_type(
    "binary-content",
    FILES,
    SAFETY,
    None,
)

UNKNOWN_ENCODING = error_type(
    "unknown-encoding",
    FILES,
    SAFETY,
    None,
)

XML_ENTITIES = error_type(
    "xml-entities",
    FILES,
    SAFETY,
    prefixed(
        Text(
            "delen {member} innehåller en DTD med entiteter (<!DOCTYPE/<!ENTITY), som ett "
            "riktigt kalkylblad aldrig har; filen öppnas inte.",
            "member {member} holds a DTD with entities (<!DOCTYPE/<!ENTITY), which a real "
            "spreadsheet never has; the file is not opened.",
        )
    ),
)

ZIP_BOMB = error_type(
    "zip-bomb",
    FILES,
    SAFETY,
    prefixed(
        Text(
            "filen ser ut som en dekomprimeringsbomb: innehållet packas upp till {size} "
            "(gränsen är {limit}); den öppnas inte.",
            "the file looks like a decompression bomb: the content inflates to {size} (the "
            "limit is {limit}); it is not opened.",
        )
    ),
)

ZIP_BOMB_RATIO = ZIP_BOMB.variant(
    prefixed(
        Text(
            "filen ser ut som en dekomprimeringsbomb: delen {member} packas upp {ratio:.0f} "
            "gånger större än den är packad; den öppnas inte.",
            "the file looks like a decompression bomb: member {member} inflates to {ratio:.0f} "
            "times its packed size; it is not opened.",
        )
    )
)

ZIP_BOMB_FORGED = ZIP_BOMB.variant(
    prefixed(
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

TOO_MANY_ROWS = error_type(
    "too-many-rows",
    FILES,
    SAFETY,
    prefixed(
        Text(
            "filen har minst {rows} rader, fler än gränsen {limit} (MILJOMAL_MAX_ROWS); dela "
            "upp den.",
            "the file has at least {rows} rows, more than the limit of {limit} "
            "(MILJOMAL_MAX_ROWS); split it.",
        )
    ),
)

TOO_MANY_COLUMNS = error_type(
    "too-many-columns",
    FILES,
    SAFETY,
    prefixed(
        Text(
            "filen har {columns} kolumner, fler än gränsen {limit} (MILJOMAL_MAX_COLUMNS).",
            "the file has {columns} columns, more than the limit of {limit} "
            "(MILJOMAL_MAX_COLUMNS).",
        )
    ),
)

TOO_MANY_CELLS = error_type(
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

TOO_MANY_CELLS_SAFETY = TOO_MANY_CELLS.variant(prefixed(TOO_MANY_CELLS.message))

UNCLOSED_QUOTE = error_type(
    "unclosed-quote",
    FILES,
    Text(
        "ett citattecken i en CSV-fil stängs aldrig; meddelandet anger raden där det öppnas",
        "a quote in a CSV file is never closed, so the rest of the file would be one text; the "
        "message names the line where it opens",
    ),
    None,
)

NO_TABLE = error_type(
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

EXTRA_FIELDS = error_type(
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

COMMENT_SPLIT = warning_type(
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

CONTROL_CHARACTERS = warning_type(
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

SHEET_IGNORED = warning_type(
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

ROWS_IGNORED = warning_type(
    "rows-ignored",
    FILES,
    NOT_READ,
    Text(
        "Rad {rows} ignoreras: den hör inte till tabellen ({text!r}).",
        "Row {rows} is ignored: it is not part of the table ({text!r}).",
    ),
)

COLUMN_IGNORED = warning_type(
    "column-ignored",
    FILES,
    NOT_READ,
    Text(
        "Kolumnen {label!r} känns inte igen och ignoreras.",
        "Column {label!r} is not recognised and is ignored.",
    ),
)

TEMPLATE_METADATA_INVALID = warning_type(
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

SUMMARY_ROW_IGNORED = warning_type(
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

UNSAFE_FILE = error_type(
    "unsafe-file",
    FILES,
    Text(
        "säkerhetskontrollen kunde inte slutföras på filen; meddelandet säger varför",
        "the safety checks could not be completed on the file; the message says why",
    ),
    None,
)
