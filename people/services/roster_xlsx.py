"""Reading an XLSX roster without trusting it: each part is measured before it is parsed, and parsed as a
stream that keeps only what the roster needs. No database access.

openpyxl's read-only mode trusts a sheet's ``<dimension>`` and pads every row to it (a 160 KB file with
one empty cell in column XFD on 30,000 rows becomes 30,000 x 16,384 cells: 3.8 GB), pads a row to its
last cell whatever the dimension says, and first reads the workbook, the styles and the shared strings
into whole trees. Here instead:

- the zip directory is checked before anything is unpacked: the number of members, then the unpacked
  size of each part before that part is read (zipfile stops a member at the size its entry declares);
- every part is read with ``iterparse`` and each element is dropped from the tree once used, so memory
  does not grow with the part; only the shared strings, which cells point into, are kept;
- the dimension is ignored and a row is the cells it holds, never padded; content right of
  ``MAX_COLUMNS`` is refused, and so are more rows or cells than Excel itself can hold, and a sheet of
  more cells than a roster of ``ROSTER_MAX_ROWS`` rows could need (parsing time grows with them).

Of openpyxl, only the conversion of one cell's XML to its value (numbers, dates, booleans, text) is used.
"""

import io
import posixpath
import zipfile
from collections.abc import Iterator

from django.conf import settings
from django.utils.translation import gettext as _
from openpyxl.styles.numbers import BUILTIN_FORMATS, is_date_format, is_timedelta_format
from openpyxl.utils.cell import coordinate_to_tuple
from openpyxl.utils.datetime import CALENDAR_MAC_1904, WINDOWS_EPOCH
from openpyxl.worksheet._reader import WorkSheetParser
from openpyxl.xml.constants import SHARED_STRINGS, XLSM, XLSX, XLTM, XLTX
from openpyxl.xml.functions import iterparse  # defusedxml's when it is installed, as in openpyxl

from .roster_parse import (
    EXCEL_MAX_COLUMNS,
    EXCEL_MAX_ROWS,
    MAX_COLUMNS,
    RosterFileError,
    RosterFileTooLarge,
    content_beyond_columns,
    too_many_lines,
)

MAIN = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
TYPES = "{http://schemas.openxmlformats.org/package/2006/content-types}"
RELS = "{http://schemas.openxmlformats.org/package/2006/relationships}"
R_ID = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"
ROW, CELL, SHARED_STRING = MAIN + "row", MAIN + "c", MAIN + "si"
WORKBOOK_TYPES = (XLTM, XLTX, XLSM, XLSX)  # openpyxl's order of preference
STYLES_PATH = "xl/styles.xml"  # the only place openpyxl looks for styles

XLSX_MAX_MEMBERS = 1000  # a workbook has a few dozen parts; the zip directory costs memory per member
XLSX_MAX_PART_BYTES = 16 * 1024 * 1024  # content types, workbook, relationships, styles (unpacked)
XLSX_MAX_SHEETS = 50  # sheets tried in turn for the roster's header row
XLSX_MAX_STYLES = 65_536  # cell formats and number formats kept (Excel allows 64,000)
MAX_NODES_IN_CELL = 10_000  # XML elements inside one cell or one shared string (rich-text runs)
XLSX_MAX_PART_NODES = 1_000_000  # XML elements in one of those parts
# Parsing costs about a microsecond per XML element whatever is kept, so a sheet may hold this many cells
# per allowed data row (formatted empty cells included), each cell counted as up to three elements
# (<c><is><t>): at the default 100,000 rows, 5 million cells, some 20 seconds of parsing at worst.
XLSX_CELLS_PER_ROW = 50
NODES_PER_CELL = 3


class Malformed(ValueError):
    """The XML is not what a spreadsheet program writes; reported as a damaged file."""


def _too_large(part: str, size: int, limit: int) -> RosterFileTooLarge:
    mb = 1024 * 1024
    return RosterFileTooLarge(
        _(
            "Berkas .xlsx ini berisi bagian “%(part)s” sebesar %(size)s MB setelah dibuka (maksimal %(max)s MB), "
            "jauh melebihi roster mana pun. Salin lembar roster saja ke buku kerja baru, simpan sebagai .xlsx, "
            "lalu unggah lagi."
        )
        % {"part": part, "size": -(-size // mb), "max": limit // mb}
    )


def _elements(source, whole: tuple[str, ...] = (), limit: int | None = None, too_many=None):
    """iterparse's ("start" | "end", element), dropping each element from the tree once the caller has
    seen its end, so that memory does not grow with the part. An element whose tag is in ``whole`` keeps
    its children until it ends (the caller reads it whole); it may hold MAX_NODES_IN_CELL of them. More
    than ``limit`` (XLSX_MAX_PART_NODES) elements raise ``too_many`` (default: a damaged file)."""
    limit = XLSX_MAX_PART_NODES if limit is None else limit
    stack, open_whole, nodes, count = [], 0, 0, 0
    for event, element in iterparse(source, events=("start", "end")):
        if event == "start":
            count += 1
            if count > limit:
                raise too_many or Malformed("too many elements")
            if open_whole:
                nodes += 1
                if nodes > MAX_NODES_IN_CELL:
                    raise Malformed("too many elements inside one cell")
            elif element.tag in whole:
                nodes = 0
            if element.tag in whole:
                open_whole += 1
            stack.append(element)
            yield event, element
            continue
        stack.pop()
        if element.tag in whole:
            open_whole -= 1
        yield event, element
        if stack and not open_whole:
            stack[-1].remove(element)


def _row_number(value: str | None, previous: int) -> int:
    """A row's number as openpyxl reads it: ``r``, else one more than the row before."""
    if not value:
        return previous + 1
    try:
        return int(value)
    except ValueError:
        number = float(value)
        if not number.is_integer():
            raise Malformed(f"{value} is not a row number") from None
        return int(number)


def _local(tag: str) -> str:
    return tag.rpartition("}")[2]


def _string_text(element) -> str:
    """openpyxl's ``Text.from_tree(element).content`` without building its objects (which cost more than
    parsing the XML): the plain text, then the text of each rich-text run; phonetic hints are left out."""
    plain, runs = None, []
    for child in element:
        name = _local(child.tag)
        if name == "t":
            plain = child.text
        elif name == "r":
            runs.append(next((t.text for t in reversed(child) if _local(t.tag) == "t"), None))
    return "".join(text for text in (plain, *runs) if text is not None)


class XlsxBook:
    """The parts that locate and decode an XLSX's sheets; :meth:`sheets` streams each sheet's rows."""

    def __init__(self, data: bytes):
        if data.count(b"PK\x01\x02") > XLSX_MAX_MEMBERS:  # central directory entries, counted before opening
            raise RosterFileTooLarge(
                _(
                    "Berkas .xlsx ini berisi lebih dari %(max)s bagian, padahal roster biasa hanya belasan. Salin "
                    "lembar roster saja ke buku kerja baru, simpan sebagai .xlsx, lalu unggah lagi."
                )
                % {"max": XLSX_MAX_MEMBERS}
            )
        self.archive = zipfile.ZipFile(io.BytesIO(data))
        self.names = set(self.archive.namelist())
        self.sheet_bytes_left = settings.ROSTER_XLSX_MAX_SHEET_BYTES
        workbook_path, strings_path = self._read_manifest()
        self.epoch, sheets = self._read_workbook(workbook_path)
        self.sheet_paths = self._locate_sheets(workbook_path, sheets)
        self.date_formats, self.timedelta_formats = self._read_styles()
        self.strings = self._read_strings(strings_path)

    def close(self) -> None:
        self.archive.close()

    def __enter__(self):
        return self

    def __exit__(self, *exc_info):
        self.close()

    def _open(self, name: str, limit: int):
        """A member, opened after its unpacked size has been checked against ``limit``."""
        info = self.archive.getinfo(name)
        if info.file_size > limit:
            raise _too_large(name, info.file_size, limit)
        return self.archive.open(info)

    def _read_manifest(self) -> tuple[str, str | None]:
        """(workbook part, shared-strings part or None), found as openpyxl finds them."""
        overrides, defaults = {}, set()
        with self._open("[Content_Types].xml", XLSX_MAX_PART_BYTES) as source:
            for event, element in _elements(source):
                if event != "start":
                    continue
                if element.tag == TYPES + "Override":
                    overrides.setdefault(element.get("ContentType"), element.get("PartName", ""))
                elif element.tag == TYPES + "Default":
                    defaults.add(element.get("ContentType"))
        workbook = next((overrides[t] for t in WORKBOOK_TYPES if t in overrides), None)
        if workbook is None and defaults & set(WORKBOOK_TYPES):
            workbook = "/xl/workbook.xml"
        if workbook is None:
            raise Malformed("no workbook part")
        strings = overrides.get(SHARED_STRINGS)
        return workbook[1:], strings[1:] if strings else None

    def _read_workbook(self, path: str):
        """(date epoch, [(sheet name, relationship id)]) for the first XLSX_MAX_SHEETS sheets."""
        epoch, sheets = WINDOWS_EPOCH, []
        with self._open(path, XLSX_MAX_PART_BYTES) as source:
            for event, element in _elements(source):
                if event != "start":
                    continue
                if element.tag == MAIN + "workbookPr":
                    if element.get("date1904") not in (None, "", "false", "f", "0"):
                        epoch = CALENDAR_MAC_1904
                elif element.tag == MAIN + "sheet" and element.get(R_ID) and len(sheets) < XLSX_MAX_SHEETS:
                    sheets.append((element.get("name", ""), element.get(R_ID)))
        return epoch, sheets

    def _locate_sheets(self, workbook_path: str, sheets) -> list[tuple[str, str]]:
        """[(sheet name, part)] for the worksheets (not chart sheets) present in the archive."""
        folder, name = posixpath.split(workbook_path)
        wanted, targets = {rel_id for _name, rel_id in sheets}, {}
        with self._open(posixpath.join(folder, "_rels", f"{name}.rels"), XLSX_MAX_PART_BYTES) as source:
            for event, element in _elements(source):
                if event != "start" or element.tag != RELS + "Relationship" or element.get("Id") not in wanted:
                    continue
                if element.get("TargetMode") == "External" or "chartsheet" in element.get("Type", ""):
                    continue
                target = element.get("Target", "")  # relative to the workbook's folder, as openpyxl resolves it
                path = target[1:] if target.startswith("/") else posixpath.normpath(posixpath.join(folder, target))
                targets[element.get("Id")] = path
        located, seen = [], set()
        for title, rel_id in sheets:
            path = targets.get(rel_id)
            if path in self.names and path not in seen:  # a part listed twice is read once
                seen.add(path)
                located.append((title, path))
        return located

    def _read_styles(self) -> tuple[set[int], set[int]]:
        """The cell formats that hold dates and durations, as openpyxl computes them."""
        if STYLES_PATH not in self.names:
            return set(), set()
        custom, formats, inside = {}, [], None
        with self._open(STYLES_PATH, XLSX_MAX_PART_BYTES) as source:
            for event, element in _elements(source):
                tag = element.tag
                if tag in (MAIN + "numFmts", MAIN + "cellXfs"):
                    inside = tag if event == "start" else None
                elif event != "start":
                    continue
                elif inside == MAIN + "cellXfs" and tag == MAIN + "xf" and len(formats) < XLSX_MAX_STYLES:
                    formats.append(int(element.get("numFmtId", 0)))
                elif inside == MAIN + "numFmts" and tag == MAIN + "numFmt" and len(custom) < XLSX_MAX_STYLES:
                    custom[int(element.get("numFmtId"))] = element.get("formatCode")
        dates, durations = set(), set()
        for index, format_id in enumerate(formats):
            code = custom[format_id] if format_id in custom else BUILTIN_FORMATS.get(format_id)
            if is_date_format(code):
                dates.add(index)
            if is_timedelta_format(code):
                durations.add(index)
        return dates, durations

    def _read_strings(self, path: str | None) -> list[str]:
        if path is None:
            return []
        strings = []
        with self._open(path, settings.ROSTER_XLSX_MAX_STRINGS_BYTES) as source:
            # No count of its own: its unpacked size, checked above, bounds its elements.
            nodes = settings.ROSTER_XLSX_MAX_STRINGS_BYTES
            for event, element in _elements(source, (SHARED_STRING,), nodes):
                if event == "end" and element.tag == SHARED_STRING:
                    strings.append(_string_text(element).replace("x005F_", ""))
        return strings

    def sheets(self) -> Iterator[tuple[str, Iterator[tuple[int, list]]]]:
        """(sheet name, its rows) for each worksheet, in the workbook's order; see :meth:`rows`."""
        for title, path in self.sheet_paths:
            yield title, self.rows(title, path)

    def rows(self, title: str, path: str) -> Iterator[tuple[int, list]]:
        """(row number, [values from column A]) for each row holding a value; a damaged sheet raises
        RosterFileError naming it. Sheets share one unpacked-size budget."""
        info = self.archive.getinfo(path)
        if info.file_size > self.sheet_bytes_left:
            raise _too_large(path, info.file_size, settings.ROSTER_XLSX_MAX_SHEET_BYTES)
        self.sheet_bytes_left -= info.file_size
        try:
            yield from self._parse_rows(title, path)
        except RosterFileError:
            raise
        except Exception:  # broken XML, a bad shared-string index, a CRC error: all mean a damaged sheet
            raise RosterFileError(
                _("Lembar “%(sheet)s” rusak dan tidak dapat dibaca. Simpan ulang dari Excel sebagai .xlsx.")
                % {"sheet": title}
            ) from None

    def _parse_rows(self, title: str, path: str) -> Iterator[tuple[int, list]]:
        cell_reader = WorkSheetParser(
            None,
            self.strings,
            data_only=True,
            epoch=self.epoch,
            date_formats=self.date_formats,
            timedelta_formats=self.timedelta_formats,
        )
        row_no = rows_seen = cells_in_row = 0
        skipped_reference = None
        values = None  # {column: value} of the open row
        max_cells = settings.ROSTER_MAX_ROWS * XLSX_CELLS_PER_ROW
        too_many = RosterFileTooLarge(
            _(
                "Lembar “%(sheet)s” terlalu besar untuk sebuah roster: isinya melebihi %(max)s sel, termasuk sel "
                "kosong yang berformat. Salin hanya baris dan kolom roster ke buku kerja baru, simpan sebagai "
                ".xlsx, lalu unggah lagi."
            )
            % {"sheet": title, "max": max_cells}
        )
        with self.archive.open(path) as source:
            for event, element in _elements(source, (CELL,), max_cells * NODES_PER_CELL, too_many):
                tag = element.tag
                if event == "start":
                    if tag == ROW:
                        rows_seen += 1
                        if rows_seen > EXCEL_MAX_ROWS:
                            raise RosterFileTooLarge(too_many_lines())
                        row_no = _row_number(element.get("r"), row_no)
                        cell_reader.row_counter, cell_reader.col_counter = row_no, 0
                        values, cells_in_row, skipped_reference = {}, 0, None
                    elif tag == CELL and values is not None:
                        cells_in_row += 1
                        if cells_in_row > EXCEL_MAX_COLUMNS:
                            raise Malformed(f"row {row_no} holds more cells than Excel allows")
                elif tag == CELL and values is not None:
                    reference = element.get("r")
                    if reference is None and skipped_reference:  # place it after the skipped cell
                        cell_reader.col_counter = coordinate_to_tuple(skipped_reference)[1]
                    skipped_reference = None
                    if len(element) == 0:  # a formatted empty cell: no value, only its place matters
                        if reference is None:
                            cell_reader.col_counter += 1
                        else:
                            skipped_reference = reference  # read only if a cell without one follows
                        continue
                    cell = cell_reader.parse_cell(element)
                    value, column = cell["value"], cell["column"]
                    if value is None:
                        continue
                    if column <= MAX_COLUMNS:
                        values[column] = value
                    elif str(value).strip():
                        raise RosterFileTooLarge(content_beyond_columns(row_no, column), row=row_no)
                elif tag == ROW:
                    if values:
                        yield row_no, [values.get(column) for column in range(1, max(values) + 1)]
                    values = None
