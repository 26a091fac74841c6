"""The apel section of the region settings page."""

from django import forms
from django.utils.translation import gettext_lazy as _

from ..models import ApelSettings


class ApelSettingsForm(forms.ModelForm):
    class Meta:
        model = ApelSettings
        fields = ["checkin_opens_minutes", "checkin_closes_minutes", "first_reminder_hours", "second_reminder_hours"]

    def clean(self):
        data = super().clean()
        first, second = data.get("first_reminder_hours"), data.get("second_reminder_hours")
        if first and second and second >= first:
            self.add_error(
                "second_reminder_hours", _("Pengingat kedua harus lebih dekat ke waktu apel daripada yang pertama.")
            )
        return data
