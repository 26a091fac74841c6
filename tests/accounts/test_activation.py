import datetime as dt
from unittest import mock

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import timezone

from audit.models import AuditEvent
from people.models import User
from people.services.accounts import ACTIVATION
from tests.factories import EmployeeFactory, UserFactory

from .conftest import NEW_PASSWORD, link_path, open_link, outbox

pytestmark = pytest.mark.django_db

NEUTRAL = "Jika NIP dan email itu cocok"


def _request(client, nip, email):
    response = client.post(reverse("activation_request"), {"nip": nip, "email": email}, follow=True)
    assert response.redirect_chain == [(reverse("activation_sent"), 302)]
    assert NEUTRAL in response.content.decode()
    return response


def _set_password(client, path, password=NEW_PASSWORD):
    return client.post(path, {"new_password1": password, "new_password2": password})


def test_the_emailed_link_activates_the_account_once(client, new_asn, region_a):
    nip = new_asn.nip
    _request(client, f"{nip[:8]} {nip[8:14]} {nip[14]} {nip[15:]}", "SITI.AMINAH@example.go.id")

    [email] = outbox("account_activation")
    assert email.recipient == "siti.aminah@example.go.id"
    assert email.region == region_a
    path = link_path(email)
    user = User.objects.get(username=nip)
    assert user.employee == new_asn and not user.is_active

    form, form_url = open_link(client, path)
    assert form.status_code == 200 and "new_password1" in form.content.decode()
    response = _set_password(client, form_url)
    assert response.status_code == 302 and response["Location"] == reverse("home")
    user.refresh_from_db()
    assert user.is_active and user.check_password(NEW_PASSWORD)
    assert client.session["_auth_user_id"] == str(user.pk)
    assert AuditEvent.objects.filter(action="netralitas.account.activated", actor_id=user.pk).exists()

    client.logout()
    dead = client.get(path)
    assert "Tautan tidak berlaku lagi" in dead.content.decode()
    assert reverse("activation_request") in dead.content.decode()
    _set_password(client, path, "Lain-Lagi-Sandi-99")
    _set_password(client, form_url, "Lain-Lagi-Sandi-99")
    user.refresh_from_db()
    assert user.check_password(NEW_PASSWORD)


def test_after_activation_the_asn_logs_in_with_the_nip(client, new_asn):
    _request(client, new_asn.nip, new_asn.email)
    _response, form_url = open_link(client, link_path(outbox("account_activation")[0]))
    _set_password(client, form_url)
    client.logout()
    response = client.post(reverse("login"), {"username": new_asn.nip, "password": NEW_PASSWORD})
    assert response.status_code == 302


def test_a_wrong_email_gets_the_same_page_and_no_mail(client, new_asn):
    _request(client, new_asn.nip, "orang.lain@example.go.id")
    assert outbox("account_activation") == []
    assert not User.objects.filter(username=new_asn.nip).exists()


def test_an_unknown_nip_gets_the_same_page_and_no_mail(client, new_asn):
    _request(client, "199001012015031001", new_asn.email)
    assert outbox("account_activation") == []


def test_an_active_account_gets_no_activation_mail(client, asn_a):
    employee = asn_a.employee
    _request(client, employee.nip, employee.email)
    assert outbox("account_activation") == []


def test_a_deactivated_account_is_not_revived(client, region_a, unit_a):
    user = UserFactory(username="lama", is_active=False, last_login=timezone.now())
    employee = EmployeeFactory(region=region_a, work_unit=unit_a, user=user)
    _request(client, employee.nip, employee.email)
    assert outbox("account_activation") == []


def test_an_employee_no_longer_in_service_gets_no_mail(client, new_asn):
    new_asn.is_active = False
    new_asn.save()
    _request(client, new_asn.nip, new_asn.email)
    assert outbox("account_activation") == []


def test_a_second_request_the_same_day_sends_nothing_new(client, new_asn):
    _request(client, new_asn.nip, new_asn.email)
    _request(client, new_asn.nip, new_asn.email)
    emails = outbox("account_activation")
    assert len(emails) == 1
    response, _url = open_link(client, link_path(emails[0]))
    assert response.status_code == 200 and "new_password1" in response.content.decode()


def test_a_badly_typed_nip_is_explained(client, new_asn):
    response = client.post(reverse("activation_request"), {"nip": "1234", "email": new_asn.email})
    assert response.status_code == 200
    assert "18 angka" in response.content.decode()


def test_an_expired_link_shows_a_clear_page(client, new_asn):
    _request(client, new_asn.nip, new_asn.email)
    path = link_path(outbox("account_activation")[0])
    later = ACTIVATION.tokens._now() + dt.timedelta(seconds=settings.PASSWORD_RESET_TIMEOUT + 60)
    with mock.patch.object(ACTIVATION.tokens, "_now", return_value=later):
        response = client.get(path)
    assert response.status_code == 200
    body = response.content.decode()
    assert "Tautan tidak berlaku lagi" in body and "Minta tautan baru" in body
    assert "new_password1" not in body


@pytest.mark.parametrize(
    "path", ["/akun/aktivasi/xx/yy/", "/akun/aktivasi/MTIzNDU2Nzg5/abc-def/", "/akun/aktivasi/%E2%80%A6/x/"]
)
def test_a_mangled_link_is_not_an_error(client, db, path):
    response = client.get(path)
    assert response.status_code == 200
    assert "Tautan tidak berlaku lagi" in response.content.decode()
