"""Pieces of sentences that depend on the facts (" (menade du GN.6?)", "rad 3 i bladet
Värden"), passed to a problem type as a parameter."""

from __future__ import annotations

from i18n import Messages
from i18n import Text

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
