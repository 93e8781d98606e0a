"""The portal speaks the official's language, never the command line's (issue 21, case 4).

A crawler walks every page each role reaches by links from its start pages, plus the
refusals, error pages, form errors and refused uploads a user meets, and fails on a
command-line flag (``--municipality``) or an English word on a Swedish page.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest
from portal import SUNDSVALL
from portal import TIMRA
from portal import USERS
from portal import csrf_token
from portal import log_in
from portal import make_portal

YEAR = 2022  # a year of the 2012 set: GN.7 is household waste, kg per person
OPEN_YEAR = 2021  # nobody approved or returned this one
LOCKED_YEAR = 2020  # locked for the whole county
ROLES = (None, "reporter", "county", "admin")

FLAG = re.compile(r"--[a-z]")
# Words of the English interface and of the store's codes that a Swedish page never shows.
ENGLISH = re.compile(
    r"\b(the|and|of|imported|revert|reverted|upload|uploads|uploaded|missing|reported|"
    r"approved|returned|reopened|error|errors|warning|warnings|value|values|file|files|"
    r"municipality|county|year|years|save|saved|review|rejected|unchanged|incomplete|"
    r"not-sent|absent|locked|none|true|false)\b",
    re.IGNORECASE,
)
_TAGS = re.compile(r"<(script|style)\b.*?</\1>|<[^>]+>", re.DOTALL | re.IGNORECASE)
_SHOWN_ATTRIBUTES = re.compile(r'\b(?:aria-label|placeholder|title|alt)="([^"]*)"')
_LINK = re.compile(r'href="(/[^"]*)"')
# Downloads and documents are files, not portal pages (their words have tests of their own);
# `?lang=en` switches the session to English.
_NOT_PAGES = re.compile(r"\.(pdf|xlsx|json|html)(\?|$)|format=csv|/mall(\?|$)|/granskning/|lang=")
# The county and admin see every municipality: two of them stand for the rest.
_OTHER_MUNICIPALITY = re.compile(rf"^/kommun/(?!{TIMRA}|{SUNDSVALL})\d{{4}}")


def shown_text(page: str) -> str:
    """What a reader sees or hears: the text between tags and the labelling attributes."""
    attributes = " ".join(_SHOWN_ATTRIBUTES.findall(page))
    text = _TAGS.sub(" ", page)
    # E-mail addresses are people's, not words of the interface.
    return re.sub(r"\S+@\S+", " ", html.unescape(f"{text} {attributes}"))


def foreign_words(page: str) -> list[str]:
    """Command-line flags and English words on a Swedish page."""
    text = shown_text(page)
    return FLAG.findall(text) + ENGLISH.findall(text)


def test_the_checker_finds_what_the_issue_saw() -> None:
    """The crawl's check is no test that cannot fail: the texts of issue 21 are caught."""
    for seen in (
        "<p>--municipality anger Timrå</p>",
        "<td>imported (återställd)</td>",
        "<td>revert</td>",
        '<button aria-label="upload">Skicka</button>',
        "<p>kräver en motivering (--reason TEXT)</p>",
    ):
        assert foreign_words(seen), seen
    assert foreign_words("<p>Ange kommunen i fältet; anna@timra.se skickade 1 värde.</p>") == []


@pytest.fixture
def portal(sqlite_store_url: str, tmp_path: Path):  # type: ignore[no-untyped-def]
    sqlite_url = sqlite_store_url
    app = make_portal(sqlite_url, tmp_path, REPORT_CACHE=str(tmp_path))
    _a_year_of_work(app, sqlite_url, tmp_path)
    return app


def client_for(portal: Any, who: str | None) -> Any:
    client = portal.test_client()
    if who is not None:
        assert log_in(client, who).status_code == 302
    return client


def save_form(client: Any, code: str, **values: str) -> Any:
    url = f"/kommun/{code}/formular?ar={YEAR}"
    fields = {f"value-{key.replace('_', '.')}": value for key, value in values.items()}
    return client.post(url, data={"csrf_token": csrf_token(client, url), **fields})


def upload(client: Any, url: str, name: str, content: bytes) -> Any:
    from io import BytesIO

    return client.post(
        url,
        data={"csrf_token": csrf_token(client, url), "file": (BytesIO(content), name)},
        content_type="multipart/form-data",
    )


def county_file(*rows: str, header: str = "Kommun;GN.7;GN.6") -> bytes:
    return (f"{header}\r\n" + "".join(f"{row}\r\n" for row in rows)).encode()


def _a_year_of_work(app: Any, url: str, tmp_path: Path) -> None:
    """Saves, a revert, an approval and a return: every outcome Historik and the log show."""
    from sqlalchemy.orm import Session

    from database.engine import make_engine
    from indicators.revert import revert_upload
    from indicators.store import lock_year

    reporter, other = client_for(app, "reporter"), client_for(app, "other")
    assert save_form(reporter, TIMRA, GN_7="412").status_code == 302
    assert save_form(reporter, TIMRA, GN_6="12").status_code == 302
    assert save_form(other, SUNDSVALL, GN_7="300").status_code == 302
    engine = make_engine(url)
    with Session(engine) as session, session.begin():
        revert_upload(session, 2, "anna@timra.se")
        lock_year(session, LOCKED_YEAR, "lars@lansstyrelsen.se")
    engine.dispose()
    county = client_for(app, "county")
    for code, action, reason in ((TIMRA, "approve", ""), (SUNDSVALL, "return", "GN.6 saknas")):
        page = f"/lan/inrapportering?ar={YEAR}"
        answer = county.post(
            f"/lan/kommun/{code}/beslut?ar={YEAR}",
            data={"csrf_token": csrf_token(county, page), "action": action, "reason": reason},
        )
        assert answer.status_code == 302, answer.get_data(as_text=True)


START = {
    None: ["/login", "/nope"],
    "reporter": ["/", f"/kommun/{TIMRA}?ar={YEAR}", f"/kommun/{TIMRA}/historik?ar={YEAR}"],
    "county": [f"/lan/inrapportering?ar={YEAR}", f"/kommun/{TIMRA}/historik"],
    "admin": ["/", f"/kommun/{TIMRA}?ar={YEAR}"],
}


def crawl(client: Any, start: list[str]) -> Iterator[tuple[str, int, str]]:
    """(url, status, page) of every portal page reachable by links from ``start``."""
    seen: set[str] = set()
    queue = list(start)
    while queue:
        url = html.unescape(queue.pop(0))
        path = urlsplit(url).path
        if url in seen or _NOT_PAGES.search(url) or path.startswith("/static"):
            continue
        if _OTHER_MUNICIPALITY.match(path):
            continue
        seen.add(url)
        response = client.get(url, follow_redirects=True)
        if response.mimetype != "text/html":
            continue
        page = response.get_data(as_text=True)
        yield url, response.status_code, page
        queue.extend(link for link in _LINK.findall(page) if link not in seen)
        assert len(seen) < 400, "the crawl does not end"


def refusals(client: Any, who: str | None) -> Iterator[tuple[str, int, str]]:
    """The pages a user meets when something is refused or wrong."""
    requests = {
        "404": lambda: client.get("/kommun/2262/finns-inte"),
        "400 (no CSRF token)": lambda: client.post("/login", data={"email": "x"}),
    }
    if who is not None:
        requests.update(
            {
                "403 (another county's page)": lambda: client.get("/lan/inrapportering"),
                "403 (another municipality)": lambda: client.get("/kommun/0127"),
            }
        )
    if who == "reporter":
        form = f"/kommun/{TIMRA}/ladda-upp?ar={OPEN_YEAR}"
        requests.update(
            {
                "form error": lambda: save_form(client, TIMRA, GN_7="mycket"),
                "refused upload (another municipality's rows)": lambda: upload(
                    client, form, "lan.csv", county_file("Timrå;400;12", "Sundsvall;300;10")
                ),
                "refused upload (wrong kind of file)": lambda: upload(
                    client, form, "lan.pdf", b"%PDF"
                ),
                "refused upload (no file)": lambda: upload(client, form, "", b""),
            }
        )
    if who == "county":
        matrix = f"/lan/inrapportering?ar={YEAR}"
        requests.update(
            {
                "a decision in a locked year": lambda: client.post(
                    f"/lan/kommun/{TIMRA}/beslut?ar={LOCKED_YEAR}",
                    data={"csrf_token": csrf_token(client, matrix), "action": "approve"},
                ),
                "return without a reason": lambda: client.post(
                    f"/lan/kommun/{SUNDSVALL}/beslut?ar={YEAR}",
                    data={"csrf_token": csrf_token(client, matrix), "action": "return"},
                ),
                "county upload with totals": lambda: upload(
                    client,
                    f"/lan/ladda-upp?ar={OPEN_YEAR}",
                    "lan.csv",
                    county_file("Timrå;400;12", "Västernorrlands län;700;22"),
                ),
                "county upload of another county": lambda: upload(
                    client,
                    f"/lan/ladda-upp?ar={OPEN_YEAR}",
                    "lan.csv",
                    county_file("Botkyrka;400;12", "Summa;700;22"),
                ),
            }
        )
    for name, send in requests.items():
        response = send()
        yield name, response.status_code, response.get_data(as_text=True)


@pytest.mark.parametrize("who", ROLES, ids=lambda who: who or "anonymous")
def test_no_page_speaks_command_line_or_english(portal, who: str | None) -> None:  # type: ignore[no-untyped-def]
    client = client_for(portal, who)
    pages = list(crawl(client, START[who])) + list(refusals(client, who))
    assert len(pages) >= {None: 4, "reporter": 12, "county": 14, "admin": 6}[who]
    found = {name: words for name, _, page in pages if (words := foreign_words(page))}
    assert found == {}
    statuses = {status for _, status, _ in pages}
    assert statuses >= {200, 404, 400} | ({403} if who else set())


def test_a_refused_row_names_both_municipalities_in_the_portals_words(portal) -> None:  # type: ignore[no-untyped-def]
    client = client_for(portal, "reporter")
    page = upload(
        client,
        f"/kommun/{TIMRA}/ladda-upp?ar={OPEN_YEAR}",
        "lan.csv",
        county_file("Timrå;400;12", "Sundsvall;300;10"),
    ).get_data(as_text=True)
    assert "Raden gäller Sundsvall (2281), men du rapporterar för Timrå (2262)." in page
    assert "Filen har 1 fel och kan inte sparas. Rätta felet i filen" in page


def test_the_api_says_the_same_without_flags(portal, sqlite_url: str, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from io import BytesIO

    from sqlalchemy.orm import Session

    from accounts.users import create_api_token
    from database.engine import make_engine

    engine = make_engine(sqlite_url)
    with Session(engine) as session, session.begin():
        token = create_api_token(session, "anna@timra.se")
    engine.dispose()
    answer = portal.test_client().post(
        "/api/v1/imports",
        headers={"Authorization": f"Bearer {token}"},
        data={
            "file": (BytesIO(county_file("Timrå;400;12", "Sundsvall;300;10")), "lan.csv"),
            "year": str(OPEN_YEAR),
        },
        content_type="multipart/form-data",
    )
    assert answer.status_code == 422
    problems = answer.get_json()["files"][0]["problems"]
    errors = [p["message"] for p in problems if p["severity"] == "error"]
    assert errors == ["Raden gäller Sundsvall (2281), men du rapporterar för Timrå (2262)."]
    # The warnings (GN.7's meaning changed in 2023) are in the portal's words too.
    assert not [p["message"] for p in problems if "--" in p["message"]]


def test_history_says_what_happened_in_swedish(portal) -> None:  # type: ignore[no-untyped-def]
    page = client_for(portal, "reporter").get(f"/kommun/{TIMRA}/historik").get_data(as_text=True)
    outcomes = re.findall(r'data-label="Utfall">([^<]*)</td>', page)
    assert outcomes == ["återställning", "sparad (återställd)", "sparad"]


def test_the_audit_csv_says_what_happened_in_swedish(portal) -> None:  # type: ignore[no-untyped-def]
    lines = (
        client_for(portal, "county")
        .get(f"/lan/granskningslogg?ar={YEAR}&format=csv")
        .get_data(as_text=True)
        .lstrip("\ufeff")
        .splitlines()
    )
    assert lines[0] == "när;vad;av vem;kommunkod;kommun;år;skäl;fil"
    kinds = [line.split(";")[1] for line in lines[1:]]
    assert "upload" not in kinds and "revert" not in kinds
    assert kinds.count("uppladdning") == 3 and kinds.count("återställning") == 1
    assert kinds[:2] == ["tillbakaskickad", "godkänd"]  # newest first


def test_one_warning_and_one_value_are_singular(portal) -> None:  # type: ignore[no-untyped-def]
    from indicators.problems import ProblemReport
    from intake.files.problem_types import APPROVED_YEAR
    from web.text import problem_message

    county = client_for(portal, "county")
    page = upload(
        county,
        f"/lan/ladda-upp?ar={OPEN_YEAR}",
        "lan.csv",
        # GN.6 alone: no code whose meaning changed in 2023, so the totals row's is the one warning.
        county_file("Timrå;12", "Västernorrlands län;22", header="Kommun;GN.6"),
    ).get_data(as_text=True)
    assert "1 varning att titta på." in page and "1 varningar" not in page

    report = ProblemReport("lan.csv")
    for count in (1, 2):
        report.add(
            APPROVED_YEAR,
            municipality="2262",
            municipality_name="Timrå (2262)",
            year=YEAR,
            count=count,
        )
    with portal.test_request_context("/"):
        said = [problem_message(p, "sv") for p in report.problems]
        said_en = [problem_message(p, "en") for p in report.problems]
    assert said == [
        "Länsstyrelsen har godkänt Timrå (2262) 2022; 1 värde i filen gäller det. Be "
        "länsstyrelsen öppna året igen om något behöver ändras.",
        "Länsstyrelsen har godkänt Timrå (2262) 2022; 2 värden i filen gäller det. Be "
        "länsstyrelsen öppna året igen om något behöver ändras.",
    ]
    assert said_en[0].startswith("The county board has approved Timrå (2262) 2022; 1 value in")


@pytest.mark.parametrize("who", ["reporter", "county"])
def test_english_pages_name_no_flags_either(portal, sqlite_url: str, who: str) -> None:  # type: ignore[no-untyped-def]
    from sqlalchemy import update
    from sqlalchemy.orm import Session

    from accounts.models import User
    from database.engine import make_engine

    engine = make_engine(sqlite_url)
    with Session(engine) as session, session.begin():
        session.execute(update(User).where(User.email == USERS[who][0]).values(lang="en"))
    engine.dispose()
    client = client_for(portal, who)
    pages = list(crawl(client, START[who])) + list(refusals(client, who))
    assert any('<html lang="en">' in page for _, _, page in pages)
    found = {name: FLAG.findall(shown_text(page)) for name, _, page in pages}
    assert {name: flags for name, flags in found.items() if flags} == {}
