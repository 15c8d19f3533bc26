"""What the browser tests share: Debian's Chromium, a real `heritage serve`, and a page visit.

Each browser test module builds its own archive, serves it with :func:`served` and drives
it with the ``browser`` fixture (tests/web/conftest.py). No request may leave the machine.
"""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

import pytest

from tests.factories import fetch_when_up, free_port

CHROMIUM = shutil.which("chromium")
# Without these, Chromium phones home at start and this machine's closed network refuses it.
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]
HERITAGE = Path(sys.executable).with_name("heritage")
needs_chromium = pytest.mark.skipif(CHROMIUM is None,
                                    reason="Debian's chromium is not installed (scripts/setup test)")


def archive_settings(root: Path, **extra: str) -> dict[str, str]:
    """HERITAGE_* settings of an archive under ``root``, map tiles off unless given."""
    return {"HERITAGE_INSTANCE": str(root / "instance"), "HERITAGE_MEDIA_ROOT": str(root / "media"),
            "HERITAGE_MAP_TILES": "", **extra}


@contextmanager
def served(settings: dict[str, str]) -> Iterator[str]:
    """``heritage serve`` (the production server) over ``settings``; yields its base URL."""
    port = free_port()
    server = subprocess.Popen([str(HERITAGE), "serve", "--port", str(port)],
                              env={**os.environ, **settings}, stderr=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}"
    try:
        fetch_when_up(base + "/healthz")
        yield base
    finally:
        server.terminate()
        try:
            server.wait(15)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()


def visit(browser, url: str, **context):
    """Open ``url`` in a fresh context: the page, its response, every URL it asked for and
    its console errors."""
    page = browser.new_context(**context).new_page()
    requested, errors = [], []
    page.on("request", lambda request: requested.append(request.url))
    page.on("console", lambda message: message.type == "error" and errors.append(message.text))
    page.on("pageerror", lambda error: errors.append(str(error)))
    response = page.goto(url, wait_until="networkidle")
    return page, response, requested, errors


def signed_in_page(browser, base: str, username: str, password: str | None = None):
    """A page in a fresh context, signed in to the workspace as ``username`` (on the overview)."""
    from tests.factories import STAFF_PASSWORD

    page = browser.new_context().new_page()
    page.goto(base + "/staff/login")
    page.fill("#username", username)
    page.fill("#password", password or STAFF_PASSWORD)
    page.press("#password", "Enter")
    page.wait_for_url("**/staff/")
    return page
