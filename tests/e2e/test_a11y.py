"""Accessibility as a test: axe-core over the first pages each role and the public see, on a 360-px phone.

The pages come from every ``tests/<app>/a11y.py`` (``PAGES = [A11yPage(...)]``, see tests/e2e/axe.py), so
a feature adds its own without editing a shared file. Each page is opened as its actor, after logging in
through the real form, and fails on any serious or critical finding (WCAG 2 A/AA and best practices);
every finding, whatever its impact, is written to test-artifacts/a11y/<page>.json.
"""

import importlib
from pathlib import Path

import pytest
from django.urls import reverse

from people.models import User
from people.selectors import home_region
from tests.conftest import require

from .axe import AXE_JS, A11yEnv, A11yPage, axe_run, describe, failing, save_report
from .conftest import PHONE, log_in, screenshot

TESTS = Path(__file__).resolve().parents[1]


def collect_pages() -> list[A11yPage]:
    pages = []
    for path in sorted(TESTS.glob("*/a11y.py")):
        module = importlib.import_module(f"tests.{path.parent.name}.a11y")
        pages += module.PAGES
    return pages


PAGES = collect_pages()


@pytest.fixture
def axe(browser):
    require(AXE_JS.exists(), f"axe-core is not vendored at {AXE_JS} (run make vendor, which needs node)")


def assert_accessible(page, name: str) -> None:
    results = axe_run(page)
    save_report(name, page.url, results)
    serious = failing(results)
    assert not serious, (
        f"{name}: {len(serious)} serious or critical accessibility finding(s) at {page.viewport_size['width']} px "
        f"on {page.url}:\n{describe(serious)}"
    )


def test_the_page_list_is_sound():
    names = [p.name for p in PAGES]
    assert len(names) == len(set(names)), f"two pages share a name: {sorted(n for n in names if names.count(n) > 1)}"
    files = sorted(p.parent.name for p in TESTS.glob("*/a11y.py"))
    assert {"accounts", "dashboard", "people", "mailer", "audit"} <= set(files), files
    assert any(p.actor is None for p in PAGES), "no public page is checked"


@pytest.mark.parametrize("spec", PAGES, ids=[p.name for p in PAGES])
def test_the_page_has_no_serious_accessibility_finding(live_server, demo, new_page, axe, spec):
    page = new_page(PHONE)
    user = None
    if spec.actor:
        log_in(page, live_server, spec.actor)
        user = User.objects.get(username=spec.actor)
    env = A11yEnv(user=user, region=home_region(user))
    path = reverse(spec.url) if isinstance(spec.url, str) else spec.url(env)

    response = page.goto(live_server.url + path)
    assert response.status == spec.status, f"{spec.name}: {path} answered {response.status}"
    if spec.then:
        spec.then(page)
    screenshot(page, f"a11y-{spec.name}-360")
    assert_accessible(page, spec.name)


BROKEN = """<!doctype html>
<html lang="id"><head><title>Rusak</title></head>
<body><main>
  <h1>Halaman rusak</h1>
  <form><input type="text" name="nip" id="unlabelled"></form>
  <p id="faint" style="color:#aaa;background:#fff">Teks pucat yang sulit dibaca.</p>
  <p id="faint-count" style="color:#ffc107;background:#fff">7</p>
  <img id="no-alt" src="data:image/gif;base64,R0lGODlhAQABAAAAACw=">
</main></body></html>"""


def test_the_check_fails_on_a_broken_page(new_page, axe):
    """The runner must be able to fail: an unlabelled input, faint text (a sentence, and a lone number that
    axe itself leaves undecided) and an image without alt text."""
    page = new_page(PHONE)
    page.set_content(BROKEN)
    with pytest.raises(AssertionError) as failure:
        assert_accessible(page, "deliberately-broken")
    message = str(failure.value)
    for rule, target in [
        ("label", "#unlabelled"),
        ("color-contrast", "#faint:"),
        ("color-contrast-short-text", "#faint-count"),
        ("image-alt", "#no-alt"),
    ]:
        assert f"{rule} [" in message and target in message, message
    assert "serious or critical accessibility finding" in message
