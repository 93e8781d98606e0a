"""Commands people run many times a day start fast: no pandas or matplotlib behind them.

Each command runs in a fresh interpreter (a subprocess), which then reports which of the
heavy libraries ended up in ``sys.modules``.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

HEAVY = ("pandas", "matplotlib")

# A probe's start: `miljomal ARGS...` (ARGS as JSON in argv[1]) run in this interpreter,
# its exit code in `code`, the probe's further arguments in `given`; what the probe then
# prints is its finding.
RUN_MILJOMAL = """
import json, sys
given = sys.argv[2:]
sys.argv = ["miljomal", *json.loads(sys.argv[1])]
from miljomal.cli import main
try:
    main()
except SystemExit as exc:
    code = exc.code
else:
    code = 0
"""

PROBE = (
    RUN_MILJOMAL
    + """
heavy = json.loads(given[0])
print(json.dumps({"code": code, "loaded": [m for m in heavy if m in sys.modules]}))
"""
)


def loaded_by(*args: str) -> dict:
    """Run `miljomal ARGS...` in a new interpreter; its exit code and the heavy modules loaded."""
    done = subprocess.run(
        [sys.executable, "-c", PROBE, json.dumps(list(args)), json.dumps(HEAVY)],
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(done.stdout.strip().splitlines()[-1])


@pytest.fixture
def store_file(sqlite_store_url: str) -> str:
    """An initialised SQLite store (schema, registry, catalogue) in a file."""
    return sqlite_store_url


@pytest.fixture
def template_file(store_file: str, tmp_path: Path) -> Path:
    """A template for Sundsvall 2024 in the store, with one value filled in."""
    from database.engine import make_engine
    from database.engine import session_scope
    from intake.template import write_template

    engine = make_engine(store_file)
    with session_scope(engine) as session:
        path = write_template(session, "2281", 2024, tmp_path / "mall.xlsx")
    engine.dispose()
    from openpyxl import load_workbook

    workbook = load_workbook(path)
    workbook["Värden"]["I5"] = 1.5
    workbook.save(path)
    return path


def test_help_loads_neither_pandas_nor_matplotlib() -> None:
    result = loaded_by("--help")
    assert result == {"code": 0, "loaded": []}


# The libraries imported inside functions (each with a `# heavy:` comment naming this file;
# tests/test_architecture.py allows no other import inside a function): `--help` loads none.
HELP_UNUSED = (
    "defusedxml",
    "pandas",
    "matplotlib",
    "openpyxl",
    "python_calamine",
    "jinja2",
    "flask",
    "alembic",
    "sqlalchemy",
)


def test_help_loads_no_heavy_library() -> None:
    done = subprocess.run(
        [sys.executable, "-c", PROBE, json.dumps(["--help"]), json.dumps(HELP_UNUSED)],
        capture_output=True,
        text=True,
        check=True,
    )
    assert json.loads(done.stdout.strip().splitlines()[-1]) == {"code": 0, "loaded": []}


def test_indicators_list_loads_neither_pandas_nor_matplotlib(store_file: str) -> None:
    result = loaded_by("--db", store_file, "indicators", "list")
    assert result == {"code": 0, "loaded": []}


def test_import_loads_neither_pandas_nor_matplotlib(store_file: str, template_file: Path) -> None:
    result = loaded_by("--db", store_file, "import", "--json", str(template_file))
    assert result == {"code": 0, "loaded": []}


# One file's import pays only for what it uses: no migrations, templates, web or charts,
# and on SQLite not SQLAlchemy's PostgreSQL dialect, whose drivers bring asyncio (a model's
# `postgresql_where` used to load it for every command: indicators.models). Nor the
# statistics module, which brings fractions, for one median (intake.validation.outliers).
IMPORT_UNUSED = (
    "alembic",
    "jinja2",
    "flask",
    "matplotlib",
    "pandas",
    "sqlalchemy.dialects.postgresql",
    "statistics",
)


@pytest.mark.parametrize("dry_run", [False, True], ids=["import", "dry-run"])
def test_import_of_one_file_loads_no_alembic_jinja_flask_matplotlib_or_pandas(
    store_file: str, template_file: Path, dry_run: bool
) -> None:
    options = ["--dry-run"] if dry_run else []
    args = ["--db", store_file, "import", *options, "--json", str(template_file)]
    done = subprocess.run(
        [sys.executable, "-c", PROBE, json.dumps(args), json.dumps(IMPORT_UNUSED)],
        capture_output=True,
        text=True,
        check=True,
    )
    lines = done.stdout.strip().splitlines()
    assert json.loads(lines[-1]) == {"code": 0, "loaded": []}
    outcome = json.loads("\n".join(lines[:-1]))["files"][0]["outcome"]
    assert outcome == ("dry-run" if dry_run else "imported")


def test_approval_list_loads_neither_pandas_nor_matplotlib(store_file: str) -> None:
    result = loaded_by("--db", store_file, "approval", "list", "--year", "2024")
    assert result == {"code": 0, "loaded": []}


def test_importing_the_library_does_not_load_pandas() -> None:
    probe = "import json, sys, miljomal; print(json.dumps('pandas' in sys.modules))"
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "false"


# The import path queries the tables with Core statements (indicators/store.py): an ORM
# statement would configure every mapper first, some 8 ms of a one-file import.
CONFIGURED_PROBE = (
    RUN_MILJOMAL
    + """
from database.base import Base
configured = sorted(m.class_.__name__ for m in Base.registry.mappers if m.configured)
print(json.dumps({"code": code, "configured": configured}))
"""
)


@pytest.mark.parametrize("dry_run", [False, True], ids=["import", "dry-run"])
def test_import_of_a_new_file_configures_no_mapper(
    store_file: str, template_file: Path, dry_run: bool
) -> None:
    options = ["--dry-run"] if dry_run else []
    args = ["--db", store_file, "import", *options, "-q", "--json", str(template_file)]
    done = subprocess.run(
        [sys.executable, "-c", CONFIGURED_PROBE, json.dumps(args)],
        capture_output=True,
        text=True,
        check=True,
    )
    assert json.loads(done.stdout.strip().splitlines()[-1]) == {"code": 0, "configured": []}
