"""One user cannot stop the portal (issue 22, cases 1-5 and 12).

Each limit is tested by counting what the server does on small inputs (checks made, cells
read, reports written at once, bytes kept), never by timing.
"""

from __future__ import annotations

import dataclasses
import json
import os
import threading
import time
from pathlib import Path
from typing import Any

import pytest
from portal import PASSWORD
from portal import USERS
from portal import csrf_token
from portal import log_in
from portal import make_portal
from problem_samples import error

from accounts.models import StagedFile
from accounts.staging import staged_problems
from indicators.problems import ProblemReport

YEAR = 2022


def _redis_up() -> bool:
    import socket

    try:
        socket.create_connection(("127.0.0.1", 6379), 1).close()
    except OSError:
        return False
    return True


def _need_redis() -> None:
    if not _redis_up():
        if os.environ.get("CI"):
            pytest.fail("Redis does not answer on 127.0.0.1:6379")
        pytest.skip("no Redis on 127.0.0.1:6379")


def _redis_keys(prefix: str) -> dict[bytes, int]:
    import redis

    client = redis.Redis.from_url("redis://127.0.0.1:6379")
    return {key: len(client.get(key) or b"") for key in client.scan_iter(f"{prefix}*")}


# --- case 5: the login throttle --------------------------------------------------------------

STORAGES = ["memory://", "redis://127.0.0.1:6379"]


@pytest.fixture(params=STORAGES, ids=["memory", "redis"])
def storage(request: pytest.FixtureRequest) -> str:
    if request.param.startswith("redis"):
        _need_redis()
    return str(request.param)


def _throttle_keys(portal: Any) -> list[str]:
    """Every key the login throttle keeps, in memory or in Redis."""
    throttle = portal.extensions["miljomal_login_throttle"]
    if throttle.storage_uri.startswith("memory"):
        return list(throttle._counter._counts)
    return [key.decode() for key in _redis_keys(throttle.namespace)]


def test_an_overlong_login_field_is_refused_before_anything_is_kept(
    store_url: str, tmp_path: Path, storage: str
) -> None:
    portal = make_portal(store_url, tmp_path, RATELIMIT_STORAGE_URI=storage)
    client = portal.test_client()
    token = csrf_token(client, "/login")
    long_email = "a" * 200_000 + "@x.se"
    answer = client.post(
        "/login", data={"email": long_email, "password": "fel lösenord 123", "csrf_token": token}
    )
    assert answer.status_code == 400
    page = answer.get_data(as_text=True)
    assert "E-postadressen eller lösenordet är för långt (högst 254 och 1 024 tecken)." in page
    assert "aaaaaaaaaa" not in page  # the field is not echoed back
    answer = client.post(
        "/login", data={"email": USERS["reporter"][0], "password": "x" * 1025, "csrf_token": token}
    )
    assert answer.status_code == 400
    assert _throttle_keys(portal) == []


def test_the_throttle_keys_on_a_hash_of_the_normalised_email(
    store_url: str, tmp_path: Path, storage: str
) -> None:
    portal = make_portal(store_url, tmp_path, RATELIMIT_STORAGE_URI=storage)
    client = portal.test_client()
    token = csrf_token(client, "/login")
    spellings = [
        " Anna@Timra.SE",
        "ANNA@TIMRA.SE ",
        "anna@timra.se",
        "Ａｎｎａ@timra.se",
        "anna@TIMRA.se",
    ]
    for email in spellings:  # five spellings of one address, the last with the wrong password
        data = {"email": email, "password": "fel lösenord 123", "csrf_token": token}
        assert client.post("/login", data=data).status_code == 401
    keys = _throttle_keys(portal)
    prefix = portal.config["RATELIMIT_KEY_PREFIX"]
    assert len(keys) == 2  # one account, one address
    assert all(
        len(key) == len(prefix) + 1 + len("account:") + 64 for key in keys if "account" in key
    )
    assert not any("timra" in key.casefold() for key in keys)
    # The five spellings counted as one account: the right password is now refused.
    assert log_in(portal.test_client(), "reporter").status_code == 429


def _guess_at_once(portals: list[Any], guesses: int, checked: list[int]) -> list[int]:
    """``guesses`` concurrent wrong logins spread over the portals; their status codes."""
    clients = []
    for number in range(guesses):
        client = portals[number % len(portals)].test_client()
        clients.append((client, csrf_token(client, "/login")))
    start = threading.Barrier(guesses)
    statuses: list[int] = []

    def guess(client: Any, token: str) -> None:
        data = {"email": USERS["reporter"][0], "password": "fel lösenord 123", "csrf_token": token}
        start.wait()
        statuses.append(client.post("/login", data=data).status_code)

    threads = [threading.Thread(target=guess, args=pair) for pair in clients]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return sorted(statuses)


@pytest.fixture
def counted_checks(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """Counts every password check; each takes 20 ms, the window a race needs."""
    import accounts.users

    checked: list[int] = []
    lock = threading.Lock()

    def authenticate(session: Any, email: str, password: str) -> None:
        with lock:
            checked.append(1)
        time.sleep(0.02)
        return None

    monkeypatch.setattr(accounts.users, "authenticate", authenticate)
    return checked


def test_forty_concurrent_guesses_get_at_most_the_limit_checked(
    store_url: str, tmp_path: Path, storage: str, counted_checks: list[int]
) -> None:
    portal = make_portal(store_url, tmp_path, RATELIMIT_STORAGE_URI=storage)
    statuses = _guess_at_once([portal], 40, counted_checks)
    assert len(counted_checks) == 5
    assert statuses == [401] * 5 + [429] * 35


def test_forty_concurrent_guesses_on_two_workers_share_one_limit_in_redis(
    store_url: str, tmp_path: Path, counted_checks: list[int]
) -> None:
    _need_redis()
    first = make_portal(store_url, tmp_path, RATELIMIT_STORAGE_URI="redis://127.0.0.1:6379")
    from web import create_app

    shared = ("DATABASE_URL", "SECRET_KEY", "TESTING", "RATELIMIT_KEY_PREFIX")
    second = create_app(
        {key: first.config[key] for key in shared}
        | {"RATELIMIT_STORAGE_URI": "redis://127.0.0.1:6379"}
    )
    statuses = _guess_at_once([first, second], 40, counted_checks)
    assert len(counted_checks) == 5
    assert statuses == [401] * 5 + [429] * 35


def test_a_right_password_does_not_count_towards_a_block(
    store_url: str, tmp_path: Path, storage: str
) -> None:
    portal = make_portal(store_url, tmp_path, RATELIMIT_STORAGE_URI=storage)
    for _ in range(8):  # eight logins in a row from one office, all right
        assert log_in(portal.test_client(), "reporter", PASSWORD).status_code == 302


# --- case 1: the annotated copy, linear in the file's size -------------------------------------


def _table_with_a_problem_per_row(folder: Path, rows: int, suffix: str) -> tuple[Path, Any]:
    """A long table of ``rows`` data rows and an error on each row's value, named by header."""
    from indicators.problems import ProblemReport

    path = folder / f"lang-{rows}{suffix}"
    lines = [["Kommun", "Indikator", "År", "Värde"]]
    lines += [["2262", f"GN.{n % 16 + 1}", str(YEAR), f"{n},5"] for n in range(rows)]
    if suffix == ".csv":
        path.write_text("\n".join(";".join(line) for line in lines) + "\n", encoding="utf-8")
    else:
        from openpyxl import Workbook

        workbook = Workbook()
        for line in lines:
            workbook.active.append(line)
        workbook.active.merge_cells("F1:G1")
        workbook.save(path)
    report = ProblemReport(file=path.name)
    for row in range(2, rows + 2):
        error(report, "x", "Fel värde.", "Wrong value.", row=row, column="Värde")
    return path, report


@pytest.fixture
def cells_walked(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """Counts the cells openpyxl walks to find a sheet's last row or column."""
    from openpyxl.worksheet.worksheet import Worksheet

    walked: list[int] = []
    for name in ("max_row", "max_column"):
        original = getattr(Worksheet, name)

        def counting(self: Any, original: Any = original) -> int:
            walked.append(len(self._cells))
            return int(original.fget(self))

        monkeypatch.setattr(Worksheet, name, property(counting))
    return walked


@pytest.mark.parametrize("suffix", [".csv", ".xlsx"])
def test_annotating_grows_linearly_with_the_rows(
    tmp_path: Path, cells_walked: list[int], suffix: str
) -> None:
    from intake.annotate import write_annotated_copy

    work = {}
    for rows in (100, 400):
        source, report = _table_with_a_problem_per_row(tmp_path, rows, suffix)
        cells_walked.clear()
        write_annotated_copy(source, report, tmp_path / f"granskad-{rows}.xlsx")
        work[rows] = sum(cells_walked)
    # Four times the rows (and problems): at most about four times the cells walked, and a
    # few walks of the file, not one per problem (before: 400 walks of 1 600 cells).
    assert work[400] <= 4.5 * work[100]
    assert work[400] <= 10 * 4 * 401


# --- cases 1, 3 and 12: review, staging and the annotated copy in the portal -------------------


def _reporter(portal: Any) -> Any:
    client = portal.test_client()
    assert log_in(client, "reporter").status_code == 302
    return client


def _upload(client: Any, path: Path) -> Any:
    from portal import TIMRA

    token = csrf_token(client, f"/kommun/{TIMRA}/ladda-upp")
    with path.open("rb") as handle:
        return client.post(
            f"/kommun/{TIMRA}/ladda-upp",
            data={"csrf_token": token, "year": str(YEAR), "file": (handle, path.name)},
            content_type="multipart/form-data",
        )


def _sha(page: str) -> str:
    import re

    found = re.search(r"/granskning/([0-9a-f]{64})", page) or re.search(
        r'name="sha256" value="([0-9a-f]{64})"', page
    )
    assert found, page
    return found.group(1)


def _staged_rows(store_url: str) -> list[tuple[str, bool, int, int, int]]:
    """(sha256, ok, len(content), size, len(annotated)) of every staged file."""
    from sqlalchemy import text

    from database.engine import make_engine

    engine = make_engine(store_url)
    with engine.connect() as connection:
        rows = connection.execute(
            text(
                "SELECT sha256, ok, length(content), size, coalesce(length(annotated), 0) "
                "FROM staged_file ORDER BY id"
            )
        ).all()
    engine.dispose()
    return [(r[0], bool(r[1]), int(r[2]), int(r[3]), int(r[4])) for r in rows]


def _bad_csv(folder: Path, rows: int, name: str = "timra-fel.csv") -> Path:
    """A CSV of ``rows`` lines for Timrå, each value text where a number belongs."""
    path = folder / name
    lines = ["Kommun;Indikator;År;Värde"] + [f"Timrå;GN.7;{YEAR};ca {n}" for n in range(rows)]
    path.write_text("\r\n".join(lines) + "\r\n", encoding="utf-8")
    return path


@pytest.fixture
def counted_work(monkeypatch: pytest.MonkeyPatch) -> dict[str, int]:
    """Counts the dry-run imports and annotated copies the portal makes."""
    import accounts.staging
    import intake.importer

    counts = {"import": 0, "annotate": 0}
    real_import = intake.importer.import_file
    real_annotate = accounts.staging.write_annotated_copy

    def import_file(*args: Any, **kwargs: Any) -> Any:
        counts["import"] += 1
        return real_import(*args, **kwargs)

    def write_annotated_copy(*args: Any, **kwargs: Any) -> Any:
        counts["annotate"] += 1
        return real_annotate(*args, **kwargs)

    monkeypatch.setattr(intake.importer, "import_file", import_file)
    monkeypatch.setattr(accounts.staging, "write_annotated_copy", write_annotated_copy)
    return counts


def test_a_rejected_file_keeps_no_bytes_and_its_copy_is_made_once(
    store_url: str, tmp_path: Path, counted_work: dict[str, int]
) -> None:
    from portal import TIMRA

    client = _reporter(make_portal(store_url, tmp_path))
    source = _bad_csv(tmp_path, 3)
    page = _upload(client, source).get_data(as_text=True)
    assert "Filen har 3 fel och kan inte sparas" in page
    sha = _sha(page)
    [(staged_sha, ok, kept, size, annotated)] = _staged_rows(store_url)
    assert (staged_sha, ok, kept) == (sha, False, 0)  # not one byte of the file kept
    assert annotated > 0 and size >= annotated
    downloads = [client.get(f"/kommun/{TIMRA}/granskning/{sha}") for _ in range(3)]
    assert [d.status_code for d in downloads] == [200, 200, 200]
    assert downloads[0].data[:2] == b"PK" and downloads[0].data == downloads[2].data
    # One review and one annotated copy in all, however often the copy is fetched.
    assert counted_work == {"import": 1, "annotate": 1}
    token = csrf_token(client, f"/kommun/{TIMRA}/ladda-upp")
    forced = client.post(f"/kommun/{TIMRA}/spara", data={"csrf_token": token, "sha256": sha})
    assert forced.status_code == 422
    assert "Filen har fel och kan inte sparas." in forced.get_data(as_text=True)


def test_a_staged_files_problems_read_back_as_said_also_from_before_an_upgrade() -> None:
    """A problem kept with a staged file keeps its place and both sentences; a file reviewed
    before a problem's sentences became one `Text` (kept for a day) still reads."""
    problem = error(ProblemReport("fil.csv"), "bad-value", "Fel värde.", "Bad value.", row=3)
    kept = dataclasses.asdict(problem)
    assert staged_problems(StagedFile(problems=json.dumps([kept]))) == [problem]
    sentences = kept.pop("text")
    before = {**kept, "message_sv": sentences["sv"], "message_en": sentences["en"]}
    assert staged_problems(StagedFile(problems=json.dumps([before]))) == [problem]


def test_a_savable_files_copy_is_made_on_first_download_and_kept(
    store_url: str, tmp_path: Path, counted_work: dict[str, int]
) -> None:
    from portal import TIMRA

    client = _reporter(make_portal(store_url, tmp_path))
    source = tmp_path / "timra.csv"
    # A row for another year is ignored with a warning: the file can be saved, with a problem.
    source.write_text(
        f"Kommun;Indikator;År;Värde\r\nTimrå;GN.7;{YEAR};398,2\r\nTimrå;GN.7;1999;1\r\n",
        encoding="utf-8",
    )
    page = _upload(client, source).get_data(as_text=True)
    assert 'name="sha256"' in page
    sha = _sha(page)
    assert counted_work == {"import": 1, "annotate": 0}
    downloads = [client.get(f"/kommun/{TIMRA}/granskning/{sha}") for _ in range(3)]
    assert [d.status_code for d in downloads] == [200, 200, 200]
    assert counted_work == {"import": 1, "annotate": 1}
    [(_, ok, kept, size, annotated)] = _staged_rows(store_url)
    assert ok and kept == len(source.read_bytes()) and annotated == len(downloads[0].data)
    assert size >= kept + annotated


def test_a_file_over_the_annotation_row_limit_gets_a_plain_page(
    store_url: str, tmp_path: Path, counted_work: dict[str, int]
) -> None:
    from portal import TIMRA

    client = _reporter(make_portal(store_url, tmp_path, ANNOTATE_MAX_ROWS=10))
    page = _upload(client, _bad_csv(tmp_path, 20)).get_data(as_text=True)
    assert "Filen har 20 fel och kan inte sparas" in page
    answer = client.get(f"/kommun/{TIMRA}/granskning/{_sha(page)}")
    assert answer.status_code == 200
    text = answer.get_data(as_text=True)
    assert "Filen har fler än 10 rader, så ingen granskad kopia av den görs." in text
    assert text.count("[not-a-number]") == 20 or text.count('<tr class="error">') == 20
    assert counted_work["import"] == 1


def _empty_fill_workbook(store_url: str, folder: Path) -> Path:
    """The template with a wrong value, its styles holding an empty <fill/> (openpyxl fails)."""
    import zipfile

    from portal import TIMRA
    from portal import fill_template
    from portal import template_file

    blank = template_file(store_url, TIMRA, YEAR, folder / "mall.xlsx")
    filled = fill_template(blank, folder / "ifylld.xlsx", {"GN.7": ("ca 400", None, None)})
    target = folder / "timra-ovanlig.xlsx"
    with zipfile.ZipFile(filled) as source, zipfile.ZipFile(target, "w") as out:
        for item in source.infolist():
            data = source.read(item.filename)
            if item.filename == "xl/styles.xml":
                text = data.decode()
                fills = text.index("<fills")
                first = text.index("<fill>", fills)
                end = text.index("</fill>", first) + len("</fill>")
                data = (text[:first] + "<fill/>" + text[end:]).encode()
            out.writestr(item, data)
    return target


def test_an_unusual_workbook_gets_a_plain_page_not_a_server_error(
    store_url: str, tmp_path: Path
) -> None:
    from openpyxl import load_workbook
    from portal import TIMRA

    source = _empty_fill_workbook(store_url, tmp_path)
    with pytest.raises(TypeError):  # what openpyxl makes of it
        load_workbook(source)
    client = _reporter(make_portal(store_url, tmp_path))
    page = _upload(client, source).get_data(as_text=True)
    assert "Filen har 1 fel och kan inte sparas" in page
    answer = client.get(f"/kommun/{TIMRA}/granskning/{_sha(page)}")
    assert answer.status_code == 200
    text = answer.get_data(as_text=True)
    assert "Den granskade kopian kan inte göras för den här filen" in text
    assert "Värden!I12" in text  # the problem is still listed, with its cell


def _good_csv(folder: Path, name: str, comment: str) -> Path:
    path = folder / name
    path.write_text(
        # The name beside the code: a good file with no warning (not code-meaning-changed).
        f"Kommun;Indikator;Namn;År;Värde;Kommentar\r\n"
        f"Timrå;GN.7;Mängd hushållsavfall;{YEAR};398,2;{comment}\r\n",
        encoding="utf-8",
    )
    return path


def test_staged_bytes_are_capped_per_user_with_a_plain_page(store_url: str, tmp_path: Path) -> None:
    portal = make_portal(store_url, tmp_path, STAGED_BYTES_PER_USER=3000)
    client = _reporter(portal)
    statuses = []
    for number in range(4):  # good files of about 900 bytes each
        source = _good_csv(tmp_path, f"timra-{number}.csv", f"{number} " + "x" * 850)
        answer = _upload(client, source)
        statuses.append(answer.status_code)
    assert statuses == [200, 200, 200, 413]
    assert "Du har redan filer som väntar på att sparas (högst 0 MB)." in answer.get_data(
        as_text=True
    )
    assert len(_staged_rows(store_url)) == 3
    assert sum(row[3] for row in _staged_rows(store_url)) <= 3000


def test_staged_bytes_are_capped_in_total_across_users(store_url: str, tmp_path: Path) -> None:
    portal = make_portal(store_url, tmp_path, STAGED_BYTES_TOTAL=1500)
    source = _good_csv(tmp_path, "timra.csv", "x" * 850)
    assert _upload(_reporter(portal), source).status_code == 200
    county = portal.test_client()
    assert log_in(county, "county").status_code == 302
    answer = _upload(county, source)
    assert answer.status_code == 413
    assert "Portalen har just nu för många filer under granskning." in answer.get_data(as_text=True)
    assert len(_staged_rows(store_url)) == 1


def test_expired_staged_files_are_pruned_without_a_request(store_url: str, tmp_path: Path) -> None:
    from sqlalchemy import text

    from database.engine import make_engine
    from web.workload import Housekeeper

    portal = make_portal(store_url, tmp_path, REPORT_CACHE=str(tmp_path / "cache"))
    client = _reporter(portal)
    _upload(client, _bad_csv(tmp_path, 2))
    _upload(client, _bad_csv(tmp_path, 3, "annan.csv"))
    engine = make_engine(store_url)
    with engine.begin() as connection:
        connection.execute(
            text(
                "UPDATE staged_file SET expires_at = :past "
                "WHERE id = (SELECT min(id) FROM staged_file)"
            ),
            {"past": "2000-01-01 00:00:00"},
        )
    engine.dispose()
    assert len(_staged_rows(store_url)) == 2
    keeper = Housekeeper(portal, 0.05).start()
    try:
        for _ in range(100):
            if len(_staged_rows(store_url)) == 1:
                break
            time.sleep(0.05)
    finally:
        keeper.stop()
    assert len(_staged_rows(store_url)) == 1


def test_one_user_runs_at_most_the_limit_of_reviews_at_once(
    store_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import intake.importer

    portal = make_portal(store_url, tmp_path, REVIEWS_PER_USER=1)
    first, second = _reporter(portal), _reporter(portal)
    entered, leave = threading.Event(), threading.Event()
    real_import = intake.importer.import_file

    def slow_import(*args: Any, **kwargs: Any) -> Any:
        entered.set()
        leave.wait(10)
        return real_import(*args, **kwargs)

    monkeypatch.setattr(intake.importer, "import_file", slow_import)
    answers: list[int] = []
    running = threading.Thread(
        target=lambda: answers.append(_upload(first, _bad_csv(tmp_path, 2)).status_code)
    )
    running.start()
    assert entered.wait(10)
    refused = _upload(second, _bad_csv(tmp_path, 3, "annan.csv"))  # same user, other session
    leave.set()
    running.join()
    assert refused.status_code == 429
    assert refused.headers["Retry-After"] == "5"
    assert "Du har redan 1 granskningar igång." in refused.get_data(as_text=True)
    assert answers == [200]
    assert _upload(second, _bad_csv(tmp_path, 3, "annan.csv")).status_code == 200


# --- case 4: on-request reports -----------------------------------------------------------------


def test_reports_are_made_by_at_most_the_worker_limit_at_once(
    store_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import web.on_request

    portal = make_portal(
        store_url, tmp_path, REPORT_CACHE=str(tmp_path / "cache"), REPORT_WORKERS=2
    )
    clients = []
    for _ in range(14):
        client = portal.test_client()
        assert log_in(client, "county").status_code == 302
        clients.append(client)
    lock = threading.Lock()
    running = {"now": 0, "most": 0, "made": 0}
    start = threading.Barrier(14)

    def writer(*_args: Any) -> Any:
        def write(path: Path, lang: str) -> None:
            with lock:
                running["now"] += 1
                running["most"] = max(running["most"], running["now"])
                running["made"] += 1
            time.sleep(0.3)
            path.write_text("{}", encoding="utf-8")
            with lock:
                running["now"] -= 1

        return write

    monkeypatch.setattr(web.on_request, "_writer", writer)
    answers: list[Any] = []

    def fetch(client: Any) -> None:
        start.wait()
        answers.append(client.get(f"/lan/rapporter/completeness.json?ar={YEAR}"))

    threads = [threading.Thread(target=fetch, args=(client,)) for client in clients]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    statuses = sorted(answer.status_code for answer in answers)
    assert statuses.count(200) + statuses.count(429) == 14
    busy = [answer for answer in answers if answer.status_code == 429]
    # The store's transaction ends before the document is drawn (on SQLite it holds the one
    # write lock): two are drawn at once, the rest are told to come back.
    assert running["most"] == 2, (running, statuses)
    assert running["made"] >= 2
    assert len(busy) >= 1
    for answer in busy:
        assert answer.headers["Retry-After"] == "10"
        text = answer.get_data(as_text=True)
        assert "rapporten tas fram först när en av dem är klar. Försök igen om 10 sekunder." in text
    # A copy already made is served even when every worker is busy.
    workers = portal.extensions["miljomal_report_workers"]
    assert workers.acquire(blocking=False) and workers.acquire(blocking=False)
    try:
        assert clients[0].get(f"/lan/rapporter/completeness.json?ar={YEAR}").status_code == 200
    finally:
        workers.release()
        workers.release()


def test_the_report_cache_is_pruned_by_age_and_size(tmp_path: Path) -> None:
    import datetime as dt

    from web.on_request import prune_cache

    now = time.time()
    ages_and_sizes = {"gammal.pdf": (9 * 86400, 10), "b.pdf": (3000, 400), "c.pdf": (2000, 400)}
    ages_and_sizes |= {"d.pdf": (1000, 400), ".halv.pdf": (10, 5000)}
    for name, (age, size) in ages_and_sizes.items():
        path = tmp_path / name
        path.write_bytes(b"x" * size)
        os.utime(path, (now - age, now - age))
    deleted = prune_cache(tmp_path, max_age=dt.timedelta(days=7), max_bytes=5500)
    # The nine-day-old file goes by age, then the oldest until the folder is under the size;
    # a file being written is never taken for its size.
    assert deleted == 3
    assert sorted(p.name for p in tmp_path.iterdir()) == [".halv.pdf", "d.pdf"]
    assert prune_cache(tmp_path / "finns-inte", max_age=dt.timedelta(days=7), max_bytes=0) == 0


def test_housekeeping_prunes_the_report_cache(store_url: str, tmp_path: Path) -> None:
    from web.workload import housekeeping

    cache = tmp_path / "cache"
    portal = make_portal(store_url, tmp_path, REPORT_CACHE=str(cache), REPORT_CACHE_BYTES=100)
    (cache / "rapporter").mkdir(parents=True)
    for name in ("a.pdf", "b.pdf"):
        (cache / "rapporter" / name).write_bytes(b"x" * 80)
        time.sleep(0.01)
    housekeeping(portal)
    assert [p.name for p in (cache / "rapporter").iterdir()] == ["b.pdf"]


# --- case 2: slow connections -------------------------------------------------------------------


def test_waitress_limits_come_from_documented_settings(monkeypatch: pytest.MonkeyPatch) -> None:
    import click

    from miljomal.commands.serve import server_settings

    for variable in ("MILJOMAL_CONNECTION_LIMIT", "MILJOMAL_CHANNEL_TIMEOUT"):
        monkeypatch.delenv(variable, raising=False)
    monkeypatch.setenv("MILJOMAL_CLEANUP_INTERVAL", "2")
    assert server_settings() == {
        "connection_limit": 500,
        "channel_timeout": 15,
        "cleanup_interval": 2,
    }
    monkeypatch.setenv("MILJOMAL_CHANNEL_TIMEOUT", "ten")
    with pytest.raises(click.ClickException, match="MILJOMAL_CHANNEL_TIMEOUT must be a whole"):
        server_settings()
    deploy = (Path(__file__).parents[1] / "docs" / "deploy.md").read_text(encoding="utf-8")
    for variable in (
        "MILJOMAL_CONNECTION_LIMIT",
        "MILJOMAL_CHANNEL_TIMEOUT",
        "MILJOMAL_CLEANUP_INTERVAL",
    ):
        assert variable in deploy


def test_half_open_connections_are_closed_and_health_answers(
    sqlite_url: str, tmp_path: Path
) -> None:
    import socket
    import subprocess
    import sys
    import urllib.request

    from database.engine import make_engine
    from miljomal.bootstrap import initialise

    engine = make_engine(sqlite_url)
    initialise(engine)
    engine.dispose()
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = int(probe.getsockname()[1])
    env = {
        **os.environ,
        "MILJOMAL_SECRET_KEY": "test",
        "MILJOMAL_INSTANCE": str(tmp_path / "instance"),
        "MILJOMAL_CONNECTION_LIMIT": "5",
        # The shortest the settings allow: the test waits this out before the server hangs up.
        "MILJOMAL_CHANNEL_TIMEOUT": "1",
        "MILJOMAL_CLEANUP_INTERVAL": "1",
    }
    log = (tmp_path / "serve.log").open("w")
    process = subprocess.Popen(
        [sys.executable, "-m", "miljomal", "--db", sqlite_url, "serve", "--port", str(port)],
        stdout=log,
        stderr=subprocess.STDOUT,
        env=env,
    )
    base = f"http://127.0.0.1:{port}"
    half_open: list[socket.socket] = []
    try:
        for _ in range(200):
            try:
                with urllib.request.urlopen(f"{base}/health", timeout=1) as answer:
                    if answer.status == 200:
                        break
            except OSError:
                time.sleep(0.1)
        # As many connections as the limit, each with half a request and then silence.
        for _ in range(5):
            connection = socket.create_connection(("127.0.0.1", port), timeout=10)
            connection.sendall(b"GET /health HTTP/1.1\r\nHost: x\r\n")
            half_open.append(connection)
        closed = [connection.recv(1) for connection in half_open]  # b"": the server hung up
        assert closed == [b""] * 5
        with urllib.request.urlopen(f"{base}/health", timeout=5) as answer:
            assert answer.status == 200
    finally:
        for connection in half_open:
            connection.close()
        process.terminate()
        process.wait(timeout=10)
        log.close()
