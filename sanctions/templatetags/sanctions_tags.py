"""Template filters of the sanctions pages and letters: rupiah amounts the Indonesian way."""

from django import template

from core.money import format_rupiah

register = template.Library()


@register.filter
def rupiah(amount):
    """1234500 → "Rp 1.234.500" (core.money)."""
    return format_rupiah(amount)


@register.filter
def cut25(amount):
    """25% of a monthly allowance in whole rupiah, rounded down (sanctions.rules.monthly_cut)."""
    from sanctions.rules import monthly_cut

    return monthly_cut(amount or 0)
