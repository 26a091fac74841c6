"""Pakta integritas (issue 8): versioned texts, campaigns, each targeted ASN's invitation, the signing
tokens (stored only as hashes) and the signatures.

- ``PactTemplate``: one version of a pakta text (Markdown, sanitised when rendered) with placeholders. A
  published version never changes; an edit of a published version makes the next version of its family.
- ``Campaign``: an election, a published template version, the target units (or every active ASN of the
  region), the opening and the deadline, the reminder cadence, an optional apel and up to three questions.
- ``Invitation``: one targeted ASN of one campaign. It follows the roster (the sync job keeps ``targeted``
  and ``work_unit`` current) and carries the progress columns (invited, opened, signed).
- ``SigningToken``: a personal signing link or a printed code. Only its SHA-256 is stored; it dies at the
  deadline, when revoked (a resend, a reprint) and once the invitation is signed.
- ``Signature``: the signed pakta, one per campaign and employee (a database constraint): the exact text and
  its SHA-256, the drawn image, when, from where, and how the signer was identified.
"""

import zoneinfo

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.tenancy import RegionScopedQuerySet

from .apel import Ceremony
from .elections import Election


class PactTemplateQuerySet(RegionScopedQuerySet):
    def published(self):
        return self.filter(published_at__isnull=False)


class PactTemplate(models.Model):
    """One version of a pakta text of one Pemda (Markdown with placeholders such as ``{{ nama }}``)."""

    region = models.ForeignKey(
        "people.Region", verbose_name=_("Pemda"), on_delete=models.PROTECT, related_name="pact_templates"
    )
    # Every version of one text shares the family of its first version (the first one's own pk).
    family = models.PositiveIntegerField(_("keluarga teks"), null=True, blank=True, db_index=True)
    version = models.PositiveIntegerField(_("versi"), default=1)
    title = models.CharField(_("judul"), max_length=200)
    body = models.TextField(
        _("teks pakta"),
        help_text=_(
            "Markdown sederhana. Tempat isian: {{ nama }}, {{ nip }}, {{ jabatan }}, {{ unit_kerja }}, {{ pemda }}, "
            "{{ tempat }}, {{ tanggal }}."
        ),
    )
    place = models.CharField(
        _("tempat penandatanganan"), max_length=120, blank=True, help_text=_("Mis. Sekayu; kosong = nama Pemda.")
    )
    published_at = models.DateTimeField(_("diterbitkan"), null=True, blank=True)
    created_by = models.ForeignKey(
        "people.User", verbose_name=_("dibuat oleh"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(_("dibuat"), auto_now_add=True)

    objects = PactTemplateQuerySet.as_manager()

    class Meta:
        ordering = ["region_id", "family", "-version"]
        verbose_name = _("templat pakta")
        verbose_name_plural = _("templat pakta")
        constraints = [
            models.UniqueConstraint(fields=["region", "family", "version"], name="pact_template_version_unique")
        ]

    def __str__(self):
        return f"{self.title} (v{self.version})"

    @property
    def is_published(self) -> bool:
        return self.published_at is not None


class CampaignQuerySet(RegionScopedQuerySet):
    pass


class Campaign(models.Model):
    """A pakta signing campaign of one Pemda for one election."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draf")
        LAUNCHED = "launched", _("Berjalan")
        CLOSED = "closed", _("Ditutup")

    region = models.ForeignKey("people.Region", verbose_name=_("Pemda"), on_delete=models.PROTECT, related_name="+")
    election = models.ForeignKey(Election, verbose_name=_("pemilihan"), on_delete=models.PROTECT, related_name="+")
    template = models.ForeignKey(
        PactTemplate, verbose_name=_("templat pakta"), on_delete=models.PROTECT, related_name="campaigns"
    )
    title = models.CharField(_("nama kampanye"), max_length=200)
    all_units = models.BooleanField(_("semua ASN aktif Pemda"), default=True)
    work_units = models.ManyToManyField(
        "people.WorkUnit",
        verbose_name=_("unit kerja sasaran"),
        blank=True,
        related_name="+",
        help_text=_("Unit yang dipilih beserta semua unit di bawahnya."),
    )
    opens_at = models.DateTimeField(_("dibuka"))
    deadline = models.DateTimeField(_("batas waktu"))
    ceremony = models.ForeignKey(
        Ceremony,
        verbose_name=_("apel terkait"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="pakta_campaigns",
    )
    # The understanding check: [{"question": str, "choices": [str, ...], "answer": int}], at most three.
    questions = models.JSONField(_("pertanyaan pemahaman"), default=list, blank=True)
    first_reminder_days = models.PositiveSmallIntegerField(
        _("pengingat pertama (hari sesudah undangan)"), default=3, help_text=_("0 = tanpa pengingat berkala.")
    )
    reminder_every_days = models.PositiveSmallIntegerField(
        _("lalu setiap (hari)"), default=2, help_text=_("0 = hanya pengingat pertama.")
    )
    remind_day_before = models.BooleanField(_("pengingat sehari sebelum batas waktu"), default=True)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.DRAFT)
    launched_at = models.DateTimeField(_("diluncurkan"), null=True, blank=True)
    launched_by = models.ForeignKey(
        "people.User",
        verbose_name=_("diluncurkan oleh"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    closed_at = models.DateTimeField(_("ditutup"), null=True, blank=True)
    # The due columns of the periodic jobs: the next reminder run, and the last run's local day.
    reminder_due_at = models.DateTimeField(null=True, blank=True, db_index=True)
    reminded_on = models.DateField(null=True, blank=True)
    created_by = models.ForeignKey(
        "people.User", verbose_name=_("dibuat oleh"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(_("dibuat"), auto_now_add=True)
    updated_at = models.DateTimeField(_("diubah"), auto_now=True)

    objects = CampaignQuerySet.as_manager()

    class Meta:
        ordering = ["-opens_at", "-pk"]
        verbose_name = _("kampanye pakta")
        verbose_name_plural = _("kampanye pakta")

    def __str__(self):
        return self.title

    @property
    def zone(self) -> zoneinfo.ZoneInfo:
        return zoneinfo.ZoneInfo(self.region.timezone)

    def is_open(self, now=None) -> bool:
        now = now or timezone.now()
        return self.status == self.Status.LAUNCHED and self.opens_at <= now < self.deadline


class InvitationQuerySet(RegionScopedQuerySet):
    region_field = "campaign__region"
    owner_field = "employee__user"
    owner_capabilities = frozenset({"pakta.view"})


class Invitation(models.Model):
    """One targeted ASN of a campaign, with the progress columns the staff pages count."""

    campaign = models.ForeignKey(
        Campaign, verbose_name=_("kampanye"), on_delete=models.CASCADE, related_name="invitations"
    )
    employee = models.ForeignKey(
        "people.Employee", verbose_name=_("pegawai"), on_delete=models.PROTECT, related_name="pakta_invitations"
    )
    # The unit the person belongs to now (kept current by the sync), and whether the campaign still targets them.
    work_unit = models.ForeignKey(
        "people.WorkUnit", verbose_name=_("unit kerja"), on_delete=models.PROTECT, related_name="+"
    )
    targeted = models.BooleanField(_("masih sasaran"), default=True)
    invited_at = models.DateTimeField(_("diundang"), null=True, blank=True)
    opened_at = models.DateTimeField(_("dibuka"), null=True, blank=True)
    signed_at = models.DateTimeField(_("ditandatangani"), null=True, blank=True)
    last_reminded_on = models.DateField(_("pengingat terakhir"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = InvitationQuerySet.as_manager()

    class Meta:
        ordering = ["campaign_id", "pk"]
        verbose_name = _("undangan pakta")
        verbose_name_plural = _("undangan pakta")
        constraints = [models.UniqueConstraint(fields=["campaign", "employee"], name="pakta_invitation_unique")]
        indexes = [models.Index(fields=["campaign", "work_unit"]), models.Index(fields=["campaign", "signed_at"])]

    def __str__(self):
        return f"pakta invitation {self.pk} ({self.campaign_id}, {self.employee_id})"


class SigningTokenQuerySet(RegionScopedQuerySet):
    region_field = "invitation__campaign__region"


class SigningToken(models.Model):
    """A personal signing credential: an emailed link or a printed code. Only its SHA-256 is kept."""

    class Via(models.TextChoices):
        EMAIL = "email", _("Tautan email")
        PRINTED = "printed", _("Kode QR cetak")

    invitation = models.ForeignKey(Invitation, on_delete=models.CASCADE, related_name="tokens")
    token_hash = models.CharField(max_length=64, unique=True)
    via = models.CharField(max_length=10, choices=Via.choices)
    printed_by = models.ForeignKey("people.User", null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    revoked_at = models.DateTimeField(null=True, blank=True)

    objects = SigningTokenQuerySet.as_manager()

    class Meta:
        verbose_name = _("token penandatanganan")
        verbose_name_plural = _("token penandatanganan")
        indexes = [models.Index(fields=["invitation", "via"])]

    def __str__(self):
        return f"signing token {self.pk} ({self.via})"


class SignatureQuerySet(RegionScopedQuerySet):
    region_field = "campaign__region"
    owner_field = "employee__user"
    owner_capabilities = frozenset({"pakta.view"})


class Signature(models.Model):
    """A signed pakta. One per campaign and employee: the constraint decides two simultaneous submits."""

    class Method(models.TextChoices):
        LINK = "link", _("Tautan pribadi dari email")
        PRINTED = "printed", _("Kode QR cetak dari petugas")
        LOGIN = "login", _("Masuk ke portal")

    campaign = models.ForeignKey(
        Campaign, verbose_name=_("kampanye"), on_delete=models.PROTECT, related_name="signatures"
    )
    employee = models.ForeignKey(
        "people.Employee", verbose_name=_("pegawai"), on_delete=models.PROTECT, related_name="pakta_signatures"
    )
    invitation = models.OneToOneField(Invitation, on_delete=models.PROTECT, related_name="signature")
    work_unit = models.ForeignKey(
        "people.WorkUnit", verbose_name=_("unit kerja"), on_delete=models.PROTECT, related_name="+"
    )
    typed_name = models.CharField(_("nama diketik"), max_length=200)
    signer_name = models.CharField(_("nama penanda tangan"), max_length=250)
    signer_nip = models.CharField(_("NIP"), max_length=18)
    text = models.TextField(_("teks yang ditandatangani"))
    text_sha256 = models.CharField(_("SHA-256 teks"), max_length=64)
    image_png = models.BinaryField(_("gambar tanda tangan (PNG)"))
    signed_at = models.DateTimeField(_("waktu tanda tangan"))
    ip = models.GenericIPAddressField(_("alamat IP"), null=True, blank=True)
    user_agent = models.CharField(_("perangkat"), max_length=300, blank=True)
    method = models.CharField(_("cara identifikasi"), max_length=10, choices=Method.choices)
    printed_by = models.ForeignKey(
        "people.User",
        verbose_name=_("petugas pencetak kode"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    answers = models.JSONField(_("jawaban pertanyaan pemahaman"), default=list, blank=True)

    objects = SignatureQuerySet.as_manager()

    class Meta:
        ordering = ["-signed_at"]
        verbose_name = _("tanda tangan pakta")
        verbose_name_plural = _("tanda tangan pakta")
        constraints = [models.UniqueConstraint(fields=["campaign", "employee"], name="pakta_signature_unique")]
        indexes = [models.Index(fields=["campaign", "work_unit"])]

    def __str__(self):
        return f"{self.signer_name} — {self.campaign_id}"

    @property
    def zone(self) -> zoneinfo.ZoneInfo:
        return self.campaign.zone

    @property
    def local_signed_at(self):
        return timezone.localtime(self.signed_at, self.campaign.zone).replace(tzinfo=None)
