"""The head's dashboard in a real browser, at desktop and phone width: charts drawn from the tables' numbers,
no horizontal scroll, a drill-down that opens the list behind a figure, a print view without the navigation."""

import pytest
from django.urls import reverse

from .conftest import DESKTOP, PHONE, log_in, screenshot


def _no_horizontal_scroll(page, width):
    scroll_width = page.evaluate("document.documentElement.scrollWidth")
    assert scroll_width <= width, f"the page is {scroll_width}px wide at a {width}px viewport"


@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["desktop", "phone"])
def test_the_head_reads_the_region_dashboard(live_server, demo, new_page, viewport):
    page = new_page(viewport)
    failed = []
    page.on("response", lambda response: failed.append(response.url) if response.status >= 400 else None)
    log_in(page, live_server, "bupati.muba")
    page.locator("#open-dashboard").click()
    page.wait_for_load_state()
    assert page.locator("h1").first.inner_text() == "Dasbor netralitas Kabupaten Musi Banyuasin"

    tables = page.locator("table[id^=table-]").count()
    canvases = page.locator("canvas[data-chart]").count()
    assert tables >= 4 and canvases >= 3
    drawn = page.evaluate("Object.keys(Chart.instances).length")
    assert drawn == canvases, "every chart is drawn"
    # The apel chart shows the apel table's percentages, in the same order.
    chart = page.evaluate(
        "(() => { const c = Object.values(Chart.instances).find(c => c.canvas.dataset.chart === 'chart-apel');"
        " return c ? c.data.datasets[0].data : null; })()"
    )
    if chart is not None:
        cells = page.locator("#table-apel tbody tr td:nth-child(3) span").all_inner_texts()
        assert [f"({n}%)" for n in chart] == cells[: len(chart)]
    assert failed == [], f"requests failed: {failed}"
    width = viewport["width"]
    _no_horizontal_scroll(page, width)
    screenshot(page, f"dashboard-bupati-{width}")

    if viewport is DESKTOP:
        page.emulate_media(media="print")
        assert not page.locator("nav").first.is_visible()
        assert not page.locator("#dashboard-filter").is_visible()
        screenshot(page, "dashboard-bupati-print")
        page.emulate_media(media="screen")
        link = page.locator("#table-apel tfoot a").first
        expected = link.inner_text()
        link.click()
        page.wait_for_load_state()
        assert reverse("dashboard_apel_people") in page.url
        assert f"{expected} baris" in page.locator("#apel-people-scope").inner_text()


@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["desktop", "phone"])
def test_the_province_admin_drills_down_into_a_kabupaten(live_server, demo, new_page, viewport):
    page = new_page(viewport)
    log_in(page, live_server, "admin.sumsel")
    page.goto(live_server.url + reverse("dashboard_region"))
    assert page.url.endswith(reverse("dashboard_province"))
    body = page.locator("#table-provinsi").inner_text()
    assert "Kabupaten Musi Banyuasin" in body and "Kabupaten Ogan Komering Ilir" in body
    _no_horizontal_scroll(page, viewport["width"])
    screenshot(page, f"dashboard-province-{viewport['width']}")
    page.locator("#table-provinsi").get_by_role("link", name="Kabupaten Ogan Komering Ilir").click()
    page.wait_for_load_state()
    assert page.locator("h1").first.inner_text() == "Dasbor netralitas Kabupaten Ogan Komering Ilir"
