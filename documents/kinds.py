"""The kinds of document the portal issues, registered by the apps that own them.

A feature describes each of its documents once, in its ``AppConfig.ready()``, and never touches this app::

    from documents import kinds

    kinds.register(kinds.DocumentKind(
        code="pledges.berita_acara",                 # "<app>.<name>", stored on every IssuedDocument
        label=_("Berita acara apel"),
        model=Ceremony,                              # what the document is about
        build=berita_acara_build,                    # (ceremony) -> Rendered(template, context, region, title)
        public_facts=berita_acara_facts,             # (document) -> [(label, value), ...] or None
    ))

``build`` reads the object and returns what to render; it must not write. ``public_facts`` decides what the
public verification page may say about a genuine document of this kind. It may look at the object's
current state (a closed sanction is no longer public): None shows no facts at all, not even the kind.
"""

import zoneinfo
from collections.abc import Callable
from dataclasses import dataclass, field

from django.core.exceptions import ImproperlyConfigured
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.functional import Promise
from django.utils.translation import gettext as _


class UnknownKind(ImproperlyConfigured):
    """A document kind no app registered."""


@dataclass(frozen=True)
class Rendered:
    """What a kind's ``build`` returns: the template (extending ``documents/base_letter.html``), its context,
    the issuing region (whose letterhead and certificate are used), a title for staff pages, and the
    letter's number if it has one (public facts may show it)."""

    template: str
    context: dict
    region: object
    title: str
    number: str = ""


@dataclass(frozen=True)
class DocumentKind:
    code: str
    label: str | Promise
    model: type
    build: Callable[[object], Rendered]
    public_facts: Callable[[object], list[tuple] | None] = field(default=lambda document: None)


_kinds: dict[str, DocumentKind] = {}


def register(kind: DocumentKind) -> DocumentKind:
    if kind.code in _kinds and _kinds[kind.code] != kind:
        raise ImproperlyConfigured(f"document kind {kind.code!r} is registered twice")
    if len(kind.code) > 60:
        raise ImproperlyConfigured(f"document kind code {kind.code!r} is longer than 60 characters")
    _kinds[kind.code] = kind
    return kind


def get(code) -> DocumentKind:
    """The kind named ``code`` (a DocumentKind passes through); UnknownKind if no app registered it."""
    if isinstance(code, DocumentKind):
        return code
    try:
        return _kinds[code]
    except KeyError:
        raise UnknownKind(f"unknown document kind {code!r}: register it in the owning app's ready()") from None


def find(code: str) -> DocumentKind | None:
    return _kinds.get(code)


def all_kinds() -> list[DocumentKind]:
    return sorted(_kinds.values(), key=lambda k: k.code)


def unregister(code: str) -> None:
    """For tests that register a kind of their own."""
    _kinds.pop(code, None)


def issued_on(document):
    """The date a document was issued, in its region's time zone."""
    zone = zoneinfo.ZoneInfo(getattr(document.region, "timezone", "") or "Asia/Jakarta")
    return timezone.localtime(document.issued_at, zone).date()


def letter_facts(document) -> list[tuple]:
    """What the public may read about a genuine letter, decision or circular: its kind, number, date and Pemda —
    never the person it concerns. A kind's ``public_facts`` can return this, or None to show nothing."""
    kind = find(document.kind)
    facts = [(_("Jenis dokumen"), kind.label if kind else document.kind)]
    if document.number:
        facts.append((_("Nomor"), document.number))
    facts.append((_("Tanggal"), date_format(issued_on(document), "j F Y")))
    facts.append((_("Pemda"), document.region.name))
    return facts
