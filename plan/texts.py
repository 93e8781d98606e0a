"""Words and sentences of the plan follow-up in Swedish and English (no heavy imports)."""

from __future__ import annotations

import datetime as dt

from indicators.numbers import format_number
from plan.parser import TotalCheck

STATUS_LABELS: dict[str, tuple[str, str]] = {
    "not-started": ("Ej påbörjad", "Not started"),
    "ongoing": ("Pågår", "Ongoing"),
    "done": ("Klar", "Done"),
    "delayed": ("Försenad", "Delayed"),
    "cancelled": ("Avbruten", "Cancelled"),
}
FLAG_LABELS: dict[str, tuple[str, str]] = {
    "late": ("Sen", "Late"),
    "at-risk": ("Risk", "At risk"),
    "on-track": ("I fas", "On track"),
    "done": ("Klar", "Done"),
    "cancelled": ("Avbruten", "Cancelled"),
}
# A shape per flag, so the traffic light does not rest on colour alone.
FLAG_SYMBOLS = {"late": "■", "at-risk": "▲", "on-track": "●", "done": "✓", "cancelled": "–"}
REASON_LABELS: dict[str, tuple[str, str]] = {
    "end-passed": ("slutdatum passerat", "end date passed"),
    "behind-schedule": ("mindre gjort än tiden som gått", "less done than time elapsed"),
    "over-budget": ("över budget", "over budget"),
    "reported-delayed": ("rapporterad försenad", "reported delayed"),
}


def pick(pair: tuple[str, str], lang: str) -> str:
    """The English or Swedish member of a (sv, en) pair."""
    return pair[1] if lang == "en" else pair[0]


def status_label(status: str, lang: str = "sv") -> str:
    """``Pågår`` / ``Ongoing``."""
    return pick(STATUS_LABELS[status], lang)


def flag_label(flag: str, lang: str = "sv") -> str:
    """``Sen`` / ``Late``."""
    return pick(FLAG_LABELS[flag], lang)


def reasons_text(reasons: tuple[str, ...] | list[str], lang: str = "sv") -> str:
    """The reasons for a flag, comma separated."""
    return ", ".join(pick(REASON_LABELS[r], lang) for r in reasons)


def kronor(value: float | None, lang: str = "sv") -> str:
    """``1 324 601 kr`` / ``SEK 1,324,601``; ``okänt``/``unknown`` for None."""
    if value is None:
        return "unknown" if lang == "en" else "okänt"
    number = format_number(round(value), 0, lang)
    return f"SEK {number}" if lang == "en" else f"{number} kr"


def percent(value: float | None, lang: str = "sv") -> str:
    """``40 %`` / ``40%``; empty for None."""
    if value is None:
        return ""
    number = format_number(round(value), 0, lang)
    return f"{number}%" if lang == "en" else f"{number} %"


def day(value: dt.date | None) -> str:
    """ISO date, or an empty string."""
    return value.isoformat() if value else ""


def check_verdict(check: TotalCheck, lang: str = "sv") -> str:
    """``ok``, ``stämmer inte`` or ``kan inte kontrolleras`` (English alike)."""
    if check.consistent is None:
        return "cannot be checked" if lang == "en" else "kan inte kontrolleras"
    if check.consistent:
        return "ok"
    return "does not add up" if lang == "en" else "stämmer inte"


def check_sentence(check: TotalCheck, lang: str = "sv") -> str:
    """One line per stated total: stated, computed, the difference, what is unknown."""
    en = lang == "en"
    stated = kronor(check.stated, lang)
    if check.computed is None:
        text = f"{check.label}: {'stated' if en else 'angivet'} {stated}"
        note = _note(check, lang)
        return f"{text}; {note}" if note else text
    computed = kronor(check.computed, lang)
    if en:
        text = f"{check.label}: stated {stated}, computed {computed}"
    else:
        text = f"{check.label}: angivet {stated}, beräknat {computed}"
    if check.difference:
        diff = kronor(check.difference, lang)
        text += f", difference {diff}" if en else f", skillnad {diff}"
    if check.unknown_parts:
        unknown = ", ".join(check.unknown_parts)
        text += (
            f" ({unknown} without an amount, not counted)"
            if en
            else f" ({unknown} saknar belopp, räknas inte)"
        )
    return text


def _note(check: TotalCheck, lang: str) -> str:
    if "intäkter" not in check.unknown_parts:
        return check.note
    if lang == "en":
        text = "the plan does not state the income, so this total cannot be checked"
        if check.implied_income is not None:
            text += f" (implied income {kronor(check.implied_income, lang)})"
        return text
    text = "intäkterna anges inte i planen, så summan kan inte kontrolleras"
    if check.implied_income is not None:
        text += f" (underförstådda intäkter {kronor(check.implied_income, lang)})"
    return text


def unknown_amount_line(text: str, lang: str = "sv") -> str:
    """The parser's ``3.3: budget saknas`` in the reader's language."""
    if lang == "en":
        return text.replace(": budget saknas", ": no budget given")
    return text
