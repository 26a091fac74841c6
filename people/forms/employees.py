"""Forms for the employee pages: the roster filter and the edit form."""

from django import forms
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from core.money import parse_rupiah
from people.models import Employee
from people.nip import parse_nip
from people.ranks import PNS_RANKS, PPPK_RANKS, normalize_rank, rank_error
from people.selectors import regions_for, workunit_choices
from people.services.employees import EDITABLE_FIELDS
from people.validators import parse_phone


class EmployeeFilterForm(forms.Form):
    q = forms.CharField(
        label=_("Cari"),
        required=False,
        max_length=100,
        widget=forms.TextInput(attrs={"placeholder": _("NIP atau nama"), "type": "search"}),
    )
    region = forms.ModelChoiceField(label=_("Pemda"), queryset=None, required=False, empty_label=_("Semua Pemda"))
    work_unit = forms.ModelChoiceField(
        label=_("Unit kerja"), queryset=None, required=False, empty_label=_("Semua unit kerja")
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["region"].queryset = regions_for(user=user)
        self.show_region = self.fields["region"].queryset.count() > 1
        region_id = self.data.get("region") if self.show_region else None
        region_id = int(region_id) if region_id and str(region_id).isdigit() else None
        self.fields["work_unit"].queryset = workunit_choices(user=user, region_id=region_id)
        # A province holds thousands of units: list them once a Pemda is chosen.
        self.show_work_unit = not self.show_region or region_id is not None
        if not self.show_region:
            del self.fields["region"]

    def filters(self) -> dict:
        """The valid filters only; an invalid one is reported by the form and ignored."""
        self.is_valid()
        data = getattr(self, "cleaned_data", {})
        region, unit = data.get("region"), data.get("work_unit")
        return {
            "query": data.get("q", ""),
            "region_id": region.pk if region else None,
            "work_unit_id": unit.pk if unit else None,
        }


class RupiahField(forms.CharField):
    """Accepts what the importer accepts: "4500000", "4.500.000", "Rp 4.500.000,-", "4,500,000.00"."""

    def to_python(self, value):
        text = super().to_python(value)
        return parse_rupiah(text) if text else None


class EmployeeEditForm(forms.Form):
    nip = forms.CharField(label=_("NIP"), disabled=True, required=False, help_text=_("NIP tidak dapat diubah."))

    def __init__(self, *args, employee: Employee, user, **kwargs):
        self.employee = employee
        initial = {name: getattr(employee, name) for name in EDITABLE_FIELDS if name != "work_unit"}
        initial.update(nip=employee.nip, work_unit=employee.work_unit_id)
        super().__init__(*args, initial=initial, **kwargs)
        for name in EDITABLE_FIELDS:
            if name == "tukin_monthly":
                field = RupiahField(label=capfirst(Employee._meta.get_field(name).verbose_name), required=False)
                field.widget.attrs.update(maxlength="30", inputmode="numeric")
            else:
                field = Employee._meta.get_field(name).formfield()
            self.fields[name] = field
        units = workunit_choices(user=user, region_id=employee.region_id, capability="employee.edit")
        self.fields["work_unit"].queryset = units.filter(Q(is_active=True) | Q(pk=employee.work_unit_id))
        self.fields["work_unit"].empty_label = None
        self.fields["rank"].help_text = _("PNS: I/a sampai IV/e. PPPK: I sampai XVII.")
        self.fields["rank"].widget.attrs["list"] = "rank-options"
        self.rank_options = list(PNS_RANKS) + PPPK_RANKS

    def clean_rank(self):
        return normalize_rank(self.cleaned_data.get("rank", ""))

    def clean_phone(self):
        phone = self.cleaned_data.get("phone", "")
        return parse_phone(phone) if phone.strip() else ""

    def clean(self):
        data = super().clean()
        kind = data.get("employment_type")
        if kind and "rank" in data:
            message = rank_error(data["rank"], kind)
            if message:
                self.add_error("rank", message)
        if kind and kind != self.employee.employment_type:
            try:
                parse_nip(self.employee.nip, kind)
            except ValidationError as exc:
                self.add_error(
                    "employment_type",
                    _("NIP pegawai ini tidak sesuai dengan jenis kepegawaian %(type)s: %(reason)s")
                    % {"type": kind, "reason": " ".join(exc.messages)},
                )
        return data

    def changes(self) -> dict:
        return {name: self.cleaned_data[name] for name in EDITABLE_FIELDS if name in self.cleaned_data}
