"""`miljomal serve`: the web portal on the configured store, with waitress."""

from __future__ import annotations

import contextlib
import importlib
import os
import signal
import socket
from collections.abc import Callable
from typing import NoReturn

import click
from waitress import create_server

from miljomal.options import app_context

# Waitress' defaults (100 connections, 120 s idle, a sweep every 30 s) let 120 half-open
# connections sending a byte every 20 s keep /health from answering for 150 s.  A connection
# that sends nothing for CHANNEL_TIMEOUT seconds is closed; docs/deploy.md says what the
# TLS proxy in front must do as well.
CONNECTION_LIMIT = 500
CHANNEL_TIMEOUT = 15
CLEANUP_INTERVAL = 5
# The modules an upload (portal or API) imports on its way, loaded when the server starts.
IMPORT_PATH = (
    "intake.importer",
    "intake.layouts",
    "intake.safety",
    "intake.files.entry",
    "intake.validation.check",
)
SERVER_SETTINGS = {
    "connection_limit": ("MILJOMAL_CONNECTION_LIMIT", CONNECTION_LIMIT),
    "channel_timeout": ("MILJOMAL_CHANNEL_TIMEOUT", CHANNEL_TIMEOUT),
    "cleanup_interval": ("MILJOMAL_CLEANUP_INTERVAL", CLEANUP_INTERVAL),
}


@click.command()
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option(
    "--port",
    default=8000,
    show_default=True,
    type=click.IntRange(1, 65535),
    help="Port to listen on.",
)
@click.option(
    "--threads",
    default=8,
    show_default=True,
    type=click.IntRange(1, 256),
    help="Worker threads of each server process.",
)
@click.option(
    "--workers",
    default=1,
    show_default=True,
    type=click.IntRange(1, 64),
    help="Server processes sharing the port (SO_REUSEPORT; Linux and the BSDs).",
)
@click.pass_context
def serve(ctx: click.Context, host: str, port: int, threads: int, workers: int) -> None:
    """Serve the web portal (waitress) on the configured store until interrupted.

    The secret key comes from $MILJOMAL_SECRET_KEY, else from the file secret_key in the
    instance folder ($MILJOMAL_INSTANCE, else ./instance), created on first run with mode
    0600.  See docs/deploy.md for PostgreSQL, several processes and a reverse proxy.
    """
    # A missing schema is one clear line, before anything listens; the engine is closed so
    # that no worker process inherits its connection.
    app_context(ctx).engine().dispose()
    if workers == 1:
        run_server(app_context(ctx).db_url, host=host, port=port, threads=threads)
    else:
        run_workers(app_context(ctx).db_url, host=host, port=port, threads=threads, workers=workers)


def server_settings() -> dict[str, int]:
    """Waitress' connection limits from the environment (a positive whole number each)."""
    settings = {}
    for name, (variable, default) in SERVER_SETTINGS.items():
        text = os.environ.get(variable, "").strip()
        if text and not (text.isascii() and text.isdigit() and 0 < int(text) <= 1_000_000):
            raise click.ClickException(f"{variable} must be a whole number above 0, not {text!r}")
        settings[name] = int(text) if text else default
    return settings


def run_server(
    db_url: str,
    *,
    host: str,
    port: int,
    threads: int = 8,
    listening: socket.socket | None = None,
    housekeeping: bool = True,
    ready: Callable[[], None] | None = None,
) -> None:
    """Build the portal on the store at ``db_url`` and serve it with waitress.

    ``listening`` is a socket bound already (a worker of :func:`run_workers`); ``ready``
    is called once it listens, instead of printing the line that says so.
    """
    from web import create_app  # heavy: tests/test_startup_imports.py
    from web.workload import Housekeeper  # heavy: tests/test_startup_imports.py

    os.environ.setdefault("MILJOMAL_INSTANCE", os.path.abspath("instance"))
    app = create_app({"DATABASE_URL": db_url})
    _load_the_import_path()
    shown_host = f"[{host}]" if ":" in host else host
    where: dict[str, object] = (
        {"sockets": [listening]} if listening is not None else {"host": host, "port": port}
    )
    proxy: dict[str, object] = {}
    if os.environ.get("MILJOMAL_TRUSTED_PROXY"):
        # Behind a reverse proxy: the client's address (for login throttling) and HTTPS
        # (for the Secure cookie flag) come from its X-Forwarded-* headers.
        proxy = {
            "trusted_proxy": os.environ["MILJOMAL_TRUSTED_PROXY"],
            "trusted_proxy_headers": "x-forwarded-for x-forwarded-proto",
            "clear_untrusted_proxy_headers": True,
        }
    try:
        server = create_server(
            app,
            **where,
            threads=threads,
            ident="miljomal",
            **server_settings(),
            **proxy,
        )
    except OSError as exc:
        raise click.ClickException(
            f"cannot listen on {shown_host}:{port}: {exc.strerror or exc}"
        ) from exc
    if ready is not None:
        ready()
    else:
        # Printed once the socket listens, so that a script may wait for this line.
        click.echo(f"miljomal serves on http://{shown_host}:{port}/ (Ctrl+C stops)")
    # Expired staged files and old reports go on a timer, whether requests come or not.
    housekeeper = (
        Housekeeper(app, app.config["HOUSEKEEPING_MINUTES"] * 60).start() if housekeeping else None
    )
    try:
        server.run()
    except KeyboardInterrupt:
        pass
    finally:
        if housekeeper is not None:
            housekeeper.stop()
        server.close()


def _load_the_import_path() -> None:
    """Import what an upload uses before the server listens, not in the first upload.

    The CLI loads these only when a command needs them (start-up time); a server process
    would otherwise load them in its first upload, 0.1 s more for that official.
    """
    for name in IMPORT_PATH:
        importlib.import_module(name)


def run_workers(db_url: str, *, host: str, port: int, threads: int, workers: int) -> None:
    """Serve with ``workers`` processes, each with its own socket on the same port.

    Python runs one thread at a time per process: 20 API clients uploading at once kept one
    process' core busy while the other idled.  With SO_REUSEPORT the kernel spreads new
    connections over the processes; the first one also does the housekeeping.  When one
    process ends, the others are stopped and the command fails, for a supervisor
    (systemd) to start it again.
    """
    if not hasattr(socket, "SO_REUSEPORT") or not hasattr(os, "fork"):
        raise click.ClickException("--workers needs SO_REUSEPORT (Linux, the BSDs); run one")
    shown_host = f"[{host}]" if ":" in host else host
    sockets = []
    try:
        for _ in range(workers):
            sockets.append(_reuse_port_socket(host, port))
    except OSError as exc:
        for sock in sockets:
            sock.close()
        raise click.ClickException(
            f"cannot listen on {shown_host}:{port}: {exc.strerror or exc}"
        ) from exc
    children: list[int] = []
    for number, sock in enumerate(sockets):
        pid = os.fork()
        if pid == 0:
            for other in sockets:
                if other is not sock:
                    other.close()
            _serve_as_worker(db_url, host, port, threads, sock, housekeeping=number == 0)
        children.append(pid)
    for sock in sockets:
        sock.close()
    click.echo(
        f"miljomal serves on http://{shown_host}:{port}/ with {workers} processes (Ctrl+C stops)"
    )

    def stop(_signum: int, _frame: object) -> None:
        raise KeyboardInterrupt

    signal.signal(signal.SIGTERM, stop)
    status = 0
    try:
        _pid, status = os.wait()
    except KeyboardInterrupt:
        pass
    finally:
        for pid in children:
            with contextlib.suppress(ProcessLookupError):
                os.kill(pid, signal.SIGTERM)
        for pid in children:
            with contextlib.suppress(ChildProcessError):
                os.waitpid(pid, 0)
    if status:
        raise click.ClickException("a server process ended; the others were stopped")


def _reuse_port_socket(host: str, port: int) -> socket.socket:
    """A TCP socket bound to host:port that other processes may bind as well."""
    family, kind, proto, _, address = socket.getaddrinfo(
        host, port, type=socket.SOCK_STREAM, flags=socket.AI_PASSIVE
    )[0]
    sock = socket.socket(family, kind, proto)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEPORT, 1)
    try:
        sock.bind(address)
    except OSError:
        sock.close()
        raise
    return sock


def _serve_as_worker(
    db_url: str,
    host: str,
    port: int,
    threads: int,
    sock: socket.socket,
    *,
    housekeeping: bool,
) -> NoReturn:
    """One worker process: serve on its socket until SIGTERM, then exit (never returns)."""

    def stop(_signum: int, _frame: object) -> None:
        raise KeyboardInterrupt

    code = 0
    try:
        signal.signal(signal.SIGTERM, stop)
        run_server(
            db_url,
            host=host,
            port=port,
            threads=threads,
            listening=sock,
            housekeeping=housekeeping,
            ready=lambda: None,
        )
    except KeyboardInterrupt:
        pass
    except BaseException as exc:  # reported on stderr; the parent stops the others
        click.echo(f"Error: {exc}", err=True)
        code = 1
    finally:
        os._exit(code)
