"""The availability attacks of issue 22, repeated at a size you choose, with their figures.

    .venv/bin/python benchmarks/attacks.py                 # the issue's sizes (minutes)
    .venv/bin/python benchmarks/attacks.py --small         # a quick run (about a minute)
    .venv/bin/python benchmarks/attacks.py --rows 500 2000 --connections 120 ...

A measurement, not a test: nothing fails on a slow result.  Each case prints the figure of
the old behaviour ("before", emulated in this process where that can be done at this size,
else the issue's own figure) beside today's ("after"):

1. annotated copy of a table with an error on every row (2 000 / 8 000 rows): time and
   cells openpyxl walked; "before" re-reads the sheet's extent per problem, as the old
   `_column_of` did; then the portal: a review and three downloads of its copy;
2. half-open connections (120, half a request each) against `miljomal serve`: does
   `/health` answer, and how fast; "before" runs waitress with its defaults;
3. staged bytes: uploads of random bytes (30 x 19 MB) through Granska: bytes kept;
4. concurrent on-request reports (14), each a 0.5 s CPU-bound writer: `/health` latency
   while they run; "before" lets every request make its report at once;
5. failed logins with a long e-mail field (25 x 12 MB), and 40 concurrent guesses:
   bytes the throttle keeps, and passwords checked against the limit of 5.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import re
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
import weakref
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path[:0] = [str(ROOT), str(HERE)]

PASSWORD = "benchmark password 2026"
REPORTER = "bench@timra.se"
COUNTY = "bench@lansstyrelsen.se"
_CSRF = re.compile(r'name="csrf_token" value="([^"]+)"')


def store(folder: Path) -> str:
    """A fresh SQLite store with a Timrå reporter and a county-22 user."""
    from sqlalchemy.orm import Session

    from accounts.users import add_user
    from database.engine import make_engine
    from miljomal.bootstrap import initialise

    url = f"sqlite:///{folder / 'attacks.db'}"
    engine = make_engine(url)
    initialise(engine)
    with Session(engine) as session, session.begin():
        add_user(
            session,
            REPORTER,
            name="Bench",
            role="reporter",
            municipalities=["2262"],
            password=PASSWORD,
        )
        add_user(session, COUNTY, name="Län", role="county", county="22", password=PASSWORD)
    engine.dispose()
    return url


def portal(url: str, folder: Path, **config: Any) -> Any:
    from web import create_app

    settings = {
        "DATABASE_URL": url,
        "SECRET_KEY": "bench",
        "REQUEST_LIMIT": "1000000/minute",
        "REPORT_CACHE": str(folder / "cache"),
        "RATELIMIT_KEY_PREFIX": os.urandom(6).hex(),
    }
    return create_app(settings | config)


def logged_in(app: Any, email: str) -> tuple[Any, str]:
    """A test client logged in as ``email`` and its CSRF token."""
    client = app.test_client()
    token = _CSRF.search(client.get("/login").get_data(as_text=True)).group(1)  # type: ignore[union-attr]
    client.post("/login", data={"email": email, "password": PASSWORD, "csrf_token": token})
    page = client.get("/kommun/2262/ladda-upp").get_data(as_text=True)
    found = _CSRF.search(page)
    return client, found.group(1) if found else token


def upload(client: Any, token: str, path: Path) -> Any:
    with path.open("rb") as handle:
        return client.post(
            "/kommun/2262/ladda-upp",
            content_type="multipart/form-data",
            data={"csrf_token": token, "year": "2022", "file": (handle, path.name)},
        )


# --- 1 -----------------------------------------------------------------------------------------


def bad_table(folder: Path, rows: int) -> tuple[Path, Any]:
    """An .xlsx of ``rows`` rows with an error on each value, named by its header."""
    from openpyxl import Workbook

    from i18n import Text
    from indicators.problems import ProblemReport
    from intake.files.problem_types import NOT_A_NUMBER

    workbook = Workbook()
    workbook.active.append(["Kommun", "Indikator", "År", "Värde"])
    for n in range(rows):
        workbook.active.append(["Timrå", "GN.7", 2022, f"ca {n}"])
    path = folder / f"fel-{rows}.xlsx"
    workbook.save(path)
    report = ProblemReport(file=path.name)
    for row in range(2, rows + 2):
        said = Text("Inte ett tal.", "Not a number.")
        report.add(NOT_A_NUMBER, row=row, column="Värde", said=said)
    return path, report


class _Forgetful(weakref.WeakKeyDictionary):  # type: ignore[type-arg]
    """A cache that keeps nothing: the old per-problem reading of a sheet's extent."""

    def __setitem__(self, key: Any, value: Any) -> None:
        pass


def annotation(folder: Path, sizes: list[int], before: bool) -> None:
    from openpyxl.worksheet.worksheet import Worksheet

    import intake.annotate as annotate

    walked = [0]
    originals = {name: getattr(Worksheet, name) for name in ("max_row", "max_column")}

    def counting(prop: Any) -> property:
        def get(self: Any) -> int:
            walked[0] += len(self._cells)
            return int(prop.fget(self))

        return property(get)

    for name, prop in originals.items():
        setattr(Worksheet, name, counting(prop))
    try:
        for rows in sizes:
            source, report = bad_table(folder, rows)
            for label, caches in (
                (("before", True), ("after", False)) if before else (("after", False),)
            ):
                saved = annotate._HEADERS, annotate._LAST_COLUMNS
                if caches:
                    annotate._HEADERS, annotate._LAST_COLUMNS = _Forgetful(), _Forgetful()
                walked[0] = 0
                start = time.perf_counter()
                annotate.write_annotated_copy(source, report, folder / f"ut-{rows}.xlsx")
                took = time.perf_counter() - start
                annotate._HEADERS, annotate._LAST_COLUMNS = saved
                print(
                    f"1. annotate {rows:6} rows, {rows} errors   {label:6} {took:7.2f} s   "
                    f"{walked[0]:>13,} cells walked"
                )
    finally:
        for name, prop in originals.items():
            setattr(Worksheet, name, prop)


def annotation_in_portal(url: str, folder: Path, rows: int) -> None:
    import intake.importer

    app = portal(url, folder)
    client, token = logged_in(app, REPORTER)
    source = folder / f"fel-{rows}.csv"
    lines = ["Kommun;Indikator;År;Värde"] + [f"Timrå;GN.7;2022;ca {n}" for n in range(rows)]
    source.write_text("\r\n".join(lines), encoding="utf-8")
    imports = [0]
    real = intake.importer.import_file

    def counted(*args: Any, **kwargs: Any) -> Any:
        imports[0] += 1
        return real(*args, **kwargs)

    intake.importer.import_file = counted  # type: ignore[assignment]
    try:
        start = time.perf_counter()
        page = upload(client, token, source).get_data(as_text=True)
        review = time.perf_counter() - start
        sha = re.search(r"/granskning/([0-9a-f]{64})", page).group(1)  # type: ignore[union-attr]
        times = []
        for _ in range(3):
            start = time.perf_counter()
            assert client.get(f"/kommun/2262/granskning/{sha}").status_code == 200
            times.append(time.perf_counter() - start)
    finally:
        intake.importer.import_file = real  # type: ignore[assignment]
    print(
        f"1. portal, {rows} rows: Granska {review:.2f} s (review + copy); 3 downloads "
        f"{', '.join(f'{t * 1000:.0f} ms' for t in times)}; reviews run: {imports[0]} "
        f"(before: 1 + one per download)"
    )


# --- 2 -----------------------------------------------------------------------------------------


def half_open(url: str, folder: Path, connections: int, wait: float, before: bool) -> None:
    cases = [("after", {})]
    if before:
        waitress_defaults = {
            "MILJOMAL_CONNECTION_LIMIT": "100",
            "MILJOMAL_CHANNEL_TIMEOUT": "120",
            "MILJOMAL_CLEANUP_INTERVAL": "30",
        }
        cases.insert(0, ("before", waitress_defaults))
    for label, settings in cases:
        port = _free_port()
        process = _serve(url, folder, port, settings)
        held: list[socket.socket] = []
        try:
            _wait_for_health("127.0.0.1", port)
            held = _half_open(port, connections)
            start = time.perf_counter()
            try:
                urllib.request.urlopen(f"http://127.0.0.1:{port}/health", timeout=wait).close()
                answer = f"answered in {time.perf_counter() - start:.1f} s"
            except OSError:
                answer = f"no answer within {wait:.0f} s"
            print(f"2. {connections} half-open connections   {label:6} /health {answer}")
        finally:
            for connection in held:
                connection.close()
            process.terminate()
            process.wait(timeout=10)


NGINX_CONF = """
worker_processes 1;
pid {folder}/nginx.pid;
error_log {folder}/nginx-error.log;
events {{ worker_connections 1024; }}
http {{
    access_log off;
    client_body_temp_path {folder}/body;
    proxy_temp_path {folder}/proxy;
    fastcgi_temp_path {folder}/fastcgi;
    uwsgi_temp_path {folder}/uwsgi;
    scgi_temp_path {folder}/scgi;
    limit_conn_zone $binary_remote_addr zone=miljomal_conn:10m;
    limit_req_zone  $binary_remote_addr zone=miljomal_req:10m rate=10r/s;
    server {{
        listen 127.0.0.1:{port};
        listen 127.0.0.2:{port};
        # docs/deploy.md's example from here on, without TLS
        client_max_body_size 21m;
        client_header_timeout 10s;
        client_body_timeout 30s;
        send_timeout 30s;
        keepalive_timeout 15s;
        limit_conn miljomal_conn 20;
        limit_req zone=miljomal_req burst=40 nodelay;
        limit_conn_status 429;
        limit_req_status 429;
        location / {{
            proxy_pass http://127.0.0.1:{upstream};
            proxy_request_buffering on;
            proxy_connect_timeout 5s;
            proxy_read_timeout 60s;
            proxy_set_header Host $host;
            proxy_set_header X-Forwarded-For $remote_addr;
            proxy_set_header X-Forwarded-Proto https;
        }}
    }}
}}
"""


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _serve(
    url: str, folder: Path, port: int, settings: dict[str, str] | None = None
) -> subprocess.Popen[bytes]:
    """`miljomal serve` on ``port`` in a process of its own, with these settings."""
    env = {
        **os.environ,
        "MILJOMAL_SECRET_KEY": "bench",
        "MILJOMAL_INSTANCE": str(folder / "instance"),
        **(settings or {}),
    }
    return subprocess.Popen(
        [sys.executable, "-m", "miljomal", "--db", url, "serve", "--port", str(port)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        env=env,
    )


def _wait_for_health(host: str, port: int) -> None:
    """Until `/health` answers, for at most about 20 s."""
    for _ in range(200):
        try:
            urllib.request.urlopen(f"http://{host}:{port}/health", timeout=1).close()
            return
        except OSError:
            time.sleep(0.1)


def _half_open(port: int, connections: int) -> list[socket.socket]:
    """Connections from 127.0.0.1 that each send a request's first lines and never end it."""
    held = []
    for _ in range(connections):
        connection = socket.create_connection(("127.0.0.1", port))
        connection.sendall(b"GET /health HTTP/1.1\r\nHost: x\r\n")
        held.append(connection)
    return held


def behind_nginx(url: str, folder: Path, connections: int, seconds: float) -> None:
    """The half-open attack, a byte every 20 s, against the nginx example of deploy.md.

    The attacker is 127.0.0.1; `/health` is asked from 127.0.0.2 (another client) once a
    second while the attack runs.
    """
    import shutil

    nginx = shutil.which("nginx") or (
        "/usr/sbin/nginx" if Path("/usr/sbin/nginx").exists() else None
    )
    if nginx is None:
        print("2. behind nginx: skipped (no nginx on this machine)")
        return
    upstream, port = _free_port(), _free_port()
    server = _serve(url, folder, upstream)
    (folder / "nginx").mkdir(exist_ok=True)
    conf = folder / "nginx" / "nginx.conf"
    conf.write_text(NGINX_CONF.format(folder=folder / "nginx", port=port, upstream=upstream))
    proxy = subprocess.Popen(
        [nginx, "-c", str(conf), "-g", "daemon off;"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    held: list[socket.socket] = []
    stop = threading.Event()
    try:
        _wait_for_health("127.0.0.2", port)
        held = _half_open(port, connections)

        def trickle() -> None:
            while not stop.wait(20):
                for connection in held:
                    with contextlib.suppress(OSError):
                        connection.sendall(b"X")

        threading.Thread(target=trickle, daemon=True).start()
        waits = []
        end = time.perf_counter() + seconds
        while time.perf_counter() < end:
            start = time.perf_counter()
            try:
                urllib.request.urlopen(f"http://127.0.0.2:{port}/health", timeout=30).close()
                waits.append(time.perf_counter() - start)
            except OSError:
                waits.append(float("inf"))
            time.sleep(1)
        closed = 0
        for connection in held:
            connection.setblocking(False)
            try:
                closed += connection.recv(4096) is not None
            except BlockingIOError:
                pass
            except OSError:
                closed += 1
        print(
            f"2. {connections} half-open connections, a byte every 20 s, behind nginx: "
            f"/health asked {len(waits)} times in {seconds:.0f} s, worst "
            f"{max(waits):.2f} s; {closed} of the attacker's connections closed by nginx"
        )
    finally:
        stop.set()
        for connection in held:
            connection.close()
        proxy.terminate()
        proxy.wait(timeout=10)
        server.terminate()
        server.wait(timeout=10)


# --- 3 -----------------------------------------------------------------------------------------


def staging(url: str, folder: Path, files: int, megabytes: float) -> None:
    from sqlalchemy import text

    from database.engine import make_engine

    engine = make_engine(url)
    with engine.begin() as connection:  # only this case's files are counted
        connection.execute(text("DELETE FROM staged_file"))
    app = portal(url, folder)
    client, token = logged_in(app, REPORTER)
    statuses = []
    start = time.perf_counter()
    for number in range(files):
        path = folder / f"slump-{number}.xlsx"
        path.write_bytes(os.urandom(int(megabytes * 1024 * 1024)))
        statuses.append(upload(client, token, path).status_code)
        path.unlink()
    took = time.perf_counter() - start
    with engine.connect() as connection:
        kept = connection.execute(text("SELECT coalesce(sum(size), 0) FROM staged_file")).scalar()
    engine.dispose()
    sent = files * megabytes
    print(
        f"3. {files} random uploads of {megabytes:g} MB in {took:.1f} s: statuses "
        f"{ {s: statuses.count(s) for s in sorted(set(statuses))} }; staged "
        f"{int(kept or 0) / 1024 / 1024:.2f} MB (before: {sent:.0f} MB, every upload kept)"
    )


# --- 4 -----------------------------------------------------------------------------------------


def reports(url: str, folder: Path, requests: int, before: bool) -> None:
    import web.on_request

    def writer(*_args: Any) -> Any:
        def write(path: Path, lang: str) -> None:
            end = time.perf_counter() + 0.5
            while time.perf_counter() < end:  # CPU-bound, as charts and PDFs are
                sum(range(1000))
            path.write_text("{}", encoding="utf-8")

        return write

    real = web.on_request._writer
    web.on_request._writer = writer  # type: ignore[assignment]
    try:
        for label, workers in (("before", requests), ("after", 2)) if before else (("after", 2),):
            app = portal(url, folder / label, REPORT_WORKERS=workers)
            clients = [logged_in(app, COUNTY)[0] for _ in range(requests)]
            monitor = app.test_client()
            statuses: list[int] = []
            pauses: list[float] = []
            threads = [
                threading.Thread(target=_fetch_report, args=(c, 2022 - i % 20, statuses))
                for i, c in enumerate(clients)
            ]
            for thread in threads:
                thread.start()
            while any(thread.is_alive() for thread in threads):
                start = time.perf_counter()
                monitor.get("/health")
                pauses.append(time.perf_counter() - start)
                time.sleep(0.05)
            counts = {s: statuses.count(s) for s in sorted(set(statuses))}
            print(
                f"4. {requests} concurrent reports   {label:6} workers {workers:3}: /health "
                f"median {statistics.median(pauses) * 1000:.0f} ms, worst "
                f"{max(pauses) * 1000:.0f} ms; statuses {counts}"
            )
    finally:
        web.on_request._writer = real  # type: ignore[assignment]


def _fetch_report(client: Any, year: int, statuses: list[int]) -> None:
    statuses.append(client.get(f"/lan/rapporter/completeness.json?ar={year}").status_code)


# --- 5 -----------------------------------------------------------------------------------------


def logins(url: str, folder: Path, attempts: int, megabytes: float, guesses: int) -> None:
    import accounts.users

    app = portal(url, folder)
    client = app.test_client()
    token = _CSRF.search(client.get("/login").get_data(as_text=True)).group(1)  # type: ignore[union-attr]
    long_email = "a" * int(megabytes * 1024 * 1024) + "@x.se"
    statuses = [
        client.post(
            "/login", data={"email": long_email, "password": "fel lösenord 1", "csrf_token": token}
        ).status_code
        for _ in range(attempts)
    ]
    counts = app.extensions["miljomal_login_throttle"]._counter._counts
    kept = sum(len(key) for key in counts)
    print(
        f"5. {attempts} logins with a {megabytes:g} MB e-mail: statuses "
        f"{ {s: statuses.count(s) for s in set(statuses)} }; the throttle keeps {len(counts)} "
        f"keys, {kept} bytes (before: {attempts} keys of the whole e-mail, "
        f"{attempts * megabytes:g} MB and more)"
    )
    checked = [0]
    lock = threading.Lock()
    real = accounts.users.authenticate

    def authenticate(*args: Any) -> Any:
        with lock:
            checked[0] += 1
        time.sleep(0.02)
        return None

    accounts.users.authenticate = authenticate  # type: ignore[assignment]
    try:
        pairs = []
        for _ in range(guesses):
            guesser = app.test_client()
            pairs.append(
                (guesser, _CSRF.search(guesser.get("/login").get_data(as_text=True)).group(1))
            )  # type: ignore[union-attr]
        barrier = threading.Barrier(guesses)
        answers: list[int] = []

        def guess(guesser: Any, csrf: str) -> None:
            barrier.wait()
            answers.append(
                guesser.post(
                    "/login",
                    data={
                        "email": "victim@timra.se",
                        "password": "gissning 123",
                        "csrf_token": csrf,
                    },
                ).status_code
            )

        threads = [threading.Thread(target=guess, args=pair) for pair in pairs]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
    finally:
        accounts.users.authenticate = real  # type: ignore[assignment]
    print(
        f"5. {guesses} concurrent guesses: {checked[0]} passwords checked against a limit "
        f"of 5 (before: 12 of 40)"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--small", action="store_true", help="quick sizes for a first look")
    parser.add_argument("--rows", type=int, nargs="+", help="annotation sizes (2000 8000)")
    parser.add_argument("--connections", type=int, help="half-open connections (120)")
    parser.add_argument("--wait", type=float, default=30, help="seconds /health may take (30)")
    parser.add_argument("--files", type=int, help="random uploads (30)")
    parser.add_argument("--megabytes", type=float, help="size of each upload (19)")
    parser.add_argument("--reports", type=int, help="concurrent reports (14)")
    parser.add_argument("--email-megabytes", type=float, help="e-mail field size (12)")
    parser.add_argument("--no-before", action="store_true", help="skip the 'before' runs")
    args = parser.parse_args()
    small = args.small
    rows = args.rows or ([250, 1000] if small else [2000, 8000])
    before = not args.no_before
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        url = store(folder)
        annotation(folder, rows, before)
        annotation_in_portal(url, folder, rows[-1])
        half_open(url, folder, args.connections or 120, 10 if small else args.wait, before)
        behind_nginx(url, folder, args.connections or 120, 30 if small else 150)
        staging(
            url, folder, args.files or (10 if small else 30), args.megabytes or (1 if small else 19)
        )
        reports(url, folder, args.reports or 14, before)
        logins(url, folder, 25, args.email_megabytes or (1 if small else 12), 40)


if __name__ == "__main__":
    main()
