"""manage.py import_roster: same checks and summary as the page, non-zero exit on errors."""

import io

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from audit.models import AuditEvent
from people.management.commands.import_roster import Command
from people.models import Employee, RosterImport

from .conftest import csv_bytes, person


def run(*args):
    out, err = io.StringIO(), io.StringIO()
    call_command("import_roster", *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


@pytest.fixture
def roster_file(tmp_path, roster_rows):
    path = tmp_path / "roster.csv"
    path.write_bytes(csv_bytes(roster_rows))
    return path


def test_a_dry_run_prints_the_summary_and_writes_nothing(region_a, roster_file):
    out, _err = run("--region", "muba", str(roster_file), "--dry-run")
    assert "2 baris: 2 ditambahkan, 0 diperbarui, 0 tidak berubah" in out
    assert "Uji coba" in out and "SD Negeri 1 Sekayu" in out
    assert Employee.objects.count() == 0
    assert RosterImport.objects.count() == 0


def test_it_imports_and_a_second_run_changes_nothing(region_a, roster_file, bkd_a):
    out, _err = run("--region", "muba", str(roster_file), "--user", "alice")
    assert "2 ditambahkan" in out
    assert Employee.objects.filter(region=region_a).count() == 2
    upload = RosterImport.objects.get()
    assert (upload.status, upload.uploaded_by) == (RosterImport.Status.DONE, bkd_a)
    out, _err = run("--region", "muba", str(roster_file))
    assert "0 ditambahkan, 0 diperbarui, 2 tidak berubah" in out
    assert AuditEvent.objects.filter(action="netralitas.roster.imported").count() == 2


def test_it_prints_every_error_and_fails(region_a, tmp_path):
    path = tmp_path / "bad.csv"
    path.write_bytes(csv_bytes([person(NIP="12345"), person(Email="x@")]))
    with pytest.raises(CommandError, match="2 kesalahan"):
        run("--region", "muba", str(path))
    assert Employee.objects.count() == 0
    assert RosterImport.objects.get().status == RosterImport.Status.INVALID


def test_it_exits_non_zero_on_errors(region_a, tmp_path, capsys):
    path = tmp_path / "bad.csv"
    path.write_bytes(csv_bytes([person(NIP="12345")]))
    with pytest.raises(SystemExit) as info:
        Command().run_from_argv(["manage.py", "import_roster", "--region", "muba", str(path), "--dry-run"])
    assert info.value.code == 1
    assert "baris 2, kolom NIP: NIP harus 18 angka" in capsys.readouterr().err


def test_it_rejects_an_unknown_region_or_file(region_a, tmp_path):
    with pytest.raises(CommandError, match="Kode Pemda tidak dikenal"):
        run("--region", "nowhere", str(tmp_path / "x.csv"))
    with pytest.raises(CommandError, match="tidak dapat dibaca"):
        run("--region", "muba", str(tmp_path / "missing.csv"))
