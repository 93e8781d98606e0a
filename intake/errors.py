"""The root of the errors of reading files in, and the messages they carry.

An error is raised with a message id of `ERRORS` and its parameters,
``raise ReadError("file-too-large", name=..., size=..., limit=...)``; it is worded in the
reader's language when shown (`i18n.Localised`).  `IntakeError` is an `IndicatorError`, so
whoever catches the indicators' errors catches these too.
"""

from __future__ import annotations

from i18n import Messages
from i18n import Text
from indicators.errors import IndicatorError

ERRORS = Messages(
    {
        # a problem (or an error) said again with the file it is about
        "in-file": Text("{file}: {message}", "{file}: {message}"),
        "as-found": Text("{message}", "{message}"),
        # intake.files.entry
        "cannot-stat": Text(
            "{name}: filen kan inte läsas ({reason}).", "{name}: cannot read ({reason})."
        ),
        "not-a-regular-file": Text(
            "{name}: är ingen vanlig fil utan {kind}; ange en sparad .xlsx-, .ods- eller .csv-fil.",
            "{name}: is not a regular file but {kind}; name a saved .xlsx, .ods or .csv file.",
        ),
        "kind-fifo": Text("en namngiven pipe (FIFO)", "a named pipe (FIFO)"),
        "kind-device": Text("en enhet (som /dev/zero)", "a device (such as /dev/zero)"),
        "kind-block-device": Text("en blockenhet", "a block device"),
        "kind-socket": Text("en socket", "a socket"),
        "kind-directory": Text("en katalog", "a directory"),
        "kind-other": Text("ingen vanlig fil", "not a regular file"),
        "file-too-large": Text(
            "{name}: filen är {size}, större än gränsen {limit}; dela upp den.",
            "{name}: the file is {size}, larger than the limit of {limit}; split it.",
        ),
        "file-grew": Text(
            "{name}: filen växte medan den lästes och är nu större än gränsen {limit}.",
            "{name}: the file grew while it was read and is now larger than the limit of {limit}.",
        ),
        # intake.files.text
        "unknown-encoding": Text(
            "teckenkodningen går inte att tolka (varken UTF-8, UTF-16 eller Windows-1252), "
            "se rad {line}; spara filen som CSV UTF-8 i Excel.",
            "the encoding cannot be read (neither UTF-8, UTF-16 nor Windows-1252), see "
            "line {line}; save the file as CSV UTF-8 from Excel.",
        ),
        "binary-content": Text(
            "filen innehåller binära data (nolltecken eller styrtecken) på rad {line}; det "
            "är ingen textfil.",
            "the file holds binary data (NUL or control characters) on line {line}; it is "
            "not a text file.",
        ),
        "not-csv": Text(
            "rad {line} kan inte läsas som CSV ({cause}).",
            "line {line} cannot be read as CSV ({cause}).",
        ),
        "quote-spans-rows": Text(
            "citattecknet som öppnas på rad {first} stängs först på rad {last}, så "
            "raderna däremellan skulle bli en enda text; stäng citatet på rätt rad "
            '(skriv "" för ett citattecken i en text) och spara igen.',
            "the quote opened on line {first} closes only on line {last}, so the "
            "lines between would become one text; close the quote on its own line "
            '(write "" for a quote inside a text) and save again.',
        ),
        "unclosed-quote": Text(
            "citattecknet som öppnas på rad {line} stängs aldrig, så resten av filen skulle "
            'bli en enda text; stäng citatet (skriv "" för ett citattecken i en text) och '
            "spara igen.",
            "the quote opened on line {line} is never closed, so the rest of the file would "
            'become one text; close the quote (write "" for a quote inside a text) and save '
            "again.",
        ),
        # intake.sheets
        "xls": Text(
            "{file}: det gamla Excel-formatet .xls kan inte läsas; spara filen som .xlsx.",
            "{file}: the old Excel format .xls cannot be read; save the file as .xlsx.",
        ),
        "unknown-file-type": Text(
            "{file}: okänd filtyp {suffix}; använd .xlsx, .ods eller .csv.",
            "{file}: unknown file type {suffix}; use .xlsx, .ods or .csv.",
        ),
        "no-suffix": Text("(ingen)", "(none)"),
        "file-too-many-rows": Text(
            "{file}: filen har fler än {limit} rader (gränsen max_rows); dela upp filen.",
            "{file}: the file has more than {limit} rows (the max_rows limit); split the file.",
        ),
        "sheet-too-many-rows": Text(
            "{file}: bladet {sheet} har fler än {limit} rader (gränsen max_rows); dela upp filen.",
            "{file}: sheet {sheet} has more than {limit} rows (the max_rows limit); split the "
            "file.",
        ),
        "file-too-many-columns": Text(
            "{file}: filen har fler än {limit} kolumner (gränsen max_columns).",
            "{file}: the file has more than {limit} columns (the max_columns limit).",
        ),
        "sheet-too-many-columns": Text(
            "{file}: bladet {sheet} har fler än {limit} kolumner (gränsen max_columns).",
            "{file}: sheet {sheet} has more than {limit} columns (the max_columns limit).",
        ),
        "not-a-spreadsheet": Text(
            "{file} kan inte läsas som kalkylblad ({detail}); spara filen på nytt i Excel "
            "eller LibreOffice och försök igen.",
            "{file} cannot be read as a spreadsheet ({detail}); save the file again in "
            "Excel or LibreOffice and try again.",
        ),
        # intake.importer
        "no-such-path": Text(
            "filen eller mappen finns inte: {path}", "no such file or directory: {path}"
        ),
        "force-needs-reason": Text(
            '--force kräver --reason "..." (varför ett godkänt år ändras)',
            '--force needs --reason "..." (why an approved year changes)',
        ),
        "nothing-to-import": Text(
            "ingen fil att läsa in i {path} (letade efter {suffixes})",
            "no file to import in {path} (looked for {suffixes} files)",
        ),
        # intake.annotate
        "annotate-unsupported": Text(
            "kan inte skriva en kommenterad kopia av {file}: bara .xlsx-, .xlsm-, .ods-, "
            ".csv- och .txt-filer går",
            "cannot write an annotated copy of {file}: only .xlsx, .xlsm, .ods, .csv and "
            ".txt files are supported",
        ),
        "annotate-failed": Text(
            "kan inte skriva en kommenterad kopia av {file}: {cause}",
            "cannot write an annotated copy of {file}: {cause}",
        ),
        "annotate-cannot-open": Text(
            "kan inte öppna {file} som arbetsbok: {cause}",
            "cannot open {file} as a workbook: {cause}",
        ),
        "annotate-cannot-read": Text(
            "kan inte läsa {file}: {cause}", "cannot read {file}: {cause}"
        ),
        "annotate-too-large": Text(
            "{file} har fler än {limit} rader: ingen kommenterad kopia görs",
            "{file} has more than {limit} rows: no annotated copy is made",
        ),
        # intake.template
        "unknown-municipality-code": Text(
            "okänd kommunkod {code}", "unknown municipality code {code}"
        ),
        "template-unknown-set": Text(
            "okänd indikatoruppsättning {set} (kända: {known})",
            "unknown indicator set {set} (known: {known})",
        ),
        "no-sets-run-init": Text("inga; kör miljomal init", "none; run miljomal init"),
        "set-without-indicators": Text(
            "indikatoruppsättningen {set} har inga indikatorer",
            "indicator set {set} has no indicators",
        ),
        "year-outside": Text(
            "år {year} ligger utanför {first}–{last}", "year {year} is outside {first}..{last}"
        ),
    }
)


class IntakeError(IndicatorError):
    """A file cannot be read in, or an import cannot be done as asked."""

    messages = ERRORS
