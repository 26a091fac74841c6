"""The region dashboard, the province view and their exports: who sees what, filters, a bounded query count."""

import csv
import datetime as dt
import io

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from tests.dashboard.figures_world import build
from tests.factories import EmployeeFactory, MembershipFactory, ProvinceFactory, RegionFactory, WorkUnitFactory


@pytest.fixture
def head(region_a):
    return MembershipFactory(region=region_a, role="head", user__username="bupati").user


@pytest.fixture
def world(region_a, region_b):
    return build(region_a, region_b, today=timezone.localdate())


@pytest.fixture
def other_province_region(db):
    province = ProvinceFactory(code="jambi", name="Provinsi Jambi", official_code="15", head_title="Gubernur Jambi")
    return RegionFactory(code="merangin", name="Kabupaten Merangin", parent=province)


def test_head_sees_their_region(client, head, region_a, world):
    client.force_login(head)
    response = client.get(reverse("dashboard_region"))
    assert response.status_code == 200
    body = response.content.decode()
    assert "Dasbor netralitas Kabupaten Musi Banyuasin" in body
    for key in ("pakta", "apel", "kategori", "status", "unit-kasus", "laporan-mingguan", "sanksi"):
        assert f'id="table-{key}"' in body and f'id="chart-{key}"' in body
    assert "Dinas Lain" not in body  # region B's unit
    for key in ("approval", "pakta", "overdue"):
        assert f'id="watch-{key}"' in body


def test_another_region_is_404_and_a_role_without_the_capability_403(client, head, region_b, world):
    client.force_login(head)
    assert client.get(reverse("dashboard_region"), {"region": region_b.pk}).status_code == 404
    assert client.get(reverse("dashboard_region"), {"region": "x"}).status_code == 404
    assert client.get(reverse("dashboard_export_csv"), {"table": "apel", "region": region_b.pk}).status_code == 404


def test_an_asn_is_refused(client, asn_a):
    client.force_login(asn_a)
    assert client.get(reverse("dashboard_region")).status_code == 403
    assert client.get(reverse("dashboard_province")).status_code == 403


def test_province_admin_sees_its_kabupaten_and_no_other_province(
    client, province_admin, region_a, region_b, world, other_province_region
):
    client.force_login(province_admin)
    response = client.get(reverse("dashboard_region"))
    assert response.status_code == 302 and response["Location"] == reverse("dashboard_province")
    body = client.get(reverse("dashboard_province")).content.decode()
    assert "Kabupaten Musi Banyuasin" in body and "Kabupaten Ogan Komering Ilir" in body
    assert "Kabupaten Merangin" not in body
    assert f"{reverse('dashboard_region')}?region={region_a.pk}" in body  # the drill-down
    drill = client.get(reverse("dashboard_region"), {"region": region_a.pk})
    assert drill.status_code == 200 and "Dinas Pendidikan" in drill.content.decode()
    assert client.get(reverse("dashboard_region"), {"region": other_province_region.pk}).status_code == 404


def test_province_figures_per_region(client, province_admin, region_a, region_b, world):
    client.force_login(province_admin)
    response = client.get(reverse("dashboard_export_csv"), {"table": "provinsi"})
    rows = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode("utf-8-sig"))))
    by_name = {row[0]: row[1:] for row in rows[1:]}
    # ASN, pakta signed (and %), apel participants, present (and %), cases, open, overdue, sanctions in force
    assert by_name["Kabupaten Musi Banyuasin"] == ["6", "2", "33", "6", "4", "67", "3", "2", "1", "1"]
    assert by_name["Kabupaten Ogan Komering Ilir"] == ["1", "0", "0", "1", "0", "0", "1", "1", "1", "0"]


def test_exports_of_a_table(client, head, world):
    client.force_login(head)
    response = client.get(reverse("dashboard_export_csv"), {"table": "apel"})
    assert response.status_code == 200
    rows = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode("utf-8-sig"))))
    assert rows[0][:4] == ["Unit kerja", "Peserta", "Hadir", "Hadir (%)"]
    assert rows[1] == ["Dinas Kesehatan", "2", "1", "50", "1", "0", "0"]
    assert rows[-1] == ["Jumlah", "6", "4", "67", "1", "1", "0"]
    xlsx = client.get(reverse("dashboard_export_xlsx"), {"table": "unit-kasus"})
    sheet = load_workbook(io.BytesIO(xlsx.content)).active
    assert [c.value for c in sheet[2]] == ["Dinas Pendidikan", 2, 2, 1]
    assert client.get(reverse("dashboard_export_csv"), {"table": "nope"}).status_code == 404


def test_apel_people_list_and_export(client, head, world):
    client.force_login(head)
    unit = world.units[0]
    response = client.get(reverse("dashboard_apel_people"), {"unit": unit.pk, "figure": "present"})
    assert response.status_code == 200 and "3 baris" in response.content.decode()
    export = client.get(reverse("dashboard_apel_people_csv"), {"unit": unit.pk, "figure": "absent"})
    rows = list(csv.reader(io.StringIO(b"".join(export.streaming_content).decode("utf-8-sig"))))
    assert len(rows) == 2 and rows[1][6] == "Tanpa keterangan"
    assert client.get(reverse("dashboard_apel_people"), {"unit": "abc", "figure": "?"}).status_code == 200


def test_a_bad_date_range_is_explained_not_a_500(client, head, world):
    client.force_login(head)
    response = client.get(reverse("dashboard_region"), {"date_from": "2024-12-01", "date_to": "2024-11-01"})
    assert response.status_code == 200
    assert "Tanggal akhir tidak boleh sebelum tanggal awal." in response.content.decode()
    assert client.get(reverse("dashboard_region"), {"date_from": "kemarin", "election": "999"}).status_code == 200


def _grow(region, *, units: int, people: int):
    from tests.dashboard.figures_world import A, ceremony
    from tests.violations.factories import make_case

    made = [WorkUnitFactory(region=region) for _ in range(units)]
    employees = [EmployeeFactory(region=region, work_unit=made[i % units]) for i in range(people)]
    ceremony(region, people=[(e, A.PRESENT if i % 3 else A.ABSENT) for i, e in enumerate(employees)])
    for i, employee in enumerate(employees[: people // 2]):
        make_case(region, employee, state="received" if i % 2 else "clarification",
                  deadline=timezone.localdate() - dt.timedelta(days=i % 3))  # fmt: skip


@pytest.mark.parametrize("url_name", ["dashboard_region", "dashboard_province"])
def test_the_dashboard_takes_a_bounded_number_of_queries(client, head, region_a, url_name):
    """The same number of queries for 3 units and 6 people as for 30 units and 60 people."""
    client.force_login(head)
    counts = []
    for units, people in ((3, 6), (27, 54)):
        _grow(region_a, units=units, people=people)
        client.get(reverse(url_name))  # warm the session and the caches alike
        with CaptureQueriesContext(connection) as captured:
            response = client.get(reverse(url_name), follow=False)
        assert response.status_code == 200
        counts.append(len(captured))
    assert counts[0] == counts[1], f"queries grow with the data: {counts}"
