"""Running pages in Debian's Chromium through Playwright, and axe-core's accessibility check.

`.ci/run` installs both (the `chromium` package and `npm install axe-core`); a machine
without them skips these tests with the command that would install them.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[1]
SERIOUS = ("serious", "critical")


def axe_source() -> str:
    """The text of axe.min.js: $MILJOMAL_AXE_JS, else node_modules/axe-core beside the repo."""
    path = Path(os.environ.get("MILJOMAL_AXE_JS") or ROOT / "node_modules/axe-core/axe.min.js")
    if not path.is_file():
        pytest.skip(f"axe-core is not installed ({path}); run `npm install --no-save axe-core`")
    return path.read_text(encoding="utf-8")


@contextmanager
def chromium() -> Iterator[Any]:
    """A headless Debian Chromium driven by Playwright."""
    executable = shutil.which("chromium")
    if executable is None:
        pytest.skip("Chromium is not installed; run `apt-get install chromium`")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=executable, args=["--no-sandbox"])
        try:
            yield browser
        finally:
            browser.close()


def axe_violations(page: Any, source: str) -> list[str]:
    """Serious and critical axe-core violations of the loaded page, one line each."""
    page.add_script_tag(content=source)
    result = page.evaluate("async () => await axe.run(document)")
    return [
        f"{v['id']} ({v['impact']}): {node['target']}"
        for v in result["violations"]
        if v["impact"] in SERIOUS
        for node in v["nodes"]
    ]
