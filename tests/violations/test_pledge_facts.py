"""The case page shows what the pledges app knows of the reported ASN for the case's election."""

import datetime as dt

import pytest
from django.urls import reverse

from pledges.models import Attendance, Ceremony
from pledges.selectors import apel_attended
from tests.pledges.apel_helpers import election, schedule

from .factories import make_case

pytestmark = pytest.mark.django_db


def _held_apel(region, bkd, status):
    ceremony = schedule(region, by=bkd, starts_in=dt.timedelta(minutes=10))
    Ceremony.objects.filter(pk=ceremony.pk).update(status=Ceremony.Status.HELD)
    Attendance.objects.filter(ceremony=ceremony).update(status=status)
    return ceremony


def test_the_case_page_says_whether_the_asn_attended_the_apel(client, region_a, bkd_a, asn_a):
    employee = asn_a.employee
    case = make_case(region_a, employee, election=election())
    client.force_login(bkd_a)
    url = reverse("case_detail", args=[case.pk])
    assert "tidak ada apel pemilihan ini" in client.get(url).content.decode()
    _held_apel(region_a, bkd_a, Attendance.Status.PRESENT)
    page = client.get(url).content.decode()
    assert 'id="fact-apel"><span class="badge text-bg-warning">hadir' in page


def test_attendance_is_read_as_the_viewer_may_see_it(region_a, region_b, bkd_a, bkd_b, asn_a):
    _held_apel(region_a, bkd_a, Attendance.Status.ABSENT)
    assert apel_attended(user=bkd_a, employee=asn_a.employee, election=election()) is False
    assert apel_attended(user=bkd_b, employee=asn_a.employee, election=election()) is None
