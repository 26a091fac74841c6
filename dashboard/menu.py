"""The navigation menu: which entries a user sees, decided by capability, never by role name.

Each app registers its main-menu entries with core.ui in its ``AppConfig.ready()``; the account menu
(under the user's name) is the dashboard's own.
"""

from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext_lazy as _

from core.ui import ASN, AUTHENTICATED, MenuEntry, allowed, menu_entries

__all__ = ["ACCOUNT_MENU", "ASN", "AUTHENTICATED", "MenuEntry", "main_menu_entries", "menu_for", "safe_reverse"]

# Shown under the user's name, before the logout button (which is a POST form in base.html).
ACCOUNT_MENU: tuple[MenuEntry, ...] = (
    MenuEntry(ASN, "my_profile", _("Profil saya"), "person-badge"),
    MenuEntry(AUTHENTICATED, "password_change", _("Ganti kata sandi"), "key"),
)


def main_menu_entries() -> list[MenuEntry]:
    return menu_entries()


def safe_reverse(url_name: str) -> str | None:
    """The URL, or None while the page is not wired yet (an entry never breaks the whole layout)."""
    try:
        return reverse(url_name)
    except NoReverseMatch:
        return None


def menu_for(entries, *, user, caps: set[str], current_path: str = "") -> list[dict]:
    """The entries this user may see, as {url, label, icon, active}; unreversible ones are left out."""
    items = []
    for entry in entries:
        if not allowed(entry.requires, user=user, caps=caps):
            continue
        url = safe_reverse(entry.url_name)
        if url is None:
            continue
        active = current_path == url if url == "/" else current_path.startswith(url)
        items.append({"url": url, "label": entry.label, "icon": entry.icon, "active": active, "group": entry.group})
    return items
