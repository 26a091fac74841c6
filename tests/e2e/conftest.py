"""Browser tests: Debian's Chromium driven by Playwright's sync API against pytest-django's live server."""

import io
import os
from pathlib import Path

import pytest
from django.core.management import call_command
from django.db import connections
from django.urls import reverse

from tests.conftest import require

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-dev-shm-usage",
]
SCREENSHOTS = Path(__file__).resolve().parents[2] / "test-artifacts" / "screenshots"
DEMO_PASSWORD = "netralitas-demo"
DESKTOP = {"width": 1280, "height": 800}
PHONE = {"width": 360, "height": 740}


def pytest_collection_modifyitems(items):
    for item in items:
        if "tests/e2e/" in str(item.fspath).replace(os.sep, "/"):
            item.add_marker(pytest.mark.e2e)


@pytest.fixture(scope="session")
def browser():
    require(os.path.exists(CHROMIUM), f"Debian's Chromium is not installed at {CHROMIUM} (apt-get install chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()
        # While Playwright's loop runs, Django keeps the connections of later tests in a context of
        # their own; close them here, or the test database cannot be dropped at the end of the run.
        connections.close_all()


@pytest.fixture
def demo(transactional_db):
    """The demo data, small: 20 ASN per kabupaten."""
    call_command("seed_demo", asn_per_region=20, force=True, stdout=io.StringIO())


@pytest.fixture
def new_page(browser):
    """new_page(viewport) -> a page in a fresh context (own cookies), Indonesian browser locale."""
    contexts = []

    def make(viewport=DESKTOP):
        context = browser.new_context(viewport=viewport, locale="id-ID")
        context.set_default_timeout(10_000)
        contexts.append(context)
        return context.new_page()

    yield make
    for context in contexts:
        context.close()


def log_in(page, live_server, username, password=DEMO_PASSWORD):
    """Through the real login form; returns once the home page has loaded."""
    login_url = reverse("login")
    page.goto(live_server.url + login_url)
    form = page.locator(f'form[action="{login_url}"]')
    form.locator('input[name="username"]').fill(username)
    form.locator('input[name="password"]').fill(password)
    with page.expect_navigation():
        form.locator('button[type="submit"]').click()
    assert page.url == live_server.url + reverse("home"), f"login as {username} did not reach the home page"


def screenshot(page, name: str) -> Path:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    path = SCREENSHOTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    return path
