"""`miljomal report municipality --all`: one PDF per municipality, drawn by several processes."""

from __future__ import annotations

from pathlib import Path

from report_samples import fill_store

from municipalities.registry import municipalities_in_county


def test_all_municipalities_of_a_county_get_a_pdf_each(miljomal, store, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    fill_store(store)
    folder = tmp_path / "rapporter"
    args = ["--all", "--county", "22", "-y", "2024", "-o", str(folder), "--jobs", "2"]
    result = miljomal("report", "municipality", *args)
    assert result.exit_code == 0, result.output
    expected = sorted(f"{m.code}.pdf" for m in municipalities_in_county("22"))
    assert sorted(p.name for p in folder.iterdir()) == expected
    assert all(p.read_bytes().startswith(b"%PDF") for p in folder.iterdir())
    assert f"Skrev {len(expected)} rapporter till {folder}" in result.output


def test_all_and_one_municipality_do_not_go_together(miljomal, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    result = miljomal("report", "municipality", "2281", "--all", "-o", str(tmp_path))
    assert result.exit_code == 2
    assert "ange MUNICIPALITY eller --all" in result.output


def test_all_needs_a_folder(miljomal, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    result = miljomal("report", "municipality", "--all", "-o", str(tmp_path / "x.pdf"))
    assert result.exit_code == 2
    assert "med --all anger -o en mapp" in result.output
