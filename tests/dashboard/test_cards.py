"""Home-page cards come from the apps (core.ui.card), shown by capability, hidden when they have nothing."""

import pytest
from django.urls import reverse

from core import ui

pytestmark = pytest.mark.django_db


@pytest.fixture
def card_template(settings, tmp_path):
    (tmp_path / "testcards").mkdir()
    (tmp_path / "testcards" / "card.html").write_text('<div class="col" id="{{ card_key }}">{{ text }}</div>')
    engine = dict(settings.TEMPLATES[0])
    engine["DIRS"] = [tmp_path, *engine["DIRS"]]
    settings.TEMPLATES = [engine]


@pytest.fixture
def cards(card_template):
    registered = []

    def add(key, requires, context):
        registered.append(key)
        ui.card(key, requires, "testcards/card.html", context)

    yield add
    for key in registered:
        ui._cards.pop(key)


def test_a_card_shows_to_those_holding_its_capability(client, bkd_a, head_a, cards):
    cards("test.import", "roster.import", lambda user: {"text": f"untuk {user.username}"})
    client.force_login(bkd_a)
    assert 'id="test.import">untuk alice<' in client.get(reverse("home")).content.decode()
    client.force_login(head_a)
    assert 'id="test.import"' not in client.get(reverse("home")).content.decode()


def test_a_card_with_nothing_to_show_stays_hidden(client, bkd_a, cards):
    cards("test.empty", "roster.view", lambda user: None)
    client.force_login(bkd_a)
    assert 'id="test.empty"' not in client.get(reverse("home")).content.decode()


def test_an_asn_card_shows_on_the_asn_home(client, asn_a, cards):
    cards("test.asn", ui.ASN, lambda user: {"text": "pakta Anda"})
    client.force_login(asn_a)
    body = client.get(reverse("home")).content.decode()
    assert 'id="test.asn">pakta Anda<' in body and 'id="asn-next"' not in body


def test_a_role_without_a_home_page_of_its_own_gets_the_staff_page(client, region_a, monkeypatch):
    from core import capabilities
    from tests.factories import MembershipFactory

    monkeypatch.setitem(capabilities._roles, "tamu", capabilities.RoleSpec("tamu", "Tamu", 99))
    user = MembershipFactory(region=region_a, role="tamu").user
    client.force_login(user)
    assert "dashboard/home_staff.html" in [t.name for t in client.get(reverse("home")).templates]


def test_an_unknown_capability_on_a_card_is_an_error(cards):
    from core.capabilities import UnknownCapability

    cards("test.typo", "roster.veiw", lambda user: {})
    with pytest.raises(UnknownCapability):
        ui.cards()
