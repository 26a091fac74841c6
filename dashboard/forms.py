"""The dashboard's filter: an election and a date range (days in the portal's time zone)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from pledges.selectors.apel import elections

from .figures import Filter

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class DashboardFilterForm(forms.Form):
    election = forms.ModelChoiceField(label=_("Pemilihan"), required=False, queryset=None, empty_label=_("Semua"))
    date_from = forms.DateField(label=_("Dari tanggal"), required=False, widget=DATE)
    date_to = forms.DateField(label=_("Sampai tanggal"), required=False, widget=DATE)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["election"].queryset = elections()

    def clean(self):
        data = super().clean()
        first, last = data.get("date_from"), data.get("date_to")
        if first and last and first > last:
            self.add_error("date_to", _("Tanggal akhir tidak boleh sebelum tanggal awal."))
        return data

    def filter(self) -> Filter:
        """The filter to apply: the valid fields' values (an invalid field is shown with its error and ignored)."""
        if not self.is_bound:
            return Filter()
        self.is_valid()
        data = self.cleaned_data
        election = data.get("election")
        dates_ok = "date_to" not in self.errors and "date_from" not in self.errors
        return Filter(
            election_id=election.pk if election else None,
            date_from=data.get("date_from") if dates_ok else None,
            date_to=data.get("date_to") if dates_ok else None,
        )
