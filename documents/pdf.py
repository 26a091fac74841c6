"""The one PDF renderer: an HTML template, the region's letterhead, page numbers and a QR code to the
document's public verification page, through WeasyPrint.

Pure: it reads the template and the region's logo and returns bytes; it saves nothing, needs no request
and fetches nothing from the network (only ``data:`` URLs may be loaded, so text a user typed into a
document can never make the renderer open a URL or a local file).

Official documents are in Bahasa Indonesia whatever the language of the user who triggers them, and
their dates are in the issuing region's time zone.
"""

import base64
import mimetypes

import segno
import weasyprint
from django.core.files.storage import default_storage
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.safestring import mark_safe

LANGUAGE = "id"
LOGO_MAX_BYTES = 2 * 1024 * 1024


def qr_svg(url: str) -> str:
    """The QR code of ``url`` as inline SVG markup (sized by CSS: it has a viewBox and no width/height)."""
    return segno.make(url, error="m").svg_inline(omitsize=True, border=4, svgclass="qr", lineclass=None)


def logo_data_uri(region) -> str:
    """The region's logo as a data: URI, or "" when it has none (or it cannot be read)."""
    logo = getattr(region, "logo", None)
    if not logo or not logo.name:
        return ""
    try:
        with default_storage.open(logo.name, "rb") as handle:
            data = handle.read(LOGO_MAX_BYTES + 1)
    except OSError:
        return ""
    mime = mimetypes.guess_type(logo.name)[0] or ""
    if len(data) > LOGO_MAX_BYTES or not mime.startswith("image/"):
        return ""
    return f"data:{mime};base64,{base64.b64encode(data).decode()}"


def letterhead(region) -> dict:
    """What the kop surat prints about the region."""
    return {
        "pemda": f"Pemerintah {region.name}",
        "office": region.head_title,
        "address": region.address,
        "phone": region.phone,
        "email": region.email,
        "website": region.website,
        "logo": logo_data_uri(region),
    }


def _fetcher():
    return weasyprint.urls.URLFetcher(allowed_protocols={"data"}, fail_on_errors=False)


def render_html(template: str, context: dict, *, region, verification_url: str) -> str:
    full = {
        **context,
        "region": region,
        "letterhead": letterhead(region),
        "verification_url": verification_url,
        "qr_svg": mark_safe(qr_svg(verification_url)),  # noqa: S308 - segno's own markup, no user input
    }
    with translation.override(LANGUAGE), timezone.override(getattr(region, "timezone", None) or "Asia/Jakarta"):
        return render_to_string(template, full)


def render_pdf(template: str, context: dict, *, region, verification_url: str) -> bytes:
    """The PDF of ``template`` (which extends documents/base_letter.html) for ``region``."""
    html = render_html(template, context, region=region, verification_url=verification_url)
    return weasyprint.HTML(string=html, base_url=None, url_fetcher=_fetcher()).write_pdf()
