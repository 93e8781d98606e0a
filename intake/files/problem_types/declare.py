"""What every declaration of a problem type uses: the groups, the two severities' constructors
and the sentences several types share."""

from __future__ import annotations

from i18n import Text
from indicators.problems import ERROR
from indicators.problems import WARNING
from indicators.problems import ProblemType

VALUES = "values"  # found by validation, in a value's place
FILES = "files"  # found by the import, the reader or the safety checks
CATALOGUE = "catalogue"  # found reading a catalogue file (`miljomal catalogue import`)
TARGETS = "targets"  # found reading a targets file
PLAN = "plan"  # found reading an action plan or its status updates
KOLADA = "kolada"  # found reading a Kolada mapping file


def error_type(
    code: str, group: str, meaning: Text | None, message: Text | None, web: Text | None = None
) -> ProblemType:
    """A type of problem that stops the file (or the value) from being stored."""
    return ProblemType(code, ERROR, group, meaning, message, web)


def warning_type(
    code: str, group: str, meaning: Text | None, message: Text | None, web: Text | None = None
) -> ProblemType:
    """A type of problem that is said and lets the value be stored."""
    return ProblemType(code, WARNING, group, meaning, message, web)


def prefixed(message: Text | None) -> Text:
    """A safety check's sentence, after the file's name: `data.xlsx: filen är tom (0 byte).`"""
    assert message is not None
    return Text("{file_name}: " + message.sv, "{file_name}: " + message.en)


SAFETY = Text(
    "säkerhetskontrollen vägrar filen innan den öppnas (meddelandet säger hur man rättar)",
    "the safety checks refuse the file before it is opened (see the message for the fix)",
)
NOT_READ = Text("delar av filen som inte läses", "parts of the file that are not read")
