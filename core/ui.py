"""What each app contributes to the shared pages: main-menu entries and home-page cards.

Apps register them in ``AppConfig.ready()``; the dashboard app renders them, so a feature never edits
the dashboard's files (and nothing imports from the dashboard)::

    ui.menu_entry("apel.view", "ceremony_list", _("Apel"), icon="megaphone", order=30)
    ui.card("apel.upcoming", "apel.view", "pledges/cards/upcoming.html", selectors.upcoming_card, order=20)

``requires`` is a capability (checked with core.capabilities.check), or ``ASN`` (the user is linked to
an employee) or ``AUTHENTICATED``. A card's ``context(user)`` returns the template's context, or None
to stay hidden (nothing to show); it must narrow every query with ``visible_to``.
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.utils.functional import Promise

from .capabilities import check

ASN = "asn"
AUTHENTICATED = "authenticated"


MANAGE = "manage"  # the menu group of the occasional, administrative pages (under "Kelola")


@dataclass(frozen=True)
class MenuEntry:
    requires: str
    url_name: str
    label: str | Promise
    icon: str = ""
    order: int = 100
    group: str = ""  # "" = the top row; MANAGE = under the "Kelola" dropdown


@dataclass(frozen=True)
class Card:
    key: str
    requires: str
    template: str
    context: Callable[[object], dict | None]
    order: int = 100


_menu: dict[str, MenuEntry] = {}
_cards: dict[str, Card] = {}


def _check_requirement(requires: str) -> None:
    if requires not in (ASN, AUTHENTICATED):
        check(requires)


def menu_entry(requires: str, url_name: str, label, *, icon: str = "", order: int = 100, group: str = "") -> MenuEntry:
    """A main-menu entry; ``group=MANAGE`` for pages one opens now and then (settings, logs, imports)."""
    entry = MenuEntry(requires, url_name, label, icon, order, group)
    _menu[url_name] = entry
    return entry


def card(key: str, requires: str, template: str, context, *, order: int = 100) -> Card:
    entry = Card(key, requires, template, context, order)
    _cards[key] = entry
    return entry


def menu_entries() -> list[MenuEntry]:
    for entry in _menu.values():
        _check_requirement(entry.requires)
    return sorted(_menu.values(), key=lambda e: (e.order, e.url_name))


def cards() -> list[Card]:
    for entry in _cards.values():
        _check_requirement(entry.requires)
    return sorted(_cards.values(), key=lambda c: (c.order, c.key))


def allowed(requires: str, *, user, caps: set[str]) -> bool:
    """Whether a user with these capabilities (held anywhere) meets a requirement."""
    if not getattr(user, "is_authenticated", False):
        return False
    if requires == AUTHENTICATED:
        return True
    if requires == ASN:
        return user.employee_or_none is not None
    return requires in caps
