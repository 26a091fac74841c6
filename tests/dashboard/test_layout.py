import pytest
from django.template.loader import render_to_string
from django.urls import reverse


def test_base_layout_has_skip_link_language_switch_and_post_logout(client, bkd_a):
    client.force_login(bkd_a)
    html = client.get("/").content.decode()
    assert 'href="#main"' in html and 'id="main"' in html
    assert 'action="/akun/bahasa/"' in html  # people's language_set: set_language + saved on the account
    assert 'name="language" value="en"' in html and 'name="language" value="id"' in html
    assert 'action="/akun/keluar/"' in html  # logout is a POST form, not a link
    assert '<html lang="id">' in html


def test_it_shows_the_users_region_and_its_time_zone(client, bkd_a):
    client.force_login(bkd_a)
    html = client.get("/").content.decode()
    assert "Kabupaten Musi Banyuasin" in html
    assert "WIB" in html


def test_it_shows_a_wita_region_in_wita(client, bkd_a, region_a):
    region_a.timezone = "Asia/Makassar"
    region_a.save()
    client.force_login(bkd_a)
    assert "WITA" in client.get("/").content.decode()


def test_language_switch_turns_the_page_to_english(client, bkd_a):
    client.force_login(bkd_a)
    response = client.post(reverse("language_set"), {"language": "en", "next": "/"})
    assert response.status_code == 302
    assert '<html lang="en">' in client.get("/").content.decode()


def test_messages_render_as_bootstrap_alerts(rf, bkd_a):
    from django.contrib.messages.storage.base import Message

    request = rf.get("/")
    request.user = bkd_a
    html = render_to_string("base.html", {"messages": [Message(40, "Berkas tidak bisa dibaca")]}, request=request)
    assert "alert alert-danger" in html and "Berkas tidak bisa dibaca" in html


def test_the_404_page_uses_the_layout(client, bkd_a):
    client.force_login(bkd_a)
    response = client.get("/tidak-ada-halaman-ini/")
    assert response.status_code == 404
    assert 'id="error-404"' in response.content.decode()


def test_the_500_page_needs_no_database(db, django_assert_num_queries):
    with django_assert_num_queries(0):
        html = render_to_string("500.html")
    assert 'id="error-500"' in html and "bootstrap.min.css" in html


@pytest.mark.parametrize(
    "path",
    [
        "vendor/bootstrap/bootstrap.min.css",
        "vendor/bootstrap/bootstrap.bundle.min.js",
        "vendor/bootstrap-icons/bootstrap-icons.min.css",
        "vendor/bootstrap-icons/fonts/bootstrap-icons.woff2",
        "vendor/htmx/htmx.min.js",
        "vendor/signature_pad/signature_pad.umd.min.js",
        "vendor/chart.js/chart.umd.min.js",
    ],
)
def test_vendored_assets_exist_without_source_maps(path):
    from django.contrib.staticfiles import finders

    found = finders.find(path)
    assert found, f"{path} is missing: run tools/vendor.sh"
    if path.endswith((".js", ".css")):
        with open(found, encoding="utf-8") as handle:
            assert "sourceMappingURL" not in handle.read()


def test_vendored_versions_are_recorded():
    from django.contrib.staticfiles import finders

    with open(finders.find("vendor/VERSIONS.txt"), encoding="utf-8") as handle:
        text = handle.read()
    assert "bootstrap 5." in text and "htmx.org 2." in text


def test_whitenoise_serves_the_vendored_css_without_a_cdn(client, db, settings):
    settings.WHITENOISE_USE_FINDERS = True  # production serves the collectstatic copy; tests have none
    response = client.get("/static/vendor/bootstrap/bootstrap.min.css")
    assert response.status_code == 200
    assert b"Bootstrap" in b"".join(response.streaming_content)[:400]


def test_the_layout_loads_no_asset_from_another_host(client, bkd_a):
    import re

    client.force_login(bkd_a)
    html = client.get("/").content.decode()
    sources = re.findall(r'(?:src|href)="([^"]+)"', html)
    assert sources and not [s for s in sources if s.startswith(("http:", "https:", "//"))]
