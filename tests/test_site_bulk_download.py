"""The public site's bulk download: one deterministic zip of the open data, valid unzipped."""

from __future__ import annotations

import json
import zipfile
from pathlib import Path

import pytest
from test_publish_site import excel_csv
from test_publish_site import reported  # noqa: F401  (the fixture, asked for by name below)


@pytest.fixture
def cli(miljomal, request: pytest.FixtureRequest):  # type: ignore[no-untyped-def]
    """The CLI on a store with Sundsvall's and Timrå's values (test_publish_site's fixture)."""
    return request.getfixturevalue("reported")


ZIP = Path("data") / "miljomal-oppna-data.zip"
MEMBERS = ["datapackage.json", "indicators.csv", "municipalities.csv", "observations.csv"]


def test_the_zip_holds_the_data_package_and_validates_unzipped(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from frictionless import validate

    site = tmp_path / "site"
    assert cli("publish", "-o", str(site), "--include-unapproved").exit_code == 0
    with zipfile.ZipFile(site / ZIP) as archive:
        assert archive.namelist() == MEMBERS
        assert {i.date_time for i in archive.infolist()} == {(1980, 1, 1, 0, 0, 0)}
        for name in MEMBERS:  # the same bytes as the files beside it
            assert archive.read(name) == (site / "data" / name).read_bytes()
        unzipped = tmp_path / "unzipped"
        archive.extractall(unzipped)
    report = validate(str(unzipped / "datapackage.json"))
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])
    assert report.stats["tasks"] == 3


def test_the_zip_is_linked_from_the_open_data_section(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    site = tmp_path / "site"
    assert cli("publish", "-o", str(site)).exit_code == 0
    start = (site / "index.html").read_text(encoding="utf-8")
    open_data = start[start.index("<h2>Öppna data</h2>") :]
    assert '<a href="data/miljomal-oppna-data.zip" download>miljomal-oppna-data.zip</a>' in (
        open_data
    )
    assert cli("publish", "-o", str(tmp_path / "en"), "--lang", "en").exit_code == 0
    english = (tmp_path / "en" / "index.html").read_text(encoding="utf-8")
    assert "Everything at once: a zip file with the data package" in english


def test_the_zip_is_rebuilt_only_when_the_data_changed(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    site = tmp_path / "site"
    first = json.loads(cli("publish", "-o", str(site), "--json").output)
    assert "data/miljomal-oppna-data.zip" in first["written_files"]
    before = (site / ZIP).read_bytes()
    again = json.loads(cli("publish", "-o", str(site), "--json").output)
    assert again["written"] == 0
    # Published elsewhere, the same data makes the same bytes (no time, no order of the disk).
    assert cli("publish", "-o", str(tmp_path / "other")).exit_code == 0
    assert (tmp_path / "other" / ZIP).read_bytes() == before

    cli("approval", "reopen", "-m", "2281", "-y", "2024", "--reason", "Rättelse")
    fix = excel_csv(tmp_path / "fix.csv", "Sundsvall;GN.6;2024;17,0;;")
    assert cli("import", str(fix), "--user", "anna").exit_code == 0
    cli("approval", "approve", "-m", "2281", "-y", "2024")
    changed = json.loads(cli("publish", "-o", str(site), "--json").output)
    assert "data/miljomal-oppna-data.zip" in changed["written_files"]
    with zipfile.ZipFile(site / ZIP) as archive:
        assert "2281,Sundsvall,GN.6,2024,17,reported,,true" in archive.read(
            "observations.csv"
        ).decode("utf-8")


def test_a_zip_with_the_same_content_hash_is_not_compressed_again() -> None:
    from reports.site import bulk

    files = {
        "data/datapackage.json": b'{"resources": [{"path": "a.csv"}]}',
        "data/a.csv": b"x\n1\n",
    }
    made = bulk.bulk_zip(files)
    assert bulk.stored_hash(made) == bulk.content_hash(bulk.members(files))
    # An equal zip found in the folder is kept as it is; a changed file makes a new one.
    assert bulk.bulk_zip(files, made) is made
    files["data/a.csv"] = b"x\n2\n"
    assert bulk.bulk_zip(files, made) != made
    assert bulk.bulk_zip(files, b"not a zip") == bulk.build_zip(bulk.members(files))
