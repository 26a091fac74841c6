import pytest
from django.urls import NoReverseMatch, reverse

from core.capabilities import all_capabilities
from dashboard.menu import ACCOUNT_MENU, ASN, AUTHENTICATED, MenuEntry, main_menu_entries, menu_for

MAIN_MENU = tuple(main_menu_entries())


@pytest.mark.parametrize("entry", MAIN_MENU + ACCOUNT_MENU, ids=lambda e: e.url_name)
def test_every_menu_entry_reverses(entry):
    # Until every app is wired in, the menu leaves unroutable entries out; this test says which.
    try:
        reverse(entry.url_name)
    except NoReverseMatch:
        pytest.fail(f"menu entry {entry.url_name!r} has no URL pattern")


@pytest.mark.parametrize("entry", MAIN_MENU + ACCOUNT_MENU, ids=lambda e: e.url_name)
def test_every_menu_requirement_is_a_known_capability(entry):
    known = set(all_capabilities()) | {ASN, AUTHENTICATED}
    assert entry.requires in known


def test_it_filters_entries_by_capability(bkd_a):
    entries = (
        MenuEntry(AUTHENTICATED, "home", "Beranda"),
        MenuEntry("roster.import", "home", "Impor"),
        MenuEntry("audit.view", "home", "Audit"),
        MenuEntry(ASN, "home", "Profil"),
    )
    labels = [item["label"] for item in menu_for(entries, user=bkd_a, caps={"roster.import"})]
    assert labels == ["Beranda", "Impor"]


def test_it_shows_asn_entries_only_to_a_linked_employee(asn_a):
    entries = (MenuEntry(ASN, "home", "Profil"),)
    assert [item["label"] for item in menu_for(entries, user=asn_a, caps=set())] == ["Profil"]


def test_it_shows_nothing_to_an_anonymous_user():
    from django.contrib.auth.models import AnonymousUser

    assert menu_for((MenuEntry(AUTHENTICATED, "home", "Beranda"),), user=AnonymousUser(), caps=set()) == []


def test_it_leaves_out_an_entry_whose_page_is_not_routed(bkd_a):
    entries = (MenuEntry(AUTHENTICATED, "no_such_page_name", "X"), MenuEntry(AUTHENTICATED, "home", "Beranda"))
    assert [item["url"] for item in menu_for(entries, user=bkd_a, caps=set())] == ["/"]


def test_it_marks_the_current_page_active(bkd_a):
    items = menu_for((MenuEntry(AUTHENTICATED, "home", "Beranda"),), user=bkd_a, caps=set(), current_path="/")
    assert items[0]["active"] is True
