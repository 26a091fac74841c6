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


def test_the_case_page_says_whether_the_asn_signed_the_pakta(client, region_a, bkd_a, asn_a):
    from pledges.selectors import pakta_signed
    from pledges.services.pakta_signing import Submission, pakta_sign
    from tests.pledges.pakta_helpers import drawing, invitation_of, launch

    employee = asn_a.employee
    case = make_case(region_a, employee, election=election())
    client.force_login(bkd_a)
    url = reverse("case_detail", args=[case.pk])
    page = client.get(url).content.decode()
    assert "belum tersedia" not in page and "tidak ada kampanye pakta pemilihan ini" in page
    campaign = launch(region_a, by=bkd_a)
    assert 'id="fact-pakta">belum ditandatangani' in client.get(url).content.decode()
    pakta_sign(invitation=invitation_of(campaign, employee), submission=Submission(employee.name, drawing(), True, []),
               method="login")  # fmt: skip
    assert (
        'id="fact-pakta"><span class="badge text-bg-warning">sudah ditandatangani' in client.get(url).content.decode()
    )
    assert pakta_signed(user=bkd_a, employee=employee, election=election()) is True
