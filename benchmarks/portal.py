"""`make bench`, the web portal: page times on the 350 000-value store and API uploads.

    .venv/bin/python benchmarks/portal.py [--clients 20] [--uploads 5] [--workers 1]

Measures (a measurement, not a test: nothing fails on a slow result):

1. Min kommun (`GET /kommun/2281?ar=2024`) and the upload page, server time through
   Flask's test client, 50 requests each: median and p95 (target p95 < 100 ms);
2. Granska of the filled 2281 template (the whole import as a dry run): median of 5
   (target < 1 s);
3. N concurrent API clients (default 20), each with its own reporter token, uploading its
   municipality's filled template (`miljomal template`, .xlsx, 16 values; `--files csv`: a
   CSV of the same 16 values instead), a little changed each time, through
   `POST /api/v1/imports` against `miljomal serve --workers W --threads 8` on PostgreSQL:
   errors, uploads/s and p95 (target: no errors, p95 < 500 ms).
"""

from __future__ import annotations

import argparse
import http.client
import os
import socket
import statistics
import subprocess
import sys
import threading
import time
import urllib.request
import uuid
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path[:0] = [str(ROOT), str(HERE)]

import data  # noqa: E402  (benchmarks/data.py, beside this file)

OUT = Path(os.environ.get("MILJOMAL_BENCH_OUT", ROOT / "bench-output")) / "portal"
PG_URL = os.environ.get("MILJOMAL_BENCH_PG", "postgresql+psycopg://postgres@127.0.0.1:5432/test")
PASSWORD = "benchmark password"


def p95(times: list[float]) -> float:
    """The 95th percentile of a list of durations."""
    ordered = sorted(times)
    return ordered[min(len(ordered) - 1, int(round(0.95 * (len(ordered) - 1))))]


def line(what: str, times: list[float], target: str) -> None:
    """One result line in milliseconds."""
    print(
        f"{what:48} median {statistics.median(times) * 1000:8.1f} ms   "
        f"p95 {p95(times) * 1000:8.1f} ms   n={len(times):3}   target {target}",
        flush=True,
    )


def add_reporter(url: str, email: str, code: str) -> str:
    """A reporter for one municipality; returns an API token."""
    from sqlalchemy.orm import Session

    from accounts.users import add_user
    from accounts.users import create_api_token
    from database.engine import make_engine

    engine = make_engine(url)
    with Session(engine) as session, session.begin():
        add_user(session, email, name=email, role="reporter", municipalities=[code],
                 password=PASSWORD)  # fmt: skip
        token = create_api_token(session, email)
    engine.dispose()
    return token


def pages(store: Path, filled: Path) -> None:
    """Cases 1 and 2 on the bulk SQLite store."""
    import re

    from web import create_app

    url = data.sqlite_url(store)
    add_reporter(url, "bench-2281@exempel.se", "2281")
    app = create_app({"DATABASE_URL": url, "SECRET_KEY": "bench", "REQUEST_LIMIT": "100000/minute"})
    client = app.test_client()
    page = client.get("/login").get_data(as_text=True)
    token = re.search(r'name="csrf_token" value="([^"]+)"', page).group(1)
    client.post("/login", data={"email": "bench-2281@exempel.se", "password": PASSWORD,
                                "csrf_token": token})  # fmt: skip
    for what, path in (
        ("Min kommun (2281, 2024)", "/kommun/2281?ar=2024"),
        ("Ladda upp (the upload page)", "/kommun/2281/ladda-upp"),
    ):
        client.get(path)  # warm-up
        times = []
        for _ in range(50):
            start = time.perf_counter()
            assert client.get(path).status_code == 200
            times.append(time.perf_counter() - start)
        line(what, times, "p95 < 100 ms")
    # Logging in gave the session a new CSRF token: take it from the upload form.
    page = client.get("/kommun/2281/ladda-upp").get_data(as_text=True)
    token = re.search(r'name="csrf_token" value="([^"]+)"', page).group(1)
    times = []
    for _ in range(5):
        with filled.open("rb") as handle:
            start = time.perf_counter()
            answer = client.post(
                "/kommun/2281/ladda-upp",
                data={"csrf_token": token, "year": "2024", "file": (handle, filled.name)},
                content_type="multipart/form-data",
            )
            times.append(time.perf_counter() - start)
        assert answer.status_code == 200
    review = answer.get_data(as_text=True)
    verdict = re.search(r'<p class="(?:notice|error-summary)" role="\w+">([^<]*)</p>', review)
    line("Granska of the filled 2281 template", times, "< 1 s")
    print(f"  review: {verdict.group(1) if verdict else '?'}")


def api_load(clients: int, uploads: int, workers: int = 1, files: str = "template") -> None:
    """Case 3: concurrent API uploads against `miljomal serve` on PostgreSQL."""
    from sqlalchemy import create_engine
    from sqlalchemy import text

    try:
        create_engine(PG_URL).connect().close()
    except Exception as exc:  # no server: say so
        print(f"PostgreSQL skipped: {str(exc).splitlines()[0]}")
        return
    schema = f"bench_portal_{uuid.uuid4().hex[:8]}"
    admin = create_engine(PG_URL)
    with admin.begin() as connection:
        connection.execute(text(f'CREATE SCHEMA "{schema}"'))
    url = f"{PG_URL}?options=-csearch_path%3D{schema}"
    process = None
    try:
        data.run_miljomal(url, "init")
        codes = data.municipality_codes()[:clients]
        tokens = [add_reporter(url, f"bench-{code}@exempel.se", code) for code in codes]
        if files == "csv":
            bodies = [[_multipart(code, n) for n in range(uploads)] for code in codes]
        else:
            bodies = _template_bodies(url, codes, uploads)
        with socket.socket() as sock:
            sock.bind(("127.0.0.1", 0))
            port = sock.getsockname()[1]
        env = {**os.environ, "MILJOMAL_SECRET_KEY": "bench", "MILJOMAL_INSTANCE": str(OUT)}
        process = subprocess.Popen(
            [*data.MILJOMAL, "--db", url, "serve", "--port", str(port), "--threads", "8",
             *(["--workers", str(workers)] if workers > 1 else [])],
            env=env, stdout=subprocess.DEVNULL, stderr=subprocess.STDOUT,
        )  # fmt: skip
        base = f"http://127.0.0.1:{port}"
        for _ in range(300):
            try:
                urllib.request.urlopen(f"{base}/health", timeout=1).close()
                break
            except OSError:
                time.sleep(0.1)
        times: list[float] = []
        errors: list[str] = []
        barrier = threading.Barrier(clients)

        def client(index: int) -> None:
            # One connection per client, kept alive between its files as a batch client
            # does (requests.Session, curl with several files); urllib opened a new one per
            # file and cost the shared cores a connect and an accept for each upload.
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=120)
            barrier.wait()
            for n in range(uploads):
                body, boundary = bodies[index][n]
                headers = {
                    "Authorization": f"Bearer {tokens[index]}",
                    "Content-Type": f"multipart/form-data; boundary={boundary}",
                }
                start = time.perf_counter()
                try:
                    connection.request("POST", "/api/v1/imports", body=body, headers=headers)
                    with connection.getresponse() as answer:
                        answer.read()
                    if answer.status >= 400:
                        errors.append(f"{codes[index]}: HTTP {answer.status} {answer.reason}")
                except Exception as exc:
                    errors.append(f"{codes[index]}: {exc}")
                    connection.close()  # the next file opens a new connection
                times.append(time.perf_counter() - start)
            connection.close()

        threads = [threading.Thread(target=client, args=(i,)) for i in range(clients)]
        cpu_before = _cpu_seconds(process.pid)
        clients_before = time.process_time()
        start = time.perf_counter()
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        wall = time.perf_counter() - start
        clients_cpu = time.process_time() - clients_before
        sent = "CSV files" if files == "csv" else "templates"
        line(
            f"API uploads, {clients} clients x {uploads} {sent}, {workers} workers (PostgreSQL)",
            times,
            "p95 < 500 ms, no errors",
        )
        print(f"  {len(times)} uploads in {wall:.1f} s: {len(times) / wall:.1f} uploads/s, "
              f"{len(errors)} errors{': ' + errors[0] if errors else ''}")  # fmt: skip
        cpu = _cpu_seconds(process.pid) - cpu_before
        if cpu > 0:  # Linux: what the server's processes used, steadier than wall time
            print(f"  server CPU {cpu * 1000 / len(times):.1f} ms per upload "
                  f"({cpu:.1f} s for {len(times)}); the clients "
                  f"{clients_cpu * 1000 / len(times):.1f} ms")  # fmt: skip
    finally:
        if process is not None:
            process.terminate()
            process.wait(timeout=10)
        with admin.begin() as connection:
            connection.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
        admin.dispose()


def _cpu_seconds(pid: int) -> float:
    """User and system CPU of a process and its children (the --workers), from /proc."""
    ticks = os.sysconf("SC_CLK_TCK") if hasattr(os, "sysconf") else 100
    total = 0
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        # After the name: state, ppid, ..., utime (the 12th), stime (the 13th).
        if int(stat.parent.name) == pid or int(fields[1]) == pid:
            total += int(fields[11]) + int(fields[12])
    return total / ticks


def _template_bodies(url: str, codes: list[str], uploads: int) -> list[list[tuple[bytes, str]]]:
    """Each municipality's filled template for each upload, every value 1 % up on the last."""
    import hashlib

    from sqlalchemy import create_engine
    from sqlalchemy import text

    folder = OUT / "api-templates"
    folder.mkdir(parents=True, exist_ok=True)
    blank = folder / "template-blank.xlsx"
    data.run_miljomal(url, "template", "-m", codes[0], "-y", str(data.TEMPLATE_YEAR),
                      "--set", "sekom-2012", "-o", str(blank))  # fmt: skip
    engine = create_engine(url)
    with engine.connect() as connection:
        catalogue = {
            code: (top, decimals)
            for code, top, decimals in connection.execute(
                text(
                    "SELECT i.code, i.max_value, i.decimals FROM indicator i"
                    " JOIN indicator_set s ON s.id = i.set_id WHERE s.code = 'sekom-2012'"
                )
            )
        }
    engine.dispose()
    fill = data.template_filler(blank, catalogue)
    bodies: list[list[tuple[bytes, str]]] = []
    seen: set[str] = set()
    for code in codes:
        mine = []
        for n in range(uploads):
            name = f"miljomal-{code}-{data.TEMPLATE_YEAR}-{n + 1}.xlsx"
            fill(code, int(code), folder / name, 1 + n / 100)
            content = (folder / name).read_bytes()
            sha = hashlib.sha256(content).hexdigest()
            if sha in seen:  # an unchanged file would be answered without storing anything
                raise RuntimeError(f"{name} is the same file as an earlier one")
            seen.add(sha)
            mine.append(_form(code, name, XLSX, content))
        bodies.append(mine)
    return bodies


XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _multipart(code: str, n: int) -> tuple[bytes, str]:
    """One CSV of 16 values for the municipality, different for each upload."""
    indicators = ["GN.1a", "GN.1b", "GN.2", "GN.4", "GN.5", "GN.6", "GN.7", "GN.8a", "GN.8b",
                  "GN.8c", "GN.9", "GN.10a", "GN.10b", "GN.11", "GN.12", "GN.3"]  # fmt: skip
    rows = "".join(f"{code};{ind};2024;{10 + n + i / 10:.1f}\r\n".replace(".", ",")
                   for i, ind in enumerate(indicators))  # fmt: skip
    csv = ("Kommun;Indikator;År;Värde\r\n" + rows).encode("cp1252")
    return _form(code, f"{code}-{n}.csv", "text/csv", csv)


def _form(code: str, name: str, content_type: str, content: bytes) -> tuple[bytes, str]:
    """A multipart/form-data body with the municipality and the file; and its boundary."""
    boundary = uuid.uuid4().hex
    body = (
        (
            f'--{boundary}\r\nContent-Disposition: form-data; name="municipality"\r\n\r\n{code}\r\n'
            f'--{boundary}\r\nContent-Disposition: form-data; name="file"; '
            f'filename="{name}"\r\nContent-Type: {content_type}\r\n\r\n'
        ).encode()
        + content
        + f"\r\n--{boundary}--\r\n".encode()
    )
    return body, boundary


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clients", type=int, default=20)
    parser.add_argument("--uploads", type=int, default=5)
    parser.add_argument("--workers", type=int, default=1, help="`miljomal serve --workers`")
    parser.add_argument("--skip-pages", action="store_true")
    parser.add_argument("--files", choices=("template", "csv"), default="template",
                        help="what each client uploads (default: its filled template)")  # fmt: skip
    options = parser.parse_args()
    OUT.mkdir(parents=True, exist_ok=True)
    if not options.skip_pages:
        store = data.make_store(OUT, "portal-bench.db", local=True)
        values = data.fill_sqlite_store(store)
        print(f"Store: {values} values (SQLite, {store})", flush=True)
        filled, _ = data.write_templates(OUT, store)
        pages(store, filled)
    api_load(options.clients, options.uploads, options.workers, options.files)


if __name__ == "__main__":
    main()
