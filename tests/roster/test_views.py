"""Roster import pages: permissions, tenancy, upload → check → preview → run → result."""

import pytest
from django.core.cache import cache
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from people.models import Employee, RosterImport
from people.services import roster_imports
from tests.factories import MembershipFactory, RegionFactory

from .conftest import csv_bytes, person


def upload_file(client, django_capture_on_commit_callbacks, data, name="roster.csv", **extra):
    with django_capture_on_commit_callbacks(execute=True):
        return client.post(reverse("roster_import"), {"file": SimpleUploadedFile(name, data), **extra})


@pytest.fixture
def checked_import(region_a, roster_rows):
    upload = roster_imports.roster_import_create(
        region=region_a, user=None, uploaded_file=SimpleUploadedFile("r.csv", csv_bytes(roster_rows)), queue=False
    )
    return roster_imports.roster_import_check(import_id=upload.pk)


def test_it_sends_anonymous_users_to_login(client, db):
    response = client.get(reverse("roster_import"))
    assert response.status_code == 302
    assert reverse("login") in response["Location"]


@pytest.mark.parametrize("actor", ["asn_a", "head_a", "inspector_a"])
def test_it_forbids_the_upload_page_to_roles_that_may_not_import(client, request, actor):
    client.force_login(request.getfixturevalue(actor))
    assert client.get(reverse("roster_import")).status_code == 403
    assert client.post(reverse("roster_import"), {}).status_code == 403
    assert RosterImport.objects.count() == 0


def test_bkd_uploads_sees_the_preview_and_imports(
    client, bkd_a, region_a, roster_rows, django_capture_on_commit_callbacks
):
    client.force_login(bkd_a)
    response = upload_file(client, django_capture_on_commit_callbacks, csv_bytes(roster_rows))
    upload = RosterImport.objects.get()
    assert response["Location"] == reverse("roster_import_detail", args=[upload.pk])
    assert (upload.status, upload.region, upload.uploaded_by) == (RosterImport.Status.CHECKED, region_a, bkd_a)
    page = client.get(response["Location"]).content.decode()
    assert "Impor sekarang" in page and "SD Negeri 1 Sekayu" in page
    assert Employee.objects.count() == 0

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("roster_import_run", args=[upload.pk]))
    assert response.status_code == 302
    upload.refresh_from_db()
    assert upload.status == RosterImport.Status.DONE
    assert Employee.objects.filter(region=region_a).count() == 2
    page = client.get(reverse("roster_import_detail", args=[upload.pk])).content.decode()
    assert "Hasil impor" in page and "Impor sekarang" not in page
    history = client.get(reverse("roster_import")).content.decode()
    assert reverse("roster_import_detail", args=[upload.pk]) in history


def test_the_detail_page_lists_row_column_and_reason(client, bkd_a, roster_rows, django_capture_on_commit_callbacks):
    client.force_login(bkd_a)
    roster_rows[1]["Email"] = "bukan-email"
    response = upload_file(client, django_capture_on_commit_callbacks, csv_bytes(roster_rows))
    page = client.get(response["Location"]).content.decode()
    assert "<td>3</td><td>Email</td>" in page.replace("\n", "")
    assert "Alamat email “bukan-email” tidak sah." in page
    assert "Impor sekarang" not in page


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("roster.pdf", b"%PDF-1.4", "bukan keduanya"),
        ("roster.xls", b"\xd0\xcf\x11\xe0", "Format lama"),
        ("roster.csv", b"", "kosong"),
    ],
)
def test_the_form_refuses_files_it_cannot_use(client, bkd_a, name, data, message, django_capture_on_commit_callbacks):
    client.force_login(bkd_a)
    response = upload_file(client, django_capture_on_commit_callbacks, data, name=name)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert RosterImport.objects.count() == 0


def test_the_form_refuses_a_file_over_the_size_limit(client, bkd_a, settings, django_capture_on_commit_callbacks):
    settings.ROSTER_MAX_UPLOAD_BYTES = 50
    client.force_login(bkd_a)
    response = upload_file(client, django_capture_on_commit_callbacks, csv_bytes([person()]))
    assert "Berkas terlalu besar" in response.content.decode()
    assert RosterImport.objects.count() == 0


def test_a_user_of_several_regions_picks_one_they_may_import_into(
    client, bkd_a, region_a, region_b, roster_rows, django_capture_on_commit_callbacks
):
    MembershipFactory(user=bkd_a, region=region_b, role="admin")
    MembershipFactory(user=bkd_a, region=RegionFactory(), role="head")  # may not import there
    client.force_login(bkd_a)
    page = client.get(reverse("roster_import")).content.decode()
    assert region_a.name in page and region_b.name in page
    upload_file(client, django_capture_on_commit_callbacks, csv_bytes(roster_rows), region=region_b.pk)
    assert RosterImport.objects.get().region == region_b
    head_region = bkd_a.memberships.get(role="head").region
    response = upload_file(client, django_capture_on_commit_callbacks, csv_bytes(roster_rows), region=head_region.pk)
    assert response.status_code == 200
    assert RosterImport.objects.count() == 1


@pytest.mark.parametrize("name", ["roster_import_detail", "roster_import_progress"])
def test_another_regions_officer_gets_404(client, bkd_b, checked_import, name):
    client.force_login(bkd_b)
    assert client.get(reverse(name, args=[checked_import.pk])).status_code == 404


def test_another_regions_officer_cannot_run_an_import(client, bkd_b, checked_import):
    client.force_login(bkd_b)
    assert client.post(reverse("roster_import_run", args=[checked_import.pk])).status_code == 404
    checked_import.refresh_from_db()
    assert checked_import.status == RosterImport.Status.CHECKED


def test_a_head_may_view_but_not_run_an_import(client, head_a, checked_import):
    client.force_login(head_a)
    page = client.get(reverse("roster_import_detail", args=[checked_import.pk]))
    assert page.status_code == 200
    assert "Impor sekarang" not in page.content.decode()
    assert client.post(reverse("roster_import_run", args=[checked_import.pk])).status_code == 403
    checked_import.refresh_from_db()
    assert checked_import.status == RosterImport.Status.CHECKED


def test_an_asn_gets_404_on_an_import(client, asn_a, checked_import):
    client.force_login(asn_a)
    assert client.get(reverse("roster_import_detail", args=[checked_import.pk])).status_code == 404


def test_running_requires_post(client, bkd_a, checked_import):
    client.force_login(bkd_a)
    assert client.get(reverse("roster_import_run", args=[checked_import.pk])).status_code == 405


def test_an_invalid_import_cannot_be_run(client, bkd_a, region_a, django_capture_on_commit_callbacks):
    client.force_login(bkd_a)
    upload_file(client, django_capture_on_commit_callbacks, csv_bytes([person(NIP="123")]))
    upload = RosterImport.objects.get()
    assert upload.status == RosterImport.Status.INVALID
    response = client.post(reverse("roster_import_run", args=[upload.pk]), follow=True)
    assert "tidak dapat dijalankan" in response.content.decode()
    upload.refresh_from_db()
    assert upload.status == RosterImport.Status.INVALID
    assert Employee.objects.count() == 0


def test_the_progress_endpoint_reports_a_running_import(client, bkd_a, checked_import):
    client.force_login(bkd_a)
    assert roster_imports.roster_import_start(roster_import=checked_import, user=bkd_a, queue=False)
    cache.set(roster_imports.progress_key(checked_import.pk), {"phase": "write", "processed": 1, "total": 2})
    data = client.get(reverse("roster_import_progress", args=[checked_import.pk])).json()
    assert (data["status"], data["phase"], data["percent"], data["finished"]) == ("importing", "write", 50, False)
    page = client.get(reverse("roster_import_detail", args=[checked_import.pk])).content.decode()
    assert "js/roster_import.js" in page and 'http-equiv="refresh"' in page
    roster_imports.roster_import_run(import_id=checked_import.pk, user_id=bkd_a.pk)
    data = client.get(reverse("roster_import_progress", args=[checked_import.pk])).json()
    assert (data["status"], data["finished"], data["percent"]) == ("done", True, 100)
    cache.delete(roster_imports.progress_key(checked_import.pk))
