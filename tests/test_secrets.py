"""A database password given with --db or MILJOMAL_DATABASE_URL never shows: not in documents,
not in output, not in error messages (also a password in the query, such as sslpassword)."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import DATA
from conftest import PG_URL
from conftest import run_cli
from sqlalchemy.engine import make_url

SECRET = "hemligt"
SSL_SECRET = "nyckelord"


def with_password(url: str) -> str:
    """The same PostgreSQL URL with a password (trust login ignores it) and an sslpassword."""
    parsed = make_url(url).set(password=SECRET)
    parsed = parsed.update_query_dict({"sslpassword": SSL_SECRET})
    return parsed.render_as_string(hide_password=False)


def assert_secret_free(*texts: str) -> None:
    for text in texts:
        assert SECRET not in text and SSL_SECRET not in text, text


def test_documents_never_contain_the_password(store_url: str, tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    if not store_url.startswith("postgresql"):
        pytest.skip("a SQLite store has no password")
    url = with_password(store_url)
    assert SECRET in url and SSL_SECRET in url
    results = [
        run_cli("plan", "import", str(DATA / "plan" / "handlingsplan.txt"), db=url),
        run_cli("plan", "report", "-o", str(tmp_path / "plan.html"), db=url),
        run_cli(
            "report", "completeness", "-y", "2024", "-o", str(tmp_path / "fullst.html"), db=url
        ),
        run_cli("init", db=url),
    ]
    monkeypatch.setenv("MILJOMAL_DATABASE_URL", url)
    results.append(run_cli("plan", "report", "-o", str(tmp_path / "plan2.html")))
    for result in results:
        assert result.exit_code == 0, result.output
        assert_secret_free(result.output)
    for name in ("plan.html", "fullst.html", "plan2.html"):
        html = (tmp_path / name).read_text(encoding="utf-8")
        assert "127.0.0.1" in html or "localhost" in html  # the provenance names the database
        assert_secret_free(html)


@pytest.mark.parametrize(
    "url",
    [
        f"postgresql://anna:{SECRET}@127.0.0.1:1/miljo?sslpassword={SSL_SECRET}",
        f"postgresql+psycopg://anna:{SECRET}@127.0.0.1:1/miljo",
        f"mysql://anna:{SECRET}@127.0.0.1/miljo",
        f"nosuchdb://anna:{SECRET}@host/miljo",
    ],
)
@pytest.mark.parametrize("where", ["option", "environment"])
def test_errors_never_contain_the_password(url: str, where: str, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    if where == "environment":
        monkeypatch.setenv("MILJOMAL_DATABASE_URL", url)
        result = run_cli("verify")
    else:
        result = run_cli("verify", db=url)
    assert result.exit_code == 1, result.output
    assert result.output.startswith("Error: ") or result.output.startswith("Fel: ")
    assert len(result.output.strip().splitlines()) == 1, result.output
    assert_secret_free(result.output)
    assert PG_URL is None or SECRET not in PG_URL
