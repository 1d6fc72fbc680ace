"""Debian's chromium, driven by Playwright, for the tests that open the report as a reader.

Playwright's own browser download is not used (nor reachable): the tests launch the
system's chromium by path. Without a browser (or without the ``browser`` extra) the
tests skip, and with ``CI`` set they fail: CI installs chromium (``.ci/run``) and must
run them. Screenshots are kept under ``build/test-artifacts/`` (ignored by git).
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

REPO = Path(__file__).resolve().parent.parent
ARTIFACTS = REPO / "build" / "test-artifacts"
# Flags that work in a container as root, with no network beyond loopback. Playwright gives
# each launch a fresh, temporary --user-data-dir of its own.
FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def chromium_path() -> str | None:
    """The system's chromium: TIEOUT_CHROMIUM, else the first on the usual paths."""
    for candidate in (
        os.environ.get("TIEOUT_CHROMIUM"),
        "/usr/bin/chromium",
        "/usr/bin/chromium-browser",
        shutil.which("chromium"),
    ):
        if candidate and Path(candidate).is_file():
            return candidate
    return None


def _missing(why: str) -> None:
    if os.environ.get("CI"):
        pytest.fail(f"{why} (CI is set: the browser tests must run)")
    pytest.skip(why)


def launch() -> Iterator[Any]:
    """A launched browser for a test module (see the module docstring)."""
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        _missing("playwright is not installed (the `browser` extra)")
        return
    path = chromium_path()
    if path is None:
        _missing("no chromium found (apt-get install chromium)")
        return
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=path, args=FLAGS)
        try:
            yield browser
        finally:
            browser.close()


class Watch:
    """Everything a page does that a safe page must not: dialogs, console errors, page
    errors, requests anywhere but the page's own address."""

    def __init__(self, page: Any, own: str) -> None:
        self.dialogs: list[str] = []
        self.errors: list[str] = []
        self.requests: list[str] = []
        page.on("dialog", self._dialog)
        page.on("console", lambda m: m.type == "error" and self.errors.append(m.text))
        page.on("pageerror", lambda e: self.errors.append(str(e)))
        page.on("request", lambda r: not r.url.startswith(own) and self.requests.append(r.url))

    def _dialog(self, dialog: Any) -> None:
        self.dialogs.append(dialog.message)
        dialog.dismiss()

    def clean(self) -> bool:
        return not (self.dialogs or self.errors or self.requests)


def shot(page: Any, name: str) -> Path:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    path = ARTIFACTS / f"{name}.png"
    page.screenshot(path=str(path))
    return path
