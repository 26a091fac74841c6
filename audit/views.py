"""The audit trail, read-only, for the regions where the user holds ``audit.view``."""

import datetime as dt
import zoneinfo

from django import forms
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.tenancy import region_model, require_capability

from .models import AuditEvent
from .selectors import chain_head

PAGE_SIZE = 50


class AuditFilterForm(forms.Form):
    action = forms.CharField(
        label=_("Tindakan"),
        required=False,
        max_length=100,
        widget=forms.TextInput(attrs={"placeholder": _("mis. netralitas.employee")}),
        help_text=_("Awal nama tindakan."),
    )
    date_from = forms.DateField(label=_("Dari tanggal"), required=False, widget=forms.DateInput(attrs={"type": "date"}))
    date_to = forms.DateField(label=_("Sampai tanggal"), required=False, widget=forms.DateInput(attrs={"type": "date"}))

    def clean(self):
        data = super().clean()
        if data.get("date_from") and data.get("date_to") and data["date_from"] > data["date_to"]:
            self.add_error("date_to", _("Tanggal akhir tidak boleh sebelum tanggal awal."))
        return data

    def apply(self, events):
        """Narrow by the valid filters; days are read in the current (the user's region's) time zone."""
        self.is_valid()
        data = getattr(self, "cleaned_data", {})
        if data.get("action"):
            events = events.filter(action__startswith=data["action"].strip())
        tz = timezone.get_current_timezone()
        if data.get("date_from"):
            events = events.filter(at__gte=dt.datetime.combine(data["date_from"], dt.time.min, tzinfo=tz))
        if data.get("date_to"):
            end = dt.datetime.combine(data["date_to"] + dt.timedelta(days=1), dt.time.min, tzinfo=tz)
            events = events.filter(at__lt=end)
        return events


def _diff(event: AuditEvent) -> list[tuple[str, object, object]]:
    """(field, before, after) rows; a field missing on one side shows as None."""
    before, after = event.before or {}, event.after or {}
    if not isinstance(before, dict) or not isinstance(after, dict):
        return [("", event.before, event.after)]
    return [(key, before.get(key), after.get(key)) for key in sorted(set(before) | set(after))]


def _decorate(events: list[AuditEvent], user) -> None:
    """Attach each event's diff and its time in its own region's time zone (one query for the zones)."""
    Region = region_model()
    regions = Region.objects.visible_to(user, "audit.view").filter(pk__in={e.region_id for e in events})
    zones = dict(regions.values_list("pk", "timezone"))
    labels = dict(Region.TimeZone.choices)
    for event in events:
        name = zones.get(event.region_id) or timezone.get_current_timezone_name()
        event.local_at = timezone.localtime(event.at, zoneinfo.ZoneInfo(name))
        event.tz_label = str(labels.get(name, name)).split(" ")[0]
        event.diff = _diff(event)


@login_required
def audit_list(request):
    require_capability(request.user, "audit.view")
    events = AuditEvent.objects.visible_to(request.user, "audit.view").order_by("-seq")
    form = AuditFilterForm(request.GET)
    page = Paginator(form.apply(events), PAGE_SIZE).get_page(request.GET.get("page"))
    page.object_list = list(page.object_list)
    _decorate(page.object_list, request.user)
    context = {"form": form, "page": page, "head": chain_head()}
    return render(request, "audit/audit_list.html", context)
