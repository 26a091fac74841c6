"""The people app's sections of the region settings page: letterhead, privacy, the work calendar."""

import datetime as dt
import re

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from core import retention

from ..models import Region
from ..services.regionsettings import region_holidays_replace

LOGO_MAX_BYTES = 2 * 1024 * 1024
HOLIDAY_LINE = re.compile(r"^(\d{4}-\d{2}-\d{2})\s+(.+)$")
MAX_HOLIDAYS = 200


class LetterheadForm(forms.ModelForm):
    """Kop surat: what every PDF the Pemda issues carries at its top."""

    class Meta:
        model = Region
        fields = ["head_title", "address", "phone", "email", "website", "logo"]
        widgets = {"address": forms.Textarea(attrs={"rows": 3})}

    def clean_logo(self):
        logo = self.cleaned_data.get("logo")
        if logo and getattr(logo, "size", 0) > LOGO_MAX_BYTES:
            raise ValidationError(_("Logo terlalu besar (maksimal 2 MB)."))
        return logo


class PrivacyForm(forms.Form):
    """The privacy contact and how long each kind of personal data is kept (UU PDP 27/2022)."""

    privacy_contact = forms.CharField(
        label=_("Kontak pelindungan data pribadi"),
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_(
            "Ditampilkan di pemberitahuan privasi: nama unit, email dan telepon yang melayani pertanyaan data pribadi."
        ),
    )

    def __init__(self, *args, instance: Region, **kwargs):
        self.instance = instance
        initial = {"privacy_contact": instance.privacy_contact}
        for kind in retention.kinds():
            initial[f"retention__{kind.key}"] = retention.days_for(kind.key, instance.retention_days)
        super().__init__(*args, initial=initial, **kwargs)
        for kind in retention.kinds():
            self.fields[f"retention__{kind.key}"] = forms.IntegerField(
                label=_("Masa simpan: %(kind)s (hari)") % {"kind": kind.label},
                min_value=kind.min_days,
                max_value=3650,
                help_text=kind.description,
            )

    def save(self):
        region = self.instance
        region.privacy_contact = self.cleaned_data["privacy_contact"]
        region.retention_days = {kind.key: self.cleaned_data[f"retention__{kind.key}"] for kind in retention.kinds()}
        region.save(update_fields=["privacy_contact", "retention_days"])
        return region


class HolidaysForm(forms.Form):
    """The Pemda's own non-working days (cuti bersama, local holidays), one per line."""

    holidays = forms.CharField(
        label=_("Hari libur daerah dan cuti bersama"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 6, "placeholder": "2025-04-02 Cuti bersama Idulfitri"}),
        help_text=_(
            "Satu hari per baris: tanggal (TTTT-BB-HH), spasi, keterangan. Libur nasional dan akhir pekan sudah "
            "dihitung otomatis; tenggat kasus dihitung dalam hari kerja."
        ),
    )

    def __init__(self, *args, instance: Region, **kwargs):
        self.instance = instance
        lines = [f"{h.date:%Y-%m-%d} {h.name}" for h in instance.holidays.all()]
        super().__init__(*args, initial={"holidays": "\n".join(lines)}, **kwargs)

    def clean_holidays(self):
        days: dict[dt.date, str] = {}
        for number, raw in enumerate(self.cleaned_data["holidays"].splitlines(), start=1):
            line = " ".join(raw.split())
            if not line:
                continue
            found = HOLIDAY_LINE.match(line)
            try:
                day = dt.date.fromisoformat(found.group(1)) if found else None
            except ValueError:
                day = None
            if day is None:
                raise ValidationError(
                    _("Baris %(number)s (“%(line)s”): tulis tanggal TTTT-BB-HH lalu keterangan."),
                    params={"number": number, "line": line[:60]},
                )
            if day in days:
                raise ValidationError(_("Tanggal %(day)s tertulis dua kali."), params={"day": day.isoformat()})
            days[day] = found.group(2)[:120]
        if len(days) > MAX_HOLIDAYS:
            raise ValidationError(_("Terlalu banyak baris (maksimal %(max)s)."), params={"max": MAX_HOLIDAYS})
        return days

    def save(self):
        region_holidays_replace(region=self.instance, days=self.cleaned_data["holidays"])
        return self.instance
