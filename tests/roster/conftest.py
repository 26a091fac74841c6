"""Roster test helpers: files are generated in the test, never stored as binary fixtures."""

import io

import pytest
from openpyxl import Workbook

from tests.factories import make_nip

HEADER = [
    "NIP",
    "Nama",
    "Gelar Depan",
    "Gelar Belakang",
    "Jenis Kepegawaian",
    "Golongan",
    "Jabatan",
    "Jenis Jabatan",
    "Unit Kerja",
    "Kode Unit",
    "Email",
    "Telepon",
    "Tunjangan Kinerja",
]


def person(**overrides) -> dict:
    """One roster row as {header: value}, valid unless overridden."""
    row = {
        "NIP": make_nip(),
        "Nama": "Budi Santoso",
        "Gelar Depan": "Drs.",
        "Gelar Belakang": "M.Si",
        "Jenis Kepegawaian": "PNS",
        "Golongan": "III/a",
        "Jabatan": "Analis Kebijakan",
        "Jenis Jabatan": "Fungsional",
        "Unit Kerja": "Dinas Pendidikan",
        "Kode Unit": "DISDIK",
        "Email": "budi@example.go.id",
        "Telepon": "0812 3456 7890",
        "Tunjangan Kinerja": "Rp 4.500.000",
    }
    row.update(overrides)
    return row


def csv_bytes(rows, *, header=None, delimiter=";", title_rows=(), bom=False, encoding="utf-8") -> bytes:
    header = header or list(rows[0]) if rows else header or HEADER
    lines = [delimiter.join(str(t) for t in title) for title in title_rows]
    lines.append(delimiter.join(header))
    for row in rows:
        lines.append(delimiter.join(str(row.get(column, "")) for column in header))
    return ("\ufeff" if bom else "").encode(encoding) + ("\r\n".join(lines) + "\r\n").encode(encoding)


def xlsx_bytes(rows, *, header=None, title_rows=(), cell_types=None) -> bytes:
    """An XLSX roster; ``cell_types`` maps a header to a function applied to its cells (e.g. int)."""
    header = header or list(rows[0])
    book = Workbook()
    sheet = book.active
    for title in title_rows:
        sheet.append(list(title))
    sheet.append(header)
    for row in rows:
        sheet.append([(cell_types or {}).get(c, lambda v: v)(row.get(c)) for c in header])
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


@pytest.fixture
def roster_rows():
    return [
        person(),
        person(
            Nama="Siti Aminah",
            **{
                "Gelar Depan": "",
                "Jenis Kepegawaian": "PPPK",
                "NIP": make_nip(pppk=True, tmt=(2023, 1), gender=2),
                "Golongan": "IX",
                "Unit Kerja": "SD Negeri 1 Sekayu",
                "Kode Unit": "",
                "Email": "",
            },
        ),
    ]


@pytest.fixture(autouse=True)
def eager_celery():
    """Tasks run in-process whatever REDIS_URL says (test_real_worker.py uses its own producer)."""
    from netralitas.celery import app

    previous = app.conf.task_always_eager
    app.conf.task_always_eager = True
    yield
    app.conf.task_always_eager = previous
