"""Words and sentences of the plan follow-up in Swedish and English (no heavy imports)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping

from i18n import Lang
from i18n import Messages
from i18n import Text
from indicators.numbers import format_number
from plan.parser import TotalCheck

TEXTS = Messages(
    {
        # an activity's status
        "status-not-started": Text("Ej påbörjad", "Not started"),
        "status-ongoing": Text("Pågår", "Ongoing"),
        "status-done": Text("Klar", "Done"),
        "status-delayed": Text("Försenad", "Delayed"),
        "status-cancelled": Text("Avbruten", "Cancelled"),
        # its flag on the follow-up date
        "flag-late": Text("Sen", "Late"),
        "flag-at-risk": Text("Risk", "At risk"),
        "flag-on-track": Text("I fas", "On track"),
        "flag-done": Text("Klar", "Done"),
        "flag-cancelled": Text("Avbruten", "Cancelled"),
        # why the flag is raised
        "reason-end-passed": Text("slutdatum passerat", "end date passed"),
        "reason-behind-schedule": Text(
            "mindre gjort än tiden som gått", "less done than time elapsed"
        ),
        "reason-over-budget": Text("över budget", "over budget"),
        "reason-reported-delayed": Text("rapporterad försenad", "reported delayed"),
        # amounts
        "unknown-amount": Text("okänt", "unknown"),
        "kronor": Text("{number} kr", "SEK {number}"),
        "percent": Text("{number} %", "{number}%"),
        # the plan's stated totals, checked
        "check-cannot": Text("kan inte kontrolleras", "cannot be checked"),
        "check-ok": Text("ok", "ok"),
        "check-differs": Text("stämmer inte", "does not add up"),
        "check-stated": Text("{label}: angivet {stated}", "{label}: stated {stated}"),
        "check-computed": Text(
            "{label}: angivet {stated}, beräknat {computed}",
            "{label}: stated {stated}, computed {computed}",
        ),
        "check-difference": Text(", skillnad {diff}", ", difference {diff}"),
        "check-unknown-parts": Text(
            " ({unknown} saknar belopp, räknas inte)", " ({unknown} without an amount, not counted)"
        ),
        "income-not-stated": Text(
            "intäkterna anges inte i planen, så summan kan inte kontrolleras",
            "the plan does not state the income, so this total cannot be checked",
        ),
        "implied-income": Text(" (underförstådda intäkter {amount})", " (implied income {amount})"),
        "no-budget": Text(": budget saknas", ": no budget given"),
    }
)
# A shape per flag, so the traffic light does not rest on colour alone.
FLAG_SYMBOLS = {"late": "■", "at-risk": "▲", "on-track": "●", "done": "✓", "cancelled": "–"}


def status_label(status: str, lang: Lang = "sv") -> str:
    """``Pågår`` / ``Ongoing``."""
    return TEXTS(f"status-{status}", lang)


def flag_label(flag: str, lang: Lang = "sv") -> str:
    """``Sen`` / ``Late``."""
    return TEXTS(f"flag-{flag}", lang)


def flag_text(flag: str, lang: Lang = "sv") -> str:
    """A flag as a reader sees it, symbol and word: ``■ Sen`` / ``■ Late``."""
    return f"{FLAG_SYMBOLS[flag]} {flag_label(flag, lang)}"


def flag_counts(counts: Mapping[str, int], lang: Lang = "sv") -> str:
    """How many activities have each flag: ``2 sen, 3 i fas`` / ``2 late, 3 on track``."""
    return ", ".join(f"{n} {flag_label(f, lang).lower()}" for f, n in counts.items())


def reasons_text(reasons: tuple[str, ...] | list[str], lang: Lang = "sv") -> str:
    """The reasons for a flag, comma separated."""
    return ", ".join(TEXTS(f"reason-{r}", lang) for r in reasons)


def kronor(value: float | None, lang: Lang = "sv") -> str:
    """``1 324 601 kr`` / ``SEK 1,324,601``; ``okänt``/``unknown`` for None."""
    if value is None:
        return TEXTS("unknown-amount", lang)
    return TEXTS("kronor", lang, number=format_number(value, 0, lang))


def percent(value: float | None, lang: Lang = "sv") -> str:
    """``40 %`` / ``40%``; empty for None."""
    if value is None:
        return ""
    return TEXTS("percent", lang, number=format_number(value, 0, lang))


def day(value: dt.date | None) -> str:
    """ISO date, or an empty string."""
    return value.isoformat() if value else ""


def check_verdict(check: TotalCheck, lang: Lang = "sv") -> str:
    """``ok``, ``stämmer inte`` or ``kan inte kontrolleras`` (English alike)."""
    if check.consistent is None:
        return TEXTS("check-cannot", lang)
    return TEXTS("check-ok" if check.consistent else "check-differs", lang)


def check_sentence(check: TotalCheck, lang: Lang = "sv") -> str:
    """One line per stated total: stated, computed, the difference, what is unknown."""
    stated = kronor(check.stated, lang)
    if check.computed is None:
        text = TEXTS("check-stated", lang, label=check.label, stated=stated)
        note = _note(check, lang)
        return f"{text}; {note}" if note else text
    computed = kronor(check.computed, lang)
    text = TEXTS("check-computed", lang, label=check.label, stated=stated, computed=computed)
    if check.difference:
        text += TEXTS("check-difference", lang, diff=kronor(check.difference, lang))
    if check.unknown_parts:
        text += TEXTS("check-unknown-parts", lang, unknown=", ".join(check.unknown_parts))
    return text


def _note(check: TotalCheck, lang: Lang) -> str:
    if "intäkter" not in check.unknown_parts:
        return check.note
    text = TEXTS("income-not-stated", lang)
    if check.implied_income is not None:
        text += TEXTS("implied-income", lang, amount=kronor(check.implied_income, lang))
    return text


def unknown_amount_line(text: str, lang: Lang = "sv") -> str:
    """The parser's ``3.3: budget saknas`` in the reader's language."""
    return text.replace(TEXTS("no-budget", "sv"), TEXTS("no-budget", lang))
