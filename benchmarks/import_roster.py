#!/usr/bin/env python
"""Roster import throughput against a bare bulk_create baseline, measured in the same run.

    DATABASE_URL=postgres://… .venv/bin/python benchmarks/import_roster.py [--rows 100000]

Generates an N-row roster CSV (semicolon-separated, title rows above the header, Indonesian
amounts), then in a throwaway region of its own:
  1. baseline: bulk_create of the same rows, already validated (work units + employees);
  2. the importer: dry run (check), then the real import (parse + validate + compare + write);
  3. the importer again on the same file (must change nothing).
Everything it creates is deleted at the end, except the audit events, which are append-only.
The last line reads ``rows_per_s=<n> baseline_rows_per_s=<n> ratio=<r>`` (ratio = importer / baseline).
"""

import argparse
import datetime as dt
import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "netralitas.settings")

UNITS = 250


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rows", type=int, default=100_000, help="roster rows to generate (default 100000)")
    parser.add_argument("--allow-sqlite", action="store_true", help="run even if DATABASE_URL points at SQLite")
    return parser.parse_args()


def setup_django(allow_sqlite: bool) -> None:
    import django

    django.setup()
    from django.conf import settings
    from django.db import connection
    from django.db.migrations.executor import MigrationExecutor

    engine = settings.DATABASES["default"]["ENGINE"]
    if engine.endswith("sqlite3") and not allow_sqlite:
        sys.exit("Refusing to benchmark on SQLite: set DATABASE_URL=postgres://… (or pass --allow-sqlite).")
    executor = MigrationExecutor(connection)
    if executor.migration_plan(executor.loader.graph.leaf_nodes()):
        from django.core.management import call_command

        print("applying migrations…", flush=True)
        call_command("migrate", interactive=False, verbosity=0)


def nip_for(i: int, pppk: bool) -> str:
    """Unique valid NIPs born in the 1940s, a range no real serving ASN is in."""
    birth = dt.date(1941, 1, 1) + dt.timedelta(days=i // 900)
    serial = i % 900 + 1
    if pppk:
        return f"{birth:%Y%m%d}199021{1 + i % 2}{serial:03d}"
    return f"{birth:%Y%m%d}1970{1 + i % 12:02d}{1 + i % 2}{serial:03d}"


def make_csv(rows: int) -> tuple[bytes, list[str]]:
    lines = [
        "DAFTAR NOMINATIF ASN (DATA UJI BENCHMARK);;;;",
        "",
        "NIP;Nama;Gelar Depan;Gelar Belakang;Status;Golongan;Jabatan;Jenis Jabatan;Unit Kerja;Kode Unit;"
        "Email;No HP;TPP",
    ]
    nips = []
    for i in range(rows):
        pppk = i % 5 == 0
        nip = nip_for(i, pppk)
        nips.append(nip)
        unit = i % UNITS
        lines.append(
            ";".join(
                [
                    nip,
                    f"Pegawai Uji {i}",
                    "Drs." if i % 7 == 0 else "",
                    "S.Kom" if i % 3 == 0 else "",
                    "PPPK" if pppk else "PNS",
                    "IX" if pppk else ("III/a", "III/b", "II/c", "IV/a")[i % 4],
                    "Analis Kebijakan",
                    ("Fungsional", "Pelaksana", "Pengawas")[i % 3],
                    f"Dinas Uji Benchmark {unit}",
                    f"BENCH{unit}",
                    f"pegawai{i}@bench.example.go.id",
                    f"0812{i:08d}",
                    f"Rp {4_000_000 + (i % 50) * 10_000:,}".replace(",", "."),
                ]
            )
        )
    return ("\n".join(lines) + "\n").encode(), nips


def clean_up(region) -> None:
    from people.models import Employee, RosterImport, WorkUnit

    Employee.objects.filter(region=region).delete()
    WorkUnit.objects.filter(region=region).delete()
    for upload in RosterImport.objects.filter(region=region):
        upload.file.delete(save=False)
        upload.delete()


def vacuum() -> None:
    from django.db import connection

    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("VACUUM ANALYZE people_employee")
            cursor.execute("VACUUM ANALYZE people_workunit")


def run_baseline(region, data: bytes) -> float:
    from django.db import transaction

    from people.models import Employee, WorkUnit
    from people.services.roster import BATCH_SIZE, roster_plan

    plan = roster_plan(region=region, data=data, filename="bench.csv")  # validated rows, untimed
    assert not plan.errors, plan.errors[:5]
    start = time.perf_counter()
    with transaction.atomic():
        WorkUnit.objects.bulk_create(list(plan.new_units.values()), batch_size=BATCH_SIZE)
        for employee, unit in plan.unit_links:
            employee.work_unit_id = unit.pk
        Employee.objects.bulk_create(plan.to_create, batch_size=BATCH_SIZE)
    return time.perf_counter() - start


def run_import(region, data: bytes) -> tuple[float, float, dict]:
    from django.core.files.uploadedfile import SimpleUploadedFile

    from people.models import RosterImport
    from people.services import roster_imports

    upload = roster_imports.roster_import_create(
        region=region, user=None, uploaded_file=SimpleUploadedFile("bench.csv", data), queue=False
    )
    start = time.perf_counter()
    upload = roster_imports.roster_import_check(import_id=upload.pk)
    checked = time.perf_counter() - start
    assert upload.status == RosterImport.Status.CHECKED, upload.errors[:5]
    roster_imports.roster_import_start(roster_import=upload, user=None, queue=False)
    start = time.perf_counter()
    upload = roster_imports.roster_import_run(import_id=upload.pk)
    imported = time.perf_counter() - start
    assert upload.status == RosterImport.Status.DONE, (upload.status, upload.failure, upload.errors[:5])
    return checked, imported, upload.summary


def main() -> None:
    args = parse_args()
    setup_django(args.allow_sqlite)
    from django.db import connection

    from people.models import Employee, Region

    rows = args.rows
    data, nips = make_csv(rows)
    if any(Employee.objects.filter(nip__in=nips[i : i + 5000]).exists() for i in range(0, rows, 5000)):
        sys.exit("Some generated NIPs already exist in this database; is another benchmark running?")
    code = f"bench-roster-{os.getpid()}"
    region = Region.objects.create(code=code, kind=Region.Kind.KABUPATEN, name=f"Benchmark {code}", head_title="-")
    print(f"database: {connection.vendor} {connection.settings_dict['NAME']}; rows: {rows}; file: {len(data)} bytes")
    try:
        baseline = run_baseline(region, data)
        clean_up(region)
        vacuum()
        checked, imported, summary = run_import(region, data)
        assert summary["created"] == rows, summary
        print(f"baseline bulk_create: {baseline:.2f} s ({rows / baseline:,.0f} rows/s)")
        print(f"importer dry run (check): {checked:.2f} s ({rows / checked:,.0f} rows/s)")
        print(f"importer import: {imported:.2f} s ({rows / imported:,.0f} rows/s)")
        print(f"importer check + import: {checked + imported:.2f} s ({rows / (checked + imported):,.0f} rows/s)")
        again_checked, again_imported, again = run_import(region, data)
        assert (again["created"], again["updated"], again["unchanged"]) == (0, 0, rows), again
        print(
            f"re-import of the same file: {again['created']} created, {again['updated']} updated, "
            f"{again['unchanged']} unchanged; check {again_checked:.2f} s + import {again_imported:.2f} s"
        )
    finally:
        clean_up(region)
        region.delete()
    rate, base_rate = rows / imported, rows / baseline
    print(f"rows_per_s={rate:.0f} baseline_rows_per_s={base_rate:.0f} ratio={rate / base_rate:.2f}")


if __name__ == "__main__":
    main()
