"""Reading roster files: formats, headers, encodings and cell values (no database)."""

import pytest

from people.services import roster_parse as rp

from .conftest import csv_bytes, person, xlsx_bytes


def test_it_reads_semicolon_csv_with_bom_and_title_rows():
    data = csv_bytes([person()], bom=True, title_rows=[["DAFTAR PEGAWAI"], ["Keadaan Januari 2024"]])
    table = rp.read_roster(data, "roster.csv")
    assert table.header_row == 3
    assert [row_no for row_no, _cells in table.rows] == [4]
    assert table.rows[0][1]["name"] == "Budi Santoso"
    assert table.labels["employment_type"] == "Jenis Kepegawaian"


def test_it_reads_comma_csv_with_english_and_alias_headers():
    header = ["nip", "NAME", "Status", "Pangkat/Golongan", "OPD", "No HP", "TPP", "Catatan"]
    row = {
        "nip": "198503142010031001",
        "NAME": "Ani",
        "Status": "CPNS",
        "Pangkat/Golongan": "II/a",
        "OPD": "Badan Kepegawaian",
        "No HP": "0812",
        "TPP": "1,000,000",
        "Catatan": "x",
    }
    table = rp.read_roster(csv_bytes([row], header=header, delimiter=","), "r.csv")
    assert set(table.labels) == {"nip", "name", "employment_type", "rank", "work_unit", "phone", "tukin"}
    assert table.ignored_columns == ["Catatan"]


def test_it_reads_xlsx_with_title_rows_above_the_header():
    data = xlsx_bytes([person()], title_rows=[["PEMERINTAH KABUPATEN MUSI BANYUASIN"], [], ["Daftar ASN"]])
    table = rp.read_roster(data, "roster.xlsx")
    assert table.header_row == 4
    assert table.rows[0][0] == 5


def test_it_rejects_a_file_that_is_not_utf8():
    data = csv_bytes([person(Nama="José Ñúñez")], encoding="cp1252")
    with pytest.raises(rp.RosterFileError, match="UTF-8") as info:
        rp.read_roster(data, "roster.csv")
    assert "CSV UTF-8" in info.value.message
    assert info.value.row == 2


def test_it_accepts_utf16_text_export():
    data = csv_bytes([person(Nama="Ñoman")], delimiter="\t", encoding="utf-16")
    table = rp.read_roster(data, "roster.csv")
    assert table.rows[0][1]["name"] == "Ñoman"


@pytest.mark.parametrize("data", [b"", b"   \r\n\r\n", b";;;\n;;\n"])
def test_it_rejects_an_empty_file(data):
    with pytest.raises(rp.RosterFileError, match="kosong"):
        rp.read_roster(data, "roster.csv")


def test_it_rejects_a_header_without_data_rows():
    with pytest.raises(rp.RosterFileError, match="hanya ada baris judul"):
        rp.read_roster(csv_bytes([], header=["NIP", "Nama", "Status", "Unit Kerja"]), "roster.csv")


def test_it_names_missing_and_unrecognised_columns():
    header = ["Nomor Pegawai", "Nama", "Status", "Unit Kerja"]
    data = csv_bytes([{"Nomor Pegawai": "1", "Nama": "A", "Status": "PNS", "Unit Kerja": "X"}], header=header)
    with pytest.raises(rp.RosterFileError) as info:
        rp.read_roster(data, "roster.csv")
    assert "Kolom wajib tidak ditemukan: NIP" in info.value.message
    assert "“Nomor Pegawai”" in info.value.message


def test_it_says_when_no_header_row_is_found():
    data = b"foo;bar\n1;2\n"
    with pytest.raises(rp.RosterFileError, match="Baris judul kolom tidak ditemukan"):
        rp.read_roster(data, "roster.csv")


def test_it_rejects_two_columns_meaning_the_same_field():
    header = ["NIP", "Nama", "Status", "Jenis Kepegawaian", "Unit Kerja"]
    row = {"NIP": "1", "Nama": "A", "Status": "PNS", "Jenis Kepegawaian": "PNS", "Unit Kerja": "X"}
    with pytest.raises(rp.RosterFileError, match="sama-sama berarti"):
        rp.read_roster(csv_bytes([row], header=header), "roster.csv")


@pytest.mark.parametrize(
    ("data", "name", "message"),
    [
        (b"%PDF-1.7\n1 0 obj\n", "roster.pdf", "CSV atau XLSX"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 64, "roster.xls", "Format lama"),
        (b"NIP;Nama\n1;2\n", "roster.xlsx", "bukan berkas Excel"),
        (b"PK\x03\x04garbage", "roster.xlsx", "rusak"),
        (b"\x00\x01\x02binary\x00", "roster.csv", "bukan CSV"),
    ],
)
def test_it_rejects_files_that_are_not_csv_or_xlsx(data, name, message):
    with pytest.raises(rp.RosterFileError, match=message):
        rp.read_roster(data, name)


@pytest.mark.parametrize("value", [1.98503142010031e17, 198503142010031000])
def test_it_refuses_a_nip_excel_stored_as_a_number(value):
    with pytest.raises(rp.CellError, match="Format kolom NIP sebagai Teks"):
        rp.clean_nip_text(value)


@pytest.mark.parametrize("value", ["1,98503E+17", "1.98503E+17", "1E+17"])
def test_it_refuses_a_nip_in_scientific_notation(value):
    with pytest.raises(rp.CellError, match="notasi ilmiah"):
        rp.clean_nip_text(value)


def test_it_keeps_a_nip_typed_as_text():
    assert rp.clean_nip_text("'198503142010031001") == "198503142010031001"


@pytest.mark.parametrize(
    ("value", "amount"),
    [
        ("4.500.000", 4500000),
        ("Rp 4.500.000", 4500000),
        ("Rp4.500.000,-", 4500000),
        ("4,500,000.00", 4500000),
        ("4500000", 4500000),
        ("4.500.000,00", 4500000),
        (4500000, 4500000),
        (4500000.0, 4500000),
    ],
)
def test_it_reads_rupiah_amounts(value, amount):
    assert rp.clean_tukin(value) == amount


@pytest.mark.parametrize("value", ["empat juta", "4.50.000", "-100", "Rp"])
def test_it_rejects_bad_amounts(value):
    with pytest.raises(rp.CellError, match="Tunjangan kinerja"):
        rp.clean_tukin(value)


@pytest.mark.parametrize(("value", "expected"), [("pns", "PNS"), ("P3K", "PPPK"), ("PPPK Paruh Waktu", "PPPK")])
def test_it_normalises_employment_types(value, expected):
    assert rp.clean_employment_type(value) == expected


def test_it_reads_rank_inside_a_longer_text():
    assert rp.clean_rank("Penata Muda (III/a)", "PNS") == "III/a"
    assert rp.clean_rank("iiib", "CPNS") == "III/b"
    with pytest.raises(rp.CellError, match="Golongan PPPK"):
        rp.clean_rank("III/a", "PPPK")


def test_it_maps_position_kinds():
    assert rp.clean_position_kind("Jabatan Fungsional") == "fungsional"
    assert rp.clean_position_kind("JPT Pratama") == "jpt_pratama"
    assert rp.clean_position_kind("jpt_madya") == "jpt_madya"
    with pytest.raises(rp.CellError):
        rp.clean_position_kind("Kepala")


def test_it_restores_the_leading_zero_excel_drops_from_phone_numbers():
    assert rp.clean_phone(81234567890) == "081234567890"
