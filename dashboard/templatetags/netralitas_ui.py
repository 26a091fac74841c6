"""Template helpers for the layout: the menus, and links to pages that may not be wired yet."""

from django import template

from dashboard.menu import ACCOUNT_MENU, MAIN_MENU, menu_for, safe_reverse

register = template.Library()


def _menu(context, entries):
    request = context.get("request")
    user = getattr(request, "user", None)
    if user is None:
        return []
    return menu_for(entries, user=user, caps=context.get("user_caps") or set(), current_path=request.path)


@register.simple_tag(takes_context=True)
def main_menu(context):
    return _menu(context, MAIN_MENU)


@register.simple_tag(takes_context=True)
def account_menu(context):
    return _menu(context, ACCOUNT_MENU)


@register.simple_tag
def url_if_ready(url_name: str) -> str:
    """Like {% url %} for pages without arguments, but empty instead of an error when not routed."""
    return safe_reverse(url_name) or ""
