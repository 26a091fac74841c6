"""The outbox: every message the portal sends is a row here before it is sent.

The unique key (recipient, kind, subject_key, day, version) makes queueing idempotent; the status
column makes sending idempotent (a task only sends a row it claimed from QUEUED, or from an INFLIGHT
whose lease ran out because its worker died). A FAILED or CANCELLED row no longer holds its key, so a
new request the same day is queued again. A deliberate second message the same day (a new link, a
moved apel) takes the next ``version``.

A message that carries a credential (``credential`` names its purpose, ``credential_ref`` the object
it is made from) is stored without it: the body holds a placeholder that is replaced by a freshly
made link only when the message is sent (mailer/credentials.py). Its body is never shown to staff.
"""

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
        "people.Region", null=True, blank=True, on_delete=models.PROTECT, related_name="+", verbose_name=_("Pemda")
    )
    recipient = models.EmailField(_("penerima"))
    kind = models.CharField(_("jenis"), max_length=60)
    subject_key = models.CharField(max_length=120, help_text="app_label.model:pk of what the message is about")
    day = models.DateField(_("hari"))
    version = models.PositiveIntegerField(_("versi"), default=1)
    credential = models.CharField(
        _("kredensial"), max_length=40, blank=True, help_text="purpose of the link made at send time, if any"
    )
    credential_ref = models.CharField(
        max_length=64, blank=True, help_text="what the link is made from (e.g. a user id)"
    )
    language = models.CharField(max_length=8, default="id")
    subject = models.CharField(_("subjek"), max_length=300)
    body_text = models.TextField()
    body_html = models.TextField(blank=True)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.QUEUED, db_index=True)
    attempts = models.PositiveSmallIntegerField(_("percobaan"), default=0)
    last_error = models.TextField(_("galat terakhir"), blank=True)
    created_at = models.DateTimeField(_("dibuat"), auto_now_add=True)
    claimed_at = models.DateTimeField(null=True, blank=True)
    next_attempt_at = models.DateTimeField(null=True, blank=True, db_index=True)
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

    def __str__(self):
        return f"{self.kind} → {self.recipient} ({self.get_status_display()})"

    @property
    def carries_credential(self) -> bool:
        """Its body (once sent) held a link that logs in, activates, resets or signs: never shown."""
        return bool(self.credential)
