"""The one language mechanism: every user-facing string is a `Text` with Swedish and English.

A package keeps its messages in a table (`Messages`, message id -> `Text`) beside the code
that uses them; a caller renders one with the reader's language and the parameters,
``MESSAGES("store-ready", lang, url=...)``.  Swedish is the default: any language other than
``"en"`` reads Swedish.  Why a typed table rather than gettext catalogues is argued in
docs/architecture.md ("Language").

This package imports nothing of the project, so every package may import it.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from collections.abc import Mapping
from dataclasses import dataclass
from typing import ClassVar
from typing import Literal
from typing import TypeVar

Lang = Literal["sv", "en"]
LANGS: tuple[Lang, ...] = ("sv", "en")
T = TypeVar("T")


def pick_lang(*choices: str | None) -> Lang:
    """The reader's language: the first choice given decides, ``"en"`` is English and anything
    else Swedish (the default of every reader).

    The one rule every shell uses; each passes its own sources, most explicit first: the CLI
    ``--lang`` then $MILJOMAL_LANG, the portal the user's setting or the session, the API
    ``?lang=`` then the token's user.
    """
    chosen = next((choice for choice in choices if choice), None)
    return "en" if chosen == "en" else "sv"


def pick(lang: Lang, sv: T, en: T) -> T:
    """The Swedish or the English of two values (an indicator's ``name`` or ``name_en``)."""
    return en if lang == "en" else sv


@dataclass(frozen=True, slots=True)
class Text:
    """One message in both languages; ``{name}`` placeholders are filled by `render`."""

    sv: str
    en: str

    def render(self, lang: Lang | None = "sv", /, **params: object) -> str:
        """The message in ``lang`` with its parameters filled in."""
        template = self.en if lang == "en" else self.sv
        return template.format(**params) if params else template

    def __call__(self, lang: Lang | None = "sv", /, **params: object) -> str:
        return self.render(lang, **params)


class Messages(Mapping[str, Text]):
    """A package's message table: message id -> `Text`; an unknown id is a programming error."""

    def __init__(self, texts: Mapping[str, Text]) -> None:
        self._texts = dict(texts)

    def __getitem__(self, key: str) -> Text:
        return self._texts[key]

    def __iter__(self) -> Iterator[str]:
        return iter(self._texts)

    def __len__(self) -> int:
        return len(self._texts)

    def __call__(self, key: str, lang: Lang | None = "sv", /, **params: object) -> str:
        """The message ``key`` rendered in ``lang``."""
        return self._texts[key].render(lang, **params)

    def words(self, lang: Lang | None = "sv") -> dict[str, str]:
        """Every message of a table of words (no placeholders) in ``lang``, by id."""
        return {key: text.render(lang) for key, text in self._texts.items()}


# Texts the system itself stores (an upload's name, a revision's reason) are stored as a code
# with parameters, `@revert-of-upload upload=17`, and rendered when read, in the reader's
# language.  Anything else in such a column is what a person typed and is shown as stored.
SYSTEM_TEXTS = Messages(
    {
        "revert-of-upload": Text(
            "återställning av uppladdning {upload}", "revert of upload {upload}"
        ),
    }
)
_CODE = re.compile(r"@([a-z-]+)((?: [a-z_]+=\S*)*)")
# Rows written before codes were stored: the texts as they were written then.
_LEGACY = (
    (re.compile(r"revert of upload (\d+)"), "revert-of-upload"),
    (re.compile(r"återställning av uppladdning (\d+)"), "revert-of-upload"),
)


def system_text(code: str, **params: object) -> str:
    """The stored form of a system text: ``@revert-of-upload upload=17``."""
    if code not in SYSTEM_TEXTS:
        raise KeyError(code)
    return "".join([f"@{code}", *(f" {name}={value}" for name, value in params.items())])


def render_stored(stored: str | None, lang: Lang | None = "sv") -> str:
    """A stored text in the reader's language: system codes rendered, people's words kept."""
    if not stored:
        return stored or ""
    match = _CODE.fullmatch(stored)
    if match and match.group(1) in SYSTEM_TEXTS:
        params = dict(part.split("=", 1) for part in match.group(2).split())
        try:
            return SYSTEM_TEXTS(match.group(1), lang, **params)
        except KeyError:
            return stored
    for pattern, code in _LEGACY:
        legacy = pattern.fullmatch(stored)
        if legacy:
            return SYSTEM_TEXTS(code, lang, upload=legacy.group(1))
    return stored


class Localised(Exception):
    """An exception whose message is an entry of a `Messages` table and its parameters.

    A package's root error names its table (``messages = ERRORS``); a raise site passes the
    message id and the parameters, ``raise StoreError("upload-not-found", upload=17)``, and
    the reader's language is chosen when the error is shown: ``message(lang)``.  ``str()``
    is the English line (logs, tracebacks).  A parameter that is itself a `Text` is rendered
    in the same language.  A `Text` may be passed instead of an id (``raise X(TEXT, ...)``);
    a plain string is a line in no particular language and is shown as it is.
    """

    messages: ClassVar[Messages] = Messages({})

    def __init__(self, message: str | Text, /, *args: object, **params: object) -> None:
        self.key: str | None = None
        self.text: Text | None = None
        if isinstance(message, Text):
            self.text = message
        elif message in self.messages:
            self.key, self.text = message, self.messages[message]
        self.params = params
        first = message if self.text is None else self.message("en")
        super().__init__(first, *args)

    def message(self, lang: Lang | None = "sv") -> str:
        """The message in the reader's language."""
        if self.text is None:
            return str(self.args[0]) if self.args else ""
        values = {
            name: value.render(lang) if isinstance(value, Text) else value
            for name, value in self.params.items()
        }
        return self.text.render(lang, **values)

    def as_text(self) -> Text:
        """The message in both languages, to be said again inside another message."""
        return Text(self.message("sv"), self.message("en"))
