"""`miljomal import`: validate and import indicator values from spreadsheets, one file or many."""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING
from typing import Any

import click

from i18n import Lang
from i18n import Messages
from i18n import Text
from indicators.errors import IndicatorError
from indicators.output import write_text
from intake.import_outcome import IMPORTED
from intake.import_outcome import ROLLED_BACK
from intake.import_outcome import UNKNOWN
from intake.options import ImportOptionsError
from intake.options import check_options
from intake.paths import PathNotFound
from intake.paths import expand_paths
from intake.read_ahead import ReadAhead
from intake.read_ahead import read_ahead
from intake.reading import ReadingOptions
from miljomal.loading import collector_paused
from miljomal.messages import MESSAGES
from miljomal.messages import say
from miljomal.options import YEAR_NUMBER
from miljomal.options import app_context
from miljomal.options import check_user
from miljomal.options import echo_json
from miljomal.options import echo_table
from miljomal.options import json_option
from miljomal.options import lang_option
from miljomal.options import output_may_close
from miljomal.options import who
from municipalities.errors import UnknownMunicipality

if TYPE_CHECKING:
    from indicators.problems import Problem
    from intake.import_outcome import BatchOutcome
    from intake.import_outcome import FileOutcome

REPORT_SUFFIXES = (".json", ".xlsx")

# The import command's messages ("-one"/"-many": a counted word; "header" is split at "|").
TEXTS = Messages(
    {
        "imported": Text("importerad", "imported"),
        "rejected": Text("avvisad", "rejected"),
        "unchanged": Text("oförändrad", "unchanged"),
        "dry-run": Text("provkörning", "dry run"),
        "error": Text("fel", "error"),
        "warning": Text("varning", "warning"),
        "counts": Text(
            "{created} {created_word}, {updated} {updated_word}, {unchanged} {unchanged_word}",
            "{created} {created_word}, {updated} {updated_word}, {unchanged} {unchanged_word}",
        ),
        "n-created-one": Text("ny", "created"),
        "n-created-many": Text("nya", "created"),
        "n-updated-one": Text("ändrad", "updated"),
        "n-updated-many": Text("ändrade", "updated"),
        "n-unchanged-one": Text("oförändrad", "unchanged"),
        "n-unchanged-many": Text("oförändrade", "unchanged"),
        "problems": Text(
            "{errors} {error_word}, {warnings} {warning_word}",
            "{errors} {error_word}, {warnings} {warning_word}",
        ),
        "n-errors-one": Text("fel", "error"),
        "n-errors-many": Text("fel", "errors"),
        "n-warnings-one": Text("varning", "warning"),
        "n-warnings-many": Text("varningar", "warnings"),
        "line": Text("rad", "line"),
        "header": Text(
            "Fil|Utfall|Nya|Ändrade|Oförändrade|Fel|Varningar",
            "File|Outcome|Created|Updated|Unchanged|Errors|Warnings",
        ),
        "total": Text("Totalt ({files} filer)", "Total ({files} files)"),
        "planned": Text(
            "Värden som sparas ({count}), med lagrat och nytt värde:",
            "Values to be saved ({count}), with the stored and the new value:",
        ),
        "planned-header": Text(
            "Kommun|Indikator|År|Lagrat värde|Nytt värde",
            "Municipality|Indicator|Year|Stored value|New value",
        ),
        "progress": Text("Importerar", "Importing"),
        "report": Text("Rapporten skrevs till {path}", "Report written to {path}"),
        "interrupted": Text(
            "Avbrutet (Ctrl-C). Så här gick det för filerna:",
            "Interrupted (Ctrl-C). What became of the files:",
        ),
        "int-saved": Text("sparade", "committed"),
        "int-rolled-back": Text(
            "återställd, inget ur filen skrevs", "rolled back, nothing of the file was written"
        ),
        "int-unknown": Text(
            "okänt om den sparades (se miljomal uploads list)",
            "unknown whether committed (see miljomal uploads list)",
        ),
        "int-not-started": Text("inte påbörjade", "not started"),
    }
)


@click.command(name="import")
@click.argument("paths", nargs=-1, required=True, metavar="PATH...")
@click.option(
    "--dry-run",
    is_flag=True,
    help="Check, count and list every value with its stored value, but write nothing.",
)
@click.option(
    "--municipality",
    "-m",
    metavar="CODE|NAME",
    help="Municipality of files that do not name one (2281, Sundsvall).",
)
@click.option("--year", "-y", type=YEAR_NUMBER, help="Year of files that do not state one.")
@click.option(
    "--set",
    "indicator_set",
    metavar="SET",
    help="Indicator set the files' codes belong to (sekom-2012, sekom-2023); "
    "default: what the file says, else the set its codes fit, else the year's default.",
)
@click.option(
    "--user",
    metavar="NAME",
    callback=check_user,
    help="Who imports, kept in the history (default: login).",
)
@json_option
@click.option(
    "--report",
    "report_path",
    type=click.Path(dir_okay=False, path_type=Path),
    metavar="FILE",
    help="Write the problems as JSON (.json) or as an annotated copy of the file (.xlsx).",
)
@click.option("--force", is_flag=True, help="Import into locked (approved) years; needs --reason.")
@click.option("--reason", metavar="TEXT", help="Why a locked year is changed (kept in history).")
@click.option("--quiet", "-q", is_flag=True, help="No progress bar and no warning lines.")
@lang_option
@click.pass_context
def import_(
    ctx: click.Context,
    paths: tuple[str, ...],
    dry_run: bool,
    municipality: str | None,
    year: int | None,
    indicator_set: str | None,
    user: str | None,
    as_json: bool,
    report_path: Path | None,
    force: bool,
    reason: str | None,
    quiet: bool,
    lang: Lang,
) -> None:
    """Validate and import indicator values from spreadsheets.

    PATH may be files, directories (searched for .xlsx, .xlsm, .ods, .csv and .txt files)
    or patterns such as 'inkommet/*.xlsx'.  Each file is checked completely and imported
    in one transaction, or rejected with every problem listed and nothing written.  Exit
    code 0 when every file was imported (or would be, with --dry-run) or was unchanged,
    1 when any file was rejected, 2 for usage errors.
    """
    try:
        check_options(force=force, reason=reason)
    except ImportOptionsError as exc:
        raise click.UsageError(exc.message(lang)) from exc
    if reason and not force:
        raise click.UsageError(say("reason-needs-force"))
    if report_path is not None and report_path.suffix.lower() not in REPORT_SUFFIXES:
        raise click.BadParameter(say("report-suffix"), param_hint="--report")
    municipality = _municipality_code(municipality, lang)
    try:
        files = expand_paths(paths)
    except PathNotFound as exc:
        raise click.BadParameter(exc.message(lang), param_hint="PATH") from exc
    if report_path is not None:
        _refuse_report_onto_input(report_path, files, lang)

    options = {
        "user": who(user),
        "municipality": municipality,
        "year": year,
        "indicator_set": indicator_set,
        "dry_run": dry_run,
        "force": force,
        "reason": reason,
        "lang": lang,
    }
    # Reading begins in a second process before the store and SQLAlchemy are loaded here.
    ahead = read_ahead(files, ReadingOptions(municipality, year, lang))
    try:
        batch = _run(ctx, files, options, ahead, as_json=as_json, quiet=quiet)
    finally:
        if ahead is not None:
            ahead.close()
    with output_may_close():
        if as_json:
            echo_json(batch.to_dict(lang))
        elif not batch.interrupted:
            _echo_summary(batch, lang)
            if dry_run:
                click.echo(MESSAGES("nothing-written", lang))
    if batch.interrupted:
        _echo_interrupted(batch, lang)
        ctx.exit(130)
    if report_path is not None:
        _write_report(batch, report_path, lang, announce=not as_json)
    if batch.rejected:
        ctx.exit(1)


def _refuse_report_onto_input(report_path: Path, files: list[Path], lang: Lang) -> None:
    """Usage error when --report names one of the files imported: it would be overwritten."""
    target = report_path.resolve()
    for path in files:
        same = path.resolve() == target
        if not same and report_path.exists():
            try:
                same = os.path.samefile(path, report_path)
            except OSError:
                same = False
        if same:
            raise click.BadParameter(
                MESSAGES("report-over-input", lang, path=path), param_hint="--report"
            )


def _run(
    ctx: click.Context,
    files: list[Path],
    options: dict[str, Any],
    ahead: ReadAhead | None,
    *,
    as_json: bool,
    quiet: bool,
) -> BatchOutcome:
    """Import the files, with a progress bar on a terminal; print each file as it is done."""
    with collector_paused():  # SQLAlchemy and the models, loaded while the files are read
        from intake.importer import import_paths  # heavy: tests/test_startup_imports.py
    # Not frozen: at exit the engine's connection is collected and closed, and SQLite folds
    # its write-ahead log into the store (no -wal file is left beside it).
    engine = app_context(ctx).engine()

    lang = options["lang"]
    show_bar = len(files) > 1 and not quiet and sys.stderr.isatty()
    if not show_bar:

        def done(outcome: FileOutcome) -> None:
            if not as_json:
                with output_may_close():
                    _echo_file(outcome, lang, quiet)

        return import_paths(engine, files, progress=done, ahead=ahead, **options)

    with click.progressbar(
        length=len(files), label=TEXTS("progress", lang), file=sys.stderr
    ) as bar:
        batch = import_paths(
            engine, files, progress=lambda _: bar.update(1), ahead=ahead, **options
        )
    if not as_json:
        with output_may_close():
            for outcome in batch.files:
                _echo_file(outcome, lang, quiet)
    return batch


def _echo_interrupted(batch: BatchOutcome, lang: Lang) -> None:
    """After Ctrl-C, on stderr: which files were committed, rolled back, not started."""
    groups = [
        ("int-saved", [f.path for f in batch.files if f.outcome == IMPORTED]),
        ("int-rolled-back", [f.path for f in batch.files if f.outcome == ROLLED_BACK]),
        ("int-unknown", [f.path for f in batch.files if f.outcome == UNKNOWN]),
        ("int-not-started", batch.not_started),
    ]
    click.echo(TEXTS("interrupted", lang), err=True)
    for key, paths in groups:
        if paths:
            click.echo(f"  {TEXTS(key, lang)}: {', '.join(paths)}", err=True)


def _echo_file(outcome: FileOutcome, lang: Lang, quiet: bool) -> None:
    """One line for the file, then its problems one per line."""
    report = outcome.problems
    if outcome.outcome == "rejected":
        errors, warnings = len(report.errors), len(report.warnings)
        detail = TEXTS(
            "problems",
            lang,
            errors=errors,
            warnings=warnings,
            error_word=_counted("n-errors", errors, lang),
            warning_word=_counted("n-warnings", warnings, lang),
        )
    else:
        detail = TEXTS(
            "counts",
            lang,
            created=outcome.created,
            updated=outcome.updated,
            unchanged=outcome.unchanged,
            created_word=_counted("n-created", outcome.created, lang),
            updated_word=_counted("n-updated", outcome.updated, lang),
            unchanged_word=_counted("n-unchanged", outcome.unchanged, lang),
        )
    label = click.style(TEXTS(outcome.outcome, lang), fg=_COLOURS.get(outcome.outcome), bold=True)
    click.echo(f"{label} {outcome.path}: {detail}")
    for problem in report.problems:
        if quiet and problem.severity != "error":
            continue
        severity = click.style(
            TEXTS(problem.severity, lang), fg="red" if problem.severity == "error" else "yellow"
        )
        click.echo(
            f"  {severity}: {_place(problem, outcome.path, lang)}: {problem.message(lang)} "
            f"[{problem.code}]"
        )
    if outcome.planned and not quiet:
        _echo_planned(outcome, lang)


def _echo_planned(outcome: FileOutcome, lang: Lang) -> None:
    """A dry run's every value: what it means (code, name, set), the stored and the new value."""
    click.echo(TEXTS("planned", lang, count=len(outcome.planned)))
    echo_table(
        TEXTS("planned-header", lang).split("|"),
        [
            (p.municipality_code, p.indicator(lang), str(p.year), p.old(lang), p.new(lang))
            for p in outcome.planned
        ],
        right=(3, 4),
    )


def _counted(word: str, count: int, lang: Lang) -> str:
    """The singular or plural form of a counted word."""
    return TEXTS(f"{word}-one" if count == 1 else f"{word}-many", lang)


_COLOURS = {"imported": "green", "rejected": "red", "unchanged": None, "dry-run": "cyan"}


def _place(problem: Problem, path: str, lang: Lang) -> str:
    """`fil.xlsx, Värden!E7`, `fil.csv, rad 12, kolumn Värde` or just the file."""
    parts = [path]
    if problem.cell:
        parts.append(problem.cell)
    elif problem.row is not None:
        parts.append(f"{TEXTS('line', lang)} {problem.row}")
        if problem.column:
            parts[-1] += f" ({problem.column})"
    return ", ".join(parts)


def _echo_summary(batch: BatchOutcome, lang: Lang) -> None:
    """One table over every file: outcome, counts, errors and warnings."""
    rows: list[tuple[str, ...]] = [
        (
            f.path,
            TEXTS(f.outcome, lang),
            str(f.created),
            str(f.updated),
            str(f.unchanged),
            str(len(f.problems.errors)),
            str(len(f.problems.warnings)),
        )
        for f in batch.files
    ]
    if len(rows) > 1:
        totals = [sum(int(row[i]) for row in rows) for i in range(2, 7)]
        rows.append((TEXTS("total", lang, files=len(rows)), "", *map(str, totals)))
    click.echo("")
    rules = {0, len(rows) - 1} if len(rows) > 1 else {0}
    echo_table(TEXTS("header", lang).split("|"), rows, right=range(2, 7), rules=rules)


def _write_report(batch: BatchOutcome, path: Path, lang: Lang, *, announce: bool) -> None:
    """The problems as the JSON contract, or annotated copies of the files (.xlsx)."""
    written: list[Path] = []
    if path.suffix.lower() == ".json":
        write_text(path, json.dumps(batch.to_dict(lang), ensure_ascii=False, indent=2) + "\n")
        written.append(path)
    else:
        # openpyxl and the template's catalogue, only when a copy is asked for
        from intake.annotate import write_annotated_copy  # heavy: tests/test_startup_imports.py

        for outcome in batch.files:
            target = path
            if len(batch.files) > 1:
                target = path.with_name(f"{path.stem}-{Path(outcome.path).stem}{path.suffix}")
            try:
                written.append(
                    write_annotated_copy(outcome.path, outcome.problems, target, lang=lang)
                )
            except IndicatorError as exc:
                raise click.ClickException(exc.message(lang)) from exc
    if announce:
        for target in written:
            click.echo(TEXTS("report", lang, path=target))


def _municipality_code(value: str | None, lang: Lang) -> str | None:
    """The code of the --municipality option; an unknown one is a usage error."""
    if value is None:
        return None

    from municipalities.registry import resolve_municipality  # heavy: tests/test_startup_imports.py

    try:
        return resolve_municipality(value).code
    except UnknownMunicipality as exc:
        raise click.BadParameter(exc.message(lang), param_hint="--municipality") from exc
