"""Template helpers of the apel pages: QR codes drawn as inline SVG (segno), times in a region's own zone."""

import zoneinfo

import segno
from django import template
from django.utils import timezone
from django.utils.safestring import mark_safe

from ..services.apel_checkin import personal_code

register = template.Library()


def qr_svg(value: str, *, title: str = "", css_class: str = "nt-qr") -> str:
    """An inline SVG QR code that scales with its box (no size attributes), with a title for screen readers."""
    code = segno.make(value, error="m", micro=False)
    svg = code.svg_inline(scale=1, border=4, omitsize=True, light="#fff", svgclass=css_class, title=title or None)
    return mark_safe(svg.replace("<svg ", '<svg role="img" style="display:block;width:100%;height:auto" ', 1))  # noqa: S308 — segno's own markup; it escapes the title


@register.simple_tag
def apel_qr(value: str, title: str = ""):
    return qr_svg(value, title=title)


@register.simple_tag
def personal_qr(employee, title: str = ""):
    """The ASN's personal QR (for their own page and the card sheet staff print)."""
    return qr_svg(personal_code(employee), title=title, css_class="nt-qr nt-qr-personal")


@register.filter
def in_zone(value, region):
    """An aware datetime shown on the region's clock (naive, so no later filter converts it again)."""
    if not value or region is None:
        return value
    return timezone.localtime(value, zoneinfo.ZoneInfo(region.timezone)).replace(tzinfo=None)
