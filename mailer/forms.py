"""The outbox's section of the region settings page (core.regionsettings; the people app renders it)."""

from django import forms

from .models import MailSettings


class MailSettingsForm(forms.ModelForm):
    class Meta:
        model = MailSettings
        fields = ["daily_limit"]
        widgets = {"daily_limit": forms.NumberInput(attrs={"min": 0, "step": 1})}
