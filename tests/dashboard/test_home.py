import pytest
from django.urls import reverse

from audit.models import AuditEvent
from audit.services import audit_record
from mailer.models import OutgoingEmail
from people.models import RosterImport
from tests.factories import EmployeeFactory, MembershipFactory, UserFactory, WorkUnitFactory


def _home(client, user):
    client.force_login(user)
    response = client.get(reverse("home"))
    assert response.status_code == 200
    return response


def _outbox(region, status, n):
    for i in range(n):
        OutgoingEmail.objects.create(
            region=region, recipient=f"x{i}@{region.code}.go.id", kind="test", subject_key=f"k{i}",
            day="2026-01-01", subject="s", body_text="b", status=status,
        )  # fmt: skip


def test_it_sends_anonymous_users_to_login(client, db):
    response = client.get(reverse("home"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


def test_bkd_home_counts_only_its_own_region(client, bkd_a, region_a, region_b, unit_a):
    EmployeeFactory.create_batch(3, region=region_a, work_unit=unit_a)
    EmployeeFactory(region=region_a, work_unit=unit_a, email="")
    EmployeeFactory(region=region_a, work_unit=unit_a, is_active=False)
    EmployeeFactory(region=region_a, work_unit=unit_a, user=UserFactory())  # activated
    EmployeeFactory.create_batch(7, region=region_b)
    _outbox(region_a, OutgoingEmail.Status.FAILED, 2)
    _outbox(region_b, OutgoingEmail.Status.FAILED, 5)
    RosterImport.objects.create(region=region_a, original_name="roster-muba.xlsx", file_sha256="0" * 64)
    RosterImport.objects.create(region=region_b, original_name="roster-oki.xlsx", file_sha256="1" * 64)

    response = _home(client, bkd_a)

    assert "dashboard/home_bkd.html" in [t.name for t in response.templates]
    assert response.context["stats"] == {"total": 5, "without_email": 1, "not_activated": 4}
    assert response.context["work_units"] == 1
    assert response.context["outbox_failed"] == 2
    html = response.content.decode()
    assert "roster-muba.xlsx" in html and "roster-oki.xlsx" not in html


def test_bkd_home_counts_an_inactive_account_as_not_activated(client, bkd_a, region_a, unit_a):
    EmployeeFactory(region=region_a, work_unit=unit_a, user=UserFactory(is_active=False))
    assert _home(client, bkd_a).context["stats"]["not_activated"] == 1


def test_bkd_home_asks_for_a_roster_when_there_is_none(client, bkd_a):
    html = _home(client, bkd_a).content.decode()
    assert "Belum ada data ASN" in html


def test_head_home_shows_activation_per_work_unit(client, head_a, region_a, region_b):
    unit = WorkUnitFactory(region=region_a, name="Dinas Kesehatan")
    EmployeeFactory.create_batch(3, region=region_a, work_unit=unit)
    EmployeeFactory(region=region_a, work_unit=unit, user=UserFactory())
    WorkUnitFactory(region=region_b, name="Dinas Luar Wilayah")

    response = _home(client, head_a)

    assert "dashboard/home_head.html" in [t.name for t in response.templates]
    row = next(u for u in response.context["units"] if u["name"] == "Dinas Kesehatan")
    assert (row["asn"], row["activated"], row["percent"]) == (4, 1, 25)
    html = response.content.decode()
    assert "Dinas Luar Wilayah" not in html
    assert "Pj Bupati Musi Banyuasin" in html
    assert "hana" in html  # the head is listed among the region's staff


def test_head_home_leads_to_the_dashboard(client, head_a):
    html = _home(client, head_a).content.decode()
    assert 'id="open-dashboard"' in html and f'href="{reverse("dashboard_region")}"' in html


def test_inspector_home_lists_only_its_regions_audit_events(client, inspector_a, region_a, region_b):
    audit_record(action="netralitas.test.in_region", region_id=region_a.pk)
    audit_record(action="netralitas.test.elsewhere", region_id=region_b.pk)

    response = _home(client, inspector_a)

    assert "dashboard/home_inspector.html" in [t.name for t in response.templates]
    html = response.content.decode()
    assert "netralitas.test.in_region" in html
    assert "netralitas.test.elsewhere" not in html
    in_region = AuditEvent.objects.filter(region_id=region_a.pk).count()
    assert response.context["events_30_days"] == in_region < AuditEvent.objects.count()


def test_province_admin_home_lists_its_kabupaten_with_counts(client, province_admin, region_a, region_b, unit_a):
    EmployeeFactory.create_batch(2, region=region_a, work_unit=unit_a)
    MembershipFactory(region=region_a, role="bkd")
    other_province_region = MembershipFactory(region__parent__code="jambi", region__parent__name="Jambi").region

    response = _home(client, province_admin)

    assert "dashboard/home_admin.html" in [t.name for t in response.templates]
    regions = {r.code: r for r in response.context["regions"]}
    assert set(regions) == {"sumsel", "muba", "oki"}
    assert other_province_region.code not in regions
    assert (regions["muba"].asn, regions["muba"].units, regions["muba"].staff) == (2, 1, 1)
    assert regions["oki"].asn == 0


def test_asn_home_shows_their_own_data(client, asn_a):
    response = _home(client, asn_a)
    assert "dashboard/home_asn.html" in [t.name for t in response.templates]
    html = response.content.decode()
    employee = asn_a.employee
    assert employee.nip in html and "Bob Santoso" in html and "Dinas Pendidikan" in html
    assert "pakta integritas" in html.lower()


def test_a_user_without_role_or_employee_gets_a_clear_page(client, db):
    html = _home(client, UserFactory()).content.decode()
    assert "Akun Anda belum punya peran" in html


def test_a_bkd_officer_who_is_also_an_asn_gets_the_bkd_page(client, bkd_a, region_a, unit_a):
    EmployeeFactory(region=region_a, work_unit=unit_a, user=bkd_a)
    assert "dashboard/home_bkd.html" in [t.name for t in _home(client, bkd_a).templates]


def _add_units(region, count):
    units = WorkUnitFactory.create_batch(count, region=region)
    for unit in units:
        EmployeeFactory.create_batch(2, region=region, work_unit=unit)
        EmployeeFactory(region=region, work_unit=unit, user=UserFactory())


@pytest.mark.parametrize("actor", ["bkd_a", "head_a", "province_admin", "inspector_a", "asn_a"])
def test_home_pages_take_a_bounded_number_of_queries(client, request, region_a, actor):
    """The same number of queries for 5 work units as for 50 (every app's cards included)."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    user = request.getfixturevalue(actor)
    client.force_login(user)
    counts = []
    for size in (5, 45):
        _add_units(region_a, size)
        client.get(reverse("home"))  # warm up: the first request after login refreshes the staff session
        with CaptureQueriesContext(connection) as captured:
            response = client.get(reverse("home"))
        counts.append(len(captured))
    assert counts[0] == counts[1], f"queries grow with the data: {counts}"
    assert response.status_code == 200
