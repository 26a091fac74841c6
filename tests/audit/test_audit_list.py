import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from audit.models import AuditChainHead, AuditEvent
from audit.services import audit_record
from people.services.employees import employee_update
from tests.factories import EmployeeFactory, MembershipFactory

EMPLOYEE_UPDATED = "netralitas.employee.updated"


@pytest.fixture
def auditor_a(region_a):
    return MembershipFactory(region=region_a, role="inspector", user__username="ines").user


@pytest.fixture
def changed_employee(region_a, unit_a, bkd_a):
    employee = EmployeeFactory(region=region_a, work_unit=unit_a, name="Siti Rahmawati", phone="0811111")
    employee_update(employee=employee, data={"phone": "0822222", "is_active": False}, by=bkd_a)
    return employee


def test_it_shows_the_region_events_with_a_readable_diff(client, auditor_a, changed_employee):
    client.force_login(auditor_a)
    response = client.get(reverse("audit_list"))
    assert response.status_code == 200
    body = response.content.decode()
    assert "netralitas.employee.updated" in body
    assert "0811111" in body and "0822222" in body
    assert "alice" in body  # the actor
    [event] = [e for e in response.context["page"].object_list if e.action == "netralitas.employee.updated"]
    assert event.diff == [("is_active", True, False), ("phone", "0811111", "0822222")]


def test_it_hides_other_regions_events(client, region_b, changed_employee):
    auditor_b = MembershipFactory(region=region_b, role="inspector").user
    client.force_login(auditor_b)
    response = client.get(reverse("audit_list"))
    assert response.status_code == 200
    assert "0822222" not in response.content.decode()


def test_a_role_without_audit_view_gets_403(client, bkd_a):
    client.force_login(bkd_a)
    assert client.get(reverse("audit_list")).status_code == 403


def test_it_filters_by_action_prefix(client, auditor_a, region_a, changed_employee):
    audit_record(action="netralitas.roster.imported", region_id=region_a.pk)
    client.force_login(auditor_a)
    page = client.get(reverse("audit_list"), {"action": "netralitas.roster"}).context["page"]
    assert [e.action for e in page.object_list] == ["netralitas.roster.imported"]


def test_it_filters_by_day_in_the_region_time_zone(client, auditor_a, region_a, changed_employee):
    client.force_login(auditor_a)
    at = AuditEvent.objects.get(action=EMPLOYEE_UPDATED).at
    today = timezone.localtime(at, dt.timezone(dt.timedelta(hours=7))).date()
    url = reverse("audit_list")
    assert client.get(url, {"action": EMPLOYEE_UPDATED, "date_from": today}).context["page"].paginator.count == 1
    yesterday = today - dt.timedelta(days=1)
    assert client.get(url, {"action": EMPLOYEE_UPDATED, "date_to": yesterday}).context["page"].paginator.count == 0


def test_a_bad_date_gives_a_message_not_a_500(client, auditor_a, changed_employee):
    client.force_login(auditor_a)
    params = {"action": EMPLOYEE_UPDATED, "date_from": "31-31-2024", "date_to": "kemarin"}
    response = client.get(reverse("audit_list"), params)
    assert response.status_code == 200
    assert response.context["form"].errors["date_from"]
    assert response.context["page"].paginator.count == 1


def test_times_show_in_the_event_region_time_zone(client, auditor_a, region_a, changed_employee):
    region_a.timezone = "Asia/Jayapura"
    region_a.save()
    client.force_login(auditor_a)
    event = client.get(reverse("audit_list"), {"action": EMPLOYEE_UPDATED}).context["page"].object_list[0]
    assert event.tz_label == "WIT"
    assert event.local_at.utcoffset() == dt.timedelta(hours=9)


def test_it_shows_the_chain_head_to_copy_as_an_anchor(client, auditor_a, changed_employee):
    client.force_login(auditor_a)
    body = client.get(reverse("audit_list")).content.decode()
    head = AuditChainHead.objects.get()  # read after the login, which is audited too
    assert f'value="{head.last_seq}:{head.last_hash}"' in body
    assert "verify_audit --anchor" in body
