"""Password rules (NIST SP 800-63B 5.1.1.2): length, blank, low variety, commonly used.

A password is compared and hashed in Unicode normal form NFKC, so the same password typed
on another keyboard or pasted from another program (a full-width digit, a ligature) is the
same password. Composition rules ("one capital, one digit") are not imposed; a password is
refused only when it is short, blank, made of very few characters, or commonly used.
"""

from __future__ import annotations

import unicodedata
from functools import cache
from pathlib import Path

from accounts.errors import WeakPassword

MIN_PASSWORD_LENGTH = 12
# Long enough for any passphrase (NIST asks for at least 64); a longer field is not a
# password but an attempt to make the server hash megabytes.
MAX_PASSWORD_LENGTH = 1024
MIN_DISTINCT_CHARACTERS = 5
COMMON_PASSWORDS = Path(__file__).with_name("common_passwords.txt")
# Characters that a password may end with around a common word: "Sommar2024!!" is "sommar".
_TRAILING = "0123456789!?.,-_#*@$%&+= "


def normalise_password(password: str) -> str:
    """The password as it is checked and hashed: Unicode NFKC."""
    return unicodedata.normalize("NFKC", password)


def check_password_strength(password: str) -> None:
    """Refuse a short, blank, low-variety or commonly used password (WeakPassword says why)."""
    password = normalise_password(password)
    if len(password) > MAX_PASSWORD_LENGTH:
        raise WeakPassword("password-too-long", most=MAX_PASSWORD_LENGTH)
    if all(_is_blank(char) for char in password):
        raise WeakPassword("password-blank")
    if len(password) < MIN_PASSWORD_LENGTH:
        raise WeakPassword("password-too-short", least=MIN_PASSWORD_LENGTH)
    if len(set(password.casefold())) < MIN_DISTINCT_CHARACTERS:
        raise WeakPassword("password-too-few-characters", least=MIN_DISTINCT_CHARACTERS)
    if is_common(password):
        raise WeakPassword("password-common")


def is_common(password: str) -> bool:
    """True when the password, or its word without trailing digits and signs, is common."""
    folded = normalise_password(password).casefold().strip()
    base = folded.rstrip(_TRAILING)
    words = common_passwords()
    return folded in words or base in words or base.replace(" ", "") in words


@cache
def common_passwords() -> frozenset[str]:
    """The bundled list of common passwords, NFKC and case folded."""
    lines = COMMON_PASSWORDS.read_text(encoding="utf-8").splitlines()
    return frozenset(
        normalise_password(line.strip()).casefold()
        for line in lines
        if line.strip() and not line.startswith("#")
    )


def _is_blank(char: str) -> bool:
    # Spaces of every kind, and format characters such as the zero-width space (U+200B),
    # which NFKC keeps and a browser shows as nothing.
    return char.isspace() or unicodedata.category(char) in ("Cf", "Cc", "Zs", "Zl", "Zp")
