"""`miljomal serve`: the web portal on the configured store, with waitress."""

from __future__ import annotations

import click

from miljomal.options import app_context

# Waitress' defaults (100 connections, 120 s idle, a sweep every 30 s) let 120 half-open
# connections sending a byte every 20 s keep /health from answering for 150 s.  A connection
# that sends nothing for CHANNEL_TIMEOUT seconds is closed; docs/deploy.md says what the
# TLS proxy in front must do as well.
CONNECTION_LIMIT = 500
CHANNEL_TIMEOUT = 15
CLEANUP_INTERVAL = 5
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
    help="Worker threads of the server.",
)
@click.pass_context
def serve(ctx: click.Context, host: str, port: int, threads: int) -> None:
    """Serve the web portal (waitress) on the configured store until interrupted.

    The secret key comes from $MILJOMAL_SECRET_KEY, else from the file secret_key in the
    instance folder ($MILJOMAL_INSTANCE, else ./instance), created on first run with mode
    0600.  See docs/deploy.md for PostgreSQL, several processes and a reverse proxy.
    """
    app_context(ctx).engine()  # a missing schema is one clear line, before anything listens
    run_server(app_context(ctx).db_url, host=host, port=port, threads=threads)


def server_settings() -> dict[str, int]:
    """Waitress' connection limits from the environment (a positive whole number each)."""
    import os

    settings = {}
    for name, (variable, default) in SERVER_SETTINGS.items():
        text = os.environ.get(variable, "").strip()
        if text and not (text.isascii() and text.isdigit() and 0 < int(text) <= 1_000_000):
            raise click.ClickException(f"{variable} must be a whole number above 0, not {text!r}")
        settings[name] = int(text) if text else default
    return settings


def run_server(db_url: str, *, host: str, port: int, threads: int = 8) -> None:
    """Build the portal on the store at ``db_url`` and serve it with waitress."""
    import os

    from waitress import create_server

    from web import create_app
    from web.workload import Housekeeper

    os.environ.setdefault("MILJOMAL_INSTANCE", os.path.abspath("instance"))
    app = create_app({"DATABASE_URL": db_url})
    shown_host = f"[{host}]" if ":" in host else host
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
            host=host,
            port=port,
            threads=threads,
            ident="miljomal",
            **server_settings(),
            **proxy,
        )
    except OSError as exc:
        raise click.ClickException(
            f"cannot listen on {shown_host}:{port}: {exc.strerror or exc}"
        ) from exc
    # Printed once the socket listens, so that a script may wait for this line.
    click.echo(f"miljomal serves on http://{shown_host}:{port}/ (Ctrl+C stops)")
    # Expired staged files and old reports go on a timer, whether requests come or not.
    housekeeper = Housekeeper(app, app.config["HOUSEKEEPING_MINUTES"] * 60).start()
    try:
        server.run()
    except KeyboardInterrupt:
        pass
    finally:
        housekeeper.stop()
        server.close()
