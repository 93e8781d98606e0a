"""The county board's pages and the reports a reporter reads (issue 21, cases 5 and 6):
year choosers, missing indicators named, the log newest first with names, Swedish download
names, and the county compilation uploaded through the portal."""

from __future__ import annotations

import html
import re
import shutil
import subprocess
from io import BytesIO
from pathlib import Path
from typing import Any

import pytest
from portal import SUNDSVALL
from portal import TIMRA
from portal import csrf_token
from portal import log_in
from portal import make_portal
from portal import stored

YEAR = 2022  # a year of the 2012 set: GN.7 is household waste, kg per person
SET_2012 = [
    "GN.1a", "GN.1b", "GN.2", "GN.3", "GN.4", "GN.5", "GN.6", "GN.7",
    "GN.8a", "GN.8b", "GN.8c", "GN.9", "GN.10a", "GN.10b", "GN.11", "GN.12",
]  # fmt: skip


@pytest.fixture
def portal(store_url: str, tmp_path: Path):  # type: ignore[no-untyped-def]
    return make_portal(store_url, tmp_path, REPORT_CACHE=str(tmp_path))


def client_for(portal: Any, who: str) -> Any:
    client = portal.test_client()
    assert log_in(client, who).status_code == 302
    return client


def save_form(client: Any, code: str, **values: str) -> Any:
    url = f"/kommun/{code}/formular?ar={YEAR}"
    fields = {f"value-{key.replace('_', '.')}": value for key, value in values.items()}
    return client.post(url, data={"csrf_token": csrf_token(client, url), **fields})


def decide(client: Any, code: str, action: str, reason: str = "") -> Any:
    token = csrf_token(client, f"/lan/inrapportering?ar={YEAR}")
    return client.post(
        f"/lan/kommun/{code}/beslut?ar={YEAR}",
        data={"csrf_token": token, "action": action, "reason": reason},
    )


@pytest.mark.parametrize("page", ["inrapportering", "paminnelser", "rapporter"])
def test_every_county_page_has_a_year_chooser(portal, page: str) -> None:  # type: ignore[no-untyped-def]
    text = client_for(portal, "county").get(f"/lan/{page}?ar={YEAR}").get_data(as_text=True)
    chooser = re.search(r'<form method="get" class="year-chooser">(.*?)</form>', text, re.S)
    assert chooser is not None
    assert f'<option value="{YEAR}" selected>{YEAR}</option>' in chooser.group(1)
    assert '<select id="ar" name="ar">' in chooser.group(1)


def test_reminders_name_the_missing_indicators(portal) -> None:  # type: ignore[no-untyped-def]
    assert save_form(client_for(portal, "reporter"), TIMRA, GN_7="412", GN_6="..").status_code
    page = client_for(portal, "county").get(f"/lan/paminnelser?ar={YEAR}").get_data(as_text=True)
    row = re.search(r"<th scope=\"row\">Timrå</th>(.*?)</tr>", page, re.S)
    assert row is not None
    missing = re.search(r'<td class="missing-indicators">([^<]*)</td>', row.group(1))
    assert missing is not None
    assert missing.group(1) == ", ".join(code for code in SET_2012 if code != "GN.7")
    assert "saknar värden" in row.group(1)


def test_the_audit_log_is_newest_first_with_names_and_filters(portal) -> None:  # type: ignore[no-untyped-def]
    assert save_form(client_for(portal, "reporter"), TIMRA, GN_7="412").status_code == 302
    county = client_for(portal, "county")
    assert decide(county, TIMRA, "approve").status_code == 302
    page = county.get(f"/lan/granskningslogg?ar={YEAR}").get_data(as_text=True)
    rows = re.findall(r"<tr><td>[^<]*</td><td>([^<]*)</td><td>[^<]*</td><td>([^<]*)</td>", page)
    assert rows == [("godkänd", "Timrå (2262)"), ("uppladdning", "Timrå (2262)")]
    assert '<option value="2262">Timrå (2262)</option>' in page
    assert f'<option value="{YEAR}" selected>{YEAR}</option>' in page
    filtered = county.get(f"/lan/granskningslogg?ar={YEAR}&kommun={SUNDSVALL}")
    assert "Timrå (2262)</td>" not in filtered.get_data(as_text=True)


def _pdf_text(data: bytes, tmp_path: Path) -> str:
    if shutil.which("pdftotext") is None:
        pytest.skip("pdftotext (poppler-utils) is not installed")
    path = tmp_path / "rapport.pdf"
    path.write_bytes(data)
    found = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True)
    return " ".join(found.stdout.split())


def test_reports_download_under_swedish_names_and_the_pdf_names_its_twin(  # type: ignore[no-untyped-def]
    portal, tmp_path: Path
) -> None:
    assert save_form(client_for(portal, "reporter"), TIMRA, GN_7="412").status_code == 302
    county = client_for(portal, "county")
    expected = {
        f"/lan/rapporter/county.pdf?ar={YEAR}": "lan-22-2022.pdf",
        f"/lan/rapporter/county.xlsx?ar={YEAR}": "lan-22-2022.xlsx",
        f"/lan/rapporter/municipality.pdf?ar={YEAR}&kommun={TIMRA}": "kommun-2262-timra-2022.pdf",
    }
    for url, name in expected.items():
        response = county.get(url)
        assert response.status_code == 200, url
        assert response.headers["Content-Disposition"] == f"attachment; filename={name}"
        if name.endswith(".pdf"):
            text = _pdf_text(response.data, tmp_path)
            twin = name.replace(".pdf", ".html")
            assert f"Tillgänglig version (HTML): {twin}" in text
            assert not re.search(r"\.[0-9a-f]{8}", text)  # no temporary file's name


def test_a_reporter_reads_the_own_report_and_the_county_comparison(portal) -> None:  # type: ignore[no-untyped-def]
    reporter = client_for(portal, "reporter")
    assert save_form(reporter, TIMRA, GN_7="412").status_code == 302
    page = reporter.get(f"/kommun/{TIMRA}?ar={YEAR}").get_data(as_text=True)
    base = f"/kommun/{TIMRA}/rapporter"
    for link in ("kommunrapport.pdf", "kommunrapport.html", "lan.html"):
        assert f'href="{base}/{link}?ar={YEAR}"' in page
    own = reporter.get(f"{base}/kommunrapport.pdf?ar={YEAR}")
    assert own.status_code == 200
    assert own.headers["Content-Disposition"] == "attachment; filename=kommun-2262-timra-2022.pdf"
    comparison = reporter.get(f"{base}/lan.html?ar={YEAR}")
    assert comparison.status_code == 200 and comparison.mimetype == "text/html"
    assert "Timrå" in comparison.get_data(as_text=True)
    assert "Godkänn" not in comparison.get_data(as_text=True)  # read-only
    assert reporter.get(f"/kommun/{SUNDSVALL}/rapporter/kommunrapport.pdf").status_code == 403
    assert reporter.get(f"{base}/kommunrapport.xlsx?ar={YEAR}").status_code == 404


def _upload(client: Any, content: bytes, name: str = "lan.csv") -> Any:
    url = f"/lan/ladda-upp?ar={YEAR}"
    return client.post(
        url,
        data={"csrf_token": csrf_token(client, url), "file": (BytesIO(content), name)},
        content_type="multipart/form-data",
    )


def test_the_county_board_uploads_a_county_compilation(portal, store_url) -> None:  # type: ignore[no-untyped-def]
    county = client_for(portal, "county")
    assert 'href="/lan/ladda-upp?ar=2022"' in county.get(f"/lan/inrapportering?ar={YEAR}").text
    content = "Kommun;År;GN.7;GN.6\r\nTimrå;2022;412;12\r\nSundsvall;2022;300;10\r\n"
    content += "Västernorrlands län;2022;712;22\r\n"
    review = _upload(county, content.encode())
    assert review.status_code == 200
    page = html.unescape(review.get_data(as_text=True))
    assert "Filen kan sparas: 4 nya värden, 0 ändrade och 0 oförändrade." in page
    # The totals row, and the bare GN.7 whose meaning changed in 2023 (read in 2022's set).
    assert "2 varningar att titta på." in page
    assert "Raden 'Västernorrlands län' är en summa" in page
    assert "GN.7 läses som Mängd hushållsavfall (2012)" in page
    sha = re.search(r'name="sha256" value="([0-9a-f]{64})"', page)
    assert sha is not None
    saved = county.post(
        "/lan/spara", data={"csrf_token": csrf_token(county, "/lan/ladda-upp"), "sha256": sha[1]}
    )
    assert saved.status_code == 302
    assert saved.headers["Location"].startswith(f"/lan/inrapportering?ar={YEAR}&sparad=")
    assert stored(store_url, TIMRA, "GN.7", YEAR) == (412.0, "reported", None)
    assert stored(store_url, SUNDSVALL, "GN.6", YEAR) == (10.0, "reported", None)


def test_a_county_compilation_holds_only_the_countys_municipalities(portal, store_url) -> None:  # type: ignore[no-untyped-def]
    county = client_for(portal, "county")
    refused = _upload(county, b"Kommun;GN.7\r\nTimr\xc3\xa5;412\r\nBotkyrka;300\r\n")
    assert refused.status_code == 200  # the review, with the error and no Spara
    page = refused.get_data(as_text=True)
    assert 'data-code="municipality-not-permitted"' in page
    assert "Filen har värden för Botkyrka (0127), som du inte rapporterar för." in page
    assert 'name="sha256"' not in page
    assert stored(store_url, TIMRA, "GN.7", YEAR) is None
    reporter = client_for(portal, "reporter")
    assert reporter.get("/lan/ladda-upp").status_code == 403
    assert reporter.post("/lan/spara", data={"sha256": "0" * 64}).status_code in (400, 403)


def test_the_county_upload_migration_goes_both_ways(engine) -> None:  # type: ignore[no-untyped-def]
    """0012: a staged file may have no municipality; the downgrade drops such copies."""
    from alembic import command
    from sqlalchemy import inspect
    from sqlalchemy import text

    from miljomal.db import alembic_config

    def nullable() -> bool:
        columns = inspect(engine).get_columns("staged_file")
        return next(c["nullable"] for c in columns if c["name"] == "municipality_code")

    command.upgrade(alembic_config(engine), "head")
    assert nullable() is True
    with engine.begin() as connection:
        connection.execute(
            text(
                "INSERT INTO app_user (email, name, role, active, lang, session_epoch, "
                "created_at) VALUES ('lars@lan.se', 'Lars', 'county', :yes, 'sv', 0, "
                "'2026-12-07 10:00:00')"
            ),
            {"yes": True},
        )
        connection.execute(
            text(
                "INSERT INTO staged_file (sha256, user_id, municipality_code, year, file_name, "
                "content, ok, created_at, expires_at) VALUES ('ab', 1, NULL, 2022, 'lan.csv', "
                ":content, :yes, '2026-12-07 10:00:00', '2026-12-08 10:00:00')"
            ),
            {"content": b"x", "yes": True},
        )
    command.downgrade(alembic_config(engine), "0011_review_loop")
    assert nullable() is False
    with engine.connect() as connection:
        assert connection.execute(text("SELECT count(*) FROM staged_file")).scalar() == 0


def test_a_comparison_without_values_names_no_command(portal) -> None:  # type: ignore[no-untyped-def]
    """The county comparison a reporter opens for a year nobody reported: no CLI words."""
    reporter = client_for(portal, "reporter")
    page = reporter.get(f"/kommun/{TIMRA}/rapporter/lan.html?ar=2021").get_data(as_text=True)
    assert "Inga värden för 2021" in page
    assert "se i rapporten om inrapporteringsgraden vilka som har rapporterat." in page
    shown = re.sub(r"<style\b.*?</style>|<[^>]+>", " ", page, flags=re.S)
    assert not re.search(r"--[a-z]", shown)
