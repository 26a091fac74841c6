"""Rendering messages: ``templates/emails/<template>.subject.txt``, ``.txt`` and ``.html``.

Subject and text are rendered without HTML autoescaping (a text mail shows "&", not "&amp;"); ``.html``
templates extend ``emails/base.html`` and ``.txt`` templates end with ``{% include "emails/_footer.txt" %}``.
Everything is rendered in the recipient's language and the region's time zone. A :class:`Renderer` loads
the three templates once and renders them for many recipients (a bulk queue renders each message once).
"""

import contextlib
import zoneinfo

from django.conf import settings
from django.template import Context
from django.template.loader import get_template
from django.utils import timezone, translation


def language_of(code: str) -> str:
    return code if code in dict(settings.LANGUAGES) else settings.LANGUAGE_CODE


def zone_of(region) -> zoneinfo.ZoneInfo:
    return zoneinfo.ZoneInfo(region.timezone if region is not None else settings.TIME_ZONE)


class Renderer:
    """One message template for one region, compiled once."""

    def __init__(self, template: str, region=None):
        self.region = region
        self.subject = get_template(f"emails/{template}.subject.txt")
        self.text = get_template(f"emails/{template}.txt")
        self.html = get_template(f"emails/{template}.html")

    @contextlib.contextmanager
    def speaking(self, language: str):
        """Render inside this block in ``language`` and the region's time zone (enter once per language)."""
        with translation.override(language_of(language)), timezone.override(zone_of(self.region)):
            yield

    def render(self, context: dict) -> tuple[str, str, str]:
        """(subject, text, html); call inside :meth:`speaking`."""
        ctx = {"site_url": settings.SITE_URL.rstrip("/"), "region": self.region, **context}
        subject = " ".join(self.subject.template.render(Context(ctx, autoescape=False)).split())
        text = self.text.template.render(Context(ctx, autoescape=False))
        return subject, text, self.html.render(ctx)


def render_email(template: str, context: dict, language: str, region=None) -> tuple[str, str, str]:
    """(subject, text, html) for templates/emails/<template>.*, in ``language`` and the region's time zone."""
    renderer = Renderer(template, region)
    with renderer.speaking(language):
        return renderer.render(context)
