"""`make bench`: miljomal against floors measured in the same run, on this machine.

Generates its data deterministically into bench-output/ (gitignored), runs each case a few
times after a warm-up, prints a table of medians with the ratio to the case's baseline, and
writes the table with the machine description into docs/performance.md (between the
GENERATED markers; the hand-written explanation around them is kept).

    .venv/bin/python benchmarks/run.py [--quick] [--only 1,3] [--reports N] [--no-docs]

This is a measurement, not a test: nothing here fails on a slow result.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import time
import tomllib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path[:0] = [str(ROOT), str(HERE)]

import data  # noqa: E402  (benchmarks/data.py, beside this file)

# Another output folder (MILJOMAL_BENCH_OUT) lets two benchmark runs share a checkout.
OUT = Path(os.environ.get("MILJOMAL_BENCH_OUT", ROOT / "bench-output"))
DOC = ROOT / "docs" / "performance.md"
PG_URL = os.environ.get("MILJOMAL_BENCH_PG", "postgresql+psycopg://postgres@127.0.0.1:5432/test")
HEAVY = ("pandas", "matplotlib", "openpyxl")
START, END = "<!-- GENERATED: benchmarks/run.py -->", "<!-- END GENERATED -->"


def installed_packages() -> list[str]:
    """The packages pip installs (pyproject.toml), each compiled before a run as pip does."""
    with (ROOT / "pyproject.toml").open("rb") as file:
        found = tomllib.load(file)["tool"]["setuptools"]["packages"]["find"]
    return [pattern.rstrip("*") for pattern in found["include"]]


@dataclass
class Row:
    """One line of the result table."""

    case: str
    what: str
    median: float
    baseline: str
    base_median: float | None
    target: str
    limit: float | None  # ratio limit, or seconds when the target is absolute
    absolute: bool = False
    note: str = ""

    @property
    def ratio(self) -> float | None:
        return self.median / self.base_median if self.base_median else None

    @property
    def verdict(self) -> str:
        if self.limit is None:
            return ""
        value = self.median if self.absolute else self.ratio
        return "ok" if value is not None and value <= self.limit else "MISSED"


def _n(number: int) -> str:
    """A count with a space between thousands, as the rest of the table writes them."""
    return f"{number:,}".replace(",", " ")


def log(text: str) -> None:
    print(text, file=sys.stderr, flush=True)


# --- timing ------------------------------------------------------------------------------------


def timed(
    work: Callable[[], object], runs: int, warmup: int = 1, setup: Callable[[], None] | None = None
) -> list[float]:
    """Wall times of ``runs`` calls after ``warmup`` ones; ``setup`` runs untimed before each."""
    times = []
    for n in range(warmup + runs):
        if setup is not None:
            setup()
        start = time.perf_counter()
        work()
        elapsed = time.perf_counter() - start
        if n >= warmup:
            times.append(elapsed)
    return times


def timed_pairs(
    first: Callable[[], object],
    second: Callable[[], object],
    runs: int,
    setup: Callable[[], None],
) -> tuple[list[float], list[float]]:
    """Wall times of the two, run in turns (``setup`` before each), after one warm-up pair.

    In turns, so that a machine that slows or speeds up during the case (another process,
    the disk's cache) weighs on both alike: the ratio of the medians is of paired runs.
    """
    pairs: tuple[list[float], list[float]] = ([], [])
    for n in range(1 + runs):
        for work, times in ((first, pairs[0]), (second, pairs[1])):
            setup()
            start = time.perf_counter()
            work()
            if n:
                times.append(time.perf_counter() - start)
    return pairs


def command(args: list[str], env: dict[str, str] | None = None) -> str:
    """Run a process to its end and return its stdout; fail loudly when it fails."""
    done = subprocess.run(
        args, capture_output=True, env={**os.environ, **(env or {})}, cwd=OUT, check=False
    )
    if done.returncode != 0:
        raise RuntimeError(
            f"{' '.join(args)} exited {done.returncode}:\n{done.stdout[-2000:]}\n{done.stderr}"
        )
    return done.stdout.decode()


def peak_memory(args: list[str], env: dict[str, str] | None = None) -> float:
    """Peak resident memory of one run of a process, in MiB (ru_maxrss of that child)."""
    pid = os.posix_spawn(args[0], args, {**os.environ, **(env or {})}, file_actions=_quiet())
    _, status, usage = os.wait4(pid, 0)
    if os.waitstatus_to_exitcode(status) != 0:
        raise RuntimeError(f"{' '.join(args)} failed")
    return usage.ru_maxrss / 1024


def _quiet() -> list[tuple]:
    null = os.open(os.devnull, os.O_WRONLY)
    return [(os.POSIX_SPAWN_DUP2, null, 1), (os.POSIX_SPAWN_DUP2, null, 2)]


def python(*code: str) -> list[str]:
    return [sys.executable, *code]


MILJOMAL = data.MILJOMAL
# The generated long file holds 2012 codes for every year up to 2024, as earlier baselines did.
SET_2012 = ("--set", "sekom-2012")


def import_counts(output: str) -> tuple[int, int, int, int]:
    """created, updated, unchanged and rejected files from `miljomal import --json`."""
    files = json.loads(output)["files"]
    return (
        sum(f["created"] for f in files),
        sum(f["updated"] for f in files),
        sum(f["unchanged"] for f in files),
        sum(f["outcome"] == "rejected" for f in files),
    )


def modules_loaded(*args: str) -> list[str]:
    """The heavy modules a miljomal command imports (run in a fresh interpreter)."""
    probe = (
        "import sys\n"
        f"sys.argv = ['miljomal', *{list(args)!r}]\n"
        "from miljomal.cli import main\n"
        "try:\n    main()\nexcept SystemExit:\n    pass\n"
        f"print('LOADED', ' '.join(m for m in {HEAVY!r} if m in sys.modules), file=sys.stderr)\n"
    )
    done = subprocess.run(python("-c", probe), capture_output=True, text=True, cwd=OUT)
    line = [x for x in done.stderr.splitlines() if x.startswith("LOADED")]
    return line[-1].split()[1:] if line else ["?"]


# --- the cases ---------------------------------------------------------------------------------


class Bench:
    def __init__(self, quick: bool, reports: int) -> None:
        self.quick = quick
        self.reports = reports
        self.rows: list[Row] = []
        self.notes: list[str] = []
        self.work = OUT / "work"
        self.data = OUT / "data"

    def runs(self, fast: bool) -> int:
        if self.quick:
            return 2 if fast else 1
        return 5 if fast else 3

    def add(self, row: Row) -> None:
        self.rows.append(row)
        ratio = f"{row.ratio:.2f}x" if row.ratio else "-"
        log(f"  {row.case} {row.what}: {row.median:.3f} s ({ratio} {row.baseline}) {row.verdict}")

    # data
    def prepare(self) -> None:
        log("preparing data in bench-output/ ...")
        # An installed miljomal has its bytecode compiled (pip does it); an editable checkout
        # run with PYTHONDONTWRITEBYTECODE would compile every module in every process.
        subprocess.run(
            python("-m", "compileall", "-q", *installed_packages()),
            cwd=ROOT,
            check=True,
            capture_output=True,
        )
        shutil.rmtree(OUT, ignore_errors=True)
        self.data.mkdir(parents=True)
        self.work.mkdir()
        self.empty = data.make_store(self.data, "empty.db", local=False)
        self.local = data.make_store(self.data, "local.db", local=True)
        self.single, self.year_files = data.write_templates(self.data, self.empty)
        self.long = data.write_long_xlsx(self.data / "long.xlsx", data.long_rows(self.local))
        self.long_copy = data.changed_copy(self.long, self.data / "long-copy.xlsx")

    def fresh(self, source: Path, name: str = "store.db") -> Path:
        return data.copy_store(source, self.work / name)

    # case 1 and 4: start-up
    def startup(self) -> None:
        log("case 1 and 4: start-up and one template file")
        runs = self.runs(True) + 2
        orm = statistics.median(timed(lambda: command(python("-c", "import sqlalchemy.orm")), runs))
        click = statistics.median(timed(lambda: command(python("-c", "import click")), runs))
        store = self.work / "store.db"
        url = data.sqlite_url(store)

        def one_file() -> None:
            out = command([*MILJOMAL, "--db", url, "import", "--json", str(self.single)])
            assert import_counts(out) == (16, 0, 0, 0), out

        self.add(
            Row(
                "1",
                "import one template file (16 values), whole process",
                statistics.median(timed(one_file, runs, setup=lambda: self.fresh(self.empty))),
                "python -c 'import sqlalchemy.orm'",
                orm,
                "<= 1.5x",
                1.5,
            )
        )
        self.add(
            Row(
                "4",
                "miljomal --help",
                statistics.median(timed(lambda: command([*MILJOMAL, "--help"]), runs)),
                "python -c 'import click'",
                click,
                "<= 1.5x",
                1.5,
            )
        )
        self.fresh(self.empty)
        self.add(
            Row(
                "4",
                "miljomal indicators list",
                statistics.median(
                    timed(lambda: command([*MILJOMAL, "--db", url, "indicators", "list"]), runs)
                ),
                "python -c 'import sqlalchemy.orm'",
                orm,
                "(no target)",
                None,
            )
        )
        self.fresh(self.empty)
        probes = {
            "import": ("--db", url, "import", "--dry-run", str(self.single)),
            "--help": ("--help",),
            "indicators list": ("--db", url, "indicators", "list"),
        }
        for name, args in probes.items():
            loaded = modules_loaded(*args)
            heavy = [m for m in loaded if m in ("pandas", "matplotlib")]
            verdict = "ok" if not heavy else "MISSED"
            self.notes.append(
                f"`miljomal {name}` imports of pandas, matplotlib, openpyxl: "
                f"{', '.join(loaded) or 'none'} ({verdict}: pandas and matplotlib must not load)"
            )
            log("  " + self.notes[-1])

    # case 2: a year of template files
    def year(self) -> None:
        log("case 2: 290 template files in one import")
        runs = 1 if self.quick else 7  # a second each: paired runs, enough for a steady median
        store = self.work / "store.db"
        url = data.sqlite_url(store)
        folder = str(self.year_files[0].parent)

        def miljomal() -> None:
            out = command([*MILJOMAL, "--db", url, "import", "--json", "-q", folder])
            assert import_counts(out) == (4640, 0, 0, 0), import_counts(out)

        def floor() -> None:
            out = command(
                python(str(HERE / "floor.py"), "templates", str(store), *map(str, self.year_files))
            )
            assert "created 4640" in out, out

        setup = lambda: self.fresh(self.empty)  # noqa: E731
        floors, imports = timed_pairs(floor, miljomal, runs, setup)
        base = statistics.median(floors)
        self.add(
            Row(
                "2",
                "import 290 template files (4 640 values) in one call",
                statistics.median(imports),
                "floor: calamine + sqlite3, a transaction per file",
                base,
                "<= 2.5x",
                2.5,
            )
        )

    # case 3: one long file
    def long_file(self) -> None:
        log("case 3: one long .xlsx of 232 000 values")
        runs = self.runs(False)
        store = self.work / "store.db"
        url = data.sqlite_url(store)
        full = self.data / "full.db"

        def miljomal(path: Path, expected: tuple[int, int, int, int]) -> Callable[[], None]:
            def run() -> None:
                out = command(
                    [*MILJOMAL, "--db", url, "import", *SET_2012, "--json", "-q", str(path)]
                )
                assert import_counts(out) == expected, import_counts(out)

            return run

        def floor(path: Path, expected: str) -> Callable[[], None]:
            def run() -> None:
                out = command(python(str(HERE / "floor.py"), "long", str(store), str(path)))
                assert expected in out, out

            return run

        empty = lambda: self.fresh(self.local)  # noqa: E731
        filled = lambda: self.fresh(full)  # noqa: E731
        # The full store: the long file imported once by miljomal (untimed).
        empty()
        miljomal(self.long, (232000, 0, 0, 0))()
        data.checkpoint(store)
        shutil.copyfile(store, full)

        base = statistics.median(timed(floor(self.long, "created 232000"), runs, setup=empty))
        self.add(
            Row(
                "3",
                "import 232 000-row long .xlsx into an empty store",
                statistics.median(timed(miljomal(self.long, (232000, 0, 0, 0)), runs, setup=empty)),
                "floor: calamine + sqlite3, one transaction",
                base,
                "<= 2.5x",
                2.5,
            )
        )
        base = statistics.median(
            timed(floor(self.long_copy, "unchanged 232000"), runs, setup=filled)
        )
        self.add(
            Row(
                "3",
                "re-import it, every value unchanged (other SHA-256)",
                statistics.median(
                    timed(miljomal(self.long_copy, (0, 0, 232000, 0)), runs, setup=filled)
                ),
                "floor: calamine + sqlite3 compare",
                base,
                "<= 2.5x",
                2.5,
            )
        )
        empty()
        args = [*MILJOMAL, "--db", url, "import", *SET_2012, "-q", str(self.long)]
        memory = peak_memory(args)
        filled()
        memory_again = peak_memory([*args[:-1], str(self.long_copy)])
        empty()
        floor_args = python(str(HERE / "floor.py"), "long", str(store), str(self.long))
        floor_memory = peak_memory(floor_args)
        for what, mib in (("into an empty store", memory), ("unchanged re-import", memory_again)):
            self.add(
                Row(
                    "3",
                    f"peak memory (MiB), {what}",
                    mib,
                    "floor peak memory (MiB)",
                    floor_memory,
                    "< 400 MiB",
                    400,
                    absolute=True,
                )
            )

    # case 5: the county comparison query
    def query(self) -> None:
        log("case 5: county comparison on 290 x 40 x 30 years, three revisions each")
        self.bulk = self.data / "bulk.db"
        data.copy_store(self.local, self.bulk)
        count = data.fill_sqlite_store(self.bulk)
        self.notes.append(f"bulk store: {count} observations, {3 * count} revisions")
        self._query("SQLite", data.sqlite_url(self.bulk), self._sqlite_plan)
        try:
            import psycopg

            psycopg.connect(PG_URL.replace("+psycopg", ""), connect_timeout=3).close()
        except Exception as exc:  # no server: skip, and say so
            self.notes.append(f"PostgreSQL skipped: {str(exc).splitlines()[0]}")
            log("  " + self.notes[-1])
            return
        schema = f"bench_{os.getpid()}"
        from sqlalchemy import create_engine
        from sqlalchemy import text

        admin = create_engine(PG_URL)
        with admin.begin() as connection:
            connection.execute(text(f"CREATE SCHEMA {schema}"))
        try:
            url = f"{PG_URL}?options=-csearch_path%3D{schema}"
            data.run_miljomal(url, "init")
            data.run_miljomal(url, "indicators", "load", str(self.data / "lokal.csv"))
            raw = PG_URL.replace("+psycopg", "") + f"?options=-csearch_path%3D{schema}"
            data.fill_postgres_store(raw, self.local)
            self._query("PostgreSQL", url, None)
        finally:
            with admin.begin() as connection:
                connection.execute(text(f"DROP SCHEMA {schema} CASCADE"))
            admin.dispose()

    # case 7: export of the bulk store (case 5's 290 x 40 x 30 values), CSV and Excel
    def export_case(self) -> None:
        log("case 7: export the bulk store as CSV and as Excel")
        bulk = self.data / "bulk.db"
        if not bulk.exists():
            data.copy_store(self.local, bulk)
            data.fill_sqlite_store(bulk)
        url = data.sqlite_url(bulk)
        runs = self.runs(fast=False)

        def export(suffix: str) -> Callable[[], None]:
            target = self.work / f"alla.{suffix}"
            return lambda: command([*MILJOMAL, "--db", url, "export", "-o", str(target)])

        csv_seconds = statistics.median(timed(export("csv"), runs))
        self.add(
            Row(
                "7",
                "export the bulk store as CSV (Swedish Excel CSV)",
                csv_seconds,
                "",
                None,
                "",
                None,
            )
        )
        self.add(
            Row(
                "7",
                "export the bulk store as .xlsx (streamed, write-only)",
                statistics.median(timed(export("xlsx"), runs)),
                "CSV export of the same store",
                csv_seconds,
                "<= 15x",
                15.0,
            )
        )

    def _query(self, name: str, url: str, plan: Callable[[object], str] | None) -> None:
        from sqlalchemy import event
        from sqlalchemy import inspect

        from database.engine import make_engine
        from database.engine import session_scope
        from reports.queries import county_comparison
        from reports.queries import county_table

        engine = make_engine(url)
        indexes = {
            tuple(ix["column_names"]) for ix in inspect(engine).get_indexes("observation")
        } | {
            tuple(uq["column_names"])
            for uq in inspect(engine).get_unique_constraints("observation")
        }
        wanted = [("indicator_id", "year"), ("municipality_code", "indicator_id", "year")]
        missing = [ix for ix in wanted if ix not in indexes]
        statements: list[str] = []
        event.listen(engine, "before_cursor_execute", lambda *a: statements.append(a[2]))
        counties = (("22", "Västernorrland, 7 municipalities"), ("14", "Västra Götaland, 49"))
        # The target is the one-year table (values, ranks, colours, average, median of every
        # indicator in 2024); the full comparison adds every series for the small multiples
        # of the county report and is shown as a second line, without a target.
        kinds = (
            ("county table 2024", county_table, "< 0.050 s", 0.050),
            ("county comparison with 30-year series", county_comparison, "(no target)", None),
        )
        for what, query, target, limit in kinds:
            for county, label in counties:

                def run(county: str = county, query: Callable[..., object] = query) -> None:
                    with session_scope(engine) as session:
                        query(session, county, 2024)

                run()
                statements.clear()
                run()
                per_call = len(statements)
                times = timed(run, self.runs(True) + 5, warmup=1)
                self.add(
                    Row(
                        "5",
                        f"{what} {label}, {name} ({per_call} statements)",
                        statistics.median(times),
                        "",
                        None,
                        target,
                        limit,
                        absolute=True,
                    )
                )
        found = "all present" if not missing else f"MISSING {missing}"
        self.notes.append(
            f"{name} indexes on observation (indicator_id, year) and "
            f"(municipality_code, indicator_id, year): {found}"
        )
        if plan is not None:
            self.notes.append(f"{name} plan of the observations query: {plan(engine)}")
        engine.dispose()

    @staticmethod
    def _sqlite_plan(engine: object) -> str:
        from sqlalchemy import text

        with engine.connect() as connection:  # type: ignore[attr-defined]
            codes = ",".join(f"'{c}'" for c in ("2260", "2262", "2280", "2281"))
            rows = connection.execute(
                text(
                    "EXPLAIN QUERY PLAN SELECT municipality_code, indicator_id, year, value "
                    f"FROM observation WHERE municipality_code IN ({codes}) "
                    "AND indicator_id IN (1, 2, 3) AND year <= 2024"
                )
            ).all()
        return "; ".join(str(row[-1]) for row in rows)

    # case 6: reports
    def reports_case(self) -> None:
        log("case 6: municipality reports, the county report, and charts against bare matplotlib")
        if not hasattr(self, "bulk"):
            self.bulk = self.data / "bulk.db"
            data.copy_store(self.local, self.bulk)
            data.fill_sqlite_store(self.bulk)
        url = data.sqlite_url(self.bulk)
        self._charts(url)
        from municipalities.registry import municipalities

        every = [m.code for m in municipalities()]
        subset = self.reports
        folder = self.work / "reports"
        shutil.rmtree(folder, ignore_errors=True)
        if subset >= len(every):
            args = ["--all"]
            count = len(every)
        else:
            # A county-sized subset, measured whole and scaled to 290 (the work per report
            # does not depend on which municipality it is).
            args = ["--all", "--county", "01"]
            count = sum(m.county_code == "01" for m in municipalities())
        start = time.perf_counter()
        command(
            [*MILJOMAL, "--db", url, "report", "municipality", *args, "-y", "2024"]
            + ["-o", str(folder), "--jobs", str(os.cpu_count() or 2)]
        )
        elapsed = time.perf_counter() - start
        pdfs = len(list(folder.glob("*.pdf")))
        assert pdfs == count, (pdfs, count)
        scaled = elapsed * len(every) / count
        note = "" if count == len(every) else f"measured {count} (county 01), scaled to 290"
        self.add(
            Row(
                "6",
                f"all 290 municipality reports, PDF, 40 indicators, {os.cpu_count()} processes",
                scaled,
                "",
                None,
                "< 180 s",
                180,
                absolute=True,
                note=note,
            )
        )
        if note:
            self.notes.append(f"case 6 reports: {note} ({elapsed:.1f} s for {count})")
        county = self.work / "county-22.pdf"
        self.add(
            Row(
                "6",
                "county report 22 (PDF: table and 40 small-multiple pages)",
                statistics.median(
                    timed(
                        lambda: command(
                            [*MILJOMAL, "--db", url, "report", "county", "22", "-y", "2024"]
                            + ["-o", str(county)]
                        ),
                        1,
                    )
                ),
                "",
                None,
                "(no target)",
                None,
            )
        )

    # case 8: the public site
    def publish_case(self) -> None:
        log("case 8: publish the whole country's site, then re-publish after one change")
        if not hasattr(self, "bulk"):
            self.bulk = self.data / "bulk.db"
            data.copy_store(self.local, self.bulk)
            data.fill_sqlite_store(self.bulk)
        store = self.fresh(self.bulk, "publish.db")
        url = data.sqlite_url(store)
        site = self.work / "site"
        shutil.rmtree(site, ignore_errors=True)
        publish = [*MILJOMAL, "--db", url, "publish", "--whole-country", "--include-unapproved"]
        publish += ["-o", str(site), "--json"]
        start = time.perf_counter()
        first = json.loads(command(publish))
        elapsed = time.perf_counter() - start
        self.add(
            Row(
                "8",
                f"publish the whole country: {first['pages']} pages, {_n(first['values'])} values "
                f"(SEkom 16 x 290 x 30 years), {_n(first['written'])} files",
                elapsed,
                "",
                None,
                "< 180 s",
                180,
                absolute=True,
            )
        )
        import sqlite3

        connection = sqlite3.connect(store)
        with connection:
            connection.execute(
                "UPDATE observation SET value = value + 1, updated_at = '2025-03-01 12:00:00' "
                "WHERE municipality_code = '2281' AND year = 2024 AND indicator_id = "
                "(SELECT id FROM indicator WHERE code = 'GN.7')"
            )
        connection.close()
        start = time.perf_counter()
        again = json.loads(command(publish))
        elapsed = time.perf_counter() - start
        self.add(
            Row(
                "8",
                f"re-publish after one value of one municipality changed "
                f"({again['written']} files rewritten, {_n(again['unchanged'])} unchanged)",
                elapsed,
                "",
                None,
                "(no target)",
                None,
            )
        )

    def _charts(self, url: str) -> None:
        import charts as chart_pages

        from database.engine import make_engine
        from database.engine import session_scope
        from reports.queries import municipality_report_data

        engine = make_engine(url)
        with session_scope(engine) as session:
            reports = [
                municipality_report_data(session, code, year=2024)
                for code in ("2281", "0180", "1480")
            ]
        engine.dispose()
        runs = self.runs(False)
        bare = statistics.median(timed(lambda: chart_pages.bare_pages(reports), runs))
        ours = statistics.median(timed(lambda: chart_pages.miljomal_pages(reports), runs))
        self.add(
            Row(
                "6",
                "chart pages of 3 reports (30 A4 pages, 120 charts)",
                ours,
                "bare matplotlib: same lines and figures",
                bare,
                "<= 1.5x",
                1.5,
            )
        )


# --- output ------------------------------------------------------------------------------------


def machine() -> list[str]:
    from importlib.metadata import version

    cpu = "?"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    libraries = ", ".join(
        f"{name} {version(name)}"
        for name in (
            "SQLAlchemy",
            "python-calamine",
            "openpyxl",
            "matplotlib",
            "click",
            "psycopg",
            "alembic",
        )
    )
    return [
        f"- nproc: {os.cpu_count()}; CPU: {cpu}",
        f"- Python {platform.python_version()} ({platform.python_implementation()}), "
        f"{platform.system()} {platform.release()}",
        f"- {libraries}; SQLite {__import__('sqlite3').sqlite_version}",
    ]


def table(rows: list[Row]) -> list[str]:
    lines = [
        "| case | what | median | baseline | baseline median | ratio | target | |",
        "|---|---|---:|---|---:|---:|---|---|",
    ]
    for row in rows:
        unit = " MiB" if "MiB" in row.what else " s"
        value = f"{row.median:.0f}{unit}" if unit == " MiB" else f"{row.median:.3f} s"
        base = (
            "-"
            if row.base_median is None
            else (f"{row.base_median:.0f} MiB" if unit == " MiB" else f"{row.base_median:.3f} s")
        )
        ratio = f"{row.ratio:.2f}x" if row.ratio else "-"
        what = row.what + (f" ({row.note})" if row.note else "")
        lines.append(
            f"| {row.case} | {what} | {value} | {row.baseline or '-'} | {base} | {ratio} "
            f"| {row.target} | {row.verdict} |"
        )
    return lines


def write_doc(bench: Bench, seconds: float) -> None:
    generated = [
        START,
        "",
        f"Measured {time.strftime('%Y-%m-%d %H:%M')} by `make bench` in {seconds:.0f} s "
        f"({'quick' if bench.quick else 'full'} run).",
        "",
        *machine(),
        "",
        *table(bench.rows),
        "",
        *[f"- {note}" for note in bench.notes],
        "",
        END,
    ]
    text = DOC.read_text(encoding="utf-8") if DOC.exists() else "# Performance\n\n"
    if START in text and END in text:
        head, rest = text.split(START, 1)
        tail = rest.split(END, 1)[1]
        text = head + "\n".join(generated) + tail
    else:
        text = text.rstrip() + "\n\n" + "\n".join(generated) + "\n"
    DOC.write_text(text, encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="fewer runs (a smoke test)")
    parser.add_argument("--only", default="1,2,3,4,5,6,7,8", help="cases to run, such as 1,3")
    parser.add_argument(
        "--reports", type=int, default=26, help="municipality reports to draw (290: all)"
    )
    parser.add_argument("--no-docs", action="store_true", help="do not rewrite the docs")
    options = parser.parse_args()
    cases = set(options.only.split(","))
    began = time.perf_counter()
    bench = Bench(options.quick, options.reports)
    bench.prepare()
    if cases & {"1", "4"}:
        bench.startup()
    if "2" in cases:
        bench.year()
    if "3" in cases:
        bench.long_file()
    if "5" in cases:
        bench.query()
    if "6" in cases:
        bench.reports_case()
    if "7" in cases:
        bench.export_case()
    if "8" in cases:
        bench.publish_case()
    seconds = time.perf_counter() - began
    print()
    print(*machine(), sep="\n")
    print()
    print(*table(bench.rows), sep="\n")
    print()
    print(*[f"- {note}" for note in bench.notes], sep="\n")
    print(f"\nTotal {seconds:.0f} s.")
    if not options.no_docs and cases == {"1", "2", "3", "4", "5", "6", "7", "8"}:
        write_doc(bench, seconds)
        print(f"Wrote {DOC.relative_to(ROOT)}.")


if __name__ == "__main__":
    main()
