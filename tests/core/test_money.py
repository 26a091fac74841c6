import pytest
from django.core.exceptions import ValidationError

from core.money import format_rupiah, parse_rupiah


@pytest.mark.parametrize(
    ("text", "amount"),
    [("4500000", 4_500_000), ("4.500.000", 4_500_000), ("Rp 4.500.000,-", 4_500_000), ("Rp. 4.500.000,00", 4_500_000),
     ("4,500,000.00", 4_500_000), (4500000, 4_500_000), ("1.234.500", 1_234_500)],
)  # fmt: skip
def test_it_reads_how_people_write_rupiah(text, amount):
    assert parse_rupiah(text) == amount


@pytest.mark.parametrize("text", ["empat juta", "4.50.000", "-100", "", "Rp"])
def test_it_refuses_what_is_not_an_amount(text):
    with pytest.raises(ValidationError):
        parse_rupiah(text)


def test_it_writes_indonesian_style():
    assert format_rupiah(1_234_500) == "Rp 1.234.500"
    assert format_rupiah(0) == "Rp 0"
    assert format_rupiah(None) == "—"
