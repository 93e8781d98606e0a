"""The root of every error the reports package raises, and the messages they carry.

One root, `ReportError`, for the reports read from the store, the documents, the reports
made on request and the public site.  An error is raised with a message id of `ERRORS` and
its parameters, ``raise PublishError("bad-base-url", value=url)``; it is worded in the
reader's language when shown (`i18n.Localised`).
"""

from __future__ import annotations

from i18n import Localised
from i18n import Messages
from i18n import Text

ERRORS = Messages(
    {
        # reports.queries
        "county-not-in-store": Text(
            "län {code} finns inte i databasen; kör `miljomal init` först",
            "county {code} is not in the store; run `miljomal init` first",
        ),
        "municipality-not-in-store": Text(
            "kommun {code} finns inte i databasen; kör `miljomal init` först",
            "municipality {code} is not in the store; run `miljomal init` first",
        ),
        "no-values": Text(
            "inga värden är lagrade för kommun {code} eller dess län",
            "no values stored for municipality {code} or its county",
        ),
        # reports.documents
        "unknown-format": Text(
            "kan inte skriva {name}: använd {formats}", "cannot write {name}: use {formats}"
        ),
        # reports.on_request
        "as-said": Text("{message}", "{message}"),
        "workers-busy": Text(
            "alla rapportarbetare är upptagna; rapporten ({kind}) gjordes inte",
            "every report worker is busy; {kind} report not made",
        ),
        # reports.site
        "outside-the-site": Text(
            "{path} i {out} leder ut ur mappen (en symbolisk länk); ta bort länken, inget "
            "publicerades",
            "{path} in {out} leads out of the folder (a symbolic link); remove the link, "
            "nothing was published",
        ),
        "bad-frame-ancestors": Text(
            "{value} är inte en lista med webbplatser som får visa inbäddningarna (till "
            "exempel * eller https://kommun.se https://www.kommun.se); inget publicerades",
            "{value} is not a list of sites allowed to show the embeds (for example * or "
            "https://kommun.se https://www.kommun.se); nothing was published",
        ),
        "bad-base-url": Text(
            "{value} är inte webbplatsens adress: väntat https://värd/sökväg (bokstäver, "
            "siffror, ._~-/ i sökvägen); inget publicerades",
            "{value} is not the site's address: expected https://host/path (letters, digits "
            "and ._~-/ in the path); nothing was published",
        ),
        "not-a-regular-file": Text(
            "{path} i {out} är ingen vanlig fil utan {kind}; ta bort den, inget publicerades",
            "{path} in {out} is not a regular file but {kind}; remove it, nothing was published",
        ),
        "manifest-too-large": Text(
            "{path} i {out} är större än {limit} byte och är ingen lista som publish skrev; "
            "ta bort den, inget publicerades",
            "{path} in {out} is larger than {limit} bytes and is no list publish wrote; "
            "remove it, nothing was published",
        ),
        "kind-link": Text("en symbolisk länk", "a symbolic link"),
        "kind-fifo": Text("en FIFO (namngiven rörledning)", "a FIFO (named pipe)"),
        "kind-device": Text("en enhet", "a device"),
        "kind-socket": Text("en socket", "a socket"),
        "kind-folder": Text("en mapp", "a folder"),
        "kind-odd": Text("en fil av okänt slag", "an odd file"),
        "kind-not-regular": Text("ingen vanlig fil", "not a regular file"),
    }
)


class ReportError(Localised):
    """Root of the reports' errors; raised itself when the store lacks what a report needs."""

    messages = ERRORS
