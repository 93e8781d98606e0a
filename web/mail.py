"""E-mail from the county board: reminders (Påminnelser) and its decisions on a municipality's
year (returned, approved).  Off unless an SMTP server is configured.

Configured by the app config ``SMTP_HOST``, ``SMTP_PORT`` (25) and ``SMTP_FROM``, or the
environment variables ``MILJOMAL_SMTP_HOST``, ``MILJOMAL_SMTP_PORT`` and ``MILJOMAL_SMTP_FROM``.
One plain-text message in Swedish per municipality, to its active reporters.
"""

from __future__ import annotations

import os
import smtplib
from email.message import EmailMessage
from typing import Any


def smtp_settings(config: Any) -> tuple[str, int, str] | None:
    """(host, port, sender), or None when reminder e-mail is off."""
    host = config.get("SMTP_HOST") or os.environ.get("MILJOMAL_SMTP_HOST")
    if not host:
        return None
    port = int(config.get("SMTP_PORT") or os.environ.get("MILJOMAL_SMTP_PORT") or 25)
    sender = config.get("SMTP_FROM") or os.environ.get("MILJOMAL_SMTP_FROM") or "miljomal@localhost"
    return str(host), port, str(sender)


def send_reminders(
    settings: tuple[str, int, str],
    year: int,
    reminders: list[Any],
    contacts: dict[str, list[tuple[str, str]]],
    words: dict[str, str],
    portal_url: str,
) -> int:
    """Send one message per reminded municipality that has reporters; the number sent."""
    host, port, sender = settings
    sent = 0
    with smtplib.SMTP(host, port, timeout=30) as smtp:
        for reminder in reminders:
            people = contacts.get(reminder.municipality_code, [])
            if not people:
                continue
            message = EmailMessage()
            message["From"] = sender
            message["To"] = ", ".join(email for _, email in people)
            message["Subject"] = f"Nyckeltal {year} – {reminder.municipality_name}"
            why = ", ".join(words[reason] for reason in reminder.reasons)
            lines = [
                "Hej,",
                "",
                f"{reminder.municipality_name} {why} för {year}.",
            ]
            if reminder.return_comment:
                lines.append(f"Länsstyrelsens kommentar: {reminder.return_comment}")
            lines += ["", f"Rapportera i portalen: {portal_url}", "", "Länsstyrelsen"]
            message.set_content("\n".join(lines))
            smtp.send_message(message)
            sent += 1
    return sent


def send_decision(
    settings: tuple[str, int, str],
    change: Any,
    people: list[tuple[str, str]],
    portal_url: str,
) -> bool:
    """Tell a municipality's reporters that the board returned or approved their year.

    ``change`` is :class:`review.approval.ApprovalChange`; the board's reason is given
    in full.  False when the municipality has no active reporter (nothing sent).
    """
    if not people:
        return False
    host, port, sender = settings
    name, year = change.municipality_name, change.year
    returned = change.state == "returned"
    message = EmailMessage()
    message["From"] = sender
    message["To"] = ", ".join(email for _, email in people)
    what = "tillbakaskickad" if returned else "godkänd"
    message["Subject"] = f"Nyckeltal {year} – {name} är {what}"
    lines = ["Hej,", ""]
    if returned:
        lines.append(f"Länsstyrelsen har skickat tillbaka värdena för {name} {year}.")
        lines.append(f"Länsstyrelsens motivering: {change.decision.reason}")
        lines += ["", "Rätta värdena och markera året som Klar för granskning i portalen."]
    else:
        lines.append(f"Länsstyrelsen har godkänt värdena för {name} {year}.")
        lines.append("Värdena kan inte längre ändras utan att länsstyrelsen öppnar året igen.")
    lines += ["", f"Portalen: {portal_url}", "", "Länsstyrelsen"]
    message.set_content("\n".join(lines))
    with smtplib.SMTP(host, port, timeout=30) as smtp:
        smtp.send_message(message)
    return True
