"""Reports: how a violation reached the Pemda, its confidential reporter, its evidence and the two-way
channel with the reporter behind a receipt code."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from core.tenancy import RegionScopedQuerySet

from ..storage import evidence_storage
from .scoping import ReportScopedQuerySet


class Source(models.TextChoices):
    BAWASLU = "bawaslu", _("Bawaslu")
    BKN = "bkn", _("BKN (dahulu KASN)")
    PUBLIC = "public", _("Masyarakat")
    INTERNAL = "internal", _("Internal (atasan, BKD, Inspektorat)")
    MEDIA = "media", _("Media / media sosial")


class ReportQuerySet(ReportScopedQuerySet):
    pass


class Report(models.Model):
    """One report (a Bawaslu letter, a call, a public form): one case per reported ASN comes from it.

    The reporter's identity is kept apart (:class:`Reporter`); ``str()`` names only the reference, because
    it is what the audit trail stores as the object's name.
    """

    class Status(models.TextChoices):
        NEW = "new", _("Baru")
        OPEN = "open", _("Ditangani")
        REJECTED = "rejected", _("Tidak dapat ditindaklanjuti")
        CLOSED = "closed", _("Selesai")

    class Channel(models.TextChoices):
        WEB = "web", _("Formulir portal")
        LETTER = "letter", _("Surat")
        PHONE = "phone", _("Telepon")
        EMAIL = "email", _("Email")
        IN_PERSON = "in_person", _("Datang langsung")
        MONITORING = "monitoring", _("Pemantauan media sosial")

    class RejectReason(models.TextChoices):
        NOT_ASN = "not_asn", _("Terlapor bukan ASN")
        OTHER_REGION = "other_region", _("Terlapor bukan ASN Pemda ini")
        INSUFFICIENT = "insufficient", _("Informasi tidak cukup untuk ditindaklanjuti")
        DUPLICATE = "duplicate", _("Sudah dilaporkan sebelumnya")
        NOT_A_VIOLATION = "not_violation", _("Bukan pelanggaran netralitas")
        SPAM = "spam", _("Bukan laporan")

    region = models.ForeignKey("people.Region", on_delete=models.PROTECT, related_name="+", verbose_name=_("Pemda"))
    reference = models.CharField(_("nomor laporan"), max_length=30, unique=True, null=True, blank=True)
    source = models.CharField(_("sumber"), max_length=10, choices=Source.choices)
    channel = models.CharField(_("saluran"), max_length=12, choices=Channel.choices, default=Channel.WEB)
    source_reference = models.CharField(
        _("nomor surat/rujukan sumber"), max_length=120, blank=True, help_text=_("Mis. nomor surat penerusan Bawaslu.")
    )
    receipt_hash = models.CharField(max_length=64, unique=True)
    election = models.ForeignKey(
        "pledges.Election", null=True, blank=True, on_delete=models.PROTECT, related_name="+",
        verbose_name=_("pemilihan"),
    )  # fmt: skip
    incident_date = models.DateField(_("tanggal kejadian"))
    incident_place = models.CharField(_("tempat kejadian"), max_length=300, blank=True)
    chronology = models.TextField(_("kronologi"))
    reported_text = models.TextField(
        _("terlapor (sebagaimana dilaporkan)"),
        blank=True,
        help_text=_("Nama, jabatan, kantor, seperti ditulis pelapor."),
    )
    activities = models.ManyToManyField(
        "violations.ProhibitedActivity", blank=True, related_name="+", verbose_name=_("larangan yang dilanggar")
    )
    not_in_catalogue = models.BooleanField(_("tidak ada di katalog"), default=False)
    suggestions = models.JSONField(default=list, blank=True, help_text="[{code, score, activity_id}] at intake")
    suggested_stage = models.CharField(max_length=12, blank=True)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.NEW)
    reject_reason = models.CharField(_("alasan"), max_length=20, choices=RejectReason.choices, blank=True)
    via_public_form = models.BooleanField(default=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+",
        verbose_name=_("dicatat oleh"),
    )  # fmt: skip
    created_at = models.DateTimeField(_("diterima"), auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = ReportQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("laporan")
        verbose_name_plural = _("laporan")
        indexes = [models.Index(fields=["region", "status"])]

    def __str__(self):
        return self.reference or f"laporan #{self.pk}"


class ReporterQuerySet(ReportScopedQuerySet):
    region_field = "report__region"
    report_path = "report"


class Reporter(models.Model):
    """Who reported (confidential): shown only to BKD and the Inspektorat, each opening audited; never in an
    export, an email, a letter or an audit payload."""

    report = models.OneToOneField(Report, primary_key=True, on_delete=models.CASCADE, related_name="reporter")
    anonymous = models.BooleanField(_("anonim"), default=False)
    name = models.CharField(_("nama pelapor"), max_length=150, blank=True)
    organisation = models.CharField(_("instansi/lembaga"), max_length=150, blank=True)
    contact = models.CharField(_("kontak (telepon/email)"), max_length=150, blank=True)
    address = models.CharField(_("alamat"), max_length=300, blank=True)

    objects = ReporterQuerySet.as_manager()

    class Meta:
        verbose_name = _("pelapor")
        verbose_name_plural = _("pelapor")

    def __str__(self):
        return f"pelapor {self.report}"  # never the identity: this text goes into the audit trail


class ReportMessageQuerySet(ReportScopedQuerySet):
    region_field = "report__region"
    report_path = "report"


class ReportMessage(models.Model):
    """The reporter's follow-up and staff's questions: what the receipt-code page shows, and nothing more."""

    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="messages")
    from_reporter = models.BooleanField(default=True)
    body = models.TextField(_("pesan"))
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    read_at = models.DateTimeField(null=True, blank=True)

    objects = ReportMessageQuerySet.as_manager()

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("pesan laporan")
        verbose_name_plural = _("pesan laporan")

    def __str__(self):
        return f"pesan {self.report}"


class StoredFile(models.Model):
    """A file checked by its content on upload (violations/files.py), with its SHA-256."""

    file = models.FileField(_("berkas"), storage=evidence_storage, upload_to="%Y/%m/", blank=True)
    original_name = models.CharField(_("nama berkas"), max_length=255, blank=True)
    content_type = models.CharField(max_length=100, blank=True)
    size = models.PositiveIntegerField(default=0)
    sha256 = models.CharField(max_length=64, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        abstract = True

    @property
    def is_image(self) -> bool:
        return self.content_type.startswith("image/")


class EvidenceQuerySet(ReportScopedQuerySet):
    report_path = "report"


class Evidence(StoredFile):
    """A file or a link to a post that supports a report. The original is kept; a copy without location data
    (EXIF GPS) is what people outside BKD see."""

    class Kind(models.TextChoices):
        FILE = "file", _("Berkas")
        LINK = "link", _("Tautan")

    region = models.ForeignKey("people.Region", on_delete=models.PROTECT, related_name="+")
    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="evidence")
    message = models.ForeignKey(ReportMessage, null=True, blank=True, on_delete=models.CASCADE, related_name="files")
    kind = models.CharField(_("jenis"), max_length=5, choices=Kind.choices)
    redacted = models.FileField(storage=evidence_storage, upload_to="%Y/%m/", blank=True)
    url = models.URLField(_("tautan"), max_length=500, blank=True)
    note = models.CharField(_("keterangan"), max_length=300, blank=True)
    from_public = models.BooleanField(default=False)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    objects = EvidenceQuerySet.as_manager()

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("bukti")
        verbose_name_plural = _("bukti")

    def __str__(self):
        return f"bukti {self.pk} ({self.report})"

    @property
    def label(self) -> str:
        return self.original_name if self.kind == self.Kind.FILE else self.url


class ViolationSettingsQuerySet(RegionScopedQuerySet):
    pass


class ViolationSettings(models.Model):
    """A region's own deadlines (working days per state) and whether it takes public reports here."""

    region = models.OneToOneField("people.Region", on_delete=models.CASCADE, related_name="+")
    deadlines = models.JSONField(default=dict, blank=True, help_text="{state: working days}")
    clarification_notice_days = models.PositiveSmallIntegerField(
        _("pemberitahuan panggilan klarifikasi (hari kerja)"), default=3
    )
    examination_notice_days = models.PositiveSmallIntegerField(
        _("pemberitahuan panggilan pemeriksaan (hari kerja)"),
        default=7,
        help_text=_("PP 94/2021: surat panggilan paling lambat 7 hari kerja sebelum pemeriksaan."),
    )
    public_reports = models.BooleanField(
        _("terima laporan masyarakat lewat portal"),
        default=False,
        help_text=_("Pemda ini muncul di formulir laporan publik (tanpa login)."),
    )

    objects = ViolationSettingsQuerySet.as_manager()

    class Meta:
        verbose_name = _("pengaturan pelanggaran")
        verbose_name_plural = _("pengaturan pelanggaran")

    def __str__(self):
        return f"pengaturan pelanggaran {self.region}"

    @classmethod
    def for_region(cls, region) -> "ViolationSettings":
        found, _created = cls.objects.get_or_create(region=region)
        return found
