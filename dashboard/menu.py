"""The navigation menu: which entries a user sees, decided by capability, never by role name.

An entry's ``requires`` is a capability from people/roles.py, or one of two pseudo-requirements:
``"asn"`` (the user is linked to an Employee) and ``"authenticated"`` (any logged-in user).
"""

from dataclasses import dataclass

from django.urls import NoReverseMatch, reverse
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

ASN = "asn"
AUTHENTICATED = "authenticated"


@dataclass(frozen=True)
class MenuEntry:
    requires: str
    url_name: str
    label: Promise
    icon: str = ""


MAIN_MENU: tuple[MenuEntry, ...] = (
    MenuEntry(AUTHENTICATED, "home", _("Beranda"), "house"),
    MenuEntry(ASN, "my_profile", _("Profil saya"), "person-badge"),
    MenuEntry("roster.view", "employee_list", _("Pegawai ASN"), "people"),
    MenuEntry("roster.view", "workunit_list", _("Unit kerja"), "diagram-3"),
    MenuEntry("roster.import", "roster_import", _("Impor roster"), "upload"),
    MenuEntry("membership.manage", "staff_list", _("Staf"), "person-gear"),
    MenuEntry("outbox.view", "outbox_list", _("Kotak keluar"), "envelope"),
    MenuEntry("audit.view", "audit_list", _("Jejak audit"), "journal-check"),
)

# Shown under the user's name, before the logout button (which is a POST form in base.html).
ACCOUNT_MENU: tuple[MenuEntry, ...] = (
    MenuEntry(ASN, "my_profile", _("Profil saya"), "person-badge"),
    MenuEntry(AUTHENTICATED, "password_change", _("Ganti kata sandi"), "key"),
)


def safe_reverse(url_name: str) -> str | None:
    """The URL, or None while the page is not wired yet (an entry never breaks the whole layout)."""
    try:
        return reverse(url_name)
    except NoReverseMatch:
        return None


def _allowed(entry: MenuEntry, *, user, caps: set[str]) -> bool:
    if not getattr(user, "is_authenticated", False):
        return False
    if entry.requires == AUTHENTICATED:
        return True
    if entry.requires == ASN:
        return user.employee_or_none is not None
    return entry.requires in caps


def menu_for(entries, *, user, caps: set[str], current_path: str = "") -> list[dict]:
    """The entries this user may see, as {url, label, icon, active}; unreversible ones are left out."""
    items = []
    for entry in entries:
        if not _allowed(entry, user=user, caps=caps):
            continue
        url = safe_reverse(entry.url_name)
        if url is None:
            continue
        active = current_path == url if url == "/" else current_path.startswith(url)
        items.append({"url": url, "label": entry.label, "icon": entry.icon, "active": active})
    return items
