import pytest
from django.conf import settings
from django.test import override_settings
from django.urls import reverse

from audit.models import AuditEvent
from tests.factories import EmployeeFactory, UserFactory

from .conftest import PASSWORD

pytestmark = pytest.mark.django_db


def _login(client, login, password=PASSWORD):
    return client.post(reverse("login"), {"username": login, "password": password})


def _logged_in_as(client):
    return client.session.get("_auth_user_id")


def test_it_logs_in_by_username(client, bkd_a):
    response = _login(client, "alice")
    assert response.status_code == 302
    assert response["Location"] == reverse("home")
    assert _logged_in_as(client) == str(bkd_a.pk)


def test_it_logs_in_by_email_in_any_case(client, bkd_a):
    response = _login(client, "ALICE@example.go.id")
    assert response.status_code == 302
    assert _logged_in_as(client) == str(bkd_a.pk)


def test_it_logs_in_by_nip_typed_with_spaces_and_dots(client, asn_a):
    nip = asn_a.employee.nip
    typed = f"{nip[:8]} {nip[8:14]}.{nip[14]}.{nip[15:]}"
    response = _login(client, typed)
    assert response.status_code == 302
    assert _logged_in_as(client) == str(asn_a.pk)


def test_it_rejects_a_wrong_password(client, bkd_a):
    response = _login(client, "alice", "salah-sandi")
    assert response.status_code == 200
    assert "kata sandi salah" in response.content.decode()
    assert _logged_in_as(client) is None


def test_it_refuses_an_inactive_user(client):
    UserFactory(username="dodi", is_active=False)
    response = _login(client, "dodi")
    assert response.status_code == 200
    assert _logged_in_as(client) is None


def test_login_page_offers_activation_and_password_reset(client, db):
    body = client.get(reverse("login")).content.decode()
    assert "Username, email atau NIP" in body
    assert reverse("activation_request") in body
    assert reverse("password_reset") in body


def test_it_locks_out_after_five_failures_with_a_clear_page(client, bkd_a):
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        assert _login(client, "alice", "salah-sandi").status_code == 200
    locked = _login(client, "alice", "salah-sandi")
    assert locked.status_code == 429
    assert "Terlalu banyak percobaan masuk" in locked.content.decode()
    # Now even the right password is refused, and nobody is logged in.
    again = _login(client, "alice")
    assert again.status_code == 429
    assert _logged_in_as(client) is None


@override_settings(AXES_USERNAME_CALLABLE="people.backends.axes_username")
def test_lockout_counts_every_way_of_typing_the_same_login(client, asn_a):
    nip = asn_a.employee.nip
    attempts = ["bob", "BOB", "bob@example.go.id", nip, f"{nip[:8]} {nip[8:]}"]
    statuses = [_login(client, login, "salah-sandi").status_code for login in attempts]
    assert statuses[-1] == 429
    assert _login(client, "bob").status_code == 429


def test_it_switches_to_the_users_language_at_login(client, bkd_a):
    bkd_a.language = "en"
    bkd_a.save()
    response = _login(client, "alice")
    assert response.cookies[settings.LANGUAGE_COOKIE_NAME].value == "en"


def test_logout_is_a_post(client, bkd_a):
    client.force_login(bkd_a)
    assert client.get(reverse("logout")).status_code == 405
    response = client.post(reverse("logout"))
    assert response.status_code == 302
    assert _logged_in_as(client) is None


def test_a_staff_login_creates_an_audit_event(client, bkd_a, region_a):
    _login(client, "alice")
    event = AuditEvent.objects.get(action="netralitas.auth.staff_login")
    assert event.actor_id == bkd_a.pk
    assert event.region_id == region_a.pk
    assert event.ip == "127.0.0.1"


def test_an_asn_login_is_not_a_staff_login(client, asn_a):
    _login(client, "bob")
    assert _logged_in_as(client) == str(asn_a.pk)
    assert not AuditEvent.objects.filter(action="netralitas.auth.staff_login").exists()


def test_password_change_works(client, bkd_a):
    client.force_login(bkd_a)
    response = client.post(
        reverse("password_change"),
        {"old_password": PASSWORD, "new_password1": "Teh-Manis-Sore-77", "new_password2": "Teh-Manis-Sore-77"},
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("password_change_done")
    bkd_a.refresh_from_db()
    assert bkd_a.check_password("Teh-Manis-Sore-77")
    event = AuditEvent.objects.get(action="netralitas.auth.password_changed")
    assert (event.actor_id, event.region_id, event.object_id) == (
        bkd_a.pk,
        bkd_a.memberships.get().region_id,
        str(bkd_a.pk),
    )
    assert "Teh-Manis" not in str(event.before) + str(event.after) + str(event.data)


def test_a_wrong_old_password_changes_and_records_nothing(client, bkd_a):
    client.force_login(bkd_a)
    response = client.post(
        reverse("password_change"),
        {"old_password": "salah", "new_password1": "Teh-Manis-Sore-77", "new_password2": "Teh-Manis-Sore-77"},
    )
    assert response.status_code == 200
    assert not AuditEvent.objects.filter(action__startswith="netralitas.auth.password").exists()


def test_an_employee_email_shared_by_two_accounts_names_neither(client, region_a, unit_a):
    UserFactory(username="kembar1", email="sama@example.go.id")
    UserFactory(username="kembar2", email="sama@example.go.id")
    EmployeeFactory(region=region_a, work_unit=unit_a)
    response = _login(client, "sama@example.go.id")
    assert response.status_code == 200
    assert _logged_in_as(client) is None
