"""Forms of the sanctions pages."""

import datetime as dt

from django import forms
from django.utils.translation import gettext_lazy as _

from violations.files import check_upload

from . import rules
from .models import PriorSanction, SanctionSettings


class SanctionSettingsForm(forms.ModelForm):
    class Meta:
        model = SanctionSettings
        fields = ["tpp_cut", "number_format", "followup_working_days"]

    def clean_followup_working_days(self):
        value = self.cleaned_data["followup_working_days"]
        if not 1 <= value <= 120:
            raise forms.ValidationError(_("Isi antara 1 dan 120 hari kerja."))
        return value


class PriorSanctionForm(forms.ModelForm):
    class Meta:
        model = PriorSanction
        fields = ["measure", "decided_on", "sk_number", "note"]
        widgets = {"decided_on": forms.DateInput(attrs={"type": "date"}), "note": forms.Textarea(attrs={"rows": 2})}


class ProposeForm(forms.Form):
    measure = forms.ChoiceField(label=_("Hukuman yang diusulkan"), widget=forms.RadioSelect)
    justification = forms.CharField(
        label=_("Alasan (wajib bila berbeda dari aturan)"), required=False, widget=forms.Textarea(attrs={"rows": 3}),
        max_length=4000,
    )  # fmt: skip

    def __init__(self, *args, employment: str, allowed: list[str], **kwargs):
        super().__init__(*args, **kwargs)
        choices = []
        for m in rules.measures_for(employment):
            mark = _("sesuai aturan") if m.code in allowed else _("berbeda dari aturan")
            choices.append((m.code, f"{m.code} — {m.text} ({mark})"))
        self.fields["measure"].choices = choices
        if allowed:
            self.fields["measure"].initial = allowed[-1]


class DecisionForm(forms.Form):
    reason = forms.CharField(label=_("Catatan PPK"), required=False, widget=forms.Textarea(attrs={"rows": 2}),
                             max_length=4000)  # fmt: skip


class RejectForm(forms.Form):
    reason = forms.CharField(label=_("Alasan penolakan (wajib)"), widget=forms.Textarea(attrs={"rows": 2}),
                             max_length=4000)  # fmt: skip


class OriginalForm(forms.Form):
    file = forms.FileField(label=_("Keputusan yang sudah ditandatangani (PDF)"))

    def clean_file(self):
        return check_upload(self.cleaned_data["file"])


class DeliverForm(forms.Form):
    delivered_on = forms.DateField(label=_("Tanggal diterima ASN"), widget=forms.DateInput(attrs={"type": "date"}))
    note = forms.CharField(label=_("Cara penyampaian"), required=False, max_length=300,
                           help_text=_("Mis. diserahkan langsung oleh atasan, dengan tanda terima."))  # fmt: skip


class ScheduleForm(forms.Form):
    start = forms.CharField(label=_("Mulai bulan"), required=False, widget=forms.TextInput(attrs={"type": "month"}))

    def first_month(self, today: dt.date) -> dt.date:
        if self.is_valid() and self.cleaned_data.get("start"):
            try:
                year, month = (int(x) for x in self.cleaned_data["start"].split("-"))
                return dt.date(year, month, 1)
            except ValueError:
                pass
        return today.replace(month=1, day=1)
