"""Reading a roster file (CSV or XLSX) into rows keyed by our field names. No database access.

The reader finds the header row itself (title rows above it are skipped), maps Indonesian and
English column names to fields, and raises :class:`RosterFileError` with a message the uploader can
act on when the file as a whole cannot be read.
"""

import codecs
import csv
import itertools
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

from django.conf import settings
from django.utils.translation import gettext as _

HEADER_SCAN_ROWS = 30
MIN_HEADER_MATCHES = 2

# A file's shape is checked while it is read, before anything large is built from it: a region has fewer
# than 100,000 ASN (settings.ROSTER_MAX_ROWS) and the roster about 20 columns, but a 30 MB upload can
# describe billions of cells. What lies beyond these bounds is refused whole, with a message.
MAX_COLUMNS = 100  # columns read; content further right refuses the file
EXCEL_MAX_ROWS = 1_048_576  # rows (empty ones included) no spreadsheet program can hold more of
EXCEL_MAX_COLUMNS = 16_384
MAX_CSV_RECORD_LENGTH = 64 * 1024  # one CSV row, in bytes (characters in UTF-16), quoted line breaks included
UTF8_CHECK_CHUNK = 1024 * 1024

# field -> accepted header names (compared after _header_key()).
FIELD_ALIASES: dict[str, tuple[str, ...]] = {
    "nip": ("nip", "nip ni pppk", "ni pppk", "nip nipppk", "nomor induk pegawai", "nip baru", "nip pegawai"),
    "name": ("nama", "name", "nama lengkap", "nama pegawai", "nama asn", "full name", "nama tanpa gelar"),
    "front_title": ("gelar depan", "front title", "title front", "gelar dpn"),
    "back_title": ("gelar belakang", "back title", "title back", "gelar blkg"),
    "employment_type": (
        "jenis kepegawaian",
        "status",
        "status kepegawaian",
        "status pegawai",
        "jenis pegawai",
        "employment type",
        "employment status",
    ),
    "rank": ("golongan", "pangkat golongan", "pangkat gol", "gol", "gol ruang", "golongan ruang", "rank", "grade"),
    "position": ("jabatan", "nama jabatan", "position", "job title"),
    "position_kind": ("jenis jabatan", "position kind", "position type", "kategori jabatan"),
    "work_unit": (
        "unit kerja",
        "nama unit kerja",
        "opd",
        "nama opd",
        "perangkat daerah",
        "satuan kerja",
        "skpd",
        "work unit",
    ),
    "work_unit_code": ("kode unit", "kode unit kerja", "kode opd", "kode skpd", "work unit code", "unit code"),
    "email": ("email", "e mail", "surel", "alamat email", "email address"),
    "phone": ("telepon", "no hp", "nomor hp", "no telepon", "nomor telepon", "hp", "no wa", "whatsapp", "phone"),
    "tukin": (
        "tunjangan kinerja",
        "tpp",
        "tukin",
        "tunjangan kinerja per bulan",
        "tpp per bulan",
        "performance allowance",
        "monthly allowance",
    ),
}
ALIAS_TO_FIELD = {alias: name for name, aliases in FIELD_ALIASES.items() for alias in aliases}
REQUIRED_FIELDS = ("nip", "name", "employment_type", "work_unit")


def field_label(name: str) -> str:
    """The Indonesian column name we suggest for a field (the first alias, title-cased)."""
    labels = {
        "nip": "NIP",
        "name": "Nama",
        "front_title": "Gelar Depan",
        "back_title": "Gelar Belakang",
        "employment_type": "Jenis Kepegawaian",
        "rank": "Golongan",
        "position": "Jabatan",
        "position_kind": "Jenis Jabatan",
        "work_unit": "Unit Kerja",
        "work_unit_code": "Kode Unit",
        "email": "Email",
        "phone": "Telepon",
        "tukin": "Tunjangan Kinerja",
    }
    return labels[name]


class RosterFileError(Exception):
    """The file as a whole cannot be used; ``message`` says why and what to do."""

    def __init__(self, message: str, *, row: int | None = None, column: str = ""):
        super().__init__(message)
        self.message = message
        self.row = row
        self.column = column

    def as_error(self) -> dict:
        return {"row": self.row, "column": self.column, "message": self.message}


class RosterFileTooLarge(RosterFileError):
    """The file's size or shape is beyond any roster: refused whole, without trying its other sheets."""


def too_many_rows(limit: int) -> str:
    return _(
        "Berkas memuat lebih dari %(max)s baris data, melebihi batas satu kali impor. Bagi roster menjadi beberapa "
        "berkas berisi paling banyak %(max)s baris, lalu unggah satu per satu."
    ) % {"max": limit}


def too_many_lines() -> str:
    return _(
        "Berkas memuat lebih dari %(max)s baris (baris kosong ikut dihitung), melebihi batas Excel. Salin hanya "
        "baris yang berisi data ke berkas baru, lalu unggah lagi."
    ) % {"max": EXCEL_MAX_ROWS}


def content_beyond_columns(row: int, column: int) -> str:
    return _(
        "Baris %(row)s berisi data di kolom ke-%(column)s, padahal roster dibaca sampai kolom ke-%(max)s saja. "
        "Hapus kolom yang tidak dipakai di sebelah kanan, lalu unggah lagi."
    ) % {"row": row, "column": column, "max": MAX_COLUMNS}


@dataclass
class RosterTable:
    """Rows as {field: cell value}; ``labels`` maps field → the column name used in the file."""

    header_row: int
    labels: dict[str, str]
    rows: list[tuple[int, dict]]
    ignored_columns: list[str] = field(default_factory=list)


def _header_key(value) -> str:
    text = str(value or "").strip().lower().replace("_", " ")
    return " ".join(re.sub(r"[^0-9a-z]+", " ", text).split())


def _match_header(cells) -> dict[int, str]:
    """{column index: field} for the cells that are known column names."""
    found = {}
    for index, cell in enumerate(cells):
        name = ALIAS_TO_FIELD.get(_header_key(cell))
        if name is not None:
            found[index] = name
    return found


def _has_content(cells) -> bool:
    return any(str(c or "").strip() for c in cells)


def _build_table(rows: Iterable[tuple[int, list]]) -> RosterTable:
    """Find the header among the first rows, check the columns, and key the data rows by field.

    ``rows`` streams (row number, cells); rows without content may be left out. Only the mapped cells of a
    data row are kept, and one data row more than ``settings.ROSTER_MAX_ROWS`` refuses the file.
    """
    rows = iter(rows)
    head, below = [], []
    for row in rows:
        if row[0] > HEADER_SCAN_ROWS:
            below.append(row)  # the first row below the scanned ones: read again with the rest
            break
        head.append(row)
    rest = itertools.chain(below, rows)
    header_at, mapping, header_cells = None, {}, []
    for row_no, cells in head:
        found = _match_header(cells)
        if len(found) >= MIN_HEADER_MATCHES and len(found) > len(mapping):
            header_at, mapping, header_cells = row_no, found, cells
            if len(found) >= len(REQUIRED_FIELDS):
                break
    if header_at is None:
        if not any(_has_content(cells) for _row_no, cells in itertools.chain(head, rest)):
            raise RosterFileError(_("Berkas kosong: tidak ada judul kolom maupun data."))
        raise RosterFileError(
            _(
                "Baris judul kolom tidak ditemukan di %(count)s baris pertama. Baris judul harus memuat "
                "kolom %(required)s."
            )
            % {"count": HEADER_SCAN_ROWS, "required": ", ".join(field_label(f) for f in REQUIRED_FIELDS)},
        )
    labels: dict[str, str] = {}
    for index, name in mapping.items():
        label = str(header_cells[index]).strip()
        if name in labels:
            raise RosterFileError(
                _("Kolom “%(first)s” dan “%(second)s” sama-sama berarti %(field)s; hapus salah satunya.")
                % {"first": labels[name], "second": label, "field": field_label(name)},
                row=header_at,
            )
        labels[name] = label
    ignored = [str(c).strip() for i, c in enumerate(header_cells) if i not in mapping and str(c or "").strip()]
    missing = [f for f in REQUIRED_FIELDS if f not in labels]
    if missing == ["work_unit"] and "work_unit_code" in labels:
        missing = []  # a unit code alone is enough when every unit already exists (checked per row)
    if missing:
        message = _("Kolom wajib tidak ditemukan: %(missing)s.") % {
            "missing": ", ".join(field_label(f) for f in missing)
        }
        if ignored:
            message += " " + _("Kolom yang tidak dikenali: %(columns)s. Apakah ada kolom yang diganti namanya?") % {
                "columns": ", ".join(f"“{c}”" for c in ignored)
            }
        raise RosterFileError(message, row=header_at)
    max_rows = settings.ROSTER_MAX_ROWS
    data_rows = []
    for row_no, cells in itertools.chain((row for row in head if row[0] > header_at), rest):
        values = {name: cells[index] if index < len(cells) else None for index, name in mapping.items()}
        if any(v is not None and str(v).strip() for v in values.values()):
            if len(data_rows) == max_rows:
                raise RosterFileTooLarge(too_many_rows(max_rows), row=row_no)
            data_rows.append((row_no, values))
    if not data_rows:
        raise RosterFileError(_("Berkas tidak berisi data pegawai: hanya ada baris judul kolom."))
    return RosterTable(header_row=header_at, labels=labels, rows=data_rows, ignored_columns=ignored)


# --- CSV -------------------------------------------------------------------------------------------


def _check_utf8(data: bytes, start: int) -> None:
    """Refuse a file that is not UTF-8, naming the line; decoded a chunk at a time, nothing kept."""
    position = start
    while position < len(data):
        end = position + UTF8_CHECK_CHUNK
        try:
            _text, used = codecs.utf_8_decode(data[position:end], "strict", end >= len(data))
        except UnicodeDecodeError as exc:
            line = data[: position + exc.start].count(b"\n") + 1
            raise RosterFileError(
                _(
                    "Berkas tidak tersimpan dalam encoding UTF-8 (karakter tidak sah di baris %(line)s). "
                    "Di Excel pilih Simpan Sebagai → “CSV UTF-8 (Comma delimited)”, lalu unggah lagi."
                )
                % {"line": line},
                row=line,
            ) from None
        position += used


class _Lines:
    """The file's lines for csv.reader (line endings kept, as a file opened with newline=""), decoded one at
    a time. ``row`` is the row being read; the reader resets ``record_length`` after each row, so a row — one
    line, or several when a quoted cell holds line breaks — longer than MAX_CSV_RECORD_LENGTH is refused
    before it is decoded or split into cells."""

    LINE_END_BYTES = re.compile(rb"\r\n?|\n")
    LINE_END_TEXT = re.compile(r"\r\n?|\n")

    def __init__(self, data: bytes | str, start: int = 0):
        self.data, self.position = data, start
        self.line_end = self.LINE_END_BYTES if isinstance(data, bytes) else self.LINE_END_TEXT
        self.row, self.record_length = 1, 0

    def __iter__(self):
        return self

    def __next__(self) -> str:
        if self.position >= len(self.data):
            raise StopIteration
        found = self.line_end.search(self.data, self.position)
        end = found.end() if found else len(self.data)
        self.record_length += end - self.position
        if self.record_length > MAX_CSV_RECORD_LENGTH:
            raise RosterFileTooLarge(
                _(
                    "Baris %(row)s terlalu panjang (lebih dari %(max)s KB). Periksa tanda kutip yang tidak ditutup, "
                    "atau simpan ulang dari Excel sebagai “CSV UTF-8”, lalu unggah lagi."
                )
                % {"row": self.row, "max": MAX_CSV_RECORD_LENGTH // 1024},
                row=self.row,
            )
        line = self.data[self.position : end]
        self.position = end
        return line.decode("utf-8") if isinstance(line, bytes) else line


def _choose_delimiter(data: bytes | str, start: int) -> str:
    """The delimiter (comma, semicolon or tab) that yields the best header among the first lines."""
    lines = _Lines(data, start)
    sample_lines = []
    for line in itertools.islice(lines, HEADER_SCAN_ROWS):
        sample_lines.append(line.rstrip("\r\n"))
        lines.row, lines.record_length = lines.row + 1, 0
    best, best_score = None, -1
    for delimiter in (",", ";", "\t"):
        sample = list(csv.reader(sample_lines, delimiter=delimiter))
        score = max((len(_match_header(cells)) for cells in sample), default=0)
        if score > best_score:
            best, best_score = delimiter, score
    if best_score == 0:  # no header among the first rows: split where the file most likely does
        best = max((",", ";", "\t"), key=lambda d: sum(line.count(d) for line in sample_lines))
    return best


def _csv_rows(data: bytes | str, start: int, delimiter: str) -> Iterator[tuple[int, list[str]]]:
    """(row number, cells) for each row with content, read lazily: at most MAX_COLUMNS cells are kept."""
    lines = _Lines(data, start)
    reader = csv.reader(lines, delimiter=delimiter, strict=False)
    for row_no in itertools.count(1):
        lines.row, lines.record_length = row_no, 0
        try:
            cells = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            raise RosterFileError(_("Berkas CSV tidak dapat dibaca: %(error)s") % {"error": exc}) from None
        if row_no > EXCEL_MAX_ROWS:
            raise RosterFileTooLarge(too_many_lines())
        if len(cells) > MAX_COLUMNS:
            beyond = next((i for i, c in enumerate(cells[MAX_COLUMNS:], MAX_COLUMNS + 1) if c.strip()), None)
            if beyond is not None:
                raise RosterFileTooLarge(content_beyond_columns(row_no, beyond), row=row_no)
            del cells[MAX_COLUMNS:]  # trailing empty cells: a spreadsheet's stray delimiters
        if any(cells):
            yield row_no, cells


NOT_SPACE = {bytes: re.compile(rb"\S"), str: re.compile(r"\S")}


def read_csv(data: bytes) -> RosterTable:
    if b"\x00" in data[:4096] and not data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise RosterFileError(_("Berkas ini bukan CSV (berisi data biner). Unggah berkas .csv atau .xlsx."))
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        text, start = data.decode("utf-16"), 0  # Excel's "Unicode Text" export; its BOM makes this safe to detect
    else:  # read as bytes, a line at a time: the whole file is never copied into one string
        text, start = data, len(codecs.BOM_UTF8) if data.startswith(codecs.BOM_UTF8) else 0
        _check_utf8(data, start)
    if not NOT_SPACE[type(text)].search(text, start):
        raise RosterFileError(_("Berkas kosong: tidak ada judul kolom maupun data."))
    return _build_table(_csv_rows(text, start, _choose_delimiter(text, start)))


# --- XLSX ------------------------------------------------------------------------------------------


def read_xlsx(data: bytes) -> RosterTable:
    from .roster_xlsx import XlsxBook

    try:
        book = XlsxBook(data)
    except RosterFileError:
        raise
    except Exception:  # a damaged or foreign zip surfaces as any of a dozen exception types
        raise RosterFileError(
            _("Berkas .xlsx rusak atau bukan berkas Excel. Simpan ulang dari Excel sebagai .xlsx, lalu unggah lagi.")
        ) from None
    with book:
        first_error = None
        for _title, rows in book.sheets():
            try:
                return _build_table(rows)
            except RosterFileTooLarge:
                raise
            except RosterFileError as exc:
                first_error = first_error or exc  # try the next sheet: the roster may not be the first one
        raise first_error or RosterFileError(_("Berkas kosong: tidak ada judul kolom maupun data."))


# --- dispatch --------------------------------------------------------------------------------------

OLD_FORMATS = (".xls", ".ods", ".numbers")


def read_roster(data: bytes, filename: str) -> RosterTable:
    """Read a roster file by its content (with the name as a hint); raise RosterFileError if unusable."""
    name = filename.lower()
    if not data:
        raise RosterFileError(_("Berkas kosong (0 byte)."))
    if len(data) > settings.ROSTER_MAX_UPLOAD_BYTES:  # the page checks this too; a command or a task may not
        raise RosterFileTooLarge(
            _("Berkas terlalu besar (maksimal %(mb)s MB).") % {"mb": settings.ROSTER_MAX_UPLOAD_BYTES // (1024 * 1024)}
        )
    if data.startswith(b"\xd0\xcf\x11\xe0") or name.endswith(OLD_FORMATS):
        raise RosterFileError(
            _("Format lama (.xls/.ods) tidak didukung. Simpan sebagai .xlsx atau “CSV UTF-8”, lalu unggah lagi.")
        )
    if data.startswith(b"PK\x03\x04"):
        return read_xlsx(data)
    if name.endswith(".xlsx"):
        raise RosterFileError(_("Berkas bernama .xlsx tetapi isinya bukan berkas Excel. Simpan ulang dari Excel."))
    if data.startswith(b"%PDF") or not (name.endswith((".csv", ".txt")) or name == ""):
        raise RosterFileError(_("Berkas harus CSV atau XLSX (Excel); “%(name)s” bukan keduanya.") % {"name": filename})
    return read_csv(data)


# --- cells -> clean values -------------------------------------------------------------------------

MAX_LENGTHS = {
    "name": 150,
    "front_title": 40,
    "back_title": 80,
    "position": 200,
    "work_unit": 200,
    "work_unit_code": 40,
    "email": 254,
    "phone": 30,
}
EMPLOYMENT_TYPES = {"PNS": "PNS", "CPNS": "CPNS", "PPPK": "PPPK", "P3K": "PPPK", "PPPKPARUHWAKTU": "PPPK"}
POSITION_KINDS = {
    "jpt utama": "jpt_utama",
    "pimpinan tinggi utama": "jpt_utama",
    "jpt madya": "jpt_madya",
    "pimpinan tinggi madya": "jpt_madya",
    "jpt pratama": "jpt_pratama",
    "pimpinan tinggi pratama": "jpt_pratama",
    "administrator": "administrator",
    "pengawas": "pengawas",
    "fungsional": "fungsional",
    "fungsional tertentu": "fungsional",
    "jf": "fungsional",
    "jft": "fungsional",
    "pelaksana": "pelaksana",
    "fungsional umum": "pelaksana",
    "jfu": "pelaksana",
}
SCIENTIFIC_RE = re.compile(r"^\d+(?:[.,]\d+)?[eE][+-]?\d+$")
RANK_IN_TEXT_RE = re.compile(r"\b(IV|III|II|I)\s*/\s*([a-eA-E])\b")
TUKIN_MAX = 1_000_000_000


class CellError(ValueError):
    """A cell's value is unusable; the message is shown next to the row and column."""


def cell_text(value) -> str:
    """A cell as trimmed text with inner whitespace collapsed; integral floats lose their '.0'."""
    if value.__class__ is str:
        return " ".join(value.split())
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if hasattr(value, "isoformat"):
        value = value.isoformat()
    return " ".join(str(value).split())


def clean_nip_text(value) -> str:
    """The NIP as typed, refusing what Excel has already damaged (a number or scientific notation)."""
    if isinstance(value, int | float) and not isinstance(value, bool):
        raise CellError(
            _(
                "NIP tersimpan sebagai angka (%(value)s), sehingga Excel bisa menghilangkan digit terakhirnya. "
                "Format kolom NIP sebagai Teks, ketik ulang NIP-nya, lalu unggah lagi."
            )
            % {"value": cell_text(value)}
        )
    text = cell_text(value).lstrip("'’`")
    if SCIENTIFIC_RE.match(text):
        raise CellError(
            _(
                "NIP “%(value)s” tertulis dalam notasi ilmiah: Excel telah mengubahnya menjadi angka dan digit "
                "terakhirnya hilang. Format kolom NIP sebagai Teks, ketik ulang NIP-nya, lalu unggah lagi."
            )
            % {"value": text}
        )
    return text


def clean_employment_type(value) -> str:
    key = re.sub(r"[^0-9A-Z]", "", cell_text(value).upper())
    if key not in EMPLOYMENT_TYPES:
        raise CellError(
            _("Jenis kepegawaian harus PNS, CPNS atau PPPK, bukan “%(value)s”.") % {"value": cell_text(value)}
        )
    return EMPLOYMENT_TYPES[key]


def clean_rank(value, employment_type: str | None) -> str:
    from people.ranks import normalize_rank, rank_error

    text = cell_text(value)
    rank = normalize_rank(text)
    if employment_type is None or not rank_error(rank, employment_type):
        return rank
    found = RANK_IN_TEXT_RE.search(text)  # "Penata Muda (III/a)"
    if found and employment_type != "PPPK":
        return normalize_rank(f"{found.group(1)}/{found.group(2)}")
    raise CellError(rank_error(rank, employment_type))


def clean_position_kind(value) -> str:
    key = _header_key(value)
    key = key.removeprefix("jabatan ")
    if key not in POSITION_KINDS:
        raise CellError(
            _(
                "Jenis jabatan “%(value)s” tidak dikenal; isi salah satu: JPT Utama, JPT Madya, JPT Pratama, "
                "Administrator, Pengawas, Fungsional, Pelaksana."
            )
            % {"value": cell_text(value)}
        )
    return POSITION_KINDS[key]


def clean_email(value) -> str:
    from django.core.exceptions import ValidationError
    from django.core.validators import validate_email

    text = cell_text(value)
    try:
        validate_email(text)
    except ValidationError:
        raise CellError(_("Alamat email “%(value)s” tidak sah.") % {"value": text}) from None
    return text


def clean_phone(value) -> str:
    from django.core.exceptions import ValidationError

    from people.validators import parse_phone

    text = cell_text(value)
    if isinstance(value, int | float) and text.startswith("8"):
        text = "0" + text  # Excel drops the leading zero of 08xx numbers stored as numbers
    try:
        return parse_phone(text)
    except ValidationError as exc:
        raise CellError(" ".join(exc.messages)) from None


def clean_tukin(value) -> int:
    """'4.500.000', 'Rp 4.500.000,-', '4,500,000.00', 4500000 → 4500000 (core.money.parse_rupiah)."""
    from django.core.exceptions import ValidationError

    from core.money import parse_rupiah

    try:
        amount = parse_rupiah(value)
    except ValidationError as exc:
        raise CellError(_("Tunjangan kinerja: %(reason)s") % {"reason": " ".join(exc.messages)}) from None
    if amount > TUKIN_MAX:
        raise CellError(_("Tunjangan kinerja %(value)s tidak masuk akal.") % {"value": amount})
    return amount
