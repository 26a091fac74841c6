"""core.exports: no cell of a CSV or XLSX the portal writes can carry a formula, and nothing writes one
any other way (the guard at the end scans the project's sources)."""

import ast
import csv
import datetime as dt
import io
from decimal import Decimal
from pathlib import Path

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from core.exports import (
    csv_lines,
    csv_response,
    safe_cell,
    xlsx_add_sheet,
    xlsx_bytes,
    xlsx_response,
    xlsx_save,
    xlsx_workbook,
)
from tests.factories import WorkUnitFactory

HOSTILE = ['=HYPERLINK("http://evil","x")', "+1", "-2", "@SUM(A1)", "\t=1", "\r=1"]


@pytest.mark.parametrize("text", HOSTILE)
def test_a_text_a_spreadsheet_would_run_gets_an_apostrophe(text):
    assert safe_cell(text) == "'" + text


@pytest.mark.parametrize(
    "value",
    [None, 0, -2, 1.5, Decimal("-3.25"), True, dt.date(2024, 2, 14), dt.datetime(2024, 2, 14, 8), dt.time(7)],
)
def test_numbers_dates_and_none_are_left_as_they_are(value):
    assert safe_cell(value) is value


@pytest.mark.parametrize("text", ["Dinas Pendidikan", "", "a=b", "1-2", "'=x", " =1", "Rp 4.500.000"])
def test_other_texts_are_left_as_they_are(text):
    assert safe_cell(text) == text


def test_anything_else_is_written_as_its_text_and_escaped_too():
    class Name:
        def __str__(self):
            return "=1+1"

    assert safe_cell(Name()) == "'=1+1"


def csv_cells(response) -> list[list[str]]:
    text = b"".join(response.streaming_content).decode("utf-8")
    assert text.startswith("\ufeff")
    return list(csv.reader(io.StringIO(text[1:])))


def test_the_csv_writer_escapes_every_cell_header_included():
    response = csv_response("unit kerja.csv", ["=Nama", "Kode"], [[text, 7] for text in HOSTILE])
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"] == 'attachment; filename="unit kerja.csv"'
    rows = csv_cells(response)
    assert rows[0] == ["'=Nama", "Kode"]
    assert rows[1:] == [["'" + text, "7"] for text in HOSTILE]


def test_the_csv_writer_streams_its_rows_and_writes_local_time():
    def rows():
        yield [timezone.make_aware(dt.datetime(2024, 2, 14, 1, 0), dt.UTC), None]
        raise AssertionError("read past the first row before it was asked for")

    lines = csv_lines(["Waktu", "Catatan"], rows())
    assert next(lines) == "\ufeff"
    assert next(lines) == "Waktu,Catatan\r\n"
    assert next(lines) == "2024-02-14 08:00:00,\r\n"  # Asia/Jakarta, no zone: Excel knows none


def xlsx_values(data: bytes, sheet: str | None = None) -> list[tuple]:
    workbook = load_workbook(io.BytesIO(data))
    return [tuple(row) for row in (workbook[sheet] if sheet else workbook.worksheets[0]).values]


def test_the_xlsx_writer_escapes_every_cell_and_keeps_numbers_and_dates():
    response = xlsx_response(
        "unit.xlsx",
        [("Unit: [semua]", ["Nama", "=Kode"], [[text, -2] for text in HOSTILE] + [["Tanggal", dt.date(2024, 2, 14)]])],
    )
    assert response["Content-Type"] == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    assert response["Content-Disposition"] == 'attachment; filename="unit.xlsx"'
    workbook = load_workbook(io.BytesIO(response.content))
    sheet = workbook.worksheets[0]
    assert sheet.title == "Unit   semua "  # characters Excel forbids in a title are replaced
    assert sheet["A1"].font.b and sheet["B1"].value == "'=Kode"
    assert sheet.freeze_panes == "A2"
    assert [sheet.cell(row=n, column=1).value for n in range(2, 8)] == ["'" + text for text in HOSTILE]
    assert all(sheet.cell(row=n, column=1).data_type == "s" for n in range(2, 8))  # text, never a formula
    assert sheet["B2"].value == -2 and sheet["B8"].value == dt.datetime(2024, 2, 14)
    assert 8 <= sheet.column_dimensions["A"].width <= 60


def test_the_xlsx_writer_sizes_columns_and_drops_characters_xlsx_cannot_hold():
    data = xlsx_bytes([("a", ["Nama", "Catatan"], [["x" * 20, "bel\x07l"]]), ("b", ["Kode"], [])])
    workbook = load_workbook(io.BytesIO(data))
    assert workbook["a"].column_dimensions["A"].width == 22
    assert workbook["a"]["B2"].value == "bell"
    assert xlsx_values(data, "b") == [("Kode",)]


def test_the_editable_workbook_writes_through_the_same_escape():
    workbook = xlsx_workbook()
    sheet = xlsx_add_sheet(workbook, "Unit", ["Nama"], [[text] for text in HOSTILE], header_row=2, widths=[30])
    assert sheet.freeze_panes == "A3" and sheet.column_dimensions["A"].width == 30
    assert xlsx_values(xlsx_save(workbook)) == [(None,), ("Nama",), *[("'" + text,) for text in HOSTILE]]


def test_the_roster_template_escapes_unit_and_region_names(client, bkd_a, region_a):
    region_a.name = "=Kabupaten"
    region_a.save()
    for index, text in enumerate(HOSTILE):
        WorkUnitFactory(region=region_a, name=text, code=f"U{index}")
    client.force_login(bkd_a)
    units = xlsx_values(client.get(reverse("roster_template")).content, "Unit kerja")[1:]
    assert sorted(name for _region, _code, name in units) == sorted("'" + text for text in HOSTILE)
    assert {region for region, _code, _name in units} == {"'=Kabupaten"}


# --- the guard: every CSV/XLSX is written by core.exports ------------------------------------------------

SKIP_DIRS = {".venv", "tests", "node_modules", "static", "staticfiles", "var", ".git"}
ALLOWED = {Path("core/exports.py")}


def project_sources() -> list[Path]:
    root = Path(settings.BASE_DIR)
    return sorted(
        path
        for path in root.rglob("*.py")
        if not SKIP_DIRS & set(path.relative_to(root).parts) and path.relative_to(root) not in ALLOWED
    )


def direct_writers(source: str) -> list[tuple[int, str]]:
    """(line, what) for each csv writer or openpyxl Workbook made, or imported to be made, in ``source``."""
    tree = ast.parse(source)
    csv_names = {"csv"} | {
        alias.asname
        for node in ast.walk(tree)
        if isinstance(node, ast.Import)
        for alias in node.names
        if alias.name == "csv" and alias.asname
    }
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Call):
            func = node.func
            name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
            owner = func.value.id if isinstance(func, ast.Attribute) and isinstance(func.value, ast.Name) else ""
            if name in {"writer", "DictWriter"} and owner in csv_names or name == "Workbook":
                found.append((node.lineno, f"{owner + '.' if owner else ''}{name}("))
        elif isinstance(node, ast.ImportFrom) and (node.module or "").split(".")[0] in {"csv", "openpyxl"}:
            for alias in node.names:
                if alias.name in {"writer", "DictWriter", "Workbook"}:
                    found.append((node.lineno, f"from {node.module} import {alias.name}"))
    return sorted(found)


def test_every_csv_and_xlsx_is_written_by_core_exports():
    root = Path(settings.BASE_DIR)
    problems = [
        f"{path.relative_to(root)}:{line}: {what} — write exports with core.exports (csv_response, xlsx_bytes…)"
        for path in project_sources()
        for line, what in direct_writers(path.read_text())
    ]
    assert not problems, "\n".join(problems)


def test_the_guard_scans_the_project_and_leaves_out_tests_and_the_helper():
    names = {str(path.relative_to(settings.BASE_DIR)) for path in project_sources()}
    assert {"people/services/roster_template.py", "people/views/roster.py", "netralitas/settings.py"} <= names
    assert "core/exports.py" not in names
    assert not any(name.startswith(("tests/", ".venv/")) for name in names)


def test_the_guard_flags_every_way_around_the_helper():
    source = """
import csv
import csv as spreadsheet
import openpyxl
from csv import writer as w, DictWriter
from openpyxl import Workbook
from openpyxl.workbook import Workbook as Book

def export(rows, out):
    a = csv.writer(out)
    b = csv.DictWriter(out, fieldnames=["x"])
    c = openpyxl.Workbook()
    d = Workbook(write_only=True)
    e = spreadsheet.writer(out)
    f = csv.reader(out)
    g = openpyxl.load_workbook(out)
    h = other.writer(out)
"""
    assert [line for line, _what in direct_writers(source)] == [5, 5, 6, 7, 10, 11, 12, 13, 14]
