"""Template helpers for the layout: the menus, and links to pages that may not be wired yet."""

from django import template
from django.template.loader import render_to_string
from django.utils.safestring import mark_safe

from core.ui import MANAGE, allowed, cards
from dashboard.menu import ACCOUNT_MENU, main_menu_entries, menu_for, safe_reverse

register = template.Library()


def _menu(context, entries):
    request = context.get("request")
    user = getattr(request, "user", None)
    if user is None:
        return []
    return menu_for(entries, user=user, caps=context.get("user_caps") or set(), current_path=request.path)


@register.simple_tag(takes_context=True)
def main_menu(context):
    """{"top": [...], "manage": [...], "manage_active": bool}: the top row and the "Kelola" dropdown."""
    items = _menu(context, main_menu_entries())
    manage = [item for item in items if item["group"] == MANAGE]
    return {
        "top": [item for item in items if item["group"] != MANAGE],
        "manage": manage,
        "manage_active": any(item["active"] for item in manage),
    }


@register.simple_tag(takes_context=True)
def account_menu(context):
    return _menu(context, ACCOUNT_MENU)


@register.simple_tag
def url_if_ready(url_name: str) -> str:
    """Like {% url %} for pages without arguments, but empty instead of an error when not routed."""
    return safe_reverse(url_name) or ""


@register.simple_tag(takes_context=True)
def home_cards(context) -> str:
    """The cards the apps registered (core.ui.card) that this user may see and that have something to show."""
    request = context.get("request")
    user = getattr(request, "user", None)
    caps = context.get("user_caps") or set()
    html = []
    for card in cards():
        if user is None or not allowed(card.requires, user=user, caps=caps):
            continue
        card_context = card.context(user)
        if card_context is None:
            continue
        html.append(render_to_string(card.template, {**card_context, "card_key": card.key}, request=request))
    if not html:
        return ""
    return mark_safe(f'<div class="row row-cols-1 row-cols-md-2 g-3 mb-4" id="home-cards">{"".join(html)}</div>')  # noqa: S308 — each part is a rendered template
