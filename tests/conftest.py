"""Shared fixtures: the built site, a loopback server for it, and Chromium.

Browser tests drive Debian's Chromium (/usr/bin/chromium) through
Playwright's Python package. Outside CI they skip when Chromium is missing;
with CI=true a missing browser is an error, so they never skip there.
"""

import json
import os
from pathlib import Path

import pytest

from sitebuild.assets import RUNTIME_DIR
from sitebuild.build import build_site
from sitebuild.server import serve_in_thread

CHROMIUM = Path(os.environ.get("CHROMIUM", "/usr/bin/chromium"))

# Flags for a headless root session on a machine with no outside network:
# without the background-networking ones Chromium keeps dialling out.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@pytest.fixture(scope="session")
def served_site(tmp_path_factory) -> tuple[Path, str]:
    """The site built once per session and served on a free loopback port.

    The server starts first so the build can be told its URL.
    """
    assert (RUNTIME_DIR / "manifest.json").is_file(), "runtime not staged: run `make assets` (or `make test`)"
    site_dir = tmp_path_factory.mktemp("site")
    server, url = serve_in_thread(site_dir)

    build_site(site_dir, url)

    yield site_dir, url, server
    server.shutdown()
    server.server_close()


@pytest.fixture(scope="session")
def built_site(served_site) -> Path:
    """Folder of the built site."""
    return served_site[0]


@pytest.fixture(scope="session")
def site_url(served_site) -> str:
    """Base URL of the served site, ending in a slash."""
    return served_site[1]


@pytest.fixture(scope="session")
def runtime_manifest(built_site) -> dict:
    """The built site's assets/runtime/manifest.json, parsed."""
    return json.loads((built_site / "assets" / "runtime" / "manifest.json").read_text())


@pytest.fixture
def csp_reports(served_site) -> list:
    """Content-Security-Policy violation reports the server receives during one test."""
    reports = served_site[2].csp_reports
    reports.clear()
    return reports


@pytest.fixture(scope="session")
def browser():
    """One headless Chromium for the session."""
    if not CHROMIUM.is_file():
        if os.environ.get("CI"):
            pytest.fail(f"{CHROMIUM} not found: CI must install Debian's chromium package")
        pytest.skip(f"{CHROMIUM} not found: install Debian's chromium package to run browser tests")

    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser):
    """A page in a fresh browser context (empty cache and storage)."""
    context = browser.new_context()
    page = context.new_page()
    page.set_default_timeout(60_000)
    yield page
    context.close()
