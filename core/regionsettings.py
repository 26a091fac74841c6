"""Region settings, contributed by each app: one page where a Pemda's admin keeps them all.

An app keeps its settings in its own model (usually one row per region, created on first use) and
registers a section in ``AppConfig.ready()``::

    from core import regionsettings

    regionsettings.section(
        "mailer.sending",                 # unique key
        _("Pengiriman email"),            # heading on the page
        form_class=MailSettingsForm,      # a ModelForm (or a form with save(); it gets instance=...)
        instance=lambda region: MailSettings.for_region(region),
        order=60,
    )

The settings page (people app, ``region_settings``) shows every section to a user holding
``region.settings`` in the region, saves one section per submit and records the change (before/after of
the fields that changed) in the audit trail. Code that needs a value reads it through the app's own
model (``MailSettings.for_region(region).daily_limit``), never through this registry.
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.utils.functional import Promise


@dataclass(frozen=True)
class Section:
    key: str
    label: str | Promise
    form_class: type
    instance: Callable
    order: int = 100
    help_text: str | Promise = ""


_sections: dict[str, Section] = {}


def section(key: str, label, *, form_class, instance, order: int = 100, help_text="") -> Section:
    entry = Section(key, label, form_class, instance, order, help_text)
    _sections[key] = entry
    return entry


def sections() -> list[Section]:
    return sorted(_sections.values(), key=lambda s: (s.order, s.key))


def get_section(key: str) -> Section | None:
    return _sections.get(key)
