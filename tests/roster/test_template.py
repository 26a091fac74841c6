"""The downloadable roster template: Excel-proof columns, the user's own units, and it imports as is."""

import io

from django.urls import reverse
from openpyxl import load_workbook

from people.services import roster
from people.services.roster_template import COLUMNS
from tests.factories import WorkUnitFactory, make_nip

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def download(client, user):
    client.force_login(user)
    return client.get(reverse("roster_template"))


def test_bkd_staff_download_a_template_with_their_units_only(client, bkd_a, unit_a, region_b):
    WorkUnitFactory(region=region_b, name="Dinas Rahasia Pemda B", code="RHS")
    response = download(client, bkd_a)
    assert response.status_code == 200
    assert response["Content-Type"] == XLSX
    assert "templat-roster-asn.xlsx" in response["Content-Disposition"]
    workbook = load_workbook(io.BytesIO(response.content))
    header = [cell.value for cell in workbook["Roster"][2]]
    assert header[:2] == ["NIP *", "Nama *"]
    assert len(header) == len(COLUMNS)
    units = [tuple(row) for row in workbook["Unit kerja"].iter_rows(min_row=2, values_only=True)]
    assert (unit_a.region.name, unit_a.code or None, unit_a.name) in units
    assert all("Rahasia" not in (row[2] or "") for row in units)


def test_the_nip_and_phone_columns_are_text_so_excel_keeps_every_digit(client, bkd_a):
    sheet = load_workbook(io.BytesIO(download(client, bkd_a).content))["Roster"]
    assert sheet["A3"].number_format == "@"
    assert sheet["L3"].number_format == "@"  # Telepon
    assert sheet["B3"].number_format == "General"


def test_a_filled_template_imports_without_changes(client, bkd_a, region_a):
    workbook = load_workbook(io.BytesIO(download(client, bkd_a).content))
    sheet = workbook["Roster"]
    nip = make_nip()
    sheet.append(
        [
            nip,
            "Sari Wulandari",
            "",
            "S.E.",
            "PNS",
            "III/b",
            "Analis Keuangan",
            "Fungsional",
            "Badan Keuangan Daerah",
            "BKD",
            "sari@example.go.id",
            "081234567890",
            5500000,
        ]
    )
    output = io.BytesIO()
    workbook.save(output)
    plan = roster.roster_plan(region=region_a, data=output.getvalue(), filename="templat-roster-asn.xlsx")
    assert plan.errors == []
    (employee,) = plan.to_create
    assert (employee.nip, employee.phone, employee.position_kind) == (nip, "081234567890", "fungsional")
    assert plan.ignored_columns == []


def test_people_who_may_not_import_get_no_template(client, asn_a, head_a, inspector_a):
    for user in (asn_a, head_a, inspector_a):
        assert download(client, user).status_code == 403
    client.logout()
    assert client.get(reverse("roster_template")).status_code == 302
