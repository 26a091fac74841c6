"""Regions (Pemda), work units (OPD), employees (ASN), users and staff memberships."""

from django.contrib.auth.models import AbstractUser
from django.core.validators import RegexValidator
from django.db import models
from django.db.models import Q
from django.db.models.functions import Upper
from django.utils.translation import gettext_lazy as _

from audit.models import LoggedModel
from core.capabilities import role_choices
from core.tenancy import RegionScopedQuerySet

from .nip import validate_nip


class User(AbstractUser):
    """A login. Staff get roles through Membership; an ASN is linked to one Employee."""

    language = models.CharField(
        _("bahasa"), max_length=8, default="id", choices=[("id", "Bahasa Indonesia"), ("en", "English")]
    )

    class Meta:
        verbose_name = _("pengguna")
        verbose_name_plural = _("pengguna")

    @property
    def employee_or_none(self):
        try:
            return self.employee
        except Employee.DoesNotExist:
            return None


class RegionQuerySet(RegionScopedQuerySet):
    region_field = "pk"


class Region(models.Model):
    class Kind(models.TextChoices):
        PROVINSI = "provinsi", _("Provinsi")
        KABUPATEN = "kabupaten", _("Kabupaten")
        KOTA = "kota", _("Kota")

    class TimeZone(models.TextChoices):
        WIB = "Asia/Jakarta", _("WIB (UTC+7)")
        WITA = "Asia/Makassar", _("WITA (UTC+8)")
        WIT = "Asia/Jayapura", _("WIT (UTC+9)")

    code = models.SlugField(_("kode singkat"), max_length=40, unique=True, help_text=_("Mis. muba, oki, sumsel"))
    official_code = models.CharField(
        _("kode wilayah Kemendagri"),
        max_length=13,
        blank=True,
        validators=[RegexValidator(r"^\d{2}(\.\d{2}){0,3}$", _("Format kode wilayah: 16 atau 16.06"))],
    )
    kind = models.CharField(_("jenis"), max_length=12, choices=Kind.choices)
    name = models.CharField(_("nama"), max_length=120)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("provinsi induk"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
        limit_choices_to={"kind": Kind.PROVINSI},
    )
    head_title = models.CharField(
        _("jabatan kepala daerah"), max_length=150, help_text=_("Mis. Pj Bupati Musi Banyuasin")
    )
    timezone = models.CharField(_("zona waktu"), max_length=20, choices=TimeZone.choices, default=TimeZone.WIB)
    address = models.TextField(_("alamat kantor"), blank=True)
    phone = models.CharField(_("telepon"), max_length=40, blank=True)
    email = models.EmailField(_("email"), blank=True)
    website = models.CharField(_("situs web"), max_length=120, blank=True)
    logo = models.ImageField(_("logo"), upload_to="region-logos/", blank=True)
    privacy_contact = models.TextField(
        _("kontak pelindungan data pribadi"),
        blank=True,
        help_text=_(
            "Siapa yang dapat dihubungi ASN dan masyarakat tentang data pribadi mereka (nama unit, email, telepon)."
        ),
    )
    retention_days = models.JSONField(
        _("masa simpan data (hari)"),
        default=dict,
        blank=True,
        help_text="{retention kind: days}, see core/retention.py",
    )

    objects = RegionQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        verbose_name = _("Pemda")
        verbose_name_plural = _("Pemda")
        constraints = [
            models.CheckConstraint(
                condition=Q(kind="provinsi", parent__isnull=True) | ~Q(kind="provinsi"),
                name="province_has_no_parent",
            )
        ]

    def __str__(self):
        return self.name

    @property
    def timezone_label(self):
        return self.TimeZone(self.timezone).label.split(" ")[0]


class RegionHolidayQuerySet(RegionScopedQuerySet):
    pass


class RegionHoliday(models.Model):
    """A non-working day of one Pemda beyond the national holidays (cuti bersama, a local holiday)."""

    region = models.ForeignKey(Region, verbose_name=_("Pemda"), on_delete=models.CASCADE, related_name="holidays")
    date = models.DateField(_("tanggal"))
    name = models.CharField(_("keterangan"), max_length=120)

    objects = RegionHolidayQuerySet.as_manager()

    class Meta:
        ordering = ["date"]
        verbose_name = _("hari libur daerah")
        verbose_name_plural = _("hari libur daerah")
        constraints = [models.UniqueConstraint(fields=["region", "date"], name="region_holiday_unique")]

    def __str__(self):
        return f"{self.date:%Y-%m-%d} {self.name}"


class WorkUnitQuerySet(RegionScopedQuerySet):
    pass


class WorkUnit(LoggedModel):
    class Kind(models.TextChoices):
        SEKRETARIAT = "sekretariat", _("Sekretariat")
        DINAS = "dinas", _("Dinas")
        BADAN = "badan", _("Badan")
        INSPEKTORAT = "inspektorat", _("Inspektorat")
        KECAMATAN = "kecamatan", _("Kecamatan")
        KELURAHAN = "kelurahan", _("Kelurahan")
        SEKOLAH = "sekolah", _("Sekolah")
        PUSKESMAS = "puskesmas", _("Puskesmas / RSUD")
        BAGIAN = "bagian", _("Bagian / bidang / sub-unit")
        LAINNYA = "lainnya", _("Lainnya")

    region = models.ForeignKey(Region, verbose_name=_("Pemda"), on_delete=models.PROTECT, related_name="work_units")
    parent = models.ForeignKey(
        "self", verbose_name=_("unit induk"), null=True, blank=True, on_delete=models.PROTECT, related_name="children"
    )
    code = models.CharField(_("kode"), max_length=40, blank=True)
    name = models.CharField(_("nama"), max_length=200)
    kind = models.CharField(_("jenis"), max_length=20, choices=Kind.choices, default=Kind.LAINNYA)
    is_active = models.BooleanField(_("aktif"), default=True)

    objects = WorkUnitQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        verbose_name = _("unit kerja")
        verbose_name_plural = _("unit kerja")
        constraints = [
            models.UniqueConstraint(fields=["region", "code"], condition=~Q(code=""), name="workunit_code_unique"),
            models.UniqueConstraint("region", Upper("name"), name="workunit_name_unique"),
        ]

    def __str__(self):
        return self.name


class EmployeeQuerySet(RegionScopedQuerySet):
    owner_field = "user"
    # An ASN reads their own record (the roster's view of it); changing it takes a staff role.
    owner_capabilities = frozenset({"roster.view"})


class Employee(LoggedModel):
    class EmploymentType(models.TextChoices):
        PNS = "PNS", _("PNS")
        CPNS = "CPNS", _("CPNS")
        PPPK = "PPPK", _("PPPK")

    class PositionKind(models.TextChoices):
        JPT_UTAMA = "jpt_utama", _("JPT Utama")
        JPT_MADYA = "jpt_madya", _("JPT Madya")
        JPT_PRATAMA = "jpt_pratama", _("JPT Pratama")
        ADMINISTRATOR = "administrator", _("Administrator")
        PENGAWAS = "pengawas", _("Pengawas")
        FUNGSIONAL = "fungsional", _("Fungsional")
        PELAKSANA = "pelaksana", _("Pelaksana")

    class Gender(models.TextChoices):
        L = "L", _("Laki-laki")
        P = "P", _("Perempuan")

    region = models.ForeignKey(Region, verbose_name=_("Pemda"), on_delete=models.PROTECT, related_name="employees")
    work_unit = models.ForeignKey(
        WorkUnit, verbose_name=_("unit kerja"), on_delete=models.PROTECT, related_name="employees"
    )
    nip = models.CharField(_("NIP"), max_length=18, unique=True, validators=[validate_nip])
    name = models.CharField(_("nama"), max_length=150)
    front_title = models.CharField(_("gelar depan"), max_length=40, blank=True)
    back_title = models.CharField(_("gelar belakang"), max_length=80, blank=True)
    employment_type = models.CharField(_("jenis kepegawaian"), max_length=4, choices=EmploymentType.choices)
    rank = models.CharField(_("pangkat/golongan"), max_length=8, blank=True)
    position = models.CharField(_("jabatan"), max_length=200, blank=True)
    position_kind = models.CharField(_("jenis jabatan"), max_length=20, choices=PositionKind.choices, blank=True)
    email = models.EmailField(_("email"), blank=True)
    phone = models.CharField(_("telepon"), max_length=30, blank=True)
    tukin_monthly = models.PositiveBigIntegerField(_("tunjangan kinerja/TPP per bulan (Rp)"), null=True, blank=True)
    birth_date = models.DateField(_("tanggal lahir"), null=True, blank=True, editable=False)
    gender = models.CharField(_("jenis kelamin"), max_length=1, choices=Gender.choices, blank=True, editable=False)
    is_active = models.BooleanField(_("aktif"), default=True)
    user = models.OneToOneField(
        User, verbose_name=_("akun"), null=True, blank=True, on_delete=models.SET_NULL, related_name="employee"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = EmployeeQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        verbose_name = _("pegawai ASN")
        verbose_name_plural = _("pegawai ASN")
        indexes = [
            models.Index(fields=["region", "name"]),
            models.Index(Upper("name"), name="employee_upper_name"),
        ]

    def __str__(self):
        return f"{self.display_name} ({self.nip})"

    @property
    def display_name(self):
        name = f"{self.front_title} {self.name}".strip() if self.front_title else self.name
        return f"{name}, {self.back_title}" if self.back_title else name


class MembershipQuerySet(RegionScopedQuerySet):
    pass


class Membership(LoggedModel):
    """A staff user's role in a region. A provincial membership reaches the province's kabupaten/kota."""

    user = models.ForeignKey(User, verbose_name=_("pengguna"), on_delete=models.CASCADE, related_name="memberships")
    region = models.ForeignKey(Region, verbose_name=_("Pemda"), on_delete=models.CASCADE, related_name="memberships")
    # Roles are declared by the apps (core.capabilities): a new one needs no migration.
    role = models.CharField(_("peran"), max_length=30, choices=role_choices)
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(
        User, null=True, blank=True, on_delete=models.SET_NULL, related_name="+", verbose_name=_("dibuat oleh")
    )

    objects = MembershipQuerySet.as_manager()

    class Meta:
        verbose_name = _("keanggotaan staf")
        verbose_name_plural = _("keanggotaan staf")
        constraints = [models.UniqueConstraint(fields=["user", "region", "role"], name="membership_unique")]

    def __str__(self):
        return f"{self.user.get_username()} — {self.get_role_display()} — {self.region}"


class RosterImportQuerySet(RegionScopedQuerySet):
    pass


class RosterImport(models.Model):
    """One uploaded roster file: checked first (dry run), then imported all-or-nothing."""

    class Status(models.TextChoices):
        UPLOADED = "uploaded", _("Diunggah")
        CHECKING = "checking", _("Sedang diperiksa")
        INVALID = "invalid", _("Ada kesalahan")
        CHECKED = "checked", _("Siap diimpor")
        IMPORTING = "importing", _("Sedang diimpor")
        DONE = "done", _("Selesai")
        FAILED = "failed", _("Gagal")

    region = models.ForeignKey(Region, verbose_name=_("Pemda"), on_delete=models.PROTECT, related_name="+")
    uploaded_by = models.ForeignKey(
        User, verbose_name=_("pengunggah"), null=True, on_delete=models.SET_NULL, related_name="+"
    )
    run_by = models.ForeignKey(
        User, verbose_name=_("dijalankan oleh"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    file = models.FileField(_("berkas"), upload_to="roster-imports/%Y/%m/")
    original_name = models.CharField(_("nama berkas"), max_length=255)
    file_sha256 = models.CharField(max_length=64)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.UPLOADED)
    total_rows = models.PositiveIntegerField(default=0)
    errors = models.JSONField(default=list, blank=True, help_text="[{row, column, message}]")
    summary = models.JSONField(default=dict, blank=True, help_text="{created, updated, unchanged, units_created}")
    failure = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    objects = RosterImportQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("impor roster")
        verbose_name_plural = _("impor roster")

    def __str__(self):
        return f"{self.original_name} ({self.get_status_display()})"
