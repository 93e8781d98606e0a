"""The root of every error the indicators package raises, and the messages they carry.

An error is raised with a message id of `ERRORS` and its parameters,
``raise UploadNotFoundError("upload-not-found", upload=17)``; it is worded in the reader's
language when shown (`i18n.Localised`).  Subclasses live beside the code that raises them;
the store's own (`indicators.store`) are also `database.errors.StoreError`s.
"""

from __future__ import annotations

import errno

from i18n import Localised
from i18n import Messages
from i18n import Text

ERRORS = Messages(
    {
        # indicators.store, history, revert
        "upload-not-found": Text("ingen uppladdning har id {upload}", "no upload with id {upload}"),
        "revert-of-revert": Text(
            "uppladdning {upload} är själv en återställning och kan inte återställas",
            "upload {upload} is itself a revert and cannot be reverted",
        ),
        "already-reverted": Text(
            "uppladdning {upload} är redan återställd (av uppladdning {by})",
            "upload {upload} was already reverted (by upload {by})",
        ),
        "revert-locked": Text(
            "att återställa uppladdning {upload} ändrar det låsta året {years}; "
            'använd --force --reason "..." om ändringen är beslutad',
            "reverting upload {upload} would change the locked year {years}; "
            'use --force --reason "..." if the change is decided',
        ),
        "year-not-locked": Text("år {year} är inte låst", "year {year} is not locked"),
        "duplicate-value": Text(
            "{file}: kommun {code}, indikator-id {indicator}, år {year} förekommer mer än en gång",
            "{file}: municipality {code}, indicator id {indicator}, year {year} appears more "
            "than once",
        ),
        "duplicate-upload": Text(
            "{file}: samma fil är redan inläst som uppladdning {upload} ({earlier})",
            "{file}: the same file was imported before as upload {upload} ({earlier})",
        ),
        # indicators.year_state
        "window-closes-before-it-opens": Text(
            "fönstret för {year} skulle stänga ({closes}) innan det öppnar ({opens})",
            "the window for {year} would close ({closes}) before it opens ({opens})",
        ),
        # indicators.catalogue
        "unknown-indicator": Text("okänd indikator {wanted}", "unknown indicator {wanted}"),
        "unknown-indicator-suggest": Text(
            "okänd indikator {wanted}; menade du {suggestions}?",
            "unknown indicator {wanted}; did you mean {suggestions}?",
        ),
        "unknown-set": Text(
            "okänd indikatoruppsättning {wanted}; kända uppsättningar: {known}",
            "unknown indicator set {wanted}; known sets: {known}",
        ),
        "catalogue-conflict": Text(
            "vägrar läsa in {set}: det skulle ändra betydelsen av {listed}; inget skrevs "
            "(ge en ändrad indikator en ny kod i stället)",
            "refusing to load {set}: it would change the meaning of {listed}; "
            "nothing was written (give a changed indicator a new code instead)",
        ),
        "catalogue-rejected": Text(
            "{file}: {count} problem i indikatorkatalogen{detail}",
            "{file}: {count} problem(s) in the indicator catalogue{detail}",
        ),
        "first-problem": Text("; första: {message}{where}", "; first: {message}{where}"),
        "none": Text("inga", "none"),
        # indicators.targets
        "target-owner": Text(
            "ett mål gäller antingen en kommun eller ett län",
            "a target belongs to either one municipality or one county",
        ),
        "target-value": Text(
            "målvärdet {value} är inget tal", "target value {value} is not a number"
        ),
        "target-year-implausible": Text(
            "målåret {year} är inte rimligt (väntat {first}-{last})",
            "target year {year} is not plausible (expected {first}-{last})",
        ),
        "base-year-implausible": Text(
            "basåret {year} är inte rimligt (väntat {first}-{last})",
            "base year {year} is not plausible (expected {first}-{last})",
        ),
        "base-year-after-target": Text(
            "basåret {base} måste komma före målåret {year}",
            "base year {base} must come before target year {year}",
        ),
        "no-indicator-id": Text("ingen indikator har id {id}", "no indicator with id {id}"),
        "target-municipality-missing": Text(
            "kommun {code} finns inte i databasen", "municipality {code} is not in the store"
        ),
        "target-county-missing": Text(
            "län {code} finns inte i databasen", "county {code} is not in the store"
        ),
        "no-national-target": Text(
            "{code} ({set}) har inget nationellt mål; det har: {shipped}",
            "{code} ({set}) has no national target; those that do: {shipped}",
        ),
        "no-such-target-file": Text("{path}: filen finns inte", "{path}: no such file"),
        "target-file-type": Text(
            "{file}: en målfil måste vara .csv eller .xlsx",
            "{file}: a target file must be .csv or .xlsx",
        ),
        "target-file-rejected": Text(
            "{file}: {count} problem; inget skrevs\n{lines}",
            "{file}: {count} problem(s); nothing was written\n{lines}",
        ),
        # indicators.numbers
        "not-a-number": Text("{text} är inget tal", "{text} is not a number"),
        # indicators.output
        "cannot-write": Text("kan inte skriva {path}: {reason}", "cannot write {path}: {reason}"),
        "not-a-regular-target": Text(
            "kan inte skriva {path}: den finns och är {kind}, ingen vanlig fil; inget skrevs",
            "cannot write {path}: it exists and is {kind}, not a regular file; nothing was written",
        ),
        "a-folder": Text("en mapp", "a folder"),
        "a-special-file": Text("en FIFO, en enhet eller en socket", "a FIFO, a device or a socket"),
        "standard-output": Text("standardutdata", "standard output"),
    }
)

# What went wrong with a file, in the reader's words (strerror is English and technical):
# the one table of OS error numbers, for documents written (`indicators.output`) and for any
# OSError that reaches the command line (`miljomal.errors`).
OS_REASONS: dict[int, Text] = {
    errno.ENOENT: Text("mappen eller filen finns inte", "no such file or folder"),
    errno.EACCES: Text("åtkomst nekad", "permission denied"),
    errno.EPERM: Text("åtkomst nekad", "permission denied"),
    errno.EROFS: Text("skrivskyddat filsystem", "read-only file system"),
    errno.ENOSPC: Text("disken är full", "no space left on the device"),
    errno.EDQUOT: Text("diskkvoten är slut", "disk quota exceeded"),
    errno.EISDIR: Text("är en mapp", "is a folder"),
    errno.ENOTDIR: Text("en del av sökvägen är ingen mapp", "part of the path is not a folder"),
    # mkdir(parents=True) says this when a part of the path is a file
    errno.EEXIST: Text("en del av sökvägen är ingen mapp", "part of the path is not a folder"),
    errno.EPIPE: Text("läsaren har stängt", "the reader has gone"),
    errno.EIO: Text("in/ut-fel", "input/output error"),
}
# Writing a document, a missing path is always its folder: the file is about to be made.
WRITING_REASONS: dict[int, Text] = {
    **OS_REASONS,
    errno.ENOENT: Text("mappen finns inte", "no such folder"),
}


def os_reason(exc: OSError, *, writing: bool = False) -> Text:
    """Why an OSError happened, in both languages; an unknown number keeps its strerror."""
    reason = (WRITING_REASONS if writing else OS_REASONS).get(exc.errno or 0)
    if reason is not None:
        return reason
    said = exc.strerror or (str(exc) if writing else "")
    return Text(said, said)


class IndicatorError(Localised):
    """Something about indicators, their values or their files went wrong."""

    messages = ERRORS
