"""Adding a staff member: an existing account, or a new one invited by email."""

from django import forms
from django.contrib.auth import get_user_model
from django.contrib.auth.validators import UnicodeUsernameValidator
from django.utils.translation import gettext_lazy as _

from ..backends import find_user_by_login
from ..models import Region
from ..roles import Role
from ..services.accounts import account_is_pending
from ..tenancy import region_ids_with


class StaffAddForm(forms.Form):
    EXISTING, NEW = "existing", "new"

    mode = forms.ChoiceField(
        label=_("Akun"),
        choices=[(EXISTING, _("Pengguna yang sudah punya akun")), (NEW, _("Buat akun staf baru"))],
        initial=EXISTING,
        widget=forms.RadioSelect,
    )
    login = forms.CharField(
        label=_("Username, email atau NIP pengguna"),
        max_length=254,
        required=False,
        help_text=_("Untuk pengguna yang sudah punya akun."),
    )
    username = forms.CharField(
        label=_("Username baru"),
        max_length=150,
        required=False,
        validators=[UnicodeUsernameValidator()],
        help_text=_("Untuk akun baru: huruf, angka dan @/./+/-/_ saja."),
    )
    email = forms.EmailField(
        label=_("Email"),
        required=False,
        help_text=_("Untuk akun baru: tautan untuk membuat kata sandi dikirim ke sini."),
    )
    region = forms.ModelChoiceField(label=_("Pemda"), queryset=Region.objects.none())
    role = forms.ChoiceField(label=_("Peran"), choices=Role.choices)

    def __init__(self, *args, by, **kwargs):
        super().__init__(*args, **kwargs)
        regions = Region.objects.filter(pk__in=region_ids_with(by, "membership.manage")).order_by("name")
        self.fields["region"].queryset = regions
        if len(regions) == 1:
            self.fields["region"].initial = regions[0]
        self.user = None

    def clean(self):
        data = super().clean()
        if data.get("mode") == self.NEW:
            self._clean_new(data)
        elif data.get("mode") == self.EXISTING:
            self._clean_existing(data)
        return data

    def _clean_existing(self, data):
        login = (data.get("login") or "").strip()
        if not login:
            self.add_error("login", _("Isi username, email atau NIP pengguna."))
            return
        user = find_user_by_login(login)
        if user is None:
            self.add_error("login", _("Tidak ada satu akun pun yang cocok dengan “%(login)s”.") % {"login": login})
        elif not user.is_active and not account_is_pending(user):
            self.add_error("login", _("Akun %(username)s dinonaktifkan.") % {"username": user.get_username()})
        else:
            self.user = user

    def _clean_new(self, data):
        User = get_user_model()
        username, email = data.get("username") or "", data.get("email") or ""
        if not username and "username" not in self.errors:
            self.add_error("username", _("Isi username untuk akun baru."))
        elif username and User.objects.filter(username__iexact=username).exists():
            self.add_error(
                "username", _("Username ini sudah dipakai. Pilih “Pengguna yang sudah punya akun” bila orangnya sama.")
            )
        if not email and "email" not in self.errors:
            self.add_error("email", _("Isi email untuk akun baru: tautan pembuatan kata sandi dikirim ke sana."))
        elif email and User.objects.filter(email__iexact=email).exists():
            self.add_error(
                "email",
                _("Email ini sudah dipakai akun lain. Pilih “Pengguna yang sudah punya akun” bila orangnya sama."),
            )

    def service_kwargs(self) -> dict:
        data = self.cleaned_data
        kwargs = {"region": data["region"], "role": data["role"]}
        if self.user is not None:
            return {**kwargs, "user": self.user}
        return {**kwargs, "username": data["username"], "email": data["email"]}
