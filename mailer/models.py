"""The outbox: every message the portal sends is a row here before it is sent.

The unique key (recipient, kind, subject_key, day, version) makes queueing idempotent; the status
column makes sending idempotent (a task only sends a row it claimed from QUEUED, or from an INFLIGHT
whose lease ran out because its worker died). A FAILED or CANCELLED row no longer holds its key, so a
new request the same day is queued again. A deliberate second message the same day (a new link, a
moved apel) takes the next ``version``.

A message that carries a credential (``credential`` names its purpose, ``credential_ref`` the object
it is made from) is stored without it: the body holds a placeholder that is replaced by a freshly
made link only when the message is sent (mailer/credentials.py). Its body is never shown to staff.

``MailSettings`` holds a region's daily send limit (SMTP providers cap daily sends): the outbox never
sends more than that many messages of the region in any rolling 24 hours (mailer/limits.py).
"""

from django.conf import settings
from django.core.validators import MaxValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from core.tenancy import RegionScopedQuerySet


class OutgoingEmailQuerySet(RegionScopedQuerySet):
    pass


class OutgoingEmail(models.Model):
    class Status(models.TextChoices):
        QUEUED = "queued", _("Antre")
        INFLIGHT = "inflight", _("Sedang dikirim")
        SENT = "sent", _("Terkirim")
        FAILED = "failed", _("Gagal")
        CANCELLED = "cancelled", _("Dibatalkan")

    region = models.ForeignKey(
        "people.Region",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("Pemda"),
        db_index=False,  # outbox_region_status_sent starts with it
    )
    recipient = models.EmailField(_("penerima"))
    kind = models.CharField(_("jenis"), max_length=60)
    subject_key = models.CharField(max_length=120, help_text="app_label.model:pk of what the message is about")
    day = models.DateField(_("hari"))
    version = models.PositiveIntegerField(_("versi"), default=1)
    credential = models.CharField(
        _("kredensial"), max_length=40, blank=True, help_text="purpose of the link made at send time, if any"
    )
    urgent = models.BooleanField(
        _("mendesak"), default=False, help_text="may use the part of the daily limit kept for urgent mail"
    )
    credential_ref = models.CharField(
        max_length=64, blank=True, help_text="what the link is made from (e.g. a user id)"
    )
    language = models.CharField(max_length=8, default="id")
    subject = models.CharField(_("subjek"), max_length=300)
    body_text = models.TextField()
    body_html = models.TextField(blank=True)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.QUEUED)
    attempts = models.PositiveSmallIntegerField(_("percobaan"), default=0)
    last_error = models.TextField(_("galat terakhir"), blank=True)
    created_at = models.DateTimeField(_("dibuat"), auto_now_add=True)
    claimed_at = models.DateTimeField(null=True, blank=True)
    next_attempt_at = models.DateTimeField(null=True, blank=True)
    sent_at = models.DateTimeField(_("terkirim"), null=True, blank=True)

    objects = OutgoingEmailQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("email keluar")
        verbose_name_plural = _("email keluar")
        constraints = [
            models.UniqueConstraint(
                fields=["recipient", "kind", "subject_key", "day", "version"],
                condition=~Q(status__in=["failed", "cancelled"]),
                name="outbox_unique_key",
            )
        ]
        # Every send updates its row twice and a status change rewrites every index entry of the row: the
        # indexes are few, and partial where a query asks about one state.
        indexes = [
            # A region's sends of the last 24 h and rows in flight (the daily limit), rows per region and status.
            models.Index(fields=["region", "status", "sent_at"], name="outbox_region_status_sent"),
            # The sweep: QUEUED rows that are due, and rows in flight whose lease ran out.
            models.Index(fields=["next_attempt_at"], condition=Q(status="queued"), name="outbox_queued_due"),
            models.Index(fields=["claimed_at"], condition=Q(status="inflight"), name="outbox_inflight_claimed"),
        ]

    def __str__(self):
        return f"{self.kind} → {self.recipient} ({self.get_status_display()})"

    @property
    def carries_credential(self) -> bool:
        """Its body (once sent) held a link that logs in, activates, resets or signs: never shown."""
        return bool(self.credential)


class MailSettingsQuerySet(RegionScopedQuerySet):
    pass


def default_daily_limit() -> int:
    return settings.MAILER_DEFAULT_DAILY_LIMIT


class MailSettings(models.Model):
    """A region's sending settings, edited by its admin on the region settings page (core.regionsettings)."""

    region = models.OneToOneField(
        settings.TENANCY_REGION_MODEL, on_delete=models.CASCADE, related_name="mail_settings", verbose_name=_("Pemda")
    )
    daily_limit = models.PositiveIntegerField(
        _("batas kirim harian"),
        default=default_daily_limit,
        validators=[MaxValueValidator(1_000_000)],
        help_text=_(
            "Email paling banyak yang dikirim untuk Pemda ini dalam 24 jam (penyedia SMTP membatasi kiriman "
            "harian, mis. sekitar 2.000). Email berikutnya menunggu di antrean sampai kuota kembali. "
            "0 = tanpa batas."
        ),
    )

    objects = MailSettingsQuerySet.as_manager()

    class Meta:
        verbose_name = _("pengaturan email")
        verbose_name_plural = _("pengaturan email")

    def __str__(self):
        return f"{self.region}: {self.daily_limit}"

    @classmethod
    def for_region(cls, region) -> "MailSettings":
        """The region's settings; the row is made with the default limit (MAILER_DEFAULT_DAILY_LIMIT) on first use."""
        region_id = getattr(region, "pk", region)
        return cls.objects.get_or_create(region_id=region_id)[0]
