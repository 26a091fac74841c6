"""Hostile roster files, built byte by byte so that every part is exactly what an attacker would send.

A minimal XLSX is five small XML parts in a zip; the sheet (and the shared strings) are written into the
zip in chunks, so even a member of hundreds of MB costs the test little memory and time.
"""

import io
import itertools
import zipfile
from collections.abc import Iterable

MAIN_NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
REL_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PKG_REL_NS = "http://schemas.openxmlformats.org/package/2006/relationships"
HEADER = ("NIP", "Nama", "Jenis Kepegawaian", "Unit Kerja")
CHUNK = 1 << 20

CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8"?>'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/xl/workbook.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
    '<Override PartName="/xl/worksheets/sheet1.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
    '<Override PartName="/xl/sharedStrings.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>'
    "</Types>"
)
ROOT_RELS = (
    f'<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="{PKG_REL_NS}">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
    'officeDocument" Target="xl/workbook.xml"/></Relationships>'
)
WORKBOOK = (
    f'<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="{MAIN_NS}" xmlns:r="{REL_NS}">'
    '<sheets><sheet name="Roster" sheetId="1" r:id="rId1"/></sheets></workbook>'
)
WORKBOOK_RELS = (
    f'<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="{PKG_REL_NS}">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
    'worksheet" Target="worksheets/sheet1.xml"/>'
    '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
    'sharedStrings" Target="sharedStrings.xml"/></Relationships>'
)


def _chunked(parts: Iterable[str]) -> Iterable[bytes]:
    buffer, size = [], 0
    for part in parts:
        buffer.append(part)
        size += len(part)
        if size >= CHUNK:
            yield "".join(buffer).encode()
            buffer, size = [], 0
    if buffer:
        yield "".join(buffer).encode()


def inline(ref: str, text: str) -> str:
    return f'<c r="{ref}" t="inlineStr"><is><t>{text}</t></is></c>'


def header_row(row: int = 1) -> str:
    cells = "".join(inline(f"{letter}{row}", name) for letter, name in zip("ABCD", HEADER, strict=True))
    return f'<row r="{row}">{cells}</row>'


def xlsx(sheet_rows: Iterable[str], *, dimension: str | None = None, strings: Iterable[str] = ()) -> bytes:
    """An XLSX whose only sheet holds ``sheet_rows`` (``<row>`` elements) and whose shared-strings part
    holds ``strings`` (``<si>`` elements); both parts are streamed into the zip."""
    output = io.BytesIO()
    with zipfile.ZipFile(output, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as archive:
        archive.writestr("[Content_Types].xml", CONTENT_TYPES)
        archive.writestr("_rels/.rels", ROOT_RELS)
        archive.writestr("xl/workbook.xml", WORKBOOK)
        archive.writestr("xl/_rels/workbook.xml.rels", WORKBOOK_RELS)
        with archive.open("xl/sharedStrings.xml", "w", force_zip64=True) as part:
            opening = f'<?xml version="1.0" encoding="UTF-8"?><sst xmlns="{MAIN_NS}">'
            for chunk in _chunked(itertools.chain([opening], strings)):
                part.write(chunk)
            part.write(b"</sst>")
        opening = f'<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="{MAIN_NS}">'
        if dimension:
            opening += f'<dimension ref="{dimension}"/>'
        with archive.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as part:
            for chunk in _chunked(itertools.chain([opening, "<sheetData>"], sheet_rows)):
                part.write(chunk)
            part.write(b"</sheetData></worksheet>")
    return output.getvalue()


def padding_bomb(rows: int = 30_000, *, data_row: str = "") -> bytes:
    """The finding: a header, then ``rows`` rows each holding one empty cell in column XFD (the last of
    16,384), and a dimension claiming A1:XFD<rows + 1>. About 160 KB; a reader that pads every row to
    the dimension builds rows x 16,384 cells."""
    body = (f'<row r="{n}"><c r="XFD{n}"/></row>' for n in range(2 + bool(data_row), rows + 2))
    return xlsx(itertools.chain([header_row(), data_row], body), dimension=f"A1:XFD{rows + 1}")


def wide_row_bomb(cells: int = 2_000_000) -> bytes:
    """One row of two million empty cells without coordinates: no dimension to distrust, 8 MB of XML."""
    return xlsx([header_row(), '<row r="2">', "<c/>" * cells, "</row>"])


def long_sheet(rows: int) -> bytes:
    """A header and ``rows`` filled rows (each row a different person, all in the same unit)."""
    body = (
        f'<row r="{n}">{inline(f"A{n}", f"1985031420100310{n % 100:02d}")}{inline(f"B{n}", f"Pegawai {n}")}'
        f"{inline(f'C{n}', 'PNS')}{inline(f'D{n}', 'Dinas Pendidikan')}</row>"
        for n in range(2, rows + 2)
    )
    return xlsx(itertools.chain([header_row()], body))


def strings_bomb(megabytes: int) -> bytes:
    """A normal little sheet, but a shared-strings part of ``megabytes`` MB of distinct two-letter strings."""
    count = megabytes * (1 << 20) // len("<si><t>ab</t></si>")
    letters = "abcdefghijklmnopqrstuvwxyz"
    strings = (f"<si><t>{letters[i % 26]}{letters[i // 26 % 26]}</t></si>" for i in range(count))
    return xlsx([header_row()], strings=strings)


def sheet_bomb(megabytes: int) -> bytes:
    """A sheet part of ``megabytes`` MB: a header, then rows of empty cells (each row 4,096 cells)."""
    row = "<c/>" * 4096
    count = megabytes * (1 << 20) // (len(row) + len('<row r="1000000"></row>'))
    return xlsx(itertools.chain([header_row()], (f'<row r="{n}">{row}</row>' for n in range(2, count + 2))))


def comma_line_csv(megabytes: int = 29) -> bytes:
    """A valid header and row, then one line of ``megabytes`` MB of commas: ~30 million empty fields."""
    head = "NIP,Nama,Jenis Kepegawaian,Unit Kerja\n198503142010031001,Budi,PNS,Dinas Pendidikan\n"
    return head.encode() + b"," * (megabytes * (1 << 20)) + b"\n"


def many_rows_csv(rows: int = 3_000_000) -> bytes:
    """A header, then ``rows`` tiny rows ("1,2"): millions of rows within the upload limit."""
    return b"NIP,Nama,Jenis Kepegawaian,Unit Kerja\n" + b"1,2\n" * rows
