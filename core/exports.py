"""Every CSV and XLSX file the portal writes goes through here, so that no cell can smuggle in a formula.

A cell that begins with = + - @ (or a tab or a carriage return, which spreadsheets skip before those) is a
formula to Excel, LibreOffice and Google Sheets once someone opens the file: ``=HYPERLINK("http://evil",
"x")`` typed as a work unit's name becomes a link in the next export, ``=cmd|…`` a command (CSV or
formula injection). :func:`safe_cell` puts an apostrophe before such a text, which spreadsheets show as
text; numbers, dates and None stay as they are. The writers below pass every cell through it; use them for
every export, now and later: tests/core/test_exports.py fails on a ``csv.writer`` or an openpyxl
``Workbook`` made anywhere else in the project.

    csv_response(filename, header, rows)       a streamed CSV download (UTF-8 with a BOM, for Excel)
    xlsx_response(filename, sheets)            an XLSX download; sheets = [(title, header, rows)]
    xlsx_bytes(sheets)                         the same as bytes (an attachment, a stored file)
    xlsx_workbook() / xlsx_add_sheet() / xlsx_save()   for a file that needs more (drop-down lists,
                                               number formats): a small, editable workbook

Like all of core, it imports no other app of the project.
"""

import csv
import datetime as dt
import io
import itertools
import re
from collections.abc import Iterable, Iterator, Sequence
from decimal import Decimal

from django.http import HttpResponse, StreamingHttpResponse
from django.utils import timezone
from django.utils.http import content_disposition_header
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")
CSV_CONTENT_TYPE = "text/csv; charset=utf-8"
XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
PLAIN_TYPES = (bool, int, float, Decimal, dt.date, dt.time, dt.timedelta)  # written as they are
WIDTH_SAMPLE_ROWS = 200  # rows looked at to size the columns
MIN_WIDTH, MAX_WIDTH = 8, 60
SHEET_TITLE_MAX = 31  # Excel's limit
SHEET_TITLE_FORBIDDEN = re.compile(r"[\\/*?:\[\]]")

Rows = Iterable[Sequence]
Sheets = Iterable[tuple[str, Sequence, Rows]]


def safe_cell(value):
    """The value to write in a cell: a text that a spreadsheet would run as a formula gets a leading
    apostrophe; numbers, dates, booleans and None are returned as they are; anything else as its text."""
    if value is None or isinstance(value, PLAIN_TYPES):
        return value
    text = str(value)  # lazy translations, UUIDs, model choices…
    return "'" + text if text.startswith(FORMULA_PREFIXES) else text


def _local(value):
    """Spreadsheets know no time zones: an aware datetime is written in the portal's local time."""
    if isinstance(value, dt.datetime) and timezone.is_aware(value):
        return timezone.localtime(value).replace(tzinfo=None)
    return value


# --- CSV -------------------------------------------------------------------------------------------


class _Line:
    """A file for csv.writer that hands back each line instead of storing it."""

    def write(self, line: str) -> str:
        return line


def csv_lines(header: Sequence, rows: Rows) -> Iterator[str]:
    """The CSV's text, line by line: a BOM (so that Excel reads UTF-8), the header, the rows."""
    writer = csv.writer(_Line())
    yield "\ufeff"
    for row in itertools.chain([header], rows):
        yield writer.writerow([safe_cell(_local(value)) for value in row])


def csv_response(filename: str, header: Sequence, rows: Rows) -> StreamingHttpResponse:
    """A CSV download, streamed: ``rows`` (any iterable, e.g. a queryset's ``iterator()``) is read as it is sent."""
    response = StreamingHttpResponse(
        (line.encode("utf-8") for line in csv_lines(header, rows)), content_type=CSV_CONTENT_TYPE
    )
    response["Content-Disposition"] = content_disposition_header(True, filename)
    return response


# --- XLSX ------------------------------------------------------------------------------------------


def _xlsx_value(value):
    value = safe_cell(_local(value))
    if isinstance(value, str):
        return ILLEGAL_CHARACTERS_RE.sub("", value)  # control characters XLSX cannot hold
    return value


def _sheet_title(title) -> str:
    return SHEET_TITLE_FORBIDDEN.sub(" ", str(title))[:SHEET_TITLE_MAX] or "Sheet"


def _widths(header: Sequence, sample: Sequence[Sequence]) -> list[int]:
    """Column widths that fit the header and the first rows, within MIN_WIDTH and MAX_WIDTH."""
    widths = []
    for column in range(max([len(header), *(len(row) for row in sample)], default=0)):
        texts = [row[column] for row in (header, *sample) if column < len(row) and row[column] is not None]
        longest = max((len(str(text)) for text in texts), default=0)
        widths.append(min(max(longest + 2, MIN_WIDTH), MAX_WIDTH))
    return widths


def xlsx_bytes(sheets: Sheets) -> bytes:
    """An XLSX of one or more sheets, each [(title, header, rows)]: bold header, frozen below it, columns
    sized to their content. Written as a stream, so the rows may be as many as an export has."""
    workbook = Workbook(write_only=True)
    for title, header, rows in sheets:
        sheet = workbook.create_sheet(_sheet_title(title))
        rows = (list(map(_xlsx_value, row)) for row in rows)
        sample = list(itertools.islice(rows, WIDTH_SAMPLE_ROWS))
        header = [_xlsx_value(value) for value in header]
        for index, width in enumerate(_widths(header, sample), 1):  # must precede the first row
            sheet.column_dimensions[get_column_letter(index)].width = width
        sheet.freeze_panes = "A2"
        cells = []
        for value in header:
            cells.append(WriteOnlyCell(sheet, value=value))
            cells[-1].font = Font(bold=True)
        sheet.append(cells)
        for row in itertools.chain(sample, rows):
            sheet.append(row)
    output = io.BytesIO()
    workbook.save(output)
    return output.getvalue()


def xlsx_response(filename: str, sheets: Sheets) -> HttpResponse:
    response = HttpResponse(xlsx_bytes(sheets), content_type=XLSX_CONTENT_TYPE)
    response["Content-Disposition"] = content_disposition_header(True, filename)
    return response


def xlsx_workbook() -> Workbook:
    """An empty, editable workbook for a file that needs more than :func:`xlsx_bytes` gives (drop-down
    lists, number formats, notes). Fill it with :func:`xlsx_add_sheet`, pass any other value you write
    through :func:`safe_cell`, and save it with :func:`xlsx_save`. It holds every cell in memory: keep it
    for small files such as a template."""
    workbook = Workbook()
    workbook.remove(workbook.active)
    return workbook


def xlsx_add_sheet(workbook: Workbook, title: str, header: Sequence, rows: Rows, *, header_row: int = 1, widths=None):
    """Add a sheet: ``header`` in bold on ``header_row`` (rows above it stay free for a title), frozen below
    it, then ``rows``; ``widths`` fixes the column widths, else they fit the content. Returns the sheet."""
    sheet = workbook.create_sheet(_sheet_title(title))
    rows = [[_xlsx_value(value) for value in row] for row in rows]
    header = [_xlsx_value(value) for value in header]
    for column, value in enumerate(header, 1):
        sheet.cell(row=header_row, column=column, value=value).font = Font(bold=True)
    for number, row in enumerate(rows, header_row + 1):
        for column, value in enumerate(row, 1):
            sheet.cell(row=number, column=column, value=value)
    for index, width in enumerate(widths or _widths(header, rows[:WIDTH_SAMPLE_ROWS]), 1):
        sheet.column_dimensions[get_column_letter(index)].width = width
    sheet.freeze_panes = f"A{header_row + 1}"
    return sheet


def xlsx_save(workbook: Workbook) -> bytes:
    output = io.BytesIO()
    workbook.save(output)
    return output.getvalue()
