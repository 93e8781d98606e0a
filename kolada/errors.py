"""The root of the Kolada errors, and the messages they carry.

An error is raised with a message id of `ERRORS` and its parameters,
``raise KoladaError("not-a-web-address", url=url)``; it is worded in the reader's language
when shown (`i18n.Localised`).
"""

from __future__ import annotations

from i18n import Messages
from i18n import Text
from indicators.errors import IndicatorError

ERRORS = Messages(
    {
        # kolada.client
        "same-page-twice": Text(
            "Kolada pekade ut samma sida två gånger ({url}); avbröt",
            "Kolada named the same page twice ({url}); stopped",
        ),
        "no-values": Text(
            "Koladas svar från {url} saknar en lista med värden (values)",
            "Kolada's answer from {url} has no list of values",
        ),
        "http-status": Text(
            "Kolada svarade HTTP {status} ({reason}) på {url}",
            "Kolada answered HTTP {status} {reason} for {url}",
        ),
        "status-404": Text("finns inte", "not found"),
        "status-429": Text("för många förfrågningar", "too many requests"),
        "status-5xx": Text("fel hos Kolada", "an error at Kolada"),
        "status-other": Text("förfrågan avvisades", "the request was refused"),
        "dns": Text(
            "Kolada kunde inte nås: namnet {host} hittades inte (DNS); kontrollera nätverket "
            "eller --base-url",
            "Kolada could not be reached: the name {host} was not found (DNS); check the "
            "network or --base-url",
        ),
        "timeout": Text(
            "Kolada svarade inte inom {seconds} s ({url})",
            "Kolada did not answer within {seconds} s ({url})",
        ),
        "unreachable": Text(
            "Kolada kunde inte nås på {url}: {reason}",
            "Kolada could not be reached at {url}: {reason}",
        ),
        "connection-refused": Text("anslutningen nekades", "connection refused"),
        "connection-dropped": Text("anslutningen bröts", "the connection was dropped"),
        "network-error": Text("nätverksfel {errno}", "network error {errno}"),
        "not-json": Text(
            "Koladas svar från {url} är inte giltig JSON ({cause})",
            "Kolada's answer from {url} is not valid JSON ({cause})",
        ),
        "json-position": Text("rad {line}, kolumn {column}", "line {line}, column {column}"),
        "not-utf8": Text("inte UTF-8", "not UTF-8"),
        "not-a-web-address": Text(
            "ingen webbadress (http/https): {url}", "not a web address: {url}"
        ),
        "answer-too-large": Text(
            "Koladas svar från {url} är större än {megabytes} MB; avbröt",
            "Kolada's answer from {url} is larger than {megabytes} MB; stopped",
        ),
        "item-without-keys": Text(
            "Koladas svar för {path} har en post utan kpi, municipality eller period",
            "Kolada's answer for {path} has an item without kpi, municipality or period",
        ),
        # kolada.mapping, kolada.sync
        "mapping-header": Text(
            "{path}: första raden ska vara rubrikraden {header}",
            "{path}: the first line must be the header {header}",
        ),
        "mapping-problems": Text("{problems}", "{problems}"),
        "mapping-problem": Text(
            "{place}, kolumn {column}: {message}", "{place}, column {column}: {message}"
        ),
        "no-mapping": Text(
            "{set} {code} har ingen Kolada-koppling; läs in en med `kolada map load FIL`",
            "{set} {code} has no Kolada mapping; load one with `kolada map load FILE`",
        ),
        "indicator-not-mapped": Text(
            "indikatorn {code} har ingen Kolada-koppling (kopplade: {known})",
            "indicator {code} has no Kolada mapping (mapped: {known})",
        ),
        "no-mappings": Text(
            "inga Kolada-kopplingar är inlästa; kör `miljomal kolada map load`",
            "no Kolada mappings are loaded; run `miljomal kolada map load`",
        ),
        "as-read": Text("{message}", "{message}"),
    }
)


class KoladaError(IndicatorError):
    """Kolada could not be reached or answered something unusable, or a mapping is wrong."""

    messages = ERRORS
