"""The roster import service: dry run, all-or-nothing upsert by NIP, audit, progress."""

import datetime as dt
import hashlib

import pytest
from django.core.cache import cache
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from audit.models import AuditEvent
from people.models import Employee, RosterImport, WorkUnit
from people.services import roster, roster_imports
from tests.factories import EmployeeFactory, make_nip

from .conftest import csv_bytes, person, xlsx_bytes

BORN = dt.date(1985, 3, 14)  # make_nip's default birth date


def run_import(region, data, name="roster.csv", user=None):
    """The page's flow without Celery: upload, check, start, run."""
    upload = roster_imports.roster_import_create(
        region=region, user=user, uploaded_file=SimpleUploadedFile(name, data), queue=False
    )
    upload = roster_imports.roster_import_check(import_id=upload.pk)
    if upload.status != RosterImport.Status.CHECKED:
        return upload
    assert roster_imports.roster_import_start(roster_import=upload, user=user, queue=False)
    return roster_imports.roster_import_run(import_id=upload.pk, user_id=user.pk if user else None)


def test_it_previews_without_writing(region_a, roster_rows):
    plan = roster.roster_plan(region=region_a, data=csv_bytes(roster_rows), filename="r.csv")
    assert plan.errors == []
    assert plan.summary()["created"] == 2
    assert plan.summary()["units_created"] == ["Dinas Pendidikan", "SD Negeri 1 Sekayu"]
    assert Employee.objects.count() == 0
    assert WorkUnit.objects.count() == 0


def test_it_creates_employees_and_work_units(region_a, roster_rows, bkd_a):
    upload = run_import(region_a, csv_bytes(roster_rows), user=bkd_a)
    assert upload.status == RosterImport.Status.DONE
    assert (upload.summary["created"], upload.summary["updated"], upload.summary["unchanged"]) == (2, 0, 0)
    budi = Employee.objects.get(nip=roster_rows[0]["NIP"])
    assert budi.region == region_a
    assert budi.display_name == "Drs. Budi Santoso, M.Si"
    assert (budi.rank, budi.position_kind, budi.tukin_monthly) == ("III/a", "fungsional", 4_500_000)
    assert (budi.birth_date.isoformat(), budi.gender) == ("1985-03-14", "L")
    assert (budi.work_unit.code, budi.work_unit.kind) == ("DISDIK", WorkUnit.Kind.DINAS)
    siti = Employee.objects.get(nip=roster_rows[1]["NIP"])
    assert (siti.employment_type, siti.rank, siti.gender) == ("PPPK", "IX", "P")
    assert siti.work_unit.kind == WorkUnit.Kind.SEKOLAH


def test_it_reuses_work_units_by_code_or_by_name_in_any_case(region_a, unit_a):
    rows = [
        person(**{"Unit Kerja": "Nama Lama", "Kode Unit": "disdik"}),
        person(**{"Unit Kerja": "DINAS PENDIDIKAN", "Kode Unit": ""}),
    ]
    upload = run_import(region_a, csv_bytes(rows))
    assert upload.summary["units_created"] == []
    assert set(Employee.objects.values_list("work_unit_id", flat=True)) == {unit_a.pk}


def test_a_reimport_of_the_same_file_writes_nothing(region_a, roster_rows):
    data = csv_bytes(roster_rows)
    run_import(region_a, data)
    stamps = dict(Employee.objects.values_list("nip", "updated_at"))
    with CaptureQueriesContext(connection) as queries:
        again = run_import(region_a, data)
    assert (again.summary["created"], again.summary["updated"], again.summary["unchanged"]) == (0, 0, 2)
    assert again.summary["units_created"] == []
    writes = [q["sql"] for q in queries if q["sql"].startswith(("INSERT", "UPDATE", "DELETE"))]
    assert not [sql for sql in writes if '"people_employee"' in sql or '"people_workunit"' in sql]
    assert dict(Employee.objects.values_list("nip", "updated_at")) == stamps


def test_it_updates_changed_rows_only(region_a, roster_rows):
    run_import(region_a, csv_bytes(roster_rows))
    roster_rows[0]["Jabatan"] = "Kepala Seksi"
    roster_rows[0]["Jenis Jabatan"] = "Pengawas"
    upload = run_import(region_a, csv_bytes(roster_rows))
    assert (upload.summary["created"], upload.summary["updated"], upload.summary["unchanged"]) == (0, 1, 1)
    budi = Employee.objects.get(nip=roster_rows[0]["NIP"])
    assert (budi.position, budi.position_kind) == ("Kepala Seksi", "pengawas")


def test_blank_cells_and_missing_columns_keep_stored_values(region_a, unit_a):
    employee = EmployeeFactory(
        region=region_a, work_unit=unit_a, email="tetap@example.go.id", phone="0811", birth_date=BORN, gender="L"
    )
    header = ["NIP", "Nama", "Status", "Unit Kerja", "Email"]
    row = {"NIP": employee.nip, "Nama": employee.name, "Status": "PNS", "Unit Kerja": unit_a.name, "Email": ""}
    upload = run_import(region_a, csv_bytes([row], header=header))
    assert upload.summary["unchanged"] == 1
    employee.refresh_from_db()
    assert (employee.email, employee.phone, employee.tukin_monthly) == ("tetap@example.go.id", "0811", 4_500_000)


def test_it_lists_every_bad_row_and_writes_nothing(region_a, roster_rows):
    duplicate = roster_rows[0]["NIP"]
    rows = roster_rows + [
        person(NIP="198513142010031001"),  # month 13
        person(NIP=duplicate, Nama="Kembar"),
        person(Nama="", Email="bukan-email"),
        person(**{"Jenis Kepegawaian": "Honorer"}),
        person(**{"Tunjangan Kinerja": "banyak"}),
    ]
    upload = run_import(region_a, csv_bytes(rows, title_rows=[["DAFTAR"]]))
    assert upload.status == RosterImport.Status.INVALID
    found = {(e["row"], e["column"]) for e in upload.errors}
    assert found == {
        (5, "NIP"),
        (6, "NIP"),
        (7, "Nama"),
        (7, "Email"),
        (8, "Jenis Kepegawaian"),
        (9, "Tunjangan Kinerja"),
    }
    duplicate_error = next(e for e in upload.errors if e["row"] == 6)
    assert "baris 3" in duplicate_error["message"]
    assert Employee.objects.count() == 0
    assert WorkUnit.objects.count() == 0


def test_it_rejects_a_nip_registered_in_another_region(region_a, region_b, roster_rows):
    other = EmployeeFactory(region=region_b, nip=roster_rows[0]["NIP"], name="Orang Lain")
    upload = run_import(region_a, csv_bytes(roster_rows))
    assert upload.status == RosterImport.Status.INVALID
    assert [(e["row"], e["column"]) for e in upload.errors] == [(2, "NIP")]
    assert "Pemda lain" in upload.errors[0]["message"]
    other.refresh_from_db()
    assert (other.region_id, other.name) == (region_b.pk, "Orang Lain")
    assert Employee.objects.filter(region=region_a).count() == 0


def test_it_checks_the_nip_against_the_employment_type(region_a):
    upload = run_import(region_a, csv_bytes([person(NIP=make_nip(pppk=True, tmt=(2023, 1)))]))
    assert upload.status == RosterImport.Status.INVALID
    assert upload.errors[0]["column"] == "NIP"


def test_it_revalidates_when_run(region_a, region_b, roster_rows):
    upload = roster_imports.roster_import_create(
        region=region_a, user=None, uploaded_file=SimpleUploadedFile("r.csv", csv_bytes(roster_rows)), queue=False
    )
    roster_imports.roster_import_check(import_id=upload.pk)
    EmployeeFactory(region=region_b, nip=roster_rows[1]["NIP"])  # registered elsewhere meanwhile
    roster_imports.roster_import_start(roster_import=upload, user=None, queue=False)
    upload = roster_imports.roster_import_run(import_id=upload.pk)
    assert upload.status == RosterImport.Status.INVALID
    assert Employee.objects.filter(region=region_a).count() == 0


def test_a_failure_mid_import_writes_nothing(region_a, roster_rows, monkeypatch):
    rows = roster_rows + [person(Nama=f"Pegawai {i}", NIP=make_nip()) for i in range(4)]
    monkeypatch.setattr(roster, "BATCH_SIZE", 2)
    real_bulk_create = Employee.objects.bulk_create
    calls = []

    def failing_bulk_create(objs, *args, **kwargs):
        calls.append(len(objs))
        if len(calls) == 2:
            raise RuntimeError("disk full")
        return real_bulk_create(objs, *args, **kwargs)

    monkeypatch.setattr(Employee.objects, "bulk_create", failing_bulk_create)
    upload = run_import(region_a, csv_bytes(rows))
    assert len(calls) == 2  # the first batch was written before the failure …
    assert upload.status == RosterImport.Status.FAILED
    assert "tidak ada data yang diubah" in upload.failure
    assert Employee.objects.count() == 0  # … and rolled back with everything else
    assert WorkUnit.objects.count() == 0
    assert not AuditEvent.objects.filter(action="netralitas.roster.imported").exists()


def test_a_failed_import_can_be_run_again(region_a, roster_rows, monkeypatch):
    monkeypatch.setattr(roster, "roster_apply", lambda **kw: (_ for _ in ()).throw(RuntimeError("boom")))
    upload = run_import(region_a, csv_bytes(roster_rows))
    assert upload.status == RosterImport.Status.FAILED
    monkeypatch.undo()
    assert roster_imports.roster_import_start(roster_import=upload, user=None, queue=False)
    assert roster_imports.roster_import_run(import_id=upload.pk).status == RosterImport.Status.DONE


def test_it_records_one_audit_event_per_import(region_a, roster_rows, bkd_a):
    data = csv_bytes(roster_rows)
    upload = run_import(region_a, data, user=bkd_a)
    events = AuditEvent.objects.filter(action="netralitas.roster.imported")
    assert events.count() == 1
    event = events.get()
    assert (event.actor_id, event.region_id, event.object_id) == (bkd_a.pk, region_a.pk, str(upload.pk))
    assert event.data["file_sha256"] == hashlib.sha256(data).hexdigest()
    assert (event.data["created"], event.data["updated"], event.data["unchanged"]) == (2, 0, 0)


def test_a_second_delivery_of_the_run_does_nothing(region_a, roster_rows):
    upload = run_import(region_a, csv_bytes(roster_rows))
    assert roster_imports.roster_import_run(import_id=upload.pk) is None
    assert Employee.objects.count() == 2
    assert AuditEvent.objects.filter(action="netralitas.roster.imported").count() == 1


def test_it_reports_progress_in_the_cache(region_a, roster_rows, monkeypatch):
    monkeypatch.setattr(roster, "BATCH_SIZE", 1)
    upload = run_import(region_a, csv_bytes(roster_rows))
    progress = roster_imports.roster_progress(upload.pk)
    assert {k: progress[k] for k in ("phase", "processed", "total")} == {"phase": "write", "processed": 2, "total": 2}
    assert progress["at"] == pytest.approx(timezone.now().timestamp(), abs=60)
    cache.delete(roster_imports.progress_key(upload.pk))


def test_it_keeps_the_uploaded_file_even_when_it_is_bad(region_a):
    data = "NIP;Nama\n1;é\n".encode("cp1252")
    upload = run_import(region_a, data)
    assert upload.status == RosterImport.Status.INVALID
    assert "UTF-8" in upload.errors[0]["message"]
    with upload.file.open("rb") as handle:
        assert handle.read() == data
    assert upload.file_sha256 == hashlib.sha256(data).hexdigest()


def test_it_imports_xlsx_with_title_rows(region_a, roster_rows):
    data = xlsx_bytes(roster_rows, title_rows=[["PEMERINTAH KABUPATEN"], ["Daftar ASN 2024"]])
    upload = run_import(region_a, data, name="roster.xlsx")
    assert upload.status == RosterImport.Status.DONE, upload.errors
    assert upload.summary["created"] == 2


def test_it_explains_a_nip_excel_turned_into_a_number(region_a, roster_rows):
    data = xlsx_bytes(roster_rows, cell_types={"NIP": float})
    upload = run_import(region_a, data, name="roster.xlsx")
    assert upload.status == RosterImport.Status.INVALID
    assert {(e["row"], e["column"]) for e in upload.errors} == {(2, "NIP"), (3, "NIP")}
    assert "Teks" in upload.errors[0]["message"]


@pytest.mark.parametrize(
    ("data", "name", "message"),
    [
        (b"", "roster.csv", "kosong"),
        (b"NIP;Nama;Status;Unit Kerja\r\n", "roster.csv", "hanya ada baris judul"),
        (b"NIP;Nama Lengkap Pegawai;Status;Unit Kerja\r\n1;a;PNS;x\r\n", "roster.csv", "Kolom wajib"),
        (b"%PDF-1.4", "roster.pdf", "CSV atau XLSX"),
    ],
)
def test_bad_files_end_as_invalid_with_a_clear_message(region_a, data, name, message):
    upload = run_import(region_a, data, name=name)
    assert upload.status == RosterImport.Status.INVALID
    assert message in upload.errors[0]["message"]


# --- imports whose task was lost ------------------------------------------------------------------


def _upload(region, rows):
    return roster_imports.roster_import_create(
        region=region, user=None, uploaded_file=SimpleUploadedFile("roster.csv", csv_bytes(rows)), queue=False
    )


def test_it_finds_the_imports_whose_task_went_silent(region_a, roster_rows, bkd_a, settings):
    settings.ROSTER_STALL_MINUTES = 15
    never_checked = _upload(region_a, roster_rows)
    lost_run = roster_imports.roster_import_check(import_id=_upload(region_a, roster_rows).pk)
    assert roster_imports.roster_import_start(roster_import=lost_run, user=bkd_a, queue=False)
    finished = run_import(region_a, csv_bytes([person()]))
    later = timezone.now() + dt.timedelta(minutes=16)

    assert roster_imports.roster_import_stalled() == []  # everything showed a sign of life just now
    assert sorted(roster_imports.roster_import_stalled(now=later)) == sorted(
        [(never_checked.pk, "check"), (lost_run.pk, "run")]
    )
    assert finished.status == RosterImport.Status.DONE
    cache.delete(roster_imports.progress_key(lost_run.pk))


def test_recent_progress_keeps_a_long_import_off_the_list(region_a, roster_rows, bkd_a, settings):
    settings.ROSTER_STALL_MINUTES = 15
    upload = roster_imports.roster_import_check(import_id=_upload(region_a, roster_rows).pk)
    assert roster_imports.roster_import_start(roster_import=upload, user=bkd_a, queue=False)
    RosterImport.objects.filter(pk=upload.pk).update(created_at=timezone.now() - dt.timedelta(hours=2))
    roster_imports._progress_for(upload.pk)("write", 1, 2)  # the worker is still writing

    assert roster_imports.roster_import_stalled(now=timezone.now() + dt.timedelta(minutes=10)) == []
    assert roster_imports.roster_import_stalled(now=timezone.now() + dt.timedelta(minutes=20)) == [(upload.pk, "run")]
    cache.delete(roster_imports.progress_key(upload.pk))


def test_the_sweep_finishes_a_lost_import_in_the_name_of_who_ran_it(region_a, roster_rows, bkd_a, settings):
    from people.tasks import roster_requeue_stalled_task

    settings.ROSTER_STALL_MINUTES = 0
    upload = roster_imports.roster_import_check(import_id=_upload(region_a, roster_rows).pk)
    assert roster_imports.roster_import_start(roster_import=upload, user=bkd_a, queue=False)  # ...and the task is lost

    assert roster_requeue_stalled_task.delay().get() == 1  # eager in the suite: runs the import here
    upload.refresh_from_db()
    assert upload.status == RosterImport.Status.DONE
    assert Employee.objects.filter(region=region_a).count() == 2
    event = AuditEvent.objects.get(action="netralitas.roster.imported")
    assert event.actor_id == bkd_a.pk
    assert roster_requeue_stalled_task.delay().get() == 0  # nothing left to do


def test_an_early_appointment_is_imported_with_a_warning_for_staff(region_a, roster_rows, bkd_a, client):
    """A TMT a few months before the 18th birthday happens in real rosters: imported, and flagged."""
    from django.urls import reverse

    early = person(NIP="198503142002121001", Nama="Rina Awal")
    upload = run_import(region_a, csv_bytes([*roster_rows, early]), user=bkd_a)
    assert upload.status == RosterImport.Status.DONE
    assert Employee.objects.filter(nip="198503142002121001").exists()
    [warning] = upload.summary["warnings"]
    assert warning["row"] and "18 tahun" in warning["message"]
    client.force_login(bkd_a)
    page = client.get(reverse("roster_import_detail", args=[upload.pk])).content.decode()
    assert 'id="roster-warnings"' in page and "198503142002121001" in page
