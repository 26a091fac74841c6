"""seed_demo's apel: every demo region has a held apel with its attendance and an upcoming one, every role sees
something at once, no invitation is mailed to the made-up people, and a second run changes nothing."""

import io

import pytest
from django.core.management import call_command
from django.urls import reverse

from mailer.models import OutgoingEmail
from people.models import User
from pledges.models import Attendance, Ceremony

pytestmark = pytest.mark.django_db


def seed():
    call_command("seed_demo", asn_per_region=12, force=True, stdout=io.StringIO())


def test_each_demo_region_has_a_held_and_an_upcoming_apel_and_every_role_sees_it(client):
    seed()
    for code in ("muba", "oki"):
        held = Ceremony.objects.get(region__code=code, status=Ceremony.Status.HELD)
        upcoming = Ceremony.objects.get(region__code=code, status=Ceremony.Status.SCHEDULED)
        assert held.recorded_after and held.attendances.count() == upcoming.attendances.count() == 12
        statuses = set(held.attendances.values_list("status", flat=True))
        assert Attendance.Status.PENDING not in statuses and {"hadir", "izin", "sakit"} <= statuses
    assert not OutgoingEmail.objects.filter(kind__startswith="apel_").exists()
    for username, marker in [
        ("bkd.muba", 'id="apel.bkd"'),
        ("bupati.muba", 'id="apel-last-percent"'),
        ("asn.muba", 'id="asn-next-apel"'),
    ]:
        client.force_login(User.objects.get(username=username))
        assert marker in client.get(reverse("home")).content.decode(), username
    client.force_login(User.objects.get(username="inspektur.oki"))
    assert (
        "Apel dan Deklarasi Netralitas ASN Pemilu 2024"
        in client.get(reverse("ceremony_list"), {"waktu": "all"}).content.decode()
    )


def test_a_second_seed_changes_nothing():
    seed()
    before = list(Attendance.objects.order_by("pk").values_list("pk", "status", "note"))
    seed()
    assert Ceremony.objects.count() == 4
    assert list(Attendance.objects.order_by("pk").values_list("pk", "status", "note")) == before
