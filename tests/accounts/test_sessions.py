"""Finding 14: staff sessions end with the browser or after 8 idle hours; an inactive ASN is shut out."""

import time

import pytest
from django.conf import settings
from django.urls import reverse

from people.middleware import STAFF_SEEN_KEY

pytestmark = pytest.mark.django_db


def _login(client, username, password="rahasia-uji-123"):
    response = client.post(reverse("login"), {"username": username, "password": password})
    assert response.status_code == 302, response.content.decode()[:300]
    return response


def test_a_staff_session_ends_when_the_browser_closes(client, bkd_a):
    _login(client, "alice")
    response = client.get(reverse("home"))
    cookie = response.cookies.get(settings.SESSION_COOKIE_NAME) or client.cookies[settings.SESSION_COOKIE_NAME]
    assert client.session.get_expire_at_browser_close()
    assert not cookie["max-age"] and not cookie["expires"]


def test_a_staff_session_ends_after_eight_idle_hours(client, bkd_a):
    _login(client, "alice")
    assert client.get(reverse("home")).status_code == 200
    session = client.session
    session[STAFF_SEEN_KEY] = time.time() - 8 * 3600 - 60
    session.save()
    response = client.get(reverse("employee_list"))
    assert response.status_code == 302 and response["Location"].startswith(reverse("login"))
    assert "_auth_user_id" not in client.session


def test_a_busy_staff_session_stays(client, bkd_a):
    _login(client, "alice")
    session = client.session
    session[STAFF_SEEN_KEY] = time.time() - 7 * 3600
    session.save()
    assert client.get(reverse("home")).status_code == 200


def test_an_asn_session_keeps_djangos_lifetime(client, asn_a):
    _login(client, "bob")
    client.get(reverse("home"))
    assert not client.session.get_expire_at_browser_close()


def test_an_employee_made_inactive_can_no_longer_log_in(client, asn_a):
    employee = asn_a.employee
    employee.is_active = False
    employee.save()
    response = client.post(reverse("login"), {"username": employee.nip, "password": "rahasia-uji-123"})
    assert response.status_code == 200 and "_auth_user_id" not in client.session


def test_an_employee_made_inactive_loses_the_open_session(client, asn_a):
    _login(client, "bob")
    assert client.get(reverse("home")).status_code == 200
    employee = asn_a.employee
    employee.is_active = False
    employee.save()
    response = client.get(reverse("home"))
    assert response.status_code == 302 and response["Location"].startswith(reverse("login"))


def test_an_inactive_employee_who_is_staff_keeps_the_staff_role(client, bkd_a, region_a, unit_a):
    from tests.factories import EmployeeFactory

    EmployeeFactory(region=region_a, work_unit=unit_a, user=bkd_a, is_active=False)
    _login(client, "alice")
    assert client.get(reverse("home")).status_code == 200
