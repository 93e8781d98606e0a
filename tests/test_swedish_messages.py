"""Every command's error paths speak Swedish by default and English with `--lang en`.

The error paths are those a user meets: a store that is not there, an unknown municipality,
a bad year, a missing file, a bad option value, a missing option, an unknown command.  The
Swedish run fails on any of a list of English words that never occur in a Swedish message.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import NamedTuple

import pytest
from click.testing import CliRunner
from click.testing import Result

from miljomal.cli import cli

# English words that no Swedish message contains (as whole words).  Paths, option names and
# codes the user typed are echoed back, so none of these is a word that occurs in them here.
ENGLISH = re.compile(
    r"\b(Error|Invalid|Missing|Usage|Try|not|the|file|cannot|must|does|exist|unknown|"
    r"such|there|is|was|with|for|and|of|no|value|option|command|between|outside|interrupted|"
    r"Store|ready|database)\b",
    re.IGNORECASE,
)
SWEDISH = re.compile(r"\b(Fel|Användning|finns|inte|okänd|okänt|saknar|ogiltigt)\b", re.IGNORECASE)


class Reader(NamedTuple):
    """A reader of one language: the options that choose it and how its errors must read."""

    options: list[str]  # after `--db URL`
    error: str  # the start of an error line
    foreign: re.Pattern[str]  # words of the other language, none of which may occur
    typed: str  # what the output echoes of the command line: not the program's words


READERS = [
    # Option names are English words: in Swedish output they are what the user typed.
    pytest.param(Reader([], "Fel: ", ENGLISH, r"'[^']*'|\S*/\S*|--?[a-z-]+"), id="sv"),
    pytest.param(Reader(["--lang", "en"], "Error: ", SWEDISH, r"'[^']*'|\S*/\S*"), id="en"),
]

# (argv after `--db URL`, exit code); "{tmp}" is a folder of the test's own.
NO_STORE = [
    (["municipalities", "list"], 1),
    (["groups", "list"], 1),
    (["indicators", "list"], 1),
    (["export"], 1),
    (["uploads", "list"], 1),
    (["year", "list"], 1),
    (["plan", "list"], 1),
    (["verify"], 1),
]
USAGE = [
    (["no-such-command"], 2),
    (["--lang", "de", "init"], 2),
    (["template", "--year", "2024"], 2),
    (["template", "-m", "2281", "--year", "tjugo"], 2),
    (["import", "{tmp}/finns-ej.xlsx"], 2),
    (["export", "--format", "pdf"], 2),
    (["export", "--no-such-option"], 2),
    (["report", "municipality", "2281", "--jobs", "0", "-o", "{tmp}/r.pdf"], 2),
    (["uploads", "revert"], 2),
    (["uploads", "revert", "ett"], 2),
    (["year", "window", "2024", "--opens", "igår"], 2),
    (["year", "window", "2024", "--opens", "2024-01-01"], 2),
    (["uploads", "revert", "1", "--force"], 2),
    (["export", "--format", "xlsx"], 2),
    (["export", "--year", "nittio"], 2),
    (["template", "-m", "2281", "-y", "2024", "-o", "-"], 2),
    (["import", "--reason", "rättning", "{tmp}"], 2),
    (["import", "--force", "{tmp}"], 2),
    (["import", "{tmp}"], 2),
    (["report", "municipality", "-o", "{tmp}/r.pdf"], 2),
    (["report", "municipality", "2281", "-o", "{tmp}/r.doc"], 2),
    (["plan", "report", "-o", "{tmp}/p.doc"], 2),
    (["targets", "set", "-i", "GN.7", "-y", "2030", "--value", "mycket"], 2),
    (["publish", "--county", "22", "--whole-country", "-o", "{tmp}/site"], 2),
    (["municipalities", "set-member", "2281", "--left", "2020"], 2),
    (["users", "add", "a@b.se", "--role", "reporter"], 2),
]
WITH_STORE = [
    (["template", "-m", "Sundsval", "-y", "2024", "-o", "{tmp}/m.xlsx"], 1),
    (["municipalities", "show", "Sundsval"], 1),
    (["groups", "show", "Nope"], 1),
    (["uploads", "show", "999"], 1),
    (["uploads", "revert", "999"], 1),
    (["year", "unlock", "2024"], 1),
    (["report", "municipality", "Sundsval", "-o", "{tmp}/r.pdf"], 1),
    (["report", "county", "Västernorland", "-y", "2024", "-o", "{tmp}/c.pdf"], 1),
    (["export", "-m", "Sundsval"], 1),
    (["history", "-m", "Sundsval", "-i", "GN.7"], 1),
    (["users", "disable", "nobody@example.se"], 1),
    (["template", "-m", "2281", "-y", "1850", "-o", "{tmp}/m.xlsx"], 1),
    (["plan", "show"], 1),
    (["plan", "update", "4.1", "--status", "pågår", "--progress", "150"], 1),
]


def _run(db: str, argv: list[str], tmp: Path, reader: Reader) -> Result:
    args = [a.replace("{tmp}", str(tmp)) for a in argv]
    return CliRunner().invoke(cli, ["--db", db, *reader.options, *args], catch_exceptions=False)


def _check(result: Result, exit_code: int, reader: Reader) -> None:
    # Metavariables of the usage line (OPTIONS, PATH...) are symbols, as in `--help`.
    output = re.sub(r"\b[A-Z_]{2,}\b", " ", result.output)
    assert result.exit_code == exit_code, output
    assert "Traceback" not in output
    assert reader.error in output, output
    # The paths and names the test typed are echoed back; they are not the program's words.
    found = reader.foreign.findall(re.sub(reader.typed, " ", output))
    assert not found, f"words of the other language {found} in the output:\n{output}"


@pytest.mark.parametrize("reader", READERS)
@pytest.mark.parametrize(
    "argv, exit_code",
    NO_STORE + USAGE,
    ids=lambda v: " ".join(v) if isinstance(v, list) else str(v),
)
def test_errors_without_store(
    tmp_path: Path, argv: list[str], exit_code: int, reader: Reader
) -> None:
    if "--lang" in reader.options and "--lang" in argv:
        pytest.skip("the case chooses its own language")
    db = f"sqlite:///{tmp_path / 'inget.db'}"
    result = _run(db, argv, tmp_path, reader)
    _check(result, exit_code, reader)
    assert not (tmp_path / "inget.db").exists()


@pytest.mark.parametrize("reader", READERS)
@pytest.mark.parametrize(
    "argv, exit_code", WITH_STORE, ids=lambda v: " ".join(v) if isinstance(v, list) else str(v)
)
def test_errors_with_store(
    store_url: str, tmp_path: Path, argv: list[str], exit_code: int, reader: Reader
) -> None:
    result = _run(store_url, argv, tmp_path, reader)
    _check(result, exit_code, reader)


def test_init_reports_in_swedish(tmp_path: Path) -> None:
    db = f"sqlite:///{tmp_path / 'nytt.db'}"
    result = CliRunner().invoke(cli, ["--db", db, "init"], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    first, second = result.output.splitlines()
    assert first == f"Lagret är klart: {db} (schemat skapat)"
    assert second == (
        "Register: 21 län, 290 kommuner. Katalog: 2 indikatoruppsättning(ar), 29 indikatorer."
    )


def test_usage_error_is_swedish_with_exit_code_2() -> None:
    result = CliRunner().invoke(cli, ["no-such-command"])
    assert result.exit_code == 2
    assert result.output.splitlines() == [
        "Användning: cli [OPTIONS] COMMAND [ARGS]...",
        "Skriv 'cli --help' för hjälp.",
        "",
        "Fel: Kommandot 'no-such-command' finns inte.",
    ]


def test_help_stays_as_written() -> None:
    """`--help` is the generated reference (docs/cli.md): its headings stay click's."""
    result = CliRunner().invoke(cli, ["export", "--help"])
    assert result.output.startswith("Usage: cli export [OPTIONS]")


# --- stored system texts -------------------------------------------------------------------


def test_a_stored_system_text_is_a_code_rendered_in_the_readers_language() -> None:
    from i18n import render_stored
    from i18n import system_text

    stored = system_text("revert-of-upload", upload=17)
    assert stored == "@revert-of-upload upload=17"
    assert render_stored(stored, "sv") == "återställning av uppladdning 17"
    assert render_stored(stored, "en") == "revert of upload 17"


@pytest.mark.parametrize("old", ["revert of upload 17", "återställning av uppladdning 17"])
def test_rows_stored_before_codes_stay_readable(old: str) -> None:
    from i18n import render_stored

    assert render_stored(old, "sv") == "återställning av uppladdning 17"
    assert render_stored(old, "en") == "revert of upload 17"


def test_what_a_person_typed_is_shown_as_typed() -> None:
    from i18n import render_stored

    assert render_stored("@rättelse enligt mejl", "en") == "@rättelse enligt mejl"
    assert render_stored("revert of upload 17 (fel kommun)", "sv") == (
        "revert of upload 17 (fel kommun)"
    )


def test_a_reports_footer_names_a_revert_upload_in_the_readers_language() -> None:
    import datetime as dt

    from i18n import system_text
    from reports.model.sources import Provenance
    from reports.model.sources import UploadRef

    when = dt.datetime(2025, 3, 1, 9, 30)
    provenance = Provenance(
        when, "sqlite:///m.db", 12, UploadRef(system_text("revert-of-upload", upload=17), when)
    )
    assert "; senaste uppladdning återställning av uppladdning 17 (" in provenance.line("sv")
    assert "; newest upload revert of upload 17 (" in provenance.line("en")
    assert provenance.to_dict("sv")["newest_upload"]["file_name"] == "revert of upload 17"
