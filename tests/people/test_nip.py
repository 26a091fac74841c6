import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from people.nip import normalize_nip, parse_nip, validate_nip
from tests.factories import make_nip

VALID_PNS = "198503142010031001"  # born 14 Mar 1985, TMT Mar 2010, male, serial 001
VALID_PPPK = "199001012023211010"  # born 1 Jan 1990, appointed 2023, marker 2, F 1, male, serial 010


def error_code(raw, employment_type=None):
    with pytest.raises(ValidationError) as exc:
        parse_nip(raw, employment_type)
    return exc.value.code


def test_it_parses_a_valid_pns_nip():
    info = parse_nip(VALID_PNS)
    assert info.birth_date == dt.date(1985, 3, 14)
    assert (info.tmt_year, info.tmt_month) == (2010, 3)
    assert info.gender == "L"
    assert not info.is_pppk


def test_it_reads_a_female_nip():
    assert parse_nip("198503142010032001").gender == "P"


def test_it_rejects_a_bad_birth_date():
    assert error_code("198502302010031001") == "nip_birth_date"  # 30 February


def test_it_rejects_a_birth_year_before_1940():
    assert error_code("193001012010031001") == "nip_birth_year"


def test_it_rejects_tmt_month_13():
    assert error_code("198503142010131001", "PNS") == "nip_tmt_month"


def test_it_rejects_tmt_month_00():
    assert error_code("198503142010001001", "PNS") == "nip_tmt_month"


def test_it_rejects_gender_digit_3():
    assert error_code("198503142010033001", "PNS") == "nip_gender"


def test_it_rejects_tmt_long_before_the_18th_birthday():
    assert error_code("198503142002021001", "PNS") == "nip_tmt_too_early"


def test_it_accepts_tmt_in_the_month_of_the_18th_birthday():
    assert parse_nip("198503142003031001", "PNS").tmt_year == 2003


def _months_ahead(months: int) -> tuple[int, int]:
    today = dt.date.today()
    total = today.year * 12 + today.month - 1 + months
    return total // 12, total % 12 + 1


def test_it_accepts_a_tmt_up_to_twelve_months_ahead():
    """BKN issues a new CPNS/PPPK intake's NIPs months before their TMT."""
    year, month = _months_ahead(12)
    assert parse_nip(f"19950314{year}{month:02d}1001", "CPNS").tmt_year == year
    assert parse_nip(f"19950314{dt.date.today().year + 1}211001", "PPPK").is_pppk


def test_it_rejects_a_tmt_more_than_twelve_months_ahead():
    year, month = _months_ahead(13)
    assert error_code(f"19850314{year}{month:02d}1001", "PNS") == "nip_tmt_future"
    assert error_code(f"19850314{dt.date.today().year + 2}211001", "PPPK") == "nip_tmt_future"


def test_an_appointment_a_few_months_before_the_18th_birthday_is_a_warning():
    info = parse_nip("198503142002121001", "PNS")  # TMT 12/2002, 18th birthday 03/2003
    assert info.warnings and "18 tahun" in info.warnings[0]
    assert parse_nip("198503142003031001", "PNS").warnings == ()


def test_it_parses_the_pppk_layout():
    info = parse_nip(VALID_PPPK, "PPPK")
    assert info.is_pppk
    assert info.tmt_year == 2023
    assert info.tmt_month is None
    assert info.gender == "L"


def test_it_falls_back_to_the_pppk_layout_without_a_type():
    # "21" in the month position is not a month, but is the PPPK marker.
    assert parse_nip(VALID_PPPK).is_pppk


def test_it_rejects_a_pppk_number_without_the_marker():
    assert error_code("199001012023311010", "PPPK") == "nip_pppk_marker"
    assert error_code("199001012023201010", "PPPK") == "nip_pppk_marker"


def test_it_rejects_a_pppk_number_for_a_pns():
    assert error_code(VALID_PPPK, "PNS") == "nip_tmt_month"


@pytest.mark.parametrize(
    "raw",
    [
        "19850314 201003 1 001",
        "19850314.201003.1.001",
        "19850314-201003-1-001",
        " 198503142010031001 ",
        "198503142010031001.0",
    ],
)
def test_it_normalises_what_people_type(raw):
    assert normalize_nip(raw) == VALID_PNS
    assert parse_nip(raw).nip == VALID_PNS


def test_it_normalises_none_to_empty():
    assert normalize_nip(None) == ""


@pytest.mark.parametrize("raw", ["", "12345", "1985031420100310011", "19850314201003100A", None])
def test_it_rejects_anything_but_18_digits(raw):
    assert error_code(raw) == "nip_format"


def test_the_message_names_the_bad_part():
    with pytest.raises(ValidationError) as exc:
        parse_nip("198503142010131001", "PNS")
    assert "13" in exc.value.messages[0]


def test_validate_nip_accepts_factory_nips():
    for _ in range(5):
        validate_nip(make_nip())
    validate_nip(make_nip(pppk=True, tmt=(2023, 1)))
