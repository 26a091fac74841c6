import pytest
from django.core.exceptions import ValidationError

from audit.models import AuditEvent
from people.services.employees import employee_update
from tests.factories import EmployeeFactory, WorkUnitFactory, make_nip


@pytest.fixture
def employee(region_a, unit_a):
    return EmployeeFactory(region=region_a, work_unit=unit_a, name="Siti Rahmawati", phone="0811", rank="III/a")


def test_it_saves_and_audits_only_changed_fields(employee, bkd_a):
    employee_update(employee=employee, data={"phone": "0812 345", "rank": "iii/b", "name": employee.name}, by=bkd_a)
    employee.refresh_from_db()
    assert (employee.phone, employee.rank) == ("0812 345", "III/b")
    event = AuditEvent.objects.get(action="netralitas.employee.updated")
    assert event.before == {"phone": "0811", "rank": "III/a"}
    assert event.after == {"phone": "0812 345", "rank": "III/b"}
    assert event.region_id == employee.region_id
    assert event.actor_id == bkd_a.pk


def test_it_writes_nothing_when_nothing_changed(employee, bkd_a):
    employee_update(employee=employee, data={"phone": "0811"}, by=bkd_a)
    assert not AuditEvent.objects.filter(action="netralitas.employee.updated").exists()


def test_it_records_the_work_unit_by_name(employee, bkd_a, region_a, unit_a):
    other = WorkUnitFactory(region=region_a, name="Dinas Kesehatan")
    employee_update(employee=employee, data={"work_unit": other}, by=bkd_a)
    event = AuditEvent.objects.get(action="netralitas.employee.updated")
    assert event.before["work_unit"]["name"] == "Dinas Pendidikan"
    assert event.after["work_unit"] == {"id": other.pk, "name": "Dinas Kesehatan"}


def test_it_rejects_a_work_unit_of_another_region(employee, bkd_a, region_b):
    foreign = WorkUnitFactory(region=region_b)
    with pytest.raises(ValidationError) as exc:
        employee_update(employee=employee, data={"work_unit": foreign}, by=bkd_a)
    assert "work_unit" in exc.value.message_dict
    employee.refresh_from_db()
    assert employee.work_unit.region_id == employee.region_id


def test_it_rejects_a_rank_that_does_not_fit_the_type(employee, bkd_a):
    with pytest.raises(ValidationError) as exc:
        employee_update(employee=employee, data={"rank": "IX"}, by=bkd_a)
    assert "rank" in exc.value.message_dict
    employee.refresh_from_db()
    assert employee.rank == "III/a"


def test_it_rejects_pppk_for_a_pns_nip(employee, bkd_a):
    with pytest.raises(ValidationError) as exc:
        employee_update(employee=employee, data={"employment_type": "PPPK", "rank": "IX"}, by=bkd_a)
    assert "employment_type" in exc.value.message_dict


def test_it_accepts_pppk_for_a_pppk_number(region_a, unit_a, bkd_a):
    employee = EmployeeFactory(region=region_a, work_unit=unit_a, nip=make_nip(pppk=True, tmt=(2023, 1)))
    employee_update(employee=employee, data={"employment_type": "PPPK", "rank": "IX"}, by=bkd_a)
    employee.refresh_from_db()
    assert (employee.employment_type, employee.rank) == ("PPPK", "IX")


def test_it_refuses_fields_that_are_not_editable(employee, bkd_a):
    with pytest.raises(ValueError, match="nip"):
        employee_update(employee=employee, data={"nip": make_nip()}, by=bkd_a)
