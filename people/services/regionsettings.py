"""Saving one section of the region settings page, audited."""

import datetime as dt

from django.db import transaction
from django.db.models import Model
from django.db.models.fields.files import FieldFile

from audit.services import audit_record
from core.regionsettings import Section

from ..models import Region, RegionHoliday


def _plain(value):
    """A value the audit trail can hold: files by name, rows by their text, the rest as JSON knows it."""
    if isinstance(value, FieldFile):
        return value.name or ""
    if hasattr(value, "name") and hasattr(value, "read"):  # an uploaded file
        return value.name
    if isinstance(value, Model):
        return str(value)
    if isinstance(value, dict):
        return {str(k.isoformat() if isinstance(k, dt.date) else k): _plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple | set):
        return [_plain(v) for v in value]
    return value


def region_settings_save(*, section: Section, form, region: Region, by, request=None) -> None:
    """Save a valid section form and record what changed (before/after of the changed fields)."""
    changed = list(form.changed_data)
    before = {name: _plain(form.initial.get(name)) for name in changed}
    after = {name: _plain(form.cleaned_data.get(name)) for name in changed}
    with transaction.atomic():
        form.save()
        if changed:
            audit_record(
                action="netralitas.region.settings_changed",
                actor=by,
                obj=region,
                region_id=region.pk,
                before=before,
                after=after,
                data={"section": section.key},
                request=request,
            )


@transaction.atomic
def region_holidays_replace(*, region: Region, days: dict[dt.date, str]) -> None:
    """The region's own non-working days become exactly ``days`` ({date: name})."""
    RegionHoliday.objects.filter(region=region).exclude(date__in=list(days)).delete()
    for day, name in days.items():
        RegionHoliday.objects.update_or_create(region=region, date=day, defaults={"name": name})
