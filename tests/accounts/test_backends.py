import pytest

from people.backends import axes_username, find_user_by_login
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_an_exact_username_wins_over_a_case_variant(db):
    upper = UserFactory(username="Rina")
    lower = UserFactory(username="rina")
    assert find_user_by_login("Rina") == upper
    assert find_user_by_login("rina") == lower
    assert find_user_by_login("RINA") is None  # two candidates: refuse to guess


def test_a_nip_finds_the_linked_account(asn_a):
    nip = asn_a.employee.nip
    assert find_user_by_login(f" {nip[:8]}.{nip[8:]} ") == asn_a


def test_blank_and_unknown_logins_find_nobody(db):
    assert find_user_by_login("") is None
    assert find_user_by_login("   ") is None
    assert find_user_by_login("nobody@example.go.id") is None
    assert find_user_by_login("12345") is None


def test_the_axes_key_is_the_same_for_every_form_of_one_login(asn_a):
    nip = asn_a.employee.nip
    keys = {axes_username(None, {"username": login}) for login in ["bob", "BOB ", "bob@example.go.id", nip]}
    assert keys == {"bob"}


def test_the_axes_key_of_an_unknown_nip_ignores_how_it_was_typed(db):
    assert axes_username(None, {"username": "19850314 201003 1 001"}) == "198503142010031001"
    assert axes_username(None, {"username": "Nobody"}) == "nobody"
