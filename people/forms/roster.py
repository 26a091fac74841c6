"""Upload form for a roster file."""

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from people.models import Region

ALLOWED_EXTENSIONS = (".csv", ".xlsx")


class RosterUploadForm(forms.Form):
    region = forms.ModelChoiceField(queryset=Region.objects.none(), label=_("Pemda"), empty_label=None)
    file = forms.FileField(
        label=_("Berkas roster (CSV atau XLSX)"),
        widget=forms.ClearableFileInput(attrs={"accept": ".csv,.xlsx"}),
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        regions = Region.objects.visible_to(user, "roster.import")
        self.fields["region"].queryset = regions
        self.only_region = regions[0] if len(regions) == 1 else None
        if self.only_region is not None:
            self.fields["region"].initial = self.only_region.pk
            self.fields["region"].required = False
            self.fields["region"].widget = forms.HiddenInput()

    def clean_region(self):
        return self.cleaned_data.get("region") or self.only_region

    def clean_file(self):
        upload = self.cleaned_data["file"]
        name = (upload.name or "").lower()
        if name.endswith((".xls", ".ods")):
            raise forms.ValidationError(
                _("Format lama (.xls/.ods) tidak didukung. Simpan sebagai .xlsx atau “CSV UTF-8”, lalu unggah lagi.")
            )
        if not name.endswith(ALLOWED_EXTENSIONS):
            raise forms.ValidationError(
                _("Berkas harus CSV atau XLSX (Excel); “%(name)s” bukan keduanya.") % {"name": upload.name}
            )
        if upload.size > settings.ROSTER_MAX_UPLOAD_BYTES:
            raise forms.ValidationError(
                _("Berkas terlalu besar (%(size)s MB; maksimal %(max)s MB).")
                % {"size": upload.size // (1024 * 1024), "max": settings.ROSTER_MAX_UPLOAD_BYTES // (1024 * 1024)}
            )
        return upload
