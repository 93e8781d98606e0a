"""One user cannot stop the portal (issue 22, cases 1-5 and 12).

Each limit is tested by counting what the server does on small inputs (checks made, cells
read, reports written at once, bytes kept), never by timing.
"""

from __future__ import annotations

import os
import threading
import time
from pathlib import Path
from typing import Any

import pytest
from portal import PASSWORD, USERS, csrf_token, log_in, make_portal

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
        report.error("x", "Fel värde.", "Wrong value.", row=row, column="Värde")
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
    from indicators.annotate import write_annotated_copy

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
