"""Bahasa Indonesia first: the browser's Accept-Language does not override it; a choice does."""

from django.conf import settings
from django.urls import reverse


def test_it_speaks_indonesian_to_an_english_browser(client, db):
    response = client.get(reverse("login"), HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9")
    assert response.headers["Content-Language"] == "id"
    assert '<html lang="id">' in response.content.decode()


def test_it_follows_the_language_cookie(client, db):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    response = client.get(reverse("login"))
    assert response.headers["Content-Language"] == "en"


def test_it_follows_the_account_language_without_a_cookie(client, asn_a):
    asn_a.language = "en"
    asn_a.save()
    client.force_login(asn_a)
    response = client.get(reverse("home"))
    assert response.headers["Content-Language"] == "en"


def test_it_ignores_an_unknown_cookie_value(client, db):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "xx"
    response = client.get(reverse("login"))
    assert response.headers["Content-Language"] == "id"
