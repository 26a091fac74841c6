import pytest
from django.conf import settings
from django.urls import reverse

from .conftest import PASSWORD, outbox

pytestmark = pytest.mark.django_db


def test_a_language_switch_is_kept_and_used_for_the_next_email(client, bkd_a):
    client.force_login(bkd_a)
    response = client.post(reverse("language_set"), {"language": "en", "next": "/"})
    assert response.status_code == 302
    assert response.cookies[settings.LANGUAGE_COOKIE_NAME].value == "en"
    bkd_a.refresh_from_db()
    assert bkd_a.language == "en"

    client.logout()
    client.post(reverse("password_reset"), {"email": bkd_a.email})
    [email] = outbox("password_reset")
    assert email.language == "en"


def test_the_kept_language_comes_back_at_the_next_login(client, bkd_a):
    client.force_login(bkd_a)
    client.post(reverse("language_set"), {"language": "en"})
    other_browser = client.__class__()
    response = other_browser.post(reverse("login"), {"username": "alice", "password": PASSWORD})
    assert response.cookies[settings.LANGUAGE_COOKIE_NAME].value == "en"


def test_a_language_chosen_on_the_login_page_stays_after_login(client, bkd_a):
    client.post(reverse("language_set"), {"language": "en"})  # anonymous, on the login page
    response = client.post(reverse("login"), {"username": "alice", "password": PASSWORD}, follow=True)
    assert response.redirect_chain[-1][0] == reverse("home")
    assert response.context["LANGUAGE_CODE"] == "en"
    assert client.cookies[settings.LANGUAGE_COOKIE_NAME].value == "en"
    bkd_a.refresh_from_db()
    assert bkd_a.language == "id"  # the account's own choice (for emails) is not rewritten by a login


def test_an_unknown_language_is_not_kept(client, bkd_a):
    client.force_login(bkd_a)
    client.post(reverse("language_set"), {"language": "xx"})
    bkd_a.refresh_from_db()
    assert bkd_a.language == "id"


def test_an_anonymous_visitor_can_switch_too(client, db):
    response = client.post(reverse("language_set"), {"language": "en"})
    assert response.status_code == 302
    assert response.cookies[settings.LANGUAGE_COOKIE_NAME].value == "en"


def test_an_activation_mail_is_in_the_language_the_asn_used(client, new_asn):
    client.post(reverse("language_set"), {"language": "en"})
    client.post(reverse("activation_request"), {"nip": new_asn.nip, "email": new_asn.email})
    [email] = outbox("account_activation")
    assert email.language == "en"
