"""`miljomal publish`: the public static site, its open data, links and incremental re-publish."""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote
from urllib.parse import urldefrag

import pytest
from conftest import approve_years

# The browser and axe-core fixtures the report documents' accessibility test defines.
# (asked for with request.getfixturevalue, as a parameter would shadow the import)
from test_accessible_html import axe_run  # noqa: F401
from test_accessible_html import browser  # noqa: F401

HEADER = "Kommun;Indikator;År;Värde;Status;Kommentar"


def excel_csv(path: Path, *rows: str) -> Path:
    """A `;` CSV in cp1252, as Swedish Excel saves it."""
    path.write_bytes(("\r\n".join([HEADER, *rows]) + "\r\n").encode("cp1252"))
    return path


@pytest.fixture
def reported(miljomal, store_url: str, tmp_path: Path):  # type: ignore[no-untyped-def]
    """Sundsvall 2018-2024 for GN.6 and GN.7 (approved 2018-2024); Timrå 2024 (not approved)."""
    rows = []
    for year in range(2018, 2025):
        rows.append(f"Sundsvall;GN.6;{year};{10 + year - 2018},5;;")
        rows.append(f"Sundsvall;GN.7;{year};{1500 - 40 * (year - 2018)};;")
    rows.append("Sundsvall;GN.7;2017;..;;<script>alert(1)</script> okänt")
    rows.append("Timrå;GN.6;2024;3,5;;Preliminärt")
    rows.append('Timrå;GN.7;2024;12;;=HYPERLINK("http://x.example")')
    result = miljomal("import", str(excel_csv(tmp_path / "in.csv", *rows)), "--user", "anna")
    assert result.exit_code == 0, result.output
    approve_years(store_url, "2281", range(2017, 2025))
    return miljomal


def text_of(path: Path) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", path.read_text(encoding="utf-8")))


def test_publish_shows_only_approved_values_by_default(reported, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    site = tmp_path / "site"
    result = reported("publish", "--out", str(site))
    assert result.exit_code == 0, result.output
    assert result.output.startswith(f"Webbplatsen i {site}: 27 sidor, 15 värden;")

    sundsvall = text_of(site / "kommun" / "2281.html")
    assert "GN.6 Skyddad natur" in sundsvall
    assert "16,5" in sundsvall  # GN.6 2024, one decimal, decimal comma
    assert "1 260" in sundsvall  # GN.7 2024 with a space between thousands
    assert "preliminär" not in sundsvall
    assert "Uppgifter till och med" in sundsvall and "Källa:" in sundsvall
    raw = (site / "kommun" / "2281.html").read_text(encoding="utf-8")
    assert "<script>" not in raw and "&lt;script&gt;alert(1)&lt;/script&gt; okänt" in raw
    assert raw.count("<svg") == 2

    timra = text_of(site / "kommun" / "2262.html")
    assert "Inga publicerade värden." in timra
    assert "3,5" not in timra
    observations = (site / "data" / "observations.csv").read_text(encoding="utf-8")
    assert "2262" not in observations
    assert observations.splitlines()[1] == "2281,Sundsvall,GN.6,2018,10.5,reported,,true"

    series = json.loads((site / "kommun" / "2281" / "GN.7.json").read_text(encoding="utf-8"))
    assert series["trend"] == "improving"  # less waste every year
    assert [p["year"] for p in series["points"]] == list(range(2017, 2025))
    assert (site / "kommun" / "2281" / "GN.7.csv").read_text(encoding="utf-8").splitlines()[
        -1
    ] == "2024,1260,reported,,false"


def test_include_unapproved_marks_values_preliminary(reported, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    site = tmp_path / "site"
    assert reported("publish", "-o", str(site), "--include-unapproved").exit_code == 0
    timra = text_of(site / "kommun" / "2262.html")
    assert "3,5 preliminär" in timra
    assert "Värden märkta preliminär är ännu inte godkända av länsstyrelsen." in timra
    assert "preliminär" not in text_of(site / "kommun" / "2281.html").split("Uppgifter till")[0]
    lines = (site / "data" / "observations.csv").read_text(encoding="utf-8").splitlines()
    assert "2262,Timrå,GN.6,2024,3.5,reported,Preliminärt,false" in lines
    # A comment a spreadsheet would run is neutralised.
    assert '2262,Timrå,GN.7,2024,12,reported,"\'=HYPERLINK(""http://x.example"")",false' in lines


def test_data_package_validates_with_frictionless(reported, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from frictionless import validate

    site = tmp_path / "site"
    assert reported("publish", "-o", str(site), "--include-unapproved").exit_code == 0
    report = validate(str(site / "data" / "datapackage.json"))
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])
    package = json.loads((site / "data" / "datapackage.json").read_text(encoding="utf-8"))
    assert [r["name"] for r in package["resources"]] == [
        "observations",
        "indicators",
        "municipalities",
    ]
    assert report.stats["tasks"] == 3


def test_a_broken_data_package_fails_validation(reported, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """The validation above can fail: a status outside the schema's enum is caught."""
    from frictionless import validate

    site = tmp_path / "site"
    reported("publish", "-o", str(site))
    path = site / "data" / "observations.csv"
    path.write_text(path.read_text(encoding="utf-8").replace(",reported,", ",rapporterat,", 1))
    assert not validate(str(site / "data" / "datapackage.json")).valid


class _Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.links: list[str] = []
        self.ids: set[str] = set()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        for name in ("href", "src"):
            if found.get(name):
                self.links.append(str(found[name]))
        if found.get("id"):
            self.ids.add(str(found["id"]))


def broken_links(site: Path) -> list[str]:
    """Every internal link (file and #anchor) of every page that does not resolve."""
    parsed: dict[Path, _Links] = {}
    for page in site.rglob("*.html"):
        parser = _Links()
        parser.feed(page.read_text(encoding="utf-8"))
        parsed[page.resolve()] = parser
    broken = []
    for page, parser in parsed.items():
        for link in parser.links:
            # The one address the law requires (DIGG's form, in the accessibility statement).
            if link == "https://www.digg.se/tdosanmalan":
                continue
            if re.match(r"^[a-z]+:", link):
                broken.append(f"{page.name}: external or absolute link {link}")
                continue
            path, anchor = urldefrag(link)
            target = (page.parent / unquote(path)).resolve() if path else page
            if not target.is_file():
                broken.append(f"{page.relative_to(site.resolve())}: {link}")
            elif anchor and target.suffix == ".html" and anchor not in parsed[target].ids:
                broken.append(f"{page.relative_to(site.resolve())}: {link} (no #{anchor})")
    return broken


def test_every_internal_link_resolves(reported, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    site = tmp_path / "site"
    assert reported("publish", "-o", str(site), "--include-unapproved").exit_code == 0
    assert broken_links(site) == []
    # ... and the check itself finds a broken one.
    (site / "indikator" / "GN.6.csv").unlink()
    assert broken_links(site) == ["indikator/GN.6.html: GN.6.csv"]


def test_republish_rewrites_only_what_changed(reported, tmp_path: Path, store) -> None:  # type: ignore[no-untyped-def]
    site = tmp_path / "site"
    first = json.loads(reported("publish", "-o", str(site), "--json").output)
    # 27 pages, CSS, 41 data files, 2 SVG, 2 embed pages, the headers for nginx
    assert (first["unchanged"], first["written"]) == (0, 74)
    again = json.loads(reported("publish", "-o", str(site), "--json").output)
    assert (again["written"], again["removed"]) == (0, 0)

    # Sundsvall corrects GN.6 2024 (the county reopens, the file comes in, it approves again).
    reported("approval", "reopen", "-m", "2281", "-y", "2024", "--reason", "Rättelse")
    fix = excel_csv(tmp_path / "fix.csv", "Sundsvall;GN.6;2024;17,0;;")
    assert reported("import", str(fix), "--user", "anna").exit_code == 0
    reported("approval", "approve", "-m", "2281", "-y", "2024")
    changed = json.loads(reported("publish", "-o", str(site), "--json").output)
    written = set(changed["written_files"])
    assert {"kommun/2281.html", "kommun/2281/GN.6.csv", "indikator/GN.6.html"} <= written
    assert written <= {
        "kommun/2281.html",
        "kommun/2281/GN.6.csv",
        "kommun/2281/GN.6.json",
        "kommun/2281/GN.6.svg",
        "inbadda/2281/GN.6.html",
        "indikator/GN.6.html",
        "indikator/GN.6.csv",
        "indikator/GN.6.json",
        "data/observations.csv",
        "data/datapackage.json",
        "data/miljomal-oppna-data.zip",
        "index.html",
        "metod.html",
        "tillganglighet.html",
        "personuppgifter.html",
    }
    assert "17,0" in text_of(site / "kommun" / "2281.html")


def test_english_site(reported, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    site = tmp_path / "site"
    assert reported("publish", "-o", str(site), "--lang", "en").exit_code == 0
    start = text_of(site / "index.html")
    assert "Environmental objective indicators – Västernorrlands län" in start
    assert '<html lang="en">' in (site / "index.html").read_text(encoding="utf-8")
    assert "16.5" in text_of(site / "kommun" / "2281.html")


def test_publish_options_go_one_at_a_time(reported, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    result = reported("publish", "-o", str(tmp_path / "s"), "--county", "22", "--whole-country")
    assert result.exit_code == 2
    assert "ange en av --county, --group och --whole-country" in result.output


@pytest.mark.parametrize("width", [1280, 400])
def test_pages_render_and_pass_axe_in_chromium(  # type: ignore[no-untyped-def]
    reported, request: pytest.FixtureRequest, tmp_path: Path, width: int
) -> None:
    chromium, run_axe = request.getfixturevalue("browser"), request.getfixturevalue("axe_run")
    site = tmp_path / "site"
    assert reported("publish", "-o", str(site), "--include-unapproved").exit_code == 0
    pages = ["index.html", "kommun/2281.html", "kommun/2262.html", "indikator/GN.7.html"]
    pages.extend(["metod.html", "tillganglighet.html", "personuppgifter.html"])
    assert {path: run_axe(site / path, width) for path in pages} == {path: [] for path in pages}
    page = chromium.new_page(viewport={"width": width, "height": 900})
    try:
        headings = []
        for path in pages:
            page.goto((site / path).as_uri())
            headings.append(page.locator("h1").count())
        # On a phone nothing is wider than the screen but the tables that scroll on their own.
        page.goto((site / "kommun/2281.html").as_uri())
        overflow = page.evaluate("document.documentElement.scrollWidth")
    finally:
        page.close()
    assert headings == [1] * len(pages)
    assert overflow <= width


def test_the_axe_check_finds_a_serious_violation(
    request: pytest.FixtureRequest, tmp_path: Path
) -> None:
    """The check above can fail: an image without alt text and an unnamed link are caught."""
    page_file = tmp_path / "bad.html"
    page_file.write_text(
        '<!DOCTYPE html><html lang="sv"><head><title>x</title></head><body><main>'
        '<h1>x</h1><img src="a.png"><a href="b.html"></a></main></body></html>',
        encoding="utf-8",
    )
    found = request.getfixturevalue("axe_run")(page_file)
    assert [line.split(" ")[1].rstrip(":") for line in found] == ["image-alt", "link-name"]


def test_indicator_codes_never_make_paths_outside_the_site() -> None:
    from reports.site.data import SiteIndicator

    def named(code: str) -> str:
        return SiteIndicator(code, "n", "n", "%", "higher", 1, None, "municipality", None).file_name

    assert named("GN.8a") == "GN.8a"
    assert named("../../etc/passwd") == "etc-passwd"
    assert named("K 1/2") == "k-1-2"


def test_negative_numbers_stay_numbers_in_the_csv() -> None:
    from reports.site.downloads import _csv
    from reports.site.downloads import _plain

    assert _csv(["value", "comment"], [[_plain(-2.0), "-2"], [_plain(0.25), ""]]) == (
        b"value,comment\n-2,'-2\n0.25,\n"
    )


def test_a_series_continues_across_the_set_revision(miljomal, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """2012's GN.7 (waste) continues as 2023's GN.6a with the same definition: one series."""
    old = [f"Sundsvall;GN.7;{year};{500 - 20 * (year - 2018)};;" for year in range(2018, 2023)]
    new = ["Sundsvall;GN.6a;2023;390;;", "Sundsvall;GN.6a;2024;380;;"]
    for name, rows in (("old.csv", old), ("new.csv", new)):
        result = miljomal("import", str(excel_csv(tmp_path / name, *rows)), "--user", "anna")
        assert result.exit_code == 0, result.output
    site = tmp_path / "site"
    assert miljomal("publish", "-o", str(site), "--include-unapproved").exit_code == 0
    series = json.loads((site / "kommun" / "2281" / "GN.6a.json").read_text(encoding="utf-8"))
    assert [(p["year"], p["value"]) for p in series["points"]] == [
        (2018, 500.0),
        (2019, 480.0),
        (2020, 460.0),
        (2021, 440.0),
        (2022, 420.0),
        (2023, 390.0),
        (2024, 380.0),
    ]
    assert series["trend"] == "improving"
    assert not (site / "kommun" / "2281" / "GN.7.json").exists()  # 2023's GN.7 has no values


def test_a_planted_manifest_never_removes_files_outside_the_site(reported, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """The site folder's manifest names the files an earlier publish wrote, to remove stale
    ones; a manifest someone planted (an absolute path, a path through a symlink) must not
    make `publish` delete anything outside the folder."""
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "viktig.txt").write_text("keep me", encoding="utf-8")
    site = tmp_path / "site"
    site.mkdir()
    (site / "genväg").symlink_to(outside, target_is_directory=True)
    (site / "gammal.html").write_text("stale", encoding="utf-8")
    planted = [str(outside / "viktig.txt"), "genväg/viktig.txt", "../outside/viktig.txt"]
    (site / ".miljomal-site.json").write_text(
        json.dumps([*planted, "gammal.html"]), encoding="utf-8"
    )
    result = json.loads(reported("publish", "-o", str(site), "--json").output)
    assert (outside / "viktig.txt").read_text(encoding="utf-8") == "keep me"
    assert result["removed"] == 1 and not (site / "gammal.html").exists()  # its own stale file


def test_a_site_folder_that_links_outside_is_refused(reported, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    outside = tmp_path / "outside"
    outside.mkdir()
    site = tmp_path / "site"
    site.mkdir()
    (site / "kommun").symlink_to(outside, target_is_directory=True)
    result = reported("publish", "-o", str(site))
    assert result.exit_code == 1, result.output
    assert "kommun" in result.output and "symbolisk länk" in result.output
    assert "Traceback" not in result.output
    assert list(outside.iterdir()) == [] and sorted(p.name for p in site.iterdir()) == ["kommun"]


# --- issue 22, case 11: nothing planted in the folder is trusted -------------------------------


def _publish_in_a_child(store_url: str, site: Path) -> tuple[int, str]:
    """`miljomal publish` in its own process, bounded in time and memory (a FIFO would hang
    it and /dev/zero exhaust memory if either were opened as a page)."""
    import resource
    import subprocess
    import sys

    def limits() -> None:
        resource.setrlimit(resource.RLIMIT_AS, (2 * 1024**3, 2 * 1024**3))

    child = subprocess.run(
        [sys.executable, "-m", "miljomal", "--db", store_url, "publish", "-o", str(site)],
        capture_output=True,
        text=True,
        timeout=120,
        preexec_fn=limits,
        check=False,
    )
    return child.returncode, child.stdout + child.stderr


@pytest.mark.parametrize("planted", ["fifo", "dev-zero"])
@pytest.mark.parametrize("name", ["index.html", ".miljomal-site.json"])
def test_a_fifo_or_a_device_at_a_page_or_manifest_name_is_refused(
    reported, store_url: str, tmp_path: Path, planted: str, name: str
) -> None:  # type: ignore[no-untyped-def]
    import os

    site = tmp_path / "site"
    site.mkdir()
    if planted == "fifo":
        os.mkfifo(site / name)
    else:
        (site / name).symlink_to("/dev/zero")
    code, output = _publish_in_a_child(store_url, site)
    assert code == 1, output
    kind = "en FIFO" if planted == "fifo" else "en symbolisk länk"
    assert f"Fel: {name} i {site} är ingen vanlig fil utan {kind}" in output
    assert "Traceback" not in output and "MemoryError" not in output
    assert sorted(p.name for p in site.iterdir()) == [name]  # nothing written


@pytest.mark.parametrize(
    "name",
    ["index.html", ".miljomal-index.html.part", ".miljomal-site.json", "data/observations.csv"],
)
def test_a_link_planted_at_a_name_publish_writes_never_overwrites_its_target(
    reported, tmp_path: Path, name: str
) -> None:  # type: ignore[no-untyped-def]
    victim = tmp_path / "offer.txt"
    victim.write_text("keep me", encoding="utf-8")
    site = tmp_path / "site"
    (site / name).parent.mkdir(parents=True)
    (site / name).symlink_to(victim)
    result = reported("publish", "-o", str(site))
    assert victim.read_text(encoding="utf-8") == "keep me"
    assert "Traceback" not in result.output
    if name.endswith(".part"):  # not a name publish uses: a fresh random name is
        assert result.exit_code == 0, result.output
        assert (site / "index.html").is_file() and not (site / "index.html").is_symlink()
        assert not [p for p in site.iterdir() if p.name.endswith(".part") and p.name != name]
    else:
        assert result.exit_code == 1
        assert f"Fel: {name} i {site} är ingen vanlig fil utan en symbolisk länk" in result.output


def test_an_oversized_manifest_is_refused_unread(reported, tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    import reports.site.writing

    monkeypatch.setattr(reports.site.writing, "MAX_MANIFEST_BYTES", 1000)
    site = tmp_path / "site"
    site.mkdir()
    (site / ".miljomal-site.json").write_text(json.dumps(["x" * 50] * 40), encoding="utf-8")
    result = reported("publish", "-o", str(site))
    assert result.exit_code == 1
    assert result.output == (
        f"Fel: .miljomal-site.json i {site} är större än 1000 byte och är ingen lista som "
        "publish skrev; ta bort den, inget publicerades\n"
    )
    assert sorted(p.name for p in site.iterdir()) == [".miljomal-site.json"]
