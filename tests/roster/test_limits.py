"""A small file that describes a huge sheet must not take the worker (or the web process) down.

Each hostile file of tests/roster/bombs.py goes through the reader, ``manage.py import_roster --dry-run``
or the upload page in a fresh process (memory_probe.py), whose peak memory is measured: it is refused with
a clear message, or read without padding, within MEMORY_BUDGET_MB and a few seconds. Smaller cases run in
the test process, measured with tracemalloc.
"""

import datetime as dt
import io
import json
import os
import subprocess
import sys
import tracemalloc
import zipfile
from pathlib import Path
from urllib.parse import quote

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.utils import timezone

from people.models import RosterImport
from people.services import roster_imports, roster_xlsx
from people.services import roster_parse as rp

from . import bombs
from .conftest import csv_bytes, person, xlsx_bytes

MEMORY_BUDGET_MB = 300
SECONDS = 5
ROWS_CAP = 2000  # ROSTER_MAX_ROWS given to the probe for the "more rows than the cap" file
VALID_ROW = (
    '<row r="2">'
    + "".join(
        bombs.inline(f"{letter}2", text)
        for letter, text in zip("ABCD", ("198503142010031001", "Budi", "PNS", "Dinas Pendidikan"), strict=True)
    )
    + "</row>"
)
# name: (file name, builder, what the refusal says; None = read, without padding)
FILES = {
    "padding-bomb": ("bomb.xlsx", lambda: bombs.padding_bomb(30_000), "hanya ada baris judul"),
    "padding-bomb-with-a-row": ("bomb.xlsx", lambda: bombs.padding_bomb(30_000, data_row=VALID_ROW), None),
    "two-million-cell-row": ("wide.xlsx", bombs.wide_row_bomb, "rusak"),
    "huge-shared-strings": ("strings.xlsx", lambda: bombs.strings_bomb(40), "“xl/sharedStrings.xml” sebesar 41 MB"),
    "huge-sheet": ("sheet.xlsx", lambda: bombs.sheet_bomb(300), "“xl/worksheets/sheet1.xml” sebesar 300 MB"),
    "rows-beyond-the-cap": ("rows.xlsx", lambda: bombs.long_sheet(ROWS_CAP + 1), f"lebih dari {ROWS_CAP} baris data"),
    "csv-line-of-commas": ("commas.csv", bombs.comma_line_csv, "Baris 3 terlalu panjang"),
    "csv-millions-of-rows": ("rows.csv", bombs.many_rows_csv, "lebih dari 100000 baris data"),
}
CASES = [
    *[("read", name) for name in FILES],
    ("command", "padding-bomb"),
    ("command", "huge-shared-strings"),
    ("command", "csv-line-of-commas"),
    ("page", "padding-bomb"),
    ("page", "padding-bomb-with-a-row"),
    ("page", "huge-sheet"),
    ("page", "csv-millions-of-rows"),
]


@pytest.fixture(scope="module")
def hostile_files(tmp_path_factory):
    folder = tmp_path_factory.mktemp("bombs")
    paths = {}
    for name, (file_name, build, _message) in FILES.items():
        paths[name] = folder / name / file_name
        paths[name].parent.mkdir()
        paths[name].write_bytes(build())
    return paths


def database_url() -> str:
    db = connection.settings_dict
    if connection.vendor == "sqlite":
        return f"sqlite:///{db['NAME']}"
    auth = quote(db["USER"] or "", safe="")
    if db["PASSWORD"]:
        auth += ":" + quote(db["PASSWORD"], safe="")
    return f"postgres://{auth}@{db['HOST'] or 'localhost'}:{db['PORT'] or 5432}/{quote(db['NAME'], safe='')}"


def probe(mode: str, path: Path, *args: str) -> dict:
    env = {k: v for k, v in os.environ.items() if not k.startswith("CELERY_")}
    env.update(
        DJANGO_SETTINGS_MODULE="netralitas.settings_test",
        DATABASE_URL=database_url(),
        MEDIA_ROOT=str(settings.MEDIA_ROOT),
        ROSTER_MAX_ROWS=str(ROWS_CAP if path.parent.name == "rows-beyond-the-cap" else 100_000),
    )
    command = [sys.executable, "-m", "tests.roster.memory_probe", mode, str(path), *args]
    done = subprocess.run(command, cwd=settings.BASE_DIR, env=env, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr[-3000:]
    return json.loads(done.stdout.strip().splitlines()[-1])


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize(("mode", "name"), CASES, ids=[f"{mode}:{name}" for mode, name in CASES])
def test_a_hostile_file_is_handled_within_bounded_memory_and_time(request, hostile_files, mode, name):
    if mode != "read":  # the command and the page need a region and its BKD officer, committed
        request.getfixturevalue("bkd_a")
    report = probe(mode, hostile_files[name], "muba", "alice")
    print(mode, name, report)  # the figures, for the record (pytest -s)
    outcome, expected = report["outcome"], FILES[name][2]
    assert report["peak_mb"] < MEMORY_BUDGET_MB, report
    assert report["seconds"] < SECONDS, report
    if expected is None:  # read as it is: one data row, and no padding
        assert outcome.get("rows") == 1 and not outcome.get("error"), report
    else:
        assert expected in outcome["error"], report
    if mode == "page":  # a refused file ends in a final status: the sweep never queues it again
        assert outcome["status"] == (RosterImport.Status.CHECKED if expected is None else RosterImport.Status.INVALID)


def peak_mb_of(function, *args) -> float:
    tracemalloc.start()
    try:
        function(*args)
    except rp.RosterFileError:
        pass
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    return peak / 1024 / 1024


def test_the_reader_does_not_pad_rows_to_the_dimension():
    data = bombs.padding_bomb(2000, data_row=VALID_ROW)  # the old reader: 2,000 x 16,384 cells, 300 MB
    assert peak_mb_of(rp.read_roster, data, "bomb.xlsx") < 20
    table = rp.read_roster(data, "bomb.xlsx")
    assert [(row_no, cells["name"]) for row_no, cells in table.rows] == [(2, "Budi")]


def test_a_row_of_cells_without_coordinates_is_not_built_whole():
    assert peak_mb_of(rp.read_roster, bombs.wide_row_bomb(200_000), "wide.xlsx") < 20


@pytest.mark.parametrize("make", [csv_bytes, xlsx_bytes], ids=["csv", "xlsx"])
def test_it_reads_up_to_the_row_cap_and_refuses_one_more(settings, make):
    settings.ROSTER_MAX_ROWS = 3
    rows = [person(), person(), person()]
    assert len(rp.read_roster(make(rows), "r.xlsx" if make is xlsx_bytes else "r.csv").rows) == 3
    with pytest.raises(rp.RosterFileTooLarge, match="lebih dari 3 baris data") as info:
        rp.read_roster(make([*rows, person()]), "r.xlsx" if make is xlsx_bytes else "r.csv")
    assert info.value.row == 5


def test_content_right_of_the_column_cap_is_refused_and_empty_cells_there_are_ignored():
    header = ["NIP", "Nama", "Status", "Unit Kerja"]
    wide = header + [""] * 200
    row = {"NIP": "198503142010031001", "Nama": "A", "Status": "PNS", "Unit Kerja": "X"}
    assert len(rp.read_roster(csv_bytes([row], header=wide, delimiter=","), "r.csv").rows) == 1
    with pytest.raises(rp.RosterFileTooLarge, match="kolom ke-101") as info:
        rp.read_roster(csv_bytes([row], header=header + [""] * 96 + ["Catatan"], delimiter=","), "r.csv")
    assert info.value.row == 1
    cells = bombs.inline("A2", "x") + bombs.inline("CW2", "y")  # CW = column 101
    with pytest.raises(rp.RosterFileTooLarge, match="Baris 2 berisi data di kolom ke-101"):
        rp.read_roster(bombs.xlsx([bombs.header_row(), f'<row r="2">{cells}</row>']), "r.xlsx")


def test_a_csv_row_held_open_by_a_quote_is_refused_once_it_is_too_long():
    data = b'NIP;Nama;Status;Unit Kerja\n1;"A;PNS;X\n' + b"2;B;PNS;Y\n" * 10_000
    with pytest.raises(rp.RosterFileTooLarge, match="Baris 2 terlalu panjang"):
        rp.read_roster(data, "r.csv")


@pytest.mark.parametrize(
    ("data", "name"),
    [
        (b"NIP;Nama;Status;Unit Kerja\n" + b"\n" * rp.EXCEL_MAX_ROWS, "r.csv"),
        (bombs.xlsx(["<row/>"] * (rp.EXCEL_MAX_ROWS + 1)), "r.xlsx"),
    ],
    ids=["csv", "xlsx"],
)
def test_more_rows_than_excel_holds_are_refused_even_empty(data, name):
    with pytest.raises(rp.RosterFileTooLarge, match="melebihi batas Excel"):
        rp.read_roster(data, name)


def test_an_archive_of_too_many_members_is_refused_before_it_is_opened():
    output = io.BytesIO()
    with zipfile.ZipFile(output, "w") as archive:
        for number in range(1001):
            archive.writestr(f"x/{number}.xml", "")
    with pytest.raises(rp.RosterFileTooLarge, match="lebih dari 1000 bagian"):
        rp.read_roster(output.getvalue(), "r.xlsx")


def test_a_file_over_the_upload_limit_is_refused_whatever_path_it_came_by(settings):
    settings.ROSTER_MAX_UPLOAD_BYTES = 1024
    with pytest.raises(rp.RosterFileTooLarge, match="Berkas terlalu besar"):
        rp.read_roster(b"NIP;Nama;Status;Unit Kerja\n" + b"1;A;PNS;X\n" * 200, "r.csv")


def test_shared_strings_are_bounded_by_their_size_not_by_the_element_count_of_other_parts(monkeypatch):
    monkeypatch.setattr(roster_xlsx, "XLSX_MAX_PART_NODES", 100)
    texts = ("198503142010031001", "Budi", "PNS", "Dinas Pendidikan", *(f"teks {n}" for n in range(200)))
    row = '<row r="2">' + "".join(f'<c r="{c}2" t="s"><v>{i}</v></c>' for i, c in enumerate("ABCD")) + "</row>"
    data = bombs.xlsx([bombs.header_row(), row], strings=[f"<si><t>{text}</t></si>" for text in texts])
    assert rp.read_roster(data, "r.xlsx").rows == [
        (2, {"nip": "198503142010031001", "name": "Budi", "employment_type": "PNS", "work_unit": "Dinas Pendidikan"})
    ]


def test_a_refused_upload_ends_invalid_and_is_never_queued_again(region_a, settings):
    settings.ROSTER_XLSX_MAX_SHEET_BYTES = 1024 * 1024
    data = bombs.sheet_bomb(2)
    upload = roster_imports.roster_import_create(
        region=region_a, user=None, uploaded_file=SimpleUploadedFile("big.xlsx", data), queue=False
    )
    upload = roster_imports.roster_import_check(import_id=upload.pk)
    assert upload.status == RosterImport.Status.INVALID
    assert "“xl/worksheets/sheet1.xml” sebesar 2 MB" in upload.errors[0]["message"]
    later = timezone.now() + dt.timedelta(days=1)
    assert roster_imports.roster_import_stalled(now=later) == []
