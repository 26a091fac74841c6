"""The outbox: every message the portal sends is a row here before it is sent.

The unique key (recipient, kind, subject_key, day) makes queueing idempotent; the status column
makes sending idempotent (a task only sends a row it claimed from QUEUED, or from an INFLIGHT
whose lease ran out because its worker died).
"""

from django.db import models
from django.utils.translation import gettext_lazy as _

from people.tenancy import RegionScopedQuerySet


class OutgoingEmailQuerySet(RegionScopedQuerySet):
    pass


class OutgoingEmail(models.Model):
    class Status(models.TextChoices):
        QUEUED = "queued", _("Antre")
        INFLIGHT = "inflight", _("Sedang dikirim")
        SENT = "sent", _("Terkirim")
        FAILED = "failed", _("Gagal")

    region = models.ForeignKey(
        "people.Region", null=True, blank=True, on_delete=models.PROTECT, related_name="+", verbose_name=_("Pemda")
    )
    recipient = models.EmailField(_("penerima"))
    kind = models.CharField(_("jenis"), max_length=60)
    subject_key = models.CharField(max_length=120, help_text="app_label.model:pk of what the message is about")
    day = models.DateField(_("hari"))
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
            models.UniqueConstraint(fields=["recipient", "kind", "subject_key", "day"], name="outbox_unique_key")
        ]

    def __str__(self):
        return f"{self.kind} → {self.recipient} ({self.get_status_display()})"
