"""The main job: `miljomal demo` builds a store from the bundled examples and writes reports."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import run_cli
from conftest import shared_folder

VASTERNORRLAND = ["2260", "2262", "2280", "2281", "2282", "2283", "2284"]


def run_demo_once(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    """The demo's folder and what it printed: made once per run, whichever test and xdist
    worker comes first (it takes a minute or more), then read by the others."""
    with shared_folder(tmp_path_factory, "demo") as (folder, make):
        out, printed = folder / "demo-output", folder / "printed.txt"
        if make:
            result = run_cli("demo", "--out", str(out))
            assert result.exit_code == 0, result.output
            printed.write_text(result.output, encoding="utf-8")
        return out, printed.read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def demo_output(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    return run_demo_once(tmp_path_factory)


def test_demo_writes_every_report(tmp_path_factory: pytest.TempPathFactory) -> None:
    # The demo itself runs here, in the test of what it writes, when this test comes first
    # (it does in file order); the tests below read its folder.
    out, output = run_demo_once(tmp_path_factory)
    names = sorted(p.name for p in out.iterdir())
    for suffix in ("pdf", "html", "xlsx"):
        assert f"lan-22-2024.{suffix}" in names
        assert f"handlingsplan-uppfoljning.{suffix}" in names
    for suffix in ("html", "xlsx", "json"):
        assert f"inrapportering-22-2024.{suffix}" in names
    municipality_reports = [n for n in names if n.startswith("kommun-") and n.endswith(".pdf")]
    assert [n.split("-")[1] for n in municipality_reports] == VASTERNORRLAND
    assert "kommun-2284-ornskoldsvik-2024.html" in names
    for name in names:
        if name != "miljomal-demo.db":
            assert name in output  # the user is told where each file is


def test_demo_imports_every_example_file_and_labels_them(demo_output: tuple[Path, str]) -> None:
    out, _ = demo_output
    url = f"sqlite:///{out / 'miljomal-demo.db'}"
    uploads = json.loads(run_cli("uploads", "list", "--json", db=url).output)
    assert len(uploads) == 23  # 7 histories (2012 set), 14 templates (2023 set), 2 county files
    assert all(u["uploaded_by"] == "exempeldata" for u in uploads)
    for name in ("lan-22-2024.html", "kommun-2281-sundsvall-2024.html"):
        assert "EXEMPELDATA" in (out / name).read_text(encoding="utf-8")


def test_demo_leaves_values_to_chase(demo_output: tuple[Path, str]) -> None:
    out, _ = demo_output
    data = json.loads((out / "inrapportering-22-2024.json").read_text(encoding="utf-8"))
    chase = sorted((item["municipality"], item["indicator"]) for item in data["to_chase"])
    assert data["set"] == "sekom-2023"  # a 2024 report uses the 2023 set by default
    # Only what municipalities report is chased; Kramfors' missing GN.5 (national
    # statistics) is counted on the statistics line instead (issue 20 case 5).
    assert chase == [
        ("2260", "GN.8a"),
        ("2262", "GN.9b"),
        ("2283", "GN.7"),
    ]
    gn5 = next(i for i in data["national_statistics"]["indicators"] if i["code"] == "GN.5")
    assert (gn5["fetched"], gn5["of"]) == (6, 7)


def test_demo_shows_history_under_2012_and_recent_years_under_2023(
    demo_output: tuple[Path, str],
) -> None:
    from database.engine import make_engine
    from database.engine import session_scope
    from reports.queries import municipality_report_data

    out, _ = demo_output
    engine = make_engine(f"sqlite:///{out / 'miljomal-demo.db'}")
    try:
        with session_scope(engine) as session:
            report = municipality_report_data(session, "2281", 2024)
    finally:
        engine.dispose()
    assert report.set_code == "sekom-2023"
    # GN.6a continues 2012's GN.7: one series 2010-2024 with the revision marked in 2023.
    assert report.revisions["GN.6a"].old_code == "GN.7"
    assert [year for year, _ in report.series["GN.6a"].reported()][0] == 2010
    assert report.series["GN.6a"].value_in(2024) is not None
    # GN.5 widened its definition: the 2012 values are kept apart.
    assert report.revisions["GN.5"].relation == "changed"
    assert report.earlier["GN.5"].reported()[0][0] == 2010


def test_demo_data_is_reproducible(tmp_path: Path) -> None:
    """The bundled workbooks are exactly what scripts/make_demo_data.py writes."""
    import hashlib
    import subprocess
    import sys

    root = Path(__file__).resolve().parents[1]
    bundled = root / "miljomal" / "demo_data"
    script = root / "scripts" / "make_demo_data.py"
    subprocess.run([sys.executable, str(script), str(tmp_path)], check=True, capture_output=True)
    made = {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in tmp_path.iterdir()}
    assert made
    for name, digest in made.items():
        assert hashlib.sha256((bundled / name).read_bytes()).hexdigest() == digest, name
