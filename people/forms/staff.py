"""Adding a staff member: an existing account, or a new one invited by email."""

from django import forms
from django.contrib.auth import get_user_model
from django.contrib.auth.validators import UnicodeUsernameValidator
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from core.capabilities import role_choices
from core.tenancy import region_ids_with

from ..backends import find_user_by_login, is_nip_shaped
from ..models import Region
from ..services.accounts import account_is_pending

# One answer whether the account does not exist, exists in another Pemda, or cannot be given a role:
# the form must not tell an admin what accounts other Pemda have.
NO_SUCH_ACCOUNT = _(
    "Tidak ada akun yang dapat ditambahkan dengan “%(login)s” di Pemda yang Anda kelola. Akun staf baru dibuat "
    "dengan pilihan “Buat akun staf baru”."
)
UNUSABLE_NEW_ACCOUNT = _(
    "Username atau email ini tidak dapat dipakai untuk akun baru. Jika orangnya sudah punya akun di Pemda yang "
    "Anda kelola, pilih “Pengguna yang sudah punya akun”."
)


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
    role = forms.ChoiceField(label=_("Peran"), choices=role_choices)

    def __init__(self, *args, by, **kwargs):
        super().__init__(*args, **kwargs)
        self.by = by
        self.managed_ids = region_ids_with(by, "membership.manage")
        regions = Region.objects.visible_to(by, "membership.manage").order_by("name")
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

    def _reachable_users(self):
        """The accounts an admin may give a role: those already tied to a region they manage (a staff role
        there, or an ASN of its roster); any account for a platform superuser."""
        User = get_user_model()
        if self.by.is_superuser:
            return User.objects.all()
        tied = Q(memberships__region_id__in=self.managed_ids) | Q(employee__region_id__in=self.managed_ids)
        return User.objects.filter(tied).distinct()

    def _held_elsewhere(self, user) -> bool:
        """A role in a region this admin does not manage: a link for it would reach into another Pemda."""
        return not self.by.is_superuser and user.memberships.exclude(region_id__in=self.managed_ids).exists()

    def _clean_existing(self, data):
        login = (data.get("login") or "").strip()
        if not login:
            self.add_error("login", _("Isi username, email atau NIP pengguna."))
            return
        user = find_user_by_login(login, among=self._reachable_users())
        usable = user is not None and (user.is_active or account_is_pending(user))
        if not usable or (account_is_pending(user) and self._held_elsewhere(user)):
            self.add_error("login", NO_SUCH_ACCOUNT % {"login": login})
        else:
            self.user = user

    def _clean_new(self, data):
        User = get_user_model()
        username, email = data.get("username") or "", data.get("email") or ""
        if not username and "username" not in self.errors:
            self.add_error("username", _("Isi username untuk akun baru."))
        elif username and is_nip_shaped(username):
            self.add_error(
                "username", _("Username staf tidak boleh berbentuk NIP (18 angka): NIP hanya untuk masuk sebagai ASN.")
            )
        if not email and "email" not in self.errors:
            self.add_error("email", _("Isi email untuk akun baru: tautan pembuatan kata sandi dikirim ke sana."))
        taken = (username and User.objects.filter(username__iexact=username).exists()) or (
            email and User.objects.filter(email__iexact=email).exists()
        )
        if taken and not self.errors:
            self.add_error(None, UNUSABLE_NEW_ACCOUNT)

    def service_kwargs(self) -> dict:
        data = self.cleaned_data
        kwargs = {"region": data["region"], "role": data["role"]}
        if self.user is not None:
            return {**kwargs, "user": self.user}
        return {**kwargs, "username": data["username"], "email": data["email"]}
