"""Apel netralitas: a ceremony, the attendance of each participant, and each region's apel settings.

Times are stored in UTC and entered and shown in the region's own zone (Region.timezone: WIB/WITA/WIT).
Participants are fixed when the apel is scheduled (one Attendance row each, with the work unit they
belonged to then); staff add or remove people afterwards.
"""

import datetime as dt
import zoneinfo

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.tenancy import RegionScopedQuerySet

from .elections import Election

# The standard four-point ikrar (shared/domain/reference.md §6.2). It is the text recited, not UI: it is
# kept in Indonesian whatever the user's language, and each apel may edit its own copy.
STANDARD_IKRAR = """Dalam rangka menyukseskan Pemilu dan Pemilihan Tahun 2024 kami berikrar:
1. Menjaga dan menegakkan prinsip netralitas pegawai Aparatur Sipil Negara di instansi tempat kami bertugas \
dalam melaksanakan fungsi pelayanan publik, baik sebelum, selama, maupun sesudah pelaksanaan Pemilu dan Pemilihan;
2. Menghindari konflik kepentingan, tidak melakukan praktik-praktik intimidasi dan ancaman kepada pegawai \
Aparatur Sipil Negara dan seluruh elemen masyarakat, serta tidak memihak kepada pasangan calon tertentu;
3. Menggunakan media sosial secara bijak, tidak menyebarkan ujaran kebencian serta berita bohong;
4. Menolak politik uang dan segala jenis pemberian dalam bentuk apa pun.
Demikian ikrar ini kami buat dengan penuh integritas dan tanggung jawab, demi mewujudkan Aparatur Sipil Negara \
yang bermartabat, beretika, dan demokratis dalam menjaga persatuan dan kesatuan Negara Kesatuan Republik Indonesia."""


class CeremonyQuerySet(RegionScopedQuerySet):
    def upcoming(self, now=None):
        return self.filter(status=Ceremony.Status.SCHEDULED, starts_at__gte=now or timezone.now())


class Ceremony(models.Model):
    """An apel netralitas of one Pemda: when, where, who takes part, the ikrar recited."""

    class Status(models.TextChoices):
        SCHEDULED = "scheduled", _("Dijadwalkan")
        HELD = "held", _("Sudah dilaksanakan")
        CANCELLED = "cancelled", _("Dibatalkan")

    region = models.ForeignKey(
        "people.Region", verbose_name=_("Pemda"), on_delete=models.PROTECT, related_name="ceremonies"
    )
    election = models.ForeignKey(Election, verbose_name=_("pemilihan"), on_delete=models.PROTECT, related_name="+")
    title = models.CharField(_("nama apel"), max_length=200)
    starts_at = models.DateTimeField(_("waktu mulai"), db_index=True)
    place = models.CharField(_("tempat"), max_length=200)
    all_units = models.BooleanField(_("semua unit kerja"), default=True)
    work_units = models.ManyToManyField(
        "people.WorkUnit",
        verbose_name=_("unit kerja peserta"),
        blank=True,
        related_name="+",
        help_text=_("Unit yang dipilih beserta semua unit di bawahnya."),
    )
    officiant_name = models.CharField(_("nama pemimpin apel"), max_length=150, blank=True)
    officiant_title = models.CharField(_("jabatan pemimpin apel"), max_length=150)
    ikrar_text = models.TextField(_("teks ikrar"), default=STANDARD_IKRAR)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.SCHEDULED)
    recorded_after = models.BooleanField(
        _("dicatat sesudahnya"), default=False, help_text=_("Apel yang sudah dilaksanakan dengan daftar hadir kertas.")
    )
    cancel_reason = models.TextField(_("alasan pembatalan"), blank=True)
    cancelled_at = models.DateTimeField(_("dibatalkan pada"), null=True, blank=True)
    held_at = models.DateTimeField(_("ditandai selesai pada"), null=True, blank=True)
    # A move (time or place) raises the revision: its notice and its reminders are new messages.
    revision = models.PositiveIntegerField(default=1)
    # The next time a notice may be due (invitation, reminders, moved, cancelled): the periodic job claims
    # it with a conditional update. ``notices_sent`` {notice key: ISO time} says what went out already.
    notice_due_at = models.DateTimeField(null=True, blank=True, db_index=True)
    notices_sent = models.JSONField(default=dict, blank=True)
    created_by = models.ForeignKey(
        "people.User", verbose_name=_("dibuat oleh"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(_("dibuat"), auto_now_add=True)
    updated_at = models.DateTimeField(_("diubah"), auto_now=True)

    objects = CeremonyQuerySet.as_manager()

    class Meta:
        ordering = ["-starts_at"]
        verbose_name = _("apel")
        verbose_name_plural = _("apel")
        indexes = [models.Index(fields=["region", "starts_at"])]

    def __str__(self):
        return f"{self.title} ({self.local_start:%d-%m-%Y %H:%M} {self.region.timezone_label})"

    @property
    def zone(self) -> zoneinfo.ZoneInfo:
        return zoneinfo.ZoneInfo(self.region.timezone)

    @property
    def local_start(self) -> dt.datetime:
        """The start in the region's zone, without tzinfo: templates show it as is, whatever zone is active."""
        return timezone.localtime(self.starts_at, self.zone).replace(tzinfo=None)

    @property
    def is_cancelled(self) -> bool:
        return self.status == self.Status.CANCELLED


class AttendanceQuerySet(RegionScopedQuerySet):
    region_field = "ceremony__region"
    owner_field = "employee__user"
    # An ASN reads their own attendance; marking takes a staff role, and never on one's own row.
    owner_capabilities = frozenset({"apel.view"})
    staff_excludes_owner = True


class Attendance(models.Model):
    """One participant of one apel, and whether (and how) they attended."""

    class Status(models.TextChoices):
        PENDING = "belum", _("Belum dicatat")
        PRESENT = "hadir", _("Hadir")
        EXCUSED = "izin", _("Izin")
        SICK = "sakit", _("Sakit")
        OFFICIAL_DUTY = "dinas_luar", _("Dinas luar")
        ABSENT = "tanpa_keterangan", _("Tanpa keterangan")

    class Method(models.TextChoices):
        NONE = "", _("—")
        SELF_QR = "qr", _("Pindai QR di layar")
        CARD = "kartu", _("QR pribadi dipindai petugas")
        NIP = "nip", _("NIP diketik petugas")
        STAFF = "petugas", _("Dicatat petugas")

    ceremony = models.ForeignKey(Ceremony, verbose_name=_("apel"), on_delete=models.CASCADE, related_name="attendances")
    employee = models.ForeignKey(
        "people.Employee", verbose_name=_("pegawai"), on_delete=models.PROTECT, related_name="apel_attendances"
    )
    # The unit when the person was added: the berita acara counts per unit as it was on the day.
    work_unit = models.ForeignKey(
        "people.WorkUnit", verbose_name=_("unit kerja"), on_delete=models.PROTECT, related_name="+"
    )
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.PENDING)
    method = models.CharField(_("cara"), max_length=10, choices=Method.choices, blank=True, default="")
    checked_in_at = models.DateTimeField(_("waktu hadir"), null=True, blank=True)
    marked_by = models.ForeignKey(
        "people.User",
        verbose_name=_("dicatat oleh"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    note = models.CharField(_("keterangan"), max_length=300, blank=True)
    added_later = models.BooleanField(_("ditambahkan kemudian"), default=False)
    updated_at = models.DateTimeField(_("diubah"), auto_now=True)

    objects = AttendanceQuerySet.as_manager()

    class Meta:
        ordering = ["ceremony_id", "pk"]
        verbose_name = _("kehadiran apel")
        verbose_name_plural = _("kehadiran apel")
        constraints = [models.UniqueConstraint(fields=["ceremony", "employee"], name="attendance_unique")]
        indexes = [models.Index(fields=["ceremony", "status"]), models.Index(fields=["ceremony", "work_unit"])]

    def __str__(self):
        return f"{self.employee_id} @ {self.ceremony_id}: {self.status}"


class ApelSettingsQuerySet(RegionScopedQuerySet):
    pass


class ApelSettings(models.Model):
    """A region's apel settings: the check-in window and when the reminders go (region settings page)."""

    region = models.OneToOneField("people.Region", on_delete=models.CASCADE, related_name="+")
    checkin_opens_minutes = models.PositiveSmallIntegerField(
        _("check-in dibuka (menit sebelum mulai)"), default=30, validators=[MaxValueValidator(240)]
    )
    checkin_closes_minutes = models.PositiveSmallIntegerField(
        _("check-in ditutup (menit sesudah mulai)"),
        default=60,
        validators=[MinValueValidator(1), MaxValueValidator(600)],
    )
    first_reminder_hours = models.PositiveSmallIntegerField(
        _("pengingat pertama (jam sebelum mulai)"),
        default=24,
        validators=[MaxValueValidator(24 * 14)],
        help_text=_("0 = tanpa pengingat ini."),
    )
    second_reminder_hours = models.PositiveSmallIntegerField(
        _("pengingat kedua (jam sebelum mulai)"),
        default=2,
        validators=[MaxValueValidator(24 * 14)],
        help_text=_("0 = tanpa pengingat ini."),
    )

    objects = ApelSettingsQuerySet.as_manager()

    class Meta:
        verbose_name = _("pengaturan apel")
        verbose_name_plural = _("pengaturan apel")

    def __str__(self):
        return f"apel settings of region {self.region_id}"

    @classmethod
    def for_region(cls, region) -> "ApelSettings":
        """The region's row, or the defaults (unsaved) until an admin saves the section."""
        return cls.objects.filter(region=region).first() or cls(region=region)

    def checkin_window(self, starts_at: dt.datetime) -> tuple[dt.datetime, dt.datetime]:
        return (
            starts_at - dt.timedelta(minutes=self.checkin_opens_minutes),
            starts_at + dt.timedelta(minutes=self.checkin_closes_minutes),
        )
