"""Login, activation and password-reset forms."""

from django import forms
from django.contrib.auth.forms import AuthenticationForm, PasswordResetForm
from django.utils.translation import gettext_lazy as _

from ..nip import normalize_nip
from ..services.accounts import PASSWORD_RESET, account_link_mail, account_region


class LoginForm(AuthenticationForm):
    username = forms.CharField(
        label=_("Username, email atau NIP"),
        max_length=254,
        widget=forms.TextInput(attrs={"autofocus": True, "autocomplete": "username", "autocapitalize": "none"}),
    )
    password = forms.CharField(
        label=_("Kata sandi"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )

    error_messages = {
        "invalid_login": _(
            "Username/email/NIP atau kata sandi salah. ASN yang belum pernah masuk perlu mengaktifkan akunnya "
            "lebih dulu."
        ),
        "inactive": _("Akun ini tidak aktif."),
    }


class ActivationRequestForm(forms.Form):
    nip = forms.CharField(
        label=_("NIP"),
        max_length=40,
        help_text=_("18 angka; spasi dan titik boleh diketik."),
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
    )
    email = forms.EmailField(
        label=_("Email yang terdaftar di data kepegawaian"),
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )

    def clean_nip(self):
        nip = normalize_nip(self.cleaned_data["nip"])
        if len(nip) != 18 or not nip.isdigit():
            raise forms.ValidationError(
                _("NIP harus 18 angka; yang diketik: %(count)s angka/karakter."), params={"count": len(nip)}
            )
        return nip


class NetralitasPasswordResetForm(PasswordResetForm):
    """Django's reset form, but the mail goes through the outbox, in the recipient's language."""

    email = forms.EmailField(label=_("Email"), max_length=254, widget=forms.EmailInput(attrs={"autocomplete": "email"}))

    def send_mail(self, subject_template_name, email_template_name, context, from_email, to_email, **kwargs):
        user = context["user"]
        account_link_mail(user=user, purpose=PASSWORD_RESET, region=account_region(user))
