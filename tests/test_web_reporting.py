"""A municipal official in the portal: log in, see Min kommun, upload and review, the form."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from portal import SUNDSVALL
from portal import TIMRA
from portal import csrf_token
from portal import fill_template
from portal import log_in
from portal import make_portal
from portal import stored
from portal import template_file

YEAR = 2022  # a year of the 2012 set, whose 16 indicators municipalities report


@pytest.fixture
def portal(store_url: str, tmp_path: Path):  # type: ignore[no-untyped-def]
    return make_portal(store_url, tmp_path)


@pytest.fixture
def reporter(portal):  # type: ignore[no-untyped-def]
    client = portal.test_client()
    assert log_in(client, "reporter").status_code == 302
    return client


def _upload(client, path: Path, year: int = YEAR):  # type: ignore[no-untyped-def]
    token = csrf_token(client, f"/kommun/{TIMRA}/ladda-upp")
    with path.open("rb") as handle:
        return client.post(
            f"/kommun/{TIMRA}/ladda-upp",
            data={"csrf_token": token, "year": str(year), "file": (handle, path.name)},
            content_type="multipart/form-data",
        )


def test_login_page_has_the_fixed_labels(portal) -> None:  # type: ignore[no-untyped-def]
    page = portal.test_client().get("/login").get_data(as_text=True)
    assert '<label for="email">E-post</label>' in page
    assert '<label for="password">Lösenord</label>' in page
    assert '<button type="submit">Logga in</button>' in page


def test_a_reporter_lands_on_min_kommun_with_the_nav(reporter) -> None:  # type: ignore[no-untyped-def]
    page = reporter.get("/", follow_redirects=True).get_data(as_text=True)
    assert "Timrå kommun – nyckeltal" in page
    for label in ("Min kommun", "Ladda upp", "Fyll i direkt", "Historik", "Logga ut"):
        assert f">{label}<" in page
    # With no reporting window the year is the previous calendar year, with a chooser.
    import datetime as dt

    previous = dt.date.today().year - 1
    assert f'<option value="{previous}" selected>{previous}</option>' in page


def test_a_good_file_is_reviewed_then_saved_exactly(reporter, store_url, tmp_path) -> None:  # type: ignore[no-untyped-def]
    blank = template_file(store_url, TIMRA, YEAR, tmp_path / "mall.xlsx")
    filled = fill_template(
        blank,
        tmp_path / "timra-2022.xlsx",
        {"GN.7": ("412,5", None, "Ny vågstatistik"), "GN.4": (None, "..", None)},
    )
    review = _upload(reporter, filled)
    page = review.get_data(as_text=True)
    assert review.status_code == 200
    assert "Filen kan sparas: 16 nya" in page  # the template's empty rows count as ..
    assert stored(store_url, TIMRA, "GN.7", YEAR) is None  # Granska writes nothing
    sha = re.search(r'name="sha256" value="([0-9a-f]{64})"', page).group(1)
    import hashlib

    assert sha == hashlib.sha256(filled.read_bytes()).hexdigest()

    token = csrf_token(reporter, f"/kommun/{TIMRA}/ladda-upp")
    saved = reporter.post(f"/kommun/{TIMRA}/spara", data={"csrf_token": token, "sha256": sha})
    assert saved.status_code == 302
    assert stored(store_url, TIMRA, "GN.7", YEAR) == (412.5, "reported", "Ny vågstatistik")
    assert stored(store_url, TIMRA, "GN.4", YEAR) == (None, "missing", None)
    overview = reporter.get(f"/kommun/{TIMRA}?ar={YEAR}").get_data(as_text=True)
    assert "412,5" in overview
    assert "anna@timra.se" in overview
    # The reviewed bytes are gone once saved: a second Spara finds nothing.
    again = reporter.post(f"/kommun/{TIMRA}/spara", data={"csrf_token": token, "sha256": sha})
    assert again.status_code == 404


def test_a_messy_file_shows_each_problem_with_its_cell_and_cannot_be_saved(
    reporter, store_url, tmp_path
) -> None:  # type: ignore[no-untyped-def]
    blank = template_file(store_url, TIMRA, YEAR, tmp_path / "mall.xlsx")
    messy = fill_template(
        blank,
        tmp_path / "timra-rorig.xlsx",
        {"GN.3": ("140", None, None), "GN.7": ("ca 400", None, None), "GN.6": (5.5, None, None)},
    )
    review = _upload(reporter, messy)
    page = review.get_data(as_text=True)
    assert "Filen har 2 fel och kan inte sparas" in page
    assert 'name="sha256"' not in page  # no Spara button
    cells = re.findall(r'<td class="cell">([^<]*)</td>', page)
    assert sorted(cells[:2]) == ["Värden!I12", "Värden!I8"]  # GN.7 and GN.3, errors first
    sha = re.search(r"/granskning/([0-9a-f]{64})", page).group(1)
    annotated = reporter.get(f"/kommun/{TIMRA}/granskning/{sha}")
    assert annotated.status_code == 200
    assert annotated.data[:2] == b"PK"
    token = csrf_token(reporter, f"/kommun/{TIMRA}/ladda-upp")
    forced = reporter.post(f"/kommun/{TIMRA}/spara", data={"csrf_token": token, "sha256": sha})
    assert forced.status_code == 422
    assert stored(store_url, TIMRA, "GN.6", YEAR) is None


def test_a_semicolon_csv_from_swedish_excel_is_reviewed(reporter, store_url, tmp_path) -> None:  # type: ignore[no-untyped-def]
    csv = tmp_path / "timra.csv"
    csv.write_bytes("Kommun;Indikator;År;Värde\r\nTimrå;GN.7;2022;398,2\r\n".encode("cp1252"))
    page = _upload(reporter, csv).get_data(as_text=True)
    assert "Filen kan sparas: 1 nytt värde, 0 ändrade och 0 oförändrade." in page


def test_an_upload_over_the_limit_gets_a_clear_page(store_url, tmp_path) -> None:  # type: ignore[no-untyped-def]
    portal = make_portal(store_url, tmp_path, MAX_CONTENT_LENGTH=50_000)
    client = portal.test_client()
    log_in(client, "reporter")
    big = tmp_path / "stor.csv"
    big.write_bytes(b"Kommun;Indikator;\xc5r;V\xe4rde\r\n" + b"Timr\xe5;GN.7;2022;1\r\n" * 4000)
    response = _upload(client, big)
    assert response.status_code == 413
    assert "Filen är för stor: den får vara högst 0,05 MB." in response.get_data(as_text=True)


def test_the_form_shows_an_error_at_its_field_and_saves_nothing(reporter, store_url) -> None:  # type: ignore[no-untyped-def]
    url = f"/kommun/{TIMRA}/formular?ar={YEAR}"
    page = reporter.get(url).get_data(as_text=True)
    assert '<label for="value-GN.7">GN.7 Mängd hushållsavfall</label>' in page
    token = csrf_token(reporter, url)
    response = reporter.post(
        url,
        data={
            "csrf_token": token,
            "year": str(YEAR),
            "value-GN.7": "412,5",
            "value-GN.3": "140",
            "comment-GN.7": "Vägt",
        },
    )
    page = response.get_data(as_text=True)
    assert response.status_code == 422
    assert 'href="#value-GN.3"' in page  # the summary links to the field
    field = re.search(r'<input id="value-GN.3"[^>]*>', page).group(0)
    assert 'aria-invalid="true"' in field
    error_id = re.search(r'aria-describedby="hint-GN.3 (error-GN.3-1)"', field).group(1)
    assert re.search(rf'<p class="field-error" id="{error_id}">[^<]*140', page)
    assert 'value="412,5"' in page  # what was typed stays
    assert stored(store_url, TIMRA, "GN.7", YEAR) is None  # all or nothing

    response = reporter.post(
        url,
        data={
            "csrf_token": token,
            "year": str(YEAR),
            "value-GN.7": "412,5",
            "value-GN.3": "..",
            "value-GN.9": ".",
            "comment-GN.7": "Vägt",
        },
    )
    assert response.status_code == 302
    assert stored(store_url, TIMRA, "GN.7", YEAR) == (412.5, "reported", "Vägt")
    assert stored(store_url, TIMRA, "GN.3", YEAR) == (None, "missing", None)
    assert stored(store_url, TIMRA, "GN.9", YEAR) == (None, "not-applicable", None)


def test_a_script_in_a_comment_is_shown_as_text(reporter, store_url) -> None:  # type: ignore[no-untyped-def]
    url = f"/kommun/{TIMRA}/formular?ar={YEAR}"
    token = csrf_token(reporter, url)
    script = "<script>alert(1)</script>"
    reporter.post(
        url,
        data={"csrf_token": token, "year": str(YEAR), "value-GN.7": "5", "comment-GN.7": script},
    )
    page = reporter.get(f"/kommun/{TIMRA}?ar={YEAR}").get_data(as_text=True)
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert script not in page


def test_history_lists_uploads_and_a_reporter_reverts_their_own(reporter, store_url) -> None:  # type: ignore[no-untyped-def]
    url = f"/kommun/{TIMRA}/formular?ar={YEAR}"
    token = csrf_token(reporter, url)
    reporter.post(url, data={"csrf_token": token, "year": str(YEAR), "value-GN.7": "300"})
    page = reporter.get(f"/kommun/{TIMRA}/historik").get_data(as_text=True)
    upload_id = re.search(r"/historik/(\d+)/aterstall", page).group(1)
    series = reporter.get(f"/kommun/{TIMRA}/historik?indikator=sekom-2012:GN.7")
    series = series.get_data(as_text=True)
    row = re.search(r'<table class="value-history">.*?<tbody>\s*<tr>(.*?)</tr>', series, re.S)
    cells = re.findall(r"<td[^>]*>([^<]*)</td>", row.group(1))
    assert cells[:3] == [str(YEAR), "", "300"] and cells[5] == "anna@timra.se"
    token = csrf_token(reporter, f"/kommun/{TIMRA}/historik")
    response = reporter.post(
        f"/kommun/{TIMRA}/historik/{upload_id}/aterstall", data={"csrf_token": token}
    )
    assert response.status_code == 302
    assert stored(store_url, TIMRA, "GN.7", YEAR) is None  # created by the form: removed


def test_an_upload_into_a_locked_year_cannot_be_reverted(reporter, store_url, miljomal) -> None:  # type: ignore[no-untyped-def]
    url = f"/kommun/{TIMRA}/formular?ar={YEAR}"
    token = csrf_token(reporter, url)
    reporter.post(url, data={"csrf_token": token, "value-GN.7": "300"})
    assert miljomal("year", "lock", str(YEAR)).exit_code == 0
    page = reporter.get(f"/kommun/{TIMRA}/historik").get_data(as_text=True)
    assert "låst år" in page and "/aterstall" not in page
    upload_id = re.search(r"<td>(\d+)</td>", page).group(1)
    response = reporter.post(
        f"/kommun/{TIMRA}/historik/{upload_id}/aterstall", data={"csrf_token": token}
    )
    assert response.status_code == 409
    assert stored(store_url, TIMRA, "GN.7", YEAR) == (300.0, "reported", None)


def test_english_per_user_setting(reporter) -> None:  # type: ignore[no-untyped-def]
    token = csrf_token(reporter, "/installningar")
    reporter.post("/installningar", data={"csrf_token": token, "lang": "en"})
    page = reporter.get(f"/kommun/{TIMRA}").get_data(as_text=True)
    assert ">My municipality<" in page and 'lang="en"' in page


def test_the_template_download_is_the_prefilled_workbook(reporter) -> None:  # type: ignore[no-untyped-def]
    response = reporter.get(f"/kommun/{TIMRA}/mall?ar={YEAR}")
    assert response.status_code == 200
    assert response.data[:2] == b"PK"
    assert "2262" in response.headers["Content-Disposition"]
    assert reporter.get(f"/kommun/{SUNDSVALL}/mall?ar={YEAR}").status_code == 403


def test_the_form_saves_with_the_same_change_warnings_beside_the_field(reporter, store_url) -> None:  # type: ignore[no-untyped-def]
    before = f"/kommun/{TIMRA}/formular?ar={YEAR - 1}"
    token = csrf_token(reporter, before)
    saved = reporter.post(before, data={"csrf_token": token, "value-GN.7": "400"})
    assert saved.status_code == 302
    url = f"/kommun/{TIMRA}/formular?ar={YEAR}"
    response = reporter.post(url, data={"csrf_token": token, "value-GN.7": "900"})
    page = response.get_data(as_text=True)
    assert response.status_code == 200
    assert stored(store_url, TIMRA, "GN.7", YEAR) == (900.0, "reported", None)
    assert "Sparat (uppladdning" in page
    warning = re.search(r'<p class="field-warning" id="error-GN.7-1">Varning: ([^<]*)</p>', page)
    assert warning and "400" in warning.group(1)
    assert "error-summary" not in page
    assert page.count('class="field-warning"') == 1  # empty fields say nothing


def test_the_form_prefills_each_stored_comment(reporter, store_url) -> None:  # type: ignore[no-untyped-def]
    url = f"/kommun/{TIMRA}/formular?ar={YEAR}"
    token = csrf_token(reporter, url)
    saved = reporter.post(
        url,
        data={"csrf_token": token, "value-GN.7": "412", "comment-GN.7": "Vägt & räknat"},
    )
    assert saved.status_code == 302
    page = reporter.get(url).get_data(as_text=True)
    field = re.search(r'<input id="comment-GN.7"[^>]*>', page).group(0)
    assert 'value="Vägt &amp; räknat"' in field
    assert re.search(r'<input id="comment-GN.3"[^>]*value=""', page)  # nothing stored

    # The form sent back as a browser sends it, the comment untouched, one new value:
    # GN.7 stays exactly as it was, with no problem about an empty value.
    response = reporter.post(
        url,
        data={
            "csrf_token": token,
            "value-GN.7": "",
            "comment-GN.7": "Vägt & räknat",
            "value-GN.3": "..",
            "comment-GN.3": "",
        },
    )
    assert response.status_code == 302
    assert stored(store_url, TIMRA, "GN.7", YEAR) == (412.0, "reported", "Vägt & räknat")
    assert stored(store_url, TIMRA, "GN.3", YEAR) == (None, "missing", None)

    # A new value keeps the pre-filled comment; an edited comment replaces it.
    reporter.post(
        url, data={"csrf_token": token, "value-GN.7": "415", "comment-GN.7": "Vägt & räknat"}
    )
    assert stored(store_url, TIMRA, "GN.7", YEAR) == (415.0, "reported", "Vägt & räknat")
    reporter.post(url, data={"csrf_token": token, "value-GN.7": "415", "comment-GN.7": "Vägt"})
    assert stored(store_url, TIMRA, "GN.7", YEAR) == (415.0, "reported", "Vägt")
