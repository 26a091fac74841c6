"""Reading a roster file (CSV or XLSX) into rows keyed by our field names. No database access.

The reader finds the header row itself (title rows above it are skipped), maps Indonesian and
English column names to fields, and raises :class:`RosterFileError` with a message the uploader can
act on when the file as a whole cannot be read.
"""

import csv
import io
import re
from dataclasses import dataclass, field

from django.utils.translation import gettext as _

HEADER_SCAN_ROWS = 30
MIN_HEADER_MATCHES = 2

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


def _build_table(raw_rows) -> RosterTable:
    """Find the header among the first rows, check the columns, and key the data rows by field."""
    header_at, mapping, header_cells = None, {}, []
    for position, cells in enumerate(raw_rows[:HEADER_SCAN_ROWS]):
        found = _match_header(cells)
        if len(found) >= MIN_HEADER_MATCHES and len(found) > len(mapping):
            header_at, mapping, header_cells = position, found, cells
            if len(found) >= len(REQUIRED_FIELDS):
                break
    if header_at is None:
        if not any(any(str(c or "").strip() for c in cells) for cells in raw_rows):
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
                row=header_at + 1,
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
        raise RosterFileError(message, row=header_at + 1)
    rows = []
    for position in range(header_at + 1, len(raw_rows)):
        cells = raw_rows[position]
        values = {name: cells[index] if index < len(cells) else None for index, name in mapping.items()}
        if any(v is not None and str(v).strip() for v in values.values()):
            rows.append((position + 1, values))
    if not rows:
        raise RosterFileError(_("Berkas tidak berisi data pegawai: hanya ada baris judul kolom."))
    return RosterTable(header_row=header_at + 1, labels=labels, rows=rows, ignored_columns=ignored)


# --- CSV -------------------------------------------------------------------------------------------


def _decode(data: bytes) -> str:
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16")  # Excel's "Unicode Text" export; its BOM makes this safe to detect
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise RosterFileError(
            _(
                "Berkas tidak tersimpan dalam encoding UTF-8 (karakter tidak sah di baris %(line)s). "
                "Di Excel pilih Simpan Sebagai → “CSV UTF-8 (Comma delimited)”, lalu unggah lagi."
            )
            % {"line": line},
            row=line,
        ) from None


def _read_csv_rows(text: str) -> list[list[str]]:
    """Parse with the delimiter (comma, semicolon or tab) that yields the best header."""
    best, best_score = None, -1
    sample_lines = text.splitlines()[:HEADER_SCAN_ROWS]
    for delimiter in (",", ";", "\t"):
        sample = list(csv.reader(sample_lines, delimiter=delimiter))
        score = max((len(_match_header(cells)) for cells in sample), default=0)
        if score > best_score:
            best, best_score = delimiter, score
    if best_score == 0:  # no header among the first rows: split where the file most likely does
        best = max((",", ";", "\t"), key=lambda d: sum(line.count(d) for line in sample_lines))
    try:
        return list(csv.reader(io.StringIO(text, newline=""), delimiter=best, strict=False))
    except csv.Error as exc:
        raise RosterFileError(_("Berkas CSV tidak dapat dibaca: %(error)s") % {"error": exc}) from None


def read_csv(data: bytes) -> RosterTable:
    if b"\x00" in data[:4096] and not data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise RosterFileError(_("Berkas ini bukan CSV (berisi data biner). Unggah berkas .csv atau .xlsx."))
    text = _decode(data)
    if not text.strip():
        raise RosterFileError(_("Berkas kosong: tidak ada judul kolom maupun data."))
    rows = _read_csv_rows(text)
    return _build_table(rows)


# --- XLSX ------------------------------------------------------------------------------------------


def read_xlsx(data: bytes) -> RosterTable:
    from openpyxl import load_workbook

    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception:  # a damaged or foreign zip surfaces as any of a dozen exception types
        raise RosterFileError(
            _("Berkas .xlsx rusak atau bukan berkas Excel. Simpan ulang dari Excel sebagai .xlsx, lalu unggah lagi.")
        ) from None
    try:
        first_error = None
        for sheet in workbook.worksheets:
            try:
                rows = [list(r) for r in sheet.iter_rows(values_only=True)]
            except Exception:  # a damaged sheet inside a valid zip
                raise RosterFileError(
                    _("Lembar “%(sheet)s” rusak dan tidak dapat dibaca. Simpan ulang dari Excel sebagai .xlsx.")
                    % {"sheet": sheet.title}
                ) from None
            try:
                return _build_table(rows)
            except RosterFileError as exc:
                first_error = first_error or exc  # try the next sheet: the roster may not be the first one
        raise first_error or RosterFileError(_("Berkas kosong: tidak ada judul kolom maupun data."))
    finally:
        workbook.close()


# --- dispatch --------------------------------------------------------------------------------------

OLD_FORMATS = (".xls", ".ods", ".numbers")


def read_roster(data: bytes, filename: str) -> RosterTable:
    """Read a roster file by its content (with the name as a hint); raise RosterFileError if unusable."""
    name = filename.lower()
    if not data:
        raise RosterFileError(_("Berkas kosong (0 byte)."))
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
PHONE_RE = re.compile(r"^\+?[0-9()\-\s./]{6,30}$")
TUKIN_FORMS = (
    (re.compile(r"^\d{1,3}(?:\.\d{3})+(?:,\d{1,2})?$"), "."),  # 4.500.000 or 4.500.000,00
    (re.compile(r"^\d{1,3}(?:,\d{3})+(?:\.\d{1,2})?$"), ","),  # 4,500,000.00
    (re.compile(r"^\d+(?:[.,]\d{1,2})?$"), ""),  # 4500000 or 4500000,00
)
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
    text = cell_text(value)
    if isinstance(value, int | float) and text.startswith("8"):
        text = "0" + text  # Excel drops the leading zero of 08xx numbers stored as numbers
    if not PHONE_RE.match(text):
        raise CellError(_("Nomor telepon “%(value)s” tidak sah.") % {"value": text})
    return text


def clean_tukin(value) -> int:
    """'4.500.000', 'Rp 4.500.000,-', '4,500,000.00', 4500000 → 4500000."""
    if isinstance(value, int | float) and not isinstance(value, bool):
        amount = int(value)
    else:
        raw = cell_text(value)
        text = re.sub(r"(?i)^rp\.?", "", raw.replace(" ", "")).removesuffix(",-").removesuffix(".-")
        for pattern, thousands in TUKIN_FORMS:
            if pattern.match(text):
                if thousands:
                    text = text.replace(thousands, "")
                amount = int(re.split(r"[.,]", text)[0])
                break
        else:
            raise CellError(
                _("Tunjangan kinerja “%(value)s” bukan nominal rupiah (contoh: 4500000 atau Rp 4.500.000).")
                % {"value": raw}
            )
    if amount < 0 or amount > TUKIN_MAX:
        raise CellError(_("Tunjangan kinerja %(value)s tidak masuk akal.") % {"value": amount})
    return amount
