"""Forms of the apel pages. Dates and times are typed in the apel region's own zone (WIB/WITA/WIT)."""

import datetime as dt
import re
import zoneinfo

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from people.models import Region, WorkUnit
from people.nip import normalize_nip

from ..models import Attendance, Ceremony, Election
from ..models.apel import STANDARD_IKRAR

MAX_NIPS = 500
IKRAR_MAX = 5000  # the standard ikrar is about 900 characters
NIP_SPLIT = re.compile(r"[\s,;]+")


def local_datetime(day: dt.date, time: dt.time, region: Region) -> dt.datetime:
    """A date and time read on a clock in the region, as an aware datetime (Indonesia has no DST)."""
    return dt.datetime.combine(day, time, tzinfo=zoneinfo.ZoneInfo(region.timezone))


class _WhenFields(forms.Form):
    date = forms.DateField(label=_("Tanggal"), widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"))
    time = forms.TimeField(label=_("Jam mulai"), widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M"))


class CeremonyForm(_WhenFields):
    """Schedule an apel, or record one already held on paper."""

    ALL, CHOSEN = "all", "chosen"

    region = forms.ModelChoiceField(label=_("Pemda"), queryset=Region.objects.none())
    election = forms.ModelChoiceField(label=_("Pemilihan"), queryset=Election.objects.none())
    title = forms.CharField(label=_("Nama apel"), max_length=200, initial=_("Apel dan Ikrar Netralitas ASN"))
    place = forms.CharField(label=_("Tempat"), max_length=200)
    units_mode = forms.ChoiceField(
        label=_("Peserta"),
        choices=[(ALL, _("Semua unit kerja")), (CHOSEN, _("Unit kerja tertentu (beserta sub-unitnya)"))],
        initial=ALL,
        widget=forms.RadioSelect,
    )
    work_units = forms.ModelMultipleChoiceField(
        label=_("Unit kerja"),
        queryset=WorkUnit.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Peserta adalah ASN aktif unit-unit ini pada saat apel dijadwalkan."),
    )
    officiant_name = forms.CharField(label=_("Nama pemimpin apel"), max_length=150, required=False)
    officiant_title = forms.CharField(
        label=_("Jabatan pemimpin apel"),
        max_length=150,
        required=False,
        help_text=_("Kosongkan untuk memakai jabatan kepala daerah Pemda ini."),
    )
    ikrar_text = forms.CharField(
        label=_("Teks ikrar"),
        max_length=IKRAR_MAX,
        initial=STANDARD_IKRAR,
        widget=forms.Textarea(attrs={"rows": 9}),
        help_text=_("Ikrar netralitas empat butir yang baku; dapat disesuaikan untuk apel ini."),
    )
    already_held = forms.BooleanField(
        label=_("Apel ini sudah dilaksanakan: catat dari daftar hadir kertas"),
        required=False,
        help_text=_("Tanpa undangan dan QR; kehadiran dicatat petugas sesudah disimpan."),
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        regions = Region.objects.visible_to(user, "apel.manage").exclude(kind=Region.Kind.PROVINSI).order_by("name")
        self.fields["region"].queryset = regions
        if len(regions) == 1:
            self.fields["region"].initial = regions[0]
            self.fields["region"].widget = forms.HiddenInput()
            self.fields["officiant_title"].initial = regions[0].head_title
        self.fields["election"].queryset = Election.objects.filter(is_active=True).order_by("-voting_day")
        first = self.fields["election"].queryset.first()
        self.fields["election"].initial = first.pk if first else None
        units = WorkUnit.objects.visible_to(user, "apel.manage").filter(is_active=True).select_related("region")
        self.fields["work_units"].queryset = units.order_by("region__name", "name")
        self.fields["work_units"].label_from_instance = (
            (lambda u: u.name) if len(regions) == 1 else (lambda u: f"{u.region.name} — {u.name}")
        )

    def clean(self):
        data = super().clean()
        region = data.get("region")
        if region is None:
            return data
        if data.get("units_mode") == self.CHOSEN:
            units = data.get("work_units") or []
            if not units:
                self.add_error("work_units", _("Pilih setidaknya satu unit kerja."))
            elif any(u.region_id != region.pk for u in units):
                self.add_error("work_units", _("Unit kerja harus berada di Pemda apel ini."))
        if data.get("date") and data.get("time"):
            data["starts_at"] = local_datetime(data["date"], data["time"], region)
        if not data.get("officiant_title"):
            data["officiant_title"] = region.head_title
        return data

    def service_kwargs(self) -> dict:
        data = self.cleaned_data
        chosen = data["units_mode"] == self.CHOSEN
        return {
            "region": data["region"],
            "all_units": not chosen,
            "work_units": list(data["work_units"]) if chosen else [],
            **{f: data[f] for f in ("election", "title", "starts_at", "place", "officiant_name", "officiant_title")},
            "ikrar_text": data["ikrar_text"].strip(),
        }


class CeremonyEditForm(_WhenFields):
    """Change an apel's details (its participants are changed on the attendance page)."""

    election = forms.ModelChoiceField(label=_("Pemilihan"), queryset=Election.objects.none())
    title = forms.CharField(label=_("Nama apel"), max_length=200)
    place = forms.CharField(label=_("Tempat"), max_length=200)
    officiant_name = forms.CharField(label=_("Nama pemimpin apel"), max_length=150, required=False)
    officiant_title = forms.CharField(label=_("Jabatan pemimpin apel"), max_length=150)
    ikrar_text = forms.CharField(label=_("Teks ikrar"), max_length=IKRAR_MAX, widget=forms.Textarea(attrs={"rows": 9}))

    def __init__(self, *args, ceremony: Ceremony, **kwargs):
        self.ceremony = ceremony
        local = ceremony.local_start
        initial = {
            "election": ceremony.election_id,
            "date": local.date(),
            "time": local.time(),
            **{f: getattr(ceremony, f) for f in ("title", "place", "officiant_name", "officiant_title", "ikrar_text")},
        }
        super().__init__(*args, initial=initial, **kwargs)
        self.fields["election"].queryset = Election.objects.filter(is_active=True) | Election.objects.filter(
            pk=ceremony.election_id
        )

    def changes(self) -> dict:
        data = self.cleaned_data
        values = {f: data[f] for f in ("election", "title", "place", "officiant_name", "officiant_title")}
        values["ikrar_text"] = data["ikrar_text"].strip()
        starts_at = local_datetime(data["date"], data["time"], self.ceremony.region)
        # The form shows minutes: the same minute is no move, whatever seconds the stored time has.
        if starts_at != self.ceremony.starts_at.replace(second=0, microsecond=0):
            values["starts_at"] = starts_at
        return values


class CancelForm(forms.Form):
    reason = forms.CharField(
        label=_("Alasan pembatalan"),
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Dikirim kepada peserta yang sudah diundang."),
    )


class MarkForm(forms.Form):
    status = forms.ChoiceField(label=_("Status"), choices=Attendance.Status.choices)
    note = forms.CharField(label=_("Keterangan"), max_length=300, required=False)


class UnitMarkForm(forms.Form):
    work_unit = forms.ModelChoiceField(
        label=_("Unit kerja"), queryset=WorkUnit.objects.none(), required=False, empty_label=_("Semua unit kerja")
    )
    status = forms.ChoiceField(
        label=_("Catat sebagai"), choices=[c for c in Attendance.Status.choices if c[0] != Attendance.Status.PENDING]
    )
    note = forms.CharField(label=_("Keterangan"), max_length=300, required=False)

    def __init__(self, *args, units, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["work_unit"].queryset = units


class ParticipantAddForm(forms.Form):
    nips = forms.CharField(
        label=_("NIP"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Satu NIP atau lebih, dipisah spasi, koma atau baris baru."),
    )
    work_unit = forms.ModelChoiceField(
        label=_("atau seluruh ASN aktif unit kerja"),
        queryset=WorkUnit.objects.none(),
        required=False,
        empty_label="—",
    )

    def __init__(self, *args, units, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["work_unit"].queryset = units

    def clean_nips(self):
        raw = [normalize_nip(part) for part in NIP_SPLIT.split(self.cleaned_data.get("nips") or "") if part.strip()]
        if len(raw) > MAX_NIPS:
            raise forms.ValidationError(_("Paling banyak %(max)s NIP sekali tambah.") % {"max": MAX_NIPS})
        bad = [n for n in raw if not (n.isdigit() and len(n) == 18)]
        if bad:
            raise forms.ValidationError(_("Bukan NIP (18 angka): %(values)s") % {"values": ", ".join(bad[:10])})
        return raw

    def clean(self):
        data = super().clean()
        if not self.errors and not data.get("nips") and not data.get("work_unit"):
            raise forms.ValidationError(_("Isi NIP atau pilih unit kerja."))
        return data


class ScanForm(forms.Form):
    """What the scanner page posts: a scanned personal QR, or a NIP typed by hand."""

    code = forms.CharField(required=False, max_length=200, widget=forms.HiddenInput())
    nip = forms.CharField(
        label=_("NIP"),
        required=False,
        max_length=40,
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
    )

    def clean(self):
        data = super().clean()
        data["nip"] = normalize_nip(data.get("nip"))
        if not data.get("code") and not data["nip"]:
            raise forms.ValidationError(_("Pindai QR pribadi ASN atau ketik NIP-nya."))
        if data["nip"] and not (data["nip"].isdigit() and len(data["nip"]) == 18):
            self.add_error("nip", _("NIP terdiri atas 18 angka."))
        return data


class AttendanceFilterForm(forms.Form):
    q = forms.CharField(label=_("Cari nama atau NIP"), required=False, max_length=100)
    unit = forms.ModelChoiceField(
        label=_("Unit kerja"), queryset=WorkUnit.objects.none(), required=False, empty_label=_("Semua unit")
    )
    status = forms.ChoiceField(
        label=_("Status"), choices=[("", _("Semua status")), *Attendance.Status.choices], required=False
    )

    def __init__(self, *args, units, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units

    def filters(self) -> dict:
        if not self.is_valid():
            return {"unit_id": None, "status": "", "query": ""}
        data = self.cleaned_data
        unit = data.get("unit")
        return {"unit_id": unit.pk if unit else None, "status": data.get("status") or "", "query": data.get("q") or ""}


def month_param(value: str | None) -> tuple[int, int] | None:
    """(year, month) from "2024-11", or None when absent or malformed."""
    match = re.fullmatch(r"(\d{4})-(\d{1,2})", (value or "").strip())
    if not match:
        return None
    year, month = int(match.group(1)), int(match.group(2))
    return (year, month) if 2000 <= year <= 2100 and 1 <= month <= 12 else None


def this_month() -> tuple[int, int]:
    today = timezone.localdate()
    return today.year, today.month
