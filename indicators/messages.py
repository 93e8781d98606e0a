"""The words and sentences of `indicators`, in Swedish and English (see `i18n`).

Keys are grouped by the module that uses them.  A key ending in ``-columns`` (or a list of
words) holds its parts split at "|": `words` returns them as a tuple.
"""

from __future__ import annotations

from i18n import Lang
from i18n import Messages
from i18n import Text

MESSAGES = Messages(
    {
        # export.py
        "export-columns": Text(
            "Kommun|Kommunkod|Indikator|År|Värde|Status|Kommentar|Uppsättning",
            "Municipality|Municipality code|Indicator|Year|Value|Status|Comment|Set",
        ),
        "export-sheet": Text("Värden", "Values"),
        "export-status-reported": Text("rapporterat", "reported"),
        "export-status-missing": Text("uppgift saknas", "missing"),
        "export-status-not-applicable": Text("ej tillämpligt", "not applicable"),
        # output.py
        "stdout": Text("standardutdata", "standard output"),
        # problems.py
        "severity-error": Text("fel", "error"),
        "severity-warning": Text("varning", "warning"),
        # verify.py
        "nothing": Text("ingenting", "nothing"),
        # catalogue.py
        "unknown-indicator": Text("okänd indikator {text!r}", "unknown indicator {text!r}"),
        "unknown-indicator-hint": Text(
            "; menade du {suggestions}?", "; did you mean {suggestions}?"
        ),
        "or": Text("eller", "or"),
        # year_state.py
        "months": Text(
            "januari|februari|mars|april|maj|juni|juli|augusti|september|oktober|november|december",
            "January|February|March|April|May|June|July|August|September|October|November|December",
        ),
        "window-period": Text("Inrapportering {opens}–{closes}", "Reporting {opens}–{closes}"),
        "window-none": Text(
            "Inget inrapporteringsfönster är satt för {year}.",
            "No reporting window is set for {year}.",
        ),
        "window-not-yet-open": Text(
            "Inrapporteringen för {year} öppnar {opens} (stänger {closes}).",
            "Reporting for {year} opens on {opens} (closes on {closes}).",
        ),
        "window-open": Text(
            "Inrapporteringen för {year} är öppen {opens}–{closes}.",
            "Reporting for {year} is open from {opens} to {closes}.",
        ),
        "window-closed": Text(
            "Inrapporteringen för {year} stängde {closes}.",
            "Reporting for {year} closed on {closes}.",
        ),
        "change-approved": Text(
            "{name} {year} är godkänd; kommunens rapportörer kan inte längre ändra.",
            "{name} {year} approved; its reporters can no longer change it.",
        ),
        "change-returned": Text(
            "{name} {year} är tillbakaskickad till kommunen med en kommentar.",
            "{name} {year} returned to the municipality with a comment.",
        ),
        "change-reopened": Text(
            "{name} {year} är öppnad igen; kommunens rapportörer kan ändra.",
            "{name} {year} reopened; its reporters can change it again.",
        ),
        "refused-year-locked": Text(
            "Året {year} är låst av länsstyrelsen.",
            "The year {year} is locked by the county board.",
        ),
        "refused-approved": Text(
            "Länsstyrelsen har godkänt {year}; be den öppna året igen för ändringar.",
            "The county board has approved {year}; ask it to reopen the year.",
        ),
    }
)


def words(key: str, lang: Lang, /) -> tuple[str, ...]:
    """A list of words (message ``key``, split at "|") in ``lang``."""
    return tuple(MESSAGES(key, lang).split("|"))
