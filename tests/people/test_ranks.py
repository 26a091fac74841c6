import pytest

from people.ranks import normalize_rank, rank_error


@pytest.mark.parametrize(
    ("raw", "expected"),
    [("iii/a", "III/a"), ("III / A", "III/a"), ("IIIa", "III/a"), ("iv-e", "IV/e"), ("ix", "IX"), ("", ""), (None, "")],
)
def test_it_normalises_ranks(raw, expected):
    assert normalize_rank(raw) == expected


@pytest.mark.parametrize("rank", ["I/a", "II/d", "III/c", "IV/e"])
def test_it_accepts_pns_ranks(rank):
    assert rank_error(rank, "PNS") is None
    assert rank_error(rank, "CPNS") is None


@pytest.mark.parametrize("rank", ["I", "IX", "XVII"])
def test_it_accepts_pppk_ranks(rank):
    assert rank_error(rank, "PPPK") is None


def test_it_rejects_a_pppk_rank_for_a_pns():
    assert "I/a" in str(rank_error("IX", "PNS"))


def test_it_rejects_a_pns_rank_for_a_pppk():
    assert "XVII" in str(rank_error("III/a", "PPPK"))


def test_it_rejects_iv_f_and_xviii():
    assert rank_error("IV/f", "PNS") is not None
    assert rank_error("XVIII", "PPPK") is not None


def test_an_empty_rank_is_allowed():
    assert rank_error("", "PNS") is None
