import pytest
from django.urls import reverse

from audit.models import AuditEvent
from people.models import Employee
from tests.factories import EmployeeFactory, RegionFactory, WorkUnitFactory

SITI_NIP = "198503142010032007"


@pytest.fixture
def siti(region_a, unit_a):
    return EmployeeFactory(region=region_a, work_unit=unit_a, name="Siti Rahmawati", nip=SITI_NIP, phone="0811")


@pytest.fixture
def other_a(region_a, unit_a):
    return EmployeeFactory(region=region_a, work_unit=unit_a, name="Ahmad Fauzi")


def names(response):
    return [e.name for e in response.context["page"].object_list]


# --- list and search ---------------------------------------------------------------------------


def test_it_lists_the_region_employees(client, bkd_a, siti, other_a, bkd_b, region_b):
    EmployeeFactory(region=region_b, name="Orang Lain")
    client.force_login(bkd_a)
    response = client.get(reverse("employee_list"))
    assert response.status_code == 200
    assert names(response) == ["Ahmad Fauzi", "Siti Rahmawati"]


@pytest.mark.parametrize("query", ["19850314", "1985 0314 2010", "19850314.201003.2.007", SITI_NIP])
def test_it_finds_by_nip_prefix_with_spaces_and_dots(client, bkd_a, siti, other_a, query):
    other_a.nip = "199001012015011003"
    other_a.save()
    client.force_login(bkd_a)
    assert names(client.get(reverse("employee_list"), {"q": query})) == ["Siti Rahmawati"]


@pytest.mark.parametrize("query", ["siti", "RAHMA", "rahmawati siti"])
def test_it_finds_by_name(client, bkd_a, siti, other_a, query):
    client.force_login(bkd_a)
    assert names(client.get(reverse("employee_list"), {"q": query})) == ["Siti Rahmawati"]


def test_it_filters_by_work_unit_including_sub_units(client, bkd_a, region_a, unit_a, siti):
    sub = WorkUnitFactory(region=region_a, parent=unit_a, name="SD Negeri 1")
    EmployeeFactory(region=region_a, work_unit=sub, name="Guru Satu")
    EmployeeFactory(region=region_a, work_unit=WorkUnitFactory(region=region_a), name="Bukan Disdik")
    client.force_login(bkd_a)
    assert names(client.get(reverse("employee_list"), {"work_unit": unit_a.pk})) == ["Guru Satu", "Siti Rahmawati"]
    assert names(client.get(reverse("employee_list"), {"work_unit": sub.pk})) == ["Guru Satu"]


def test_it_ignores_a_work_unit_of_another_region_with_a_message(client, bkd_a, siti, region_b):
    foreign = WorkUnitFactory(region=region_b)
    client.force_login(bkd_a)
    response = client.get(reverse("employee_list"), {"work_unit": foreign.pk})
    assert response.status_code == 200
    assert response.context["form"].errors["work_unit"]
    assert names(response) == ["Siti Rahmawati"]


def test_a_province_user_sees_and_filters_its_kabupaten(client, province_admin, region_a, region_b, siti):
    EmployeeFactory(region=region_b, name="Warga Oki")
    elsewhere = RegionFactory(parent=RegionFactory(kind="provinsi", parent=None, code="jambi"))
    EmployeeFactory(region=elsewhere, name="Warga Jambi")
    client.force_login(province_admin)
    assert names(client.get(reverse("employee_list"))) == ["Siti Rahmawati", "Warga Oki"]
    response = client.get(reverse("employee_list"), {"region": region_b.pk})
    assert names(response) == ["Warga Oki"]
    assert response.context["form"].show_region


def test_it_paginates_in_a_bounded_number_of_queries(client, bkd_a, region_a, unit_a, django_assert_max_num_queries):
    EmployeeFactory.create_batch(60, region=region_a, work_unit=unit_a)
    client.force_login(bkd_a)
    client.get(reverse("employee_list"))  # warm the session
    with django_assert_max_num_queries(12):
        response = client.get(reverse("employee_list"), {"page": 2})
    assert len(response.context["page"].object_list) == 10


def test_an_asn_cannot_open_the_roster(client, asn_a):
    client.force_login(asn_a)
    assert client.get(reverse("employee_list")).status_code == 403


def test_anonymous_is_sent_to_login(client, db):
    response = client.get(reverse("employee_list"))
    assert response.status_code == 302
    assert reverse("login") in response["Location"]


# --- detail ------------------------------------------------------------------------------------


def test_staff_see_an_employee(client, head_a, siti):
    client.force_login(head_a)
    response = client.get(reverse("employee_detail", args=[siti.pk]))
    assert response.status_code == 200
    assert SITI_NIP in response.content.decode()
    assert not response.context["can_edit"]


def test_it_rejects_foreign_pemda(client, bkd_b, siti):
    client.force_login(bkd_b)
    assert client.get(reverse("employee_detail", args=[siti.pk])).status_code == 404


def test_an_asn_sees_only_themself(client, asn_a, siti):
    client.force_login(asn_a)
    own = asn_a.employee
    assert client.get(reverse("employee_detail", args=[own.pk])).status_code == 200
    assert client.get(reverse("employee_detail", args=[siti.pk])).status_code == 404


# --- edit --------------------------------------------------------------------------------------


def edit_data(employee, **changes):
    data = {
        "name": employee.name,
        "front_title": employee.front_title,
        "back_title": employee.back_title,
        "employment_type": employee.employment_type,
        "rank": employee.rank,
        "position": employee.position,
        "position_kind": employee.position_kind,
        "work_unit": employee.work_unit_id,
        "email": employee.email,
        "phone": employee.phone,
        "tukin_monthly": employee.tukin_monthly or "",
        "is_active": "on" if employee.is_active else "",
    }
    data.update(changes)
    return data


def test_bkd_edits_an_employee(client, bkd_a, siti):
    client.force_login(bkd_a)
    url = reverse("employee_edit", args=[siti.pk])
    assert client.get(url).status_code == 200
    response = client.post(url, edit_data(siti, phone="0812-3456", tukin_monthly="Rp 5.250.000", rank="iii/c"))
    assert response.status_code == 302
    siti.refresh_from_db()
    assert (siti.phone, siti.tukin_monthly, siti.rank) == ("0812-3456", 5_250_000, "III/c")
    event = AuditEvent.objects.get(action="netralitas.employee.updated")
    assert set(event.after) == {"phone", "tukin_monthly", "rank"}


def test_the_nip_cannot_be_changed(client, bkd_a, siti):
    client.force_login(bkd_a)
    client.post(reverse("employee_edit", args=[siti.pk]), edit_data(siti, nip="199001012015011003", phone="0899123"))
    siti.refresh_from_db()
    assert (siti.nip, siti.phone) == (SITI_NIP, "0899123")


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"rank": "IX"}, "rank"),
        ({"employment_type": "PPPK", "rank": "IX"}, "employment_type"),
        ({"email": "bukan-email"}, "email"),
        ({"phone": "telp kantor"}, "phone"),
        ({"tukin_monthly": "empat juta"}, "tukin_monthly"),
    ],
)
def test_it_shows_clear_errors_and_saves_nothing(client, bkd_a, siti, changes, field):
    client.force_login(bkd_a)
    response = client.post(reverse("employee_edit", args=[siti.pk]), edit_data(siti, **changes))
    assert response.status_code == 200
    assert field in response.context["form"].errors
    assert "Data belum disimpan" in response.content.decode()
    assert Employee.objects.get(pk=siti.pk).rank == "III/a"
    assert not AuditEvent.objects.filter(action="netralitas.employee.updated").exists()


def test_it_rejects_a_work_unit_of_another_region(client, bkd_a, siti, region_b):
    foreign = WorkUnitFactory(region=region_b)
    client.force_login(bkd_a)
    response = client.post(reverse("employee_edit", args=[siti.pk]), edit_data(siti, work_unit=foreign.pk))
    assert "work_unit" in response.context["form"].errors
    siti.refresh_from_db()
    assert siti.work_unit_id != foreign.pk


def test_a_read_only_role_may_not_edit(client, inspector_a, siti):
    client.force_login(inspector_a)
    assert client.get(reverse("employee_edit", args=[siti.pk])).status_code == 403


def test_an_asn_may_not_edit_their_own_record(client, asn_a):
    client.force_login(asn_a)
    own = asn_a.employee
    response = client.post(reverse("employee_edit", args=[own.pk]), edit_data(own, tukin_monthly="99000000"))
    assert response.status_code == 403
    own.refresh_from_db()
    assert own.tukin_monthly == 4_500_000


def test_foreign_bkd_cannot_edit(client, bkd_b, siti):
    client.force_login(bkd_b)
    response = client.post(reverse("employee_edit", args=[siti.pk]), edit_data(siti, phone="0800"))
    assert response.status_code == 404
    siti.refresh_from_db()
    assert siti.phone == "0811"


# --- my profile and work units -----------------------------------------------------------------


def test_my_profile_shows_the_asn_record(client, asn_a):
    client.force_login(asn_a)
    response = client.get(reverse("my_profile"))
    assert response.status_code == 200
    assert asn_a.employee.nip in response.content.decode()


def test_my_profile_without_an_employee_is_a_clear_404(client, bkd_a):
    client.force_login(bkd_a)
    response = client.get(reverse("my_profile"))
    assert response.status_code == 404
    assert "tidak terhubung ke data pegawai" in response.content.decode()


def test_the_unit_tree_counts_employees(client, bkd_a, region_a, unit_a, siti, other_a):
    sub = WorkUnitFactory(region=region_a, parent=unit_a, name="SD Negeri 1")
    EmployeeFactory(region=region_a, work_unit=sub)
    EmployeeFactory(region=region_a, work_unit=sub, is_active=False)
    client.force_login(bkd_a)
    rows = client.get(reverse("workunit_list")).context["rows"]
    assert [(r.unit.name, r.depth, r.employees, r.total) for r in rows] == [
        ("Dinas Pendidikan", 0, 2, 3),
        ("SD Negeri 1", 1, 1, 1),
    ]


def test_the_unit_tree_hides_other_regions(client, bkd_b, unit_a):
    client.force_login(bkd_b)
    response = client.get(reverse("workunit_list"))
    assert "Dinas Pendidikan" not in response.content.decode()


def test_a_province_sees_units_of_its_kabupaten(client, province_admin, unit_a):
    client.force_login(province_admin)
    assert "Dinas Pendidikan" in client.get(reverse("workunit_list")).content.decode()


def test_staff_see_a_warning_for_an_early_appointment(client, bkd_a, region_a, unit_a):
    early = EmployeeFactory(region=region_a, work_unit=unit_a, nip="198503142002121001")
    client.force_login(bkd_a)
    body = client.get(reverse("employee_detail", args=[early.pk])).content.decode()
    assert "sebelum pegawai berusia 18 tahun" in body


@pytest.mark.parametrize(
    ("cell", "stored"),
    [
        ("0812.3456.7890", "0812.3456.7890"),
        ("(0711) 352-123", "(0711) 352-123"),
        ("+62 812/3456 7890", "+62 812/3456 7890"),
    ],
)
def test_what_the_importer_accepts_the_edit_form_accepts(client, bkd_a, siti, cell, stored):
    """One validator for both: a phone written with dots (as rosters do) no longer blocks editing the record."""
    from people.services import roster_parse as rp

    assert rp.clean_phone(cell) == stored
    Employee.objects.filter(pk=siti.pk).update(phone=rp.clean_phone(cell))
    client.force_login(bkd_a)
    siti.refresh_from_db()
    response = client.post(reverse("employee_edit", args=[siti.pk]), edit_data(siti, tukin_monthly="4,500,000.00"))
    assert response.status_code == 302, response.context["form"].errors
    siti.refresh_from_db()
    assert (siti.phone, siti.tukin_monthly) == (stored, 4_500_000)
