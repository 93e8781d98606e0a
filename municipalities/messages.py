"""The words and sentences of `municipalities`, in Swedish and English (see `i18n`)."""

from __future__ import annotations

from i18n import Messages
from i18n import Text

MESSAGES = Messages(
    {
        "did-you-mean": Text(" (menade du {listed}?)", " (did you mean {listed}?)"),
    }
)
