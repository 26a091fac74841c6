"""Finding 5: behind the reverse proxy, "username + IP" locked an account for everyone and every audit row
showed the proxy. One resolver (core.client.client_ip) now serves the audit trail and django-axes."""

import pytest
from axes.models import AccessAttempt
from django.conf import settings
from django.test import RequestFactory, override_settings
from django.urls import reverse

from audit.models import AuditEvent
from core.client import client_ip

PASSWORD = "rahasia-uji-123"  # tests.factories.UserFactory
PROXY = "10.0.0.2"
CLIENT = "203.0.113.7"
ATTACKER = "198.51.100.23"


def request(remote_addr=PROXY, forwarded=None):
    extra = {"REMOTE_ADDR": remote_addr} | ({"HTTP_X_FORWARDED_FOR": forwarded} if forwarded is not None else {})
    return RequestFactory().get("/", **extra)


def login(client, *, password, remote_addr=PROXY, forwarded=None):
    extra = {"REMOTE_ADDR": remote_addr} | ({"HTTP_X_FORWARDED_FOR": forwarded} if forwarded is not None else {})
    return client.post(reverse("login"), {"username": "alice", "password": password}, **extra)


def test_axes_asks_the_same_resolver_as_the_audit_trail():
    assert settings.AXES_CLIENT_IP_CALLABLE == "core.client.client_ip"
    assert settings.TRUSTED_PROXY_COUNT == 0  # the default: no proxy trusted


# The resolver


@override_settings(TRUSTED_PROXY_COUNT=0)
def test_without_a_trusted_proxy_a_forged_header_is_ignored():
    assert client_ip(request(remote_addr=CLIENT, forwarded="6.6.6.6")) == CLIENT


@override_settings(TRUSTED_PROXY_COUNT=1)
def test_behind_one_proxy_the_client_is_the_address_the_proxy_appended():
    assert client_ip(request(forwarded=CLIENT)) == CLIENT
    # What the client wrote itself stays on the left, where nothing is trusted.
    assert client_ip(request(forwarded=f"6.6.6.6, {CLIENT}")) == CLIENT


@override_settings(TRUSTED_PROXY_COUNT=2)
def test_behind_two_proxies_it_skips_both():
    assert client_ip(request(forwarded=f"{CLIENT}, 10.0.0.1")) == CLIENT
    assert client_ip(request(forwarded=f"6.6.6.6, {CLIENT}, 10.0.0.1")) == CLIENT


@override_settings(TRUSTED_PROXY_COUNT=1)
@pytest.mark.parametrize(
    ("forwarded", "expected"),
    [
        (None, PROXY),  # not through the proxy (a health check): only the socket is a fact
        ("", PROXY),
        ("not-an-ip", PROXY),
        (f"{CLIENT}:51234", CLIENT),
        ("[2001:db8::7]:443", "2001:db8::7"),
        ("2001:DB8::7", "2001:db8::7"),
    ],
)
def test_odd_headers_give_an_address_or_the_proxy_never_garbage(forwarded, expected):
    assert client_ip(request(forwarded=forwarded)) == expected


def test_no_address_at_all_is_none():
    assert client_ip(request(remote_addr="")) is None


# The audit trail and django-axes, through the real login view


@override_settings(TRUSTED_PROXY_COUNT=1)
def test_behind_the_proxy_the_audit_row_and_the_lockout_record_the_client(client, bkd_a):
    assert login(client, password=PASSWORD, forwarded=CLIENT).status_code == 302
    assert AuditEvent.objects.get(action="netralitas.auth.staff_login").ip == CLIENT
    client.logout()
    login(client, password="salah-sandi", forwarded=ATTACKER)
    assert list(AccessAttempt.objects.values_list("ip_address", flat=True)) == [ATTACKER]


@override_settings(TRUSTED_PROXY_COUNT=1)
def test_two_clients_behind_the_same_proxy_do_not_lock_each_other_out(client, bkd_a):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        locked = login(client, password="salah-sandi", forwarded=ATTACKER)
    assert locked.status_code == 429
    assert login(client, password=PASSWORD, forwarded=ATTACKER).status_code == 429
    # alice, from her own address through the same proxy, still gets in
    assert login(client, password=PASSWORD, forwarded=CLIENT).status_code == 302


@override_settings(TRUSTED_PROXY_COUNT=1)
def test_behind_the_proxy_a_forged_header_does_not_escape_the_lockout(client, bkd_a):
    statuses = [
        login(client, password="salah-sandi", forwarded=f"6.6.6.{i}, {ATTACKER}").status_code
        for i in range(settings.AXES_FAILURE_LIMIT)
    ]
    assert statuses[-1] == 429
    assert login(client, password=PASSWORD, forwarded=f"7.7.7.7, {ATTACKER}").status_code == 429


@override_settings(TRUSTED_PROXY_COUNT=0)
def test_without_a_proxy_a_forged_header_neither_hides_the_client_nor_escapes_the_lockout(client, bkd_a):
    assert login(client, password=PASSWORD, remote_addr=CLIENT, forwarded="6.6.6.6").status_code == 302
    assert AuditEvent.objects.get(action="netralitas.auth.staff_login").ip == CLIENT
    client.logout()
    statuses = [
        login(client, password="salah-sandi", remote_addr=ATTACKER, forwarded=f"6.6.6.{i}").status_code
        for i in range(settings.AXES_FAILURE_LIMIT)
    ]
    assert statuses[-1] == 429
    assert set(AccessAttempt.objects.values_list("ip_address", flat=True)) == {ATTACKER}
