"""Kolada sync: the client, the mappings, the conflict rule and the command, with no internet.

Every test talks to a local server (tests/kolada_server.py) that answers in the shapes
Kolada's API v3 documents: several next_url pages, null values, missing gender rows,
status "Missing", a KPI not divided by gender, 429 then success, 500 mid-paging, bad JSON.
"""

from __future__ import annotations

import functools
import socket
from pathlib import Path

import pytest
from conftest import confirm_mappings
from sqlalchemy import func
from sqlalchemy import select

from database.engine import session_scope
from indicators.models import Indicator
from indicators.models import KoladaValue
from indicators.models import Observation
from indicators.models import Revision
from indicators.models import Upload
from kolada.client import USER_AGENT
from kolada.client import KoladaClient
from kolada.client import KoladaError
from tests.kolada_server import FakeKolada
from tests.kolada_server import row
from tests.kolada_server import running

COUNTY_22 = ["2260", "2262", "2280", "2281", "2282", "2283", "2284"]
YEARS = list(range(2015, 2026))
KPIS = [
    {
        "id": "U07801",
        "title": "Insamlat kommunalt avfall totalt, kg/invånare (justerat)",
        "is_divided_by_gender": 0,
        "publication_date": "2025-06-10",
    },
    {
        "id": "N00403",
        "title": "Ekologiskt brukad åkermark, andel (%)",
        "is_divided_by_gender": 0,
        "publication_date": "2025-03-01",
    },
    {
        "id": "N85054",
        "title": "Skyddad natur totalt, andel (%)",
        "is_divided_by_gender": 0,
        "publication_date": "2025-04-01",
    },
    {
        "id": "N00945",
        "title": "Invånare med eftergymnasial utbildning, andel (%)",
        "is_divided_by_gender": 1,
        "publication_date": "2025-04-01",
    },
]


def county_dataset() -> dict[tuple[str, str, int], list[dict]]:
    """Seven municipalities, 2015–2024 (2025 not published yet), with Kolada's odd corners."""
    data: dict[tuple[str, str, int], list[dict]] = {}
    for index, code in enumerate(COUNTY_22):
        for year in range(2015, 2025):
            # Household waste: not divided by gender, a T row only.
            data[("U07801", code, year)] = [row(400.0 + 10 * index + (year - 2015) + 0.5)]
            # Organic farmland: total plus gender rows Kolada sometimes adds.
            data[("N00403", code, year)] = [
                row(None, "K", "Missing"),
                row(12.25 + index, "T"),
                row(None, "M", "Missing"),
            ]
            data[("N85054", code, year)] = [row(3.5 + index / 10)]
    data[("U07801", "2283", 2016)] = [row(None, status="Missing")]  # status Missing, no value
    data[("N85054", "2262", 2017)] = [row(None)]  # a plain null
    data[("N00403", "2284", 2018)] = [row(None, "K", "Missing"), row(None, "M", "Missing")]
    return data


# indicator code -> Kolada KPI, as in indicators/data/kolada.csv
MAPPED = {"GN.7": "U07801", "GN.4": "N00403", "GN.6": "N85054"}


def expected_values(data) -> dict[tuple[str, str, int], float]:  # type: ignore[no-untyped-def]
    """What the sync must store: the T row's value where there is one."""
    expected = {}
    for code, kpi in MAPPED.items():
        for (item_kpi, municipality, year), rows in data.items():
            total = [r for r in rows if r["gender"] == "T" and r["value"] is not None]
            if item_kpi == kpi and total and year >= 2015:
                expected[(municipality, code, year)] = total[0]["value"]
    return expected


def stored_values(engine) -> dict[tuple[str, str, int], float]:  # type: ignore[no-untyped-def]
    with session_scope(engine) as session:
        rows = session.execute(
            select(
                Observation.municipality_code, Indicator.code, Observation.year, Observation.value
            ).join(Indicator, Indicator.id == Observation.indicator_id)
        )
        return {(code, ind, year): value for code, ind, year, value in rows}


def count(engine, model) -> int:  # type: ignore[no-untyped-def]
    with session_scope(engine) as session:
        return session.scalar(select(func.count()).select_from(model))


@pytest.fixture
def kolada():  # type: ignore[no-untyped-def]
    fake = FakeKolada(data=county_dataset(), kpis=KPIS, page_size=20)
    with running(fake) as server:
        yield server


@pytest.fixture
def mapped(miljomal, store_url: str):  # type: ignore[no-untyped-def]
    """The bundled mappings loaded and confirmed by a person, as the county would (the
    confirm command itself: test_map_confirm_verifies_a_mapping_in_the_persons_name)."""
    assert miljomal("kolada", "map", "load", "--user", "anna").exit_code == 0
    confirm_mappings(store_url, "sekom-2012", MAPPED, "anna")
    return miljomal


def test_map_confirm_verifies_a_mapping_in_the_persons_name(miljomal) -> None:  # type: ignore[no-untyped-def]
    import json

    assert miljomal("kolada", "map", "load", "--user", "anna").exit_code == 0
    for code, kpi in MAPPED.items():
        result = miljomal("kolada", "map", "confirm", "sekom-2012", code, "--user", "anna")
        assert result.exit_code == 0, result.output
        assert result.output == f"sekom-2012 {code} → {kpi} är verifierad av anna.\n"
    listed = json.loads(miljomal("kolada", "map", "list", "--json").output)
    verified = {m["indicator"]: (m["kpi"], m["verified_by"]) for m in listed if m["verified"]}
    assert verified == {code: (kpi, "anna") for code, kpi in MAPPED.items()}


@pytest.fixture
def waits(monkeypatch: pytest.MonkeyPatch) -> list[float]:
    """The command's retry waits, recorded instead of slept: a test asserts the production
    delays without spending them (1 + 2 + 4 s for three retries)."""
    import miljomal.commands.kolada as command

    recorded: list[float] = []
    client = functools.partial(KoladaClient, sleep=recorded.append)
    monkeypatch.setattr(command, "KoladaClient", client)
    return recorded


def sync(miljomal, server, *extra: str):  # type: ignore[no-untyped-def]
    return miljomal(
        "kolada",
        "sync",
        "--base-url",
        server.url,
        "--county",
        "22",
        "--from",
        "2015",
        "--to",
        "2025",
        "--user",
        "lst-sync",
        *extra,
    )


# --- the client --------------------------------------------------------------------------


def test_client_follows_next_url_over_several_pages_with_a_clear_user_agent(kolada):
    kolada.fake.page_size = 7
    client = KoladaClient(kolada.url)
    points = client.data(["U07801"], COUNTY_22, YEARS)
    assert len(points) == 70  # seven municipalities, ten published years, one T row each
    assert client.requests == 10  # 70 items, 7 a page
    assert all(agent == USER_AGENT for _, agent in kolada.fake.requests)
    assert "per_page=5000" in kolada.fake.requests[0][0]
    by_key = {(p.municipality, p.year): p.value for p in points}
    assert by_key[("2281", 2020)] == 400.0 + 30 + 5 + 0.5
    assert by_key[("2283", 2016)] is None


def test_client_keeps_each_id_list_to_25(kolada):
    client = KoladaClient(kolada.url)
    client.data(["U07801"], COUNTY_22, list(range(1990, 2026)))  # 36 years
    first_pages = [path for path, _ in kolada.fake.requests if "&page=" not in path]
    year_lists = [path.split("/year/")[1].split("?")[0] for path in first_pages]
    assert [len(y.split(",")) for y in year_lists] == [25, 11]


def test_client_waits_as_told_after_429_then_succeeds(kolada):
    path = "/v3/kpi"
    kolada.fake.faults[(path, 1)] = [(429, b"slow down", {"Retry-After": "2"})]
    waits: list[float] = []
    found = KoladaClient(kolada.url, sleep=waits.append).kpis("avfall")
    assert [k.id for k in found] == ["U07801"]
    assert found[0].unit == "kg/invånare (justerat)"
    assert waits == [2.0]


def test_client_gives_up_on_a_500_in_the_middle_of_paging(kolada):
    kolada.fake.page_size = 7
    client = KoladaClient(kolada.url, sleep=lambda s: None)
    path = (
        "/v3/data/kpi/U07801/municipality/"
        + ",".join(COUNTY_22)
        + "/year/"
        + ",".join(map(str, YEARS))
    )
    kolada.fake.faults[(path, 3)] = [(500, b"oops", {})] * 4
    with pytest.raises(KoladaError) as caught:
        client.data(["U07801"], COUNTY_22, YEARS)
    assert caught.value.message("sv").startswith("Kolada svarade HTTP 500 (fel hos Kolada) på ")
    assert "page=3" in caught.value.message("sv")
    assert client.requests == 2 + 4  # two good pages, then the first try and three retries


def test_client_names_malformed_json(kolada):
    kolada.fake.faults[("/v3/kpi", 1)] = [(200, b'{"values": [', {})]
    with pytest.raises(KoladaError) as caught:
        KoladaClient(kolada.url).kpis("avfall")
    assert "är inte giltig JSON (rad 1, kolumn 13)" in caught.value.message("sv")


def test_client_names_a_missing_page(kolada):
    kolada.fake.page_size = 7
    path = "/v3/data/kpi/U07801/municipality/2281/year/" + ",".join(map(str, YEARS))
    kolada.fake.page_size = 3
    kolada.fake.faults[(path, 2)] = [(404, b"{}", {})]
    with pytest.raises(KoladaError) as caught:
        KoladaClient(kolada.url).data(["U07801"], ["2281"], YEARS)
    assert "Kolada svarade HTTP 404 (finns inte)" in caught.value.message("sv")


def test_client_without_a_server_says_the_connection_was_refused():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    waits: list[float] = []
    client = KoladaClient(f"http://127.0.0.1:{port}/v3", sleep=waits.append)
    with pytest.raises(KoladaError) as caught:
        client.kpis("avfall")
    assert (client.requests, waits) == (1, [])  # nothing listens there: no use trying again
    assert caught.value.message("sv") == (
        f"Kolada kunde inte nås på http://127.0.0.1:{port}/v3/kpi?title=avfall&per_page=5000: "
        "anslutningen nekades"
    )


# --- the command -------------------------------------------------------------------------


def test_sync_stores_the_county_exactly_then_changes_nothing_then_revises(mapped, kolada, engine):
    # As the county runs it: every year from 2015 to this one.
    result = mapped(
        "kolada",
        "sync",
        "--base-url",
        kolada.url,
        "--county",
        "22",
        "--from",
        "2015",
        "--user",
        "lst-sync",
    )
    assert result.exit_code == 0, result.output
    expected = expected_values(kolada.fake.data)
    assert len(expected) == 3 * 7 * 10 - 3
    assert stored_values(engine) == expected
    assert "Sparat som uppladdning 1 (källa kolada)." in result.stdout
    assert "Hämtar http://127.0.0.1:" in result.stderr  # progress on stderr
    with session_scope(engine) as session:
        upload = session.get(Upload, 1)
        assert (upload.layout, upload.uploaded_by, upload.created) == ("kolada", "lst-sync", 207)
    assert count(engine, Revision) == 207
    assert count(engine, KoladaValue) == 207
    assert mapped("verify").exit_code == 0

    again = sync(mapped, kolada)
    assert again.exit_code == 0, again.output
    assert "Inget ändrades." in again.stdout
    assert "0 nya, 0 ändrade, 207 oförändrade" in again.stdout
    assert (count(engine, Upload), count(engine, Revision)) == (1, 207)

    kolada.fake.data[("U07801", "2281", 2020)] = [row(436.0)]  # Kolada corrects a value
    corrected = sync(mapped, kolada)
    assert corrected.exit_code == 0, corrected.output
    assert "0 nya, 1 ändrade, 206 oförändrade" in corrected.stdout
    assert stored_values(engine)[("2281", "GN.7", 2020)] == 436.0
    with session_scope(engine) as session:
        last = session.scalars(select(Revision).order_by(Revision.id.desc())).first()
        assert (last.old_value, last.new_value, last.upload_id, last.changed_by) == (
            435.5,
            436.0,
            2,
            "lst-sync",
        )
        kept = session.scalar(
            select(KoladaValue.value).where(
                KoladaValue.municipality_code == "2281",
                KoladaValue.year == 2020,
                KoladaValue.kpi == "U07801",
            )
        )
        assert kept == 436.0
    history = mapped("history", "-m", "2281", "-i", "GN.7")
    assert history.exit_code == 0 and "Kolada" in history.output
    assert mapped("verify").exit_code == 0


def test_unverified_mappings_are_left_out_and_said_so(miljomal, kolada, engine):
    assert miljomal("kolada", "map", "load").exit_code == 0
    result = sync(miljomal, kolada)
    assert result.exit_code == 0, result.output
    assert (
        "Overifierade kopplingar hoppades över: sekom-2012:GN.4, sekom-2012:GN.6, "
        "sekom-2012:GN.7" in result.stdout
    )
    assert count(engine, Observation) == 0
    assert kolada.fake.requests == []
    with_flag = sync(miljomal, kolada, "--include-unverified", "--indicator", "GN.6")
    assert with_flag.exit_code == 0, with_flag.output
    assert {key[1] for key in stored_values(engine)} == {"GN.6"}


def test_municipality_value_stays_official_and_the_difference_is_shown(
    mapped, kolada, engine, tmp_path: Path
):
    # Sundsvall typed its household waste into a file, Excel-style ; CSV in cp1252.
    source = tmp_path / "sundsvall.csv"
    source.write_bytes(
        "Kommun;Indikator;År;Värde\r\n2281;GN.7;2020;512\r\n2281;GN.7;2021;437,3\r\n"
        "2281;GN.6;2020;..\r\n".encode("cp1252")
    )
    imported = mapped("import", str(source), "--user", "sundsvall")
    assert imported.exit_code == 0, imported.output

    result = sync(mapped, kolada)
    assert result.exit_code == 0, result.output
    values = stored_values(engine)
    assert values[("2281", "GN.7", 2020)] == 512.0  # the municipality's value stays official
    assert values[("2281", "GN.7", 2021)] == 437.3  # within 1 % of Kolada's 436.5: no note
    assert values[("2281", "GN.6", 2020)] == pytest.approx(3.8)  # `..` filled from Kolada
    assert "2 Kolada-värden sparade bredvid kommunens egna" in result.stdout
    assert "Skiljer från Kolada (1):" in result.stdout
    assert "  Sundsvall GN.7 2020: kommunens 512, Kolada 435,5 (U07801)" in result.stdout

    again = sync(mapped, kolada)
    assert "Inget ändrades." in again.stdout


@pytest.mark.parametrize(
    ("fault", "message"),
    [
        ((500, b"oops", {}), "Kolada svarade HTTP 500 (fel hos Kolada) på http://127.0.0.1:"),
        ((200, b"<html>busy</html>", {}), "är inte giltig JSON (rad 1, kolumn 1)"),
        ((404, b"{}", {}), "Kolada svarade HTTP 404 (finns inte) på http://127.0.0.1:"),
    ],
)
def test_a_failing_page_writes_nothing(mapped, kolada, engine, waits, fault, message):
    kolada.fake.page_size = 50
    path = (
        "/v3/data/kpi/N00403,N85054,U07801/municipality/"
        + ",".join(COUNTY_22)
        + "/year/"
        + ",".join(map(str, YEARS))
    )
    kolada.fake.faults[(path, 3)] = [fault] * 4
    result = sync(mapped, kolada)
    assert result.exit_code == 1
    error_lines = [line for line in result.output.splitlines() if line.startswith("Fel:")]
    assert len(error_lines) == 1 and message in error_lines[0]
    assert "Traceback" not in result.output
    assert (count(engine, Upload), count(engine, Observation), count(engine, KoladaValue)) == (
        0,
        0,
        0,
    )
    # A 5xx is tried three more times, after 1, 2 and 4 s (the production backoff); the
    # others are not tried again.
    retried = fault[0] >= 500
    assert waits == ([1.0, 2.0, 4.0] if retried else [])
    assert ("HTTP 500: nytt försök om 4 s" in result.output) is retried


def test_sync_dry_run_counts_and_writes_nothing(mapped, kolada, engine):
    result = sync(mapped, kolada, "--dry-run", "--json")
    assert result.exit_code == 0, result.output
    import json

    summary = json.loads(result.stdout)
    assert (summary["created"], summary["dry_run"], summary["upload_id"]) == (207, True, None)
    assert count(engine, Observation) == 0


def test_kpi_search_lists_id_title_and_unit(miljomal, kolada):
    result = miljomal("kolada", "kpi", "andel", "--base-url", kolada.url)
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[0].split() == ["id", "titel", "enhet"]
    assert lines[1].startswith("N00403  Ekologiskt brukad åkermark, andel (%)")
    assert lines[1].endswith("andel (%)")
    assert len(lines) == 4


def test_a_wrong_mapping_file_names_line_and_column_and_changes_nothing(
    miljomal, engine, tmp_path: Path
):
    path = tmp_path / "kopplingar.csv"
    path.write_text(
        "set;kod;kolada_kpi;faktor;kön;källa;verifierad\n"
        "sekom-2012;GN.7;U07801;1;T;Koladas titel;ja\n"
        "sekom-2012;GN.77;U07801;1;T;Koladas titel;nej\n"
        "sekom-2012;GN.4;avfall;1;T;Koladas titel;nej\n",
        encoding="utf-8",
    )
    result = miljomal("kolada", "map", "load", str(path))
    assert result.exit_code == 1
    assert result.output.strip() == (
        f"Fel: {path}, rad 3, kolumn kod: indikatorn sekom-2012 GN.77 finns inte i katalogen "
        f"(förväntade set och kod, t.ex. sekom-2012;GN.7); {path}, rad 4, kolumn kolada_kpi: "
        "avfall är inget Kolada-id (förväntade en bokstav och fem siffror, t.ex. U07801)"
    )
    listed = miljomal("kolada", "map", "list", "--json")
    assert listed.output.strip() == "[]"


def test_a_verified_row_in_a_file_confirms_and_a_changed_kpi_needs_confirming_again(
    miljomal, tmp_path: Path
):
    import json

    path = tmp_path / "kopplingar.csv"
    path.write_text(
        "set;kod;kolada_kpi;faktor;kön;källa;verifierad\n"
        "sekom-2012;GN.7;U07801;1;T;Koladas titel;ja\n",
        encoding="utf-8",
    )
    assert miljomal("kolada", "map", "load", str(path), "--user", "anna").exit_code == 0
    assert miljomal("kolada", "map", "load").exit_code == 0  # bundled: unverified, same KPI
    listed = json.loads(miljomal("kolada", "map", "list", "--json").output)
    gn7 = next(m for m in listed if m["indicator"] == "GN.7")
    assert (gn7["verified"], gn7["verified_by"]) == (True, "anna")
    path.write_text(
        "set;kod;kolada_kpi;faktor;kön;källa;verifierad\n"
        "sekom-2012;GN.7;U07482;1;T;Koladas titel;nej\n",
        encoding="utf-8",
    )
    assert miljomal("kolada", "map", "load", str(path)).exit_code == 0
    listed = json.loads(miljomal("kolada", "map", "list", "--json").output)
    gn7 = next(m for m in listed if m["indicator"] == "GN.7")
    assert (gn7["kpi"], gn7["verified"]) == ("U07482", False)


def test_reports_show_where_the_official_value_differs_from_kolada(
    mapped, kolada, engine, tmp_path: Path
):
    source = tmp_path / "sundsvall.csv"
    source.write_bytes("Kommun;Indikator;År;Värde\r\n2281;GN.7;2020;512\r\n".encode("cp1252"))
    assert mapped("import", str(source), "--user", "sundsvall").exit_code == 0
    assert sync(mapped, kolada).exit_code == 0

    text = mapped("report", "completeness", "--county", "22", "--year", "2020")
    assert text.exit_code == 0, text.output
    assert (
        "Skiljer från Kolada (1):\n"
        "  Sundsvall (2281): GN.7 Mängd hushållsavfall – kommunens 512, Kolada 436 (U07801)"
    ) in text.output
    html = tmp_path / "inrapportering.html"
    assert (
        mapped(
            "report", "completeness", "--county", "22", "--year", "2020", "-o", str(html)
        ).exit_code
        == 0
    )
    page = html.read_text(encoding="utf-8")
    assert "<h2>Skiljer från Kolada</h2>" in page
    assert '<td class="center s-reported" title="rapporterat; skiljer från Kolada">✓≠</td>' in page
    workbook = tmp_path / "inrapportering.xlsx"
    assert (
        mapped(
            "report", "completeness", "--county", "22", "--year", "2020", "-o", str(workbook)
        ).exit_code
        == 0
    )
    import openpyxl

    sheet = openpyxl.load_workbook(workbook)["Skiljer från Kolada"]
    assert [c.value for c in sheet[2]] == [
        "2281",
        "Sundsvall",
        "GN.7 Mängd hushållsavfall",
        512,
        435.5,
        "U07801",
    ]
    none_in_2021 = mapped("report", "completeness", "--county", "22", "--year", "2021")
    assert "Skiljer från Kolada" not in none_in_2021.output

    report = tmp_path / "sundsvall.html"
    result = mapped(
        "report", "municipality", "2281", "--year", "2024", "--set", "sekom-2012", "-o", str(report)
    )
    assert result.exit_code == 0, result.output
    page = report.read_text(encoding="utf-8")
    assert "<li>2020: Skiljer från Kolada: 435,5 (U07801).</li>" in page
    english = tmp_path / "sundsvall-en.html"
    mapped(
        "report",
        "municipality",
        "2281",
        "--year",
        "2024",
        "--set",
        "sekom-2012",
        "--lang",
        "en",
        "-o",
        str(english),
    )
    assert "<li>2020: Differs from Kolada: 435.5 (U07801).</li>" in english.read_text("utf-8")


def test_client_names_a_timeout(kolada):
    kolada.fake.faults[("/v3/kpi", 1)] = [(200, b"{}", {"X-Test-Delay": "1"})] * 2
    retried: list[tuple[str, float]] = []
    client = KoladaClient(
        kolada.url,
        timeout=0.2,
        retries=1,
        sleep=lambda s: None,
        on_retry=lambda reason, wait: retried.append((reason, wait)),
    )
    with pytest.raises(KoladaError) as caught:
        client.kpis("avfall")
    assert retried == [("timeout", 1.0)]
    assert caught.value.message("sv") == (
        f"Kolada svarade inte inom 0.2 s ({kolada.url}/kpi?title=avfall&per_page=5000)"
    )
    assert client.requests == 2


def test_client_names_a_dns_failure():
    try:
        socket.getaddrinfo("kolada.invalid", 80)
    except socket.gaierror:
        pass
    else:  # pragma: no cover - a resolver that answers for .invalid (RFC 6761 says none may)
        pytest.skip("this resolver answers for .invalid")
    with pytest.raises(KoladaError) as caught:
        KoladaClient("http://kolada.invalid/v3").kpis("avfall")
    assert caught.value.message("sv") == (
        "Kolada kunde inte nås: namnet kolada.invalid hittades inte (DNS); kontrollera "
        "nätverket eller --base-url"
    )


def test_a_locked_year_keeps_its_values_and_kolada_is_kept_beside(mapped, kolada, engine):
    assert mapped("year", "lock", "2020", "--user", "lst").exit_code == 0
    result = sync(mapped, kolada)
    assert result.exit_code == 0, result.output
    assert "; 21 i låsta år." in result.stdout  # three indicators x seven municipalities
    assert {key[2] for key in stored_values(engine)} == set(range(2015, 2025)) - {2020}
    assert count(engine, KoladaValue) == 207


def test_sync_in_english_waits_out_a_429_and_a_revert_undoes_it(mapped, kolada, engine):
    path = (
        "/v3/data/kpi/U07801/municipality/"
        + ",".join(COUNTY_22)
        + "/year/"
        + ",".join(map(str, YEARS))
    )
    kolada.fake.faults[(path, 2)] = [(429, b"", {"Retry-After": "0"})]
    result = sync(mapped, kolada, "--indicator", "GN.7", "--lang", "en")
    assert result.exit_code == 0, result.output
    assert "HTTP 429: trying again in 0 s" in result.stderr
    assert "Official values: 69 created, 0 updated, 0 unchanged;" in result.stdout
    assert "Stored as upload 1 (source kolada)." in result.stdout

    reverted = mapped("uploads", "revert", "1", "--user", "lst")
    assert reverted.exit_code == 0, reverted.output
    assert stored_values(engine) == {}  # the sync created every value: all removed
    assert mapped("verify").exit_code == 0
    # Reverted values are gone, so the next sync creates them again.
    again = sync(mapped, kolada, "--indicator", "GN.7")
    assert "69 nya, 0 ändrade, 0 oförändrade" in again.stdout
    assert mapped("verify").exit_code == 0


def test_client_takes_only_finite_numbers_as_values(kolada):
    kolada.fake.data[("U07801", "2260", 2015)] = [row(float("nan"))]  # json.dumps writes NaN
    kolada.fake.data[("U07801", "2260", 2016)] = [row(True)]  # type: ignore[arg-type]
    kolada.fake.data[("U07801", "2260", 2017)] = [row("412")]  # type: ignore[arg-type]
    points = KoladaClient(kolada.url).data(["U07801"], ["2260"], [2015, 2016, 2017, 2018])
    assert [(p.year, p.value) for p in points] == [
        (2015, None),
        (2016, None),
        (2017, None),
        (2018, 403.5),
    ]


def test_client_refuses_an_answer_too_large(kolada, monkeypatch):
    import kolada.client as client_module

    monkeypatch.setattr(client_module, "MAX_BODY", 2**20)
    kolada.fake.faults[("/v3/kpi", 1)] = [(200, b" " * (2**20 + 1), {})]
    with pytest.raises(KoladaError) as caught:
        KoladaClient(kolada.url).kpis("avfall")
    assert caught.value.message("sv").endswith("är större än 1 MB; avbröt")


def test_a_mapping_names_its_set_and_the_sync_stores_into_that_set(miljomal, kolada, engine):
    assert miljomal("kolada", "map", "load").exit_code == 0
    confirmed = miljomal("kolada", "map", "confirm", "sekom-2023", "GN.6a", "--user", "anna")
    assert confirmed.output.strip() == "sekom-2023 GN.6a → U07801 är verifierad av anna."
    result = sync(miljomal, kolada, "--indicator", "sekom-2023:GN.6a")
    assert result.exit_code == 0, result.output
    with session_scope(engine) as session:
        from indicators.models import IndicatorSet

        stored = session.execute(
            select(IndicatorSet.code, Indicator.code, func.count())
            .select_from(Observation)
            .join(Indicator, Indicator.id == Observation.indicator_id)
            .join(IndicatorSet, IndicatorSet.id == Indicator.set_id)
            .group_by(IndicatorSet.code, Indicator.code)
        ).all()
    assert stored == [("sekom-2023", "GN.6a", 69)]
    unknown = miljomal("kolada", "map", "confirm", "sekom-2023", "GN.7")
    assert unknown.exit_code == 1
    assert unknown.output.strip() == (
        "Fel: sekom-2023 GN.7 har ingen Kolada-koppling; läs in en med `kolada map load FIL`"
    )


# --- Kolada as its API behaves: more than 25 ids, isdeleted, from_date --------------------


def test_a_county_of_more_than_25_municipalities_is_fetched_in_lists_of_25(mapped, kolada, engine):
    from municipalities.registry import municipalities_in_county

    stockholm = [m.code for m in municipalities_in_county("01")]
    assert len(stockholm) == 26
    for code in stockholm:
        kolada.fake.data[("U07801", code, 2020)] = [row(300.0 + int(code) / 1000)]
    result = mapped(
        "kolada", "sync", "--base-url", kolada.url, "--county", "01", "--from", "2020",
        "--to", "2020", "--indicator", "GN.7", "--user", "lst-sync",
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    first_pages = [p for p, _ in kolada.fake.requests if "&page=" not in p]
    asked = [p.split("/municipality/")[1].split("/")[0] for p in first_pages]
    assert sorted(len(codes.split(",")) for codes in asked) == [1, 25]
    assert all("per_page=5000" in p for p, _ in kolada.fake.requests)
    assert stored_values(engine) == {
        (code, "GN.7", 2020): 300.0 + int(code) / 1000 for code in stockholm
    }


def test_a_longer_id_list_is_refused_by_the_fixture_server_as_by_kolada(kolada):
    path = "/data/kpi/U07801/municipality/" + ",".join(f"{n:04d}" for n in range(26))
    with pytest.raises(KoladaError) as failed:
        KoladaClient(kolada.url, retries=0).values(path + "/year/2020")
    assert "HTTP 400" in str(failed.value)


def test_an_incremental_sync_asks_from_the_last_one_and_removes_what_kolada_deleted(
    mapped, kolada, engine, tmp_path: Path
):
    import datetime as dt

    today = dt.date.today()
    assert sync(mapped, kolada).exit_code == 0  # the full first sync: upload 1
    # Sundsvall's own value for GN.7 2019 is official; Kolada's stays beside it.
    own = tmp_path / "own.csv"
    own.write_bytes(
        "Kommun;Indikator;År;Värde;Status;Kommentar\r\nSundsvall;GN.7;2019;500;;\r\n".encode(
            "cp1252"
        )
    )
    assert mapped("import", str(own), "--user", "anna").exit_code == 0
    kolada.fake.requests.clear()
    kolada.fake.delete(("U07801", "2281", 2020), today.isoformat())  # Kolada's own value
    kolada.fake.delete(("U07801", "2281", 2019), today.isoformat())  # beside Sundsvall's
    kolada.fake.change(("N85054", "2260", 2021), [row(9.9)], today.isoformat())

    result = sync(mapped, kolada, "--incremental")
    assert result.exit_code == 0, result.output
    since = (today - dt.timedelta(days=1)).isoformat()
    assert f"Bara det Kolada ändrat sedan {since} (förra synkroniseringen)." in result.stdout
    assert all(f"from_date={since}" in p for p, _ in kolada.fake.requests)
    assert "Officiella värden: 0 nya, 2 ändrade, 0 oförändrade;" in result.stdout
    assert "2 värden som Kolada tagit bort togs bort" in result.stdout
    assert "Sparat som uppladdning 3 (källa kolada)." in result.stdout

    values = stored_values(engine)
    assert values[("2281", "GN.7", 2020)] is None  # Kolada's value went, with a revision
    assert values[("2281", "GN.7", 2019)] == 500.0  # the municipality's stays official
    assert values[("2260", "GN.6", 2021)] == 9.9
    with session_scope(engine) as session:
        last = session.execute(
            select(Revision.old_value, Revision.new_value, Revision.new_status, Revision.upload_id)
            .join(Observation, Observation.id == Revision.observation_id)
            .where(Observation.municipality_code == "2281", Observation.year == 2020)
            .order_by(Revision.id.desc())
        ).first()
        assert tuple(last) == (435.5, None, "missing", 3)
        beside = {
            (k.municipality_code, k.year)
            for k in session.scalars(select(KoladaValue).where(KoladaValue.kpi == "U07801"))
        }
        assert ("2281", 2020) not in beside and ("2281", 2019) not in beside
    assert count(engine, KoladaValue) == 207 - 2
    assert mapped("verify").exit_code == 0

    # Nothing changed in Kolada since: nothing is asked for that was not changed, nothing written.
    again = sync(mapped, kolada, "--incremental")
    assert again.exit_code == 0, again.output
    assert "Inget ändrades." in again.stdout
    assert count(engine, Upload) == 3


def test_an_incremental_sync_without_a_covering_one_fetches_everything(mapped, kolada, engine):
    first = sync(mapped, kolada, "--indicator", "GN.7")
    assert first.exit_code == 0, first.output
    kolada.fake.requests.clear()
    # GN.6 was never synced: no earlier sync covers it, so everything is fetched.
    wider = sync(mapped, kolada, "--incremental")
    assert wider.exit_code == 0, wider.output
    assert (
        "Ingen tidigare synkronisering av samma nyckeltal, kommuner och år: hämtar allt."
        in wider.stdout
    )
    assert not any("from_date" in p for p, _ in kolada.fake.requests)
    assert len(stored_values(engine)) == 3 * 7 * 10 - 3


def test_the_site_says_kalla_kolada_beside_values_from_kolada(mapped, kolada, tmp_path: Path):
    own = tmp_path / "own.csv"
    own.write_bytes(
        "Kommun;Indikator;År;Värde;Status;Kommentar\r\nSundsvall;GN.7;2019;500;;Egen\r\n".encode(
            "cp1252"
        )
    )
    assert mapped("import", str(own), "--user", "anna").exit_code == 0
    assert sync(mapped, kolada, "--indicator", "GN.7").exit_code == 0
    site = tmp_path / "site"
    assert mapped("publish", "-o", str(site), "--include-unapproved").exit_code == 0
    page = (site / "kommun" / "2281.html").read_text(encoding="utf-8")
    assert (
        '<tr><th scope="row">2020</th>\n<td class="num">436 <span class="prel">preliminär'
        '</span></td>\n<td><span class="kolada">Källa: Kolada</span></td></tr>'
    ) in page
    # Sundsvall's own value for 2019 is official, and not marked.
    assert '<td class="num">500 <span class="prel">preliminär</span></td>\n<td>Egen</td>' in page
    assert page.count("Källa: Kolada</span>") == 9  # 2015-2024 but 2019
    comparison = (site / "indikator" / "GN.7.html").read_text(encoding="utf-8")
    assert '<abbr class="kolada" title="Källa: Kolada">K</abbr>' in comparison
    assert '<p class="sub"><span class="kolada">K</span> = Källa: Kolada</p>' in comparison
    embed = (site / "inbadda" / "2281" / "GN.7.html").read_text(encoding="utf-8")
    years = "2015, 2016, 2017, 2018, 2020, 2021, 2022, 2023, 2024"
    assert f"Källa: Kolada för {years}." in embed
    assert f"Källa: Kolada för {years}." in (site / "kommun" / "2281" / "GN.7.svg").read_text(
        encoding="utf-8"
    )


def test_the_municipality_report_says_kalla_kolada_beside_values_from_kolada(
    mapped, kolada, tmp_path: Path
):
    source = tmp_path / "sundsvall.csv"
    source.write_bytes("Kommun;Indikator;År;Värde\r\n2281;GN.7;2020;512\r\n".encode("cp1252"))
    assert mapped("import", str(source), "--user", "sundsvall").exit_code == 0
    assert sync(mapped, kolada, "--indicator", "GN.7").exit_code == 0
    report = tmp_path / "sundsvall.html"
    result = mapped(
        "report", "municipality", "2281", "--year", "2024", "--set", "sekom-2012", "-o", str(report)
    )
    assert result.exit_code == 0, result.output
    page = report.read_text(encoding="utf-8")
    assert "<li>2019: Källa: Kolada.</li>" in page
    # Sundsvall's own 2020 value is official: not from Kolada, and it differs from Kolada's.
    assert "<li>2020: Skiljer från Kolada: 435,5 (U07801).</li>" in page
    assert page.count("Källa: Kolada.") == 9  # 2015-2024 but 2020, for GN.7 only
    english = tmp_path / "sundsvall-en.html"
    mapped(
        "report", "municipality", "2281", "--year", "2024", "--set", "sekom-2012",
        "--lang", "en", "-o", str(english),
    )  # fmt: skip
    assert "<li>2019: Source: Kolada.</li>" in english.read_text("utf-8")


def test_the_county_report_marks_values_from_kolada_k_with_a_key(mapped, kolada, tmp_path: Path):
    import openpyxl

    source = tmp_path / "sundsvall.csv"
    source.write_bytes("Kommun;Indikator;År;Värde\r\n2281;GN.7;2020;512\r\n".encode("cp1252"))
    assert mapped("import", str(source), "--user", "sundsvall").exit_code == 0
    assert sync(mapped, kolada, "--indicator", "GN.7").exit_code == 0
    html = tmp_path / "lan.html"
    result = mapped("report", "county", "22", "--year", "2020", "-o", str(html))
    assert result.exit_code == 0, result.output
    page = html.read_text(encoding="utf-8")
    assert ">446 K</td>" in page  # Härnösand (2282), from Kolada: 445,5 shown rounded
    assert ">512</td>" in page  # Sundsvall's own value: not marked
    assert page.count(" K</td>") == 6
    assert "K = Källa: Kolada." in page
    workbook = tmp_path / "lan.xlsx"
    assert mapped("report", "county", "22", "--year", "2020", "-o", str(workbook)).exit_code == 0
    sheet = openpyxl.load_workbook(workbook).worksheets[0]
    marked = {c.value: c.comment.text for row in sheet.iter_rows() for c in row if c.comment}
    assert marked == {
        value: "Källa: Kolada" for value in (405.5, 415.5, 425.5, 445.5, 455.5, 465.5)
    }
    assert any("K = Källa: Kolada." in str(c.value) for row in sheet.iter_rows() for c in row)
    english = tmp_path / "lan-en.html"
    mapped("report", "county", "22", "--year", "2020", "--lang", "en", "-o", str(english))
    assert "K = Source: Kolada." in english.read_text(encoding="utf-8")


def test_client_reads_isdeleted_on_an_item_or_on_one_row(kolada):
    from kolada.client import ANY_GENDER
    from kolada.client import _data_points

    fake = kolada.fake
    fake.data[("N00945", "2281", 2020)] = [
        {**row(None, "K"), "isdeleted": 1},
        row(41.5, "M"),
    ]
    fake.changed[("N00945", "2281", 2020)] = "2026-01-02"
    fake.deleted[("N00945", "2281", 2021)] = "2026-01-02"
    points = KoladaClient(kolada.url).data(["N00945"], ["2281"], [2020, 2021], "2026-01-01")
    assert sorted((p.year, p.gender, p.value, p.deleted) for p in points) == [
        (2020, "K", None, True),
        (2020, "M", 41.5, False),
        (2021, "T", None, True),
    ]
    assert "from_date=2026-01-01" in fake.requests[0][0]
    # Without from_date Kolada lists no deleted items, and none before the date.
    assert [p.year for p in KoladaClient(kolada.url).data(["N00945"], ["2281"], [2021])] == []
    assert KoladaClient(kolada.url).data(["N00945"], ["2281"], [2020], "2026-02-01") == []
    # An item withdrawn with no rows named withdraws every gender's value.
    withdrawn = {"kpi": "U07801", "municipality": "2281", "period": 2020, "isdeleted": "true"}
    [point] = _data_points({**withdrawn, "values": []}, "/data")
    assert (point.gender, point.value, point.deleted) == (ANY_GENDER, None, True)


def test_a_value_kolada_deleted_in_a_locked_year_stays(mapped, kolada, engine):
    import datetime as dt

    assert sync(mapped, kolada).exit_code == 0
    assert mapped("year", "lock", "2020", "--user", "lst").exit_code == 0
    kolada.fake.delete(("U07801", "2281", 2020), dt.date.today().isoformat())
    result = sync(mapped, kolada, "--incremental")
    assert result.exit_code == 0, result.output
    assert (
        "0 nya, 0 ändrade, 0 oförändrade;" in result.stdout and "; 1 i låsta år." in result.stdout
    )
    assert stored_values(engine)[("2281", "GN.7", 2020)] == 435.5
    assert count(engine, KoladaValue) == 206  # Kolada's own copy is gone, the official stays
