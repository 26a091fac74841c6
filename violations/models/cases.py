"""Cases (one per reported ASN of a report), their transitions, hearings, documents and statements."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .. import workflow
from .catalogue import Category
from .reports import StoredFile
from .scoping import CaseScopedQuerySet


class CaseQuerySet(CaseScopedQuerySet):
    owner_field = "employee__user"

    def open(self):
        return self.filter(state__in=workflow.open_states())


class Case(models.Model):
    region = models.ForeignKey("people.Region", on_delete=models.PROTECT, related_name="+", verbose_name=_("Pemda"))
    report = models.ForeignKey("violations.Report", on_delete=models.PROTECT, related_name="cases")
    employee = models.ForeignKey(
        "people.Employee", on_delete=models.PROTECT, related_name="violation_cases", verbose_name=_("terlapor")
    )
    election = models.ForeignKey(
        "pledges.Election", null=True, blank=True, on_delete=models.PROTECT, related_name="+",
        verbose_name=_("pemilihan"),
    )  # fmt: skip
    reference = models.CharField(_("nomor kasus"), max_length=30, unique=True, null=True, blank=True)
    state = models.CharField(_("status"), max_length=30, choices=workflow.state_choices, default=workflow.RECEIVED)
    state_entered_at = models.DateTimeField(_("masuk status"))
    deadline = models.DateField(_("tenggat"), null=True, blank=True)
    officer = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+",
        verbose_name=_("petugas penanggung jawab"),
    )  # fmt: skip
    activities = models.ManyToManyField(
        "violations.ProhibitedActivity", blank=True, related_name="cases", verbose_name=_("larangan yang dilanggar")
    )
    not_in_catalogue = models.BooleanField(_("tidak ada di katalog"), default=False)
    summoned_at = models.DateTimeField(_("dipanggil"), null=True, blank=True)
    finding_proven = models.BooleanField(_("terbukti"), null=True, blank=True)
    finding_reasoning = models.TextField(_("pertimbangan LHP"), blank=True)
    finding_category = models.CharField(_("kategori pelanggaran"), max_length=20, choices=Category.choices, blank=True)
    finding_at = models.DateTimeField(_("tanggal LHP"), null=True, blank=True)
    finding_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    closed_at = models.DateTimeField(_("ditutup"), null=True, blank=True)
    # The day the overdue reminder last went out (claimed by a conditional update: once per case per day).
    overdue_notified_on = models.DateField(null=True, blank=True)
    created_at = models.DateTimeField(_("dibuka"), auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    objects = CaseQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("kasus")
        verbose_name_plural = _("kasus")
        indexes = [models.Index(fields=["region", "state"]), models.Index(fields=["state", "deadline"])]

    def __str__(self):
        return self.reference or f"kasus #{self.pk}"

    @property
    def state_info(self) -> workflow.State:
        return workflow.state(self.state)

    @property
    def is_open(self) -> bool:
        return workflow.is_open(self.state)

    @property
    def is_overdue(self) -> bool:
        return self.is_open and self.deadline is not None and self.deadline < timezone.localdate()


class CaseTransitionQuerySet(CaseScopedQuerySet):
    region_field = "case__region"
    owner_field = "case__employee__user"
    case_path = "case"


class CaseTransition(models.Model):
    """One move of a case (append-only): the timeline, beside the audit trail."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="transitions")
    action = models.CharField(max_length=40)
    from_state = models.CharField(max_length=30, blank=True)
    to_state = models.CharField(max_length=30)
    note = models.TextField(blank=True)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    at = models.DateTimeField(auto_now_add=True)

    objects = CaseTransitionQuerySet.as_manager()

    class Meta:
        ordering = ["at", "pk"]

    def __str__(self):
        return f"{self.case}: {self.from_state} → {self.to_state}"

    @property
    def to_label(self):
        try:
            return workflow.state(self.to_state).label
        except workflow.InvalidTransition:
            return self.to_state


class HearingQuerySet(CaseScopedQuerySet):
    region_field = "case__region"
    owner_field = "case__employee__user"
    case_path = "case"


class Hearing(models.Model):
    """A clarification or examination session the ASN is summoned to (by email, through the outbox)."""

    class Kind(models.TextChoices):
        CLARIFICATION = "clarification", _("Klarifikasi")
        EXAMINATION = "examination", _("Pemeriksaan")

    class Attendance(models.TextChoices):
        PENDING = "pending", _("Belum dilaksanakan")
        PRESENT = "present", _("Hadir")
        ABSENT = "absent", _("Tidak hadir")

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="hearings")
    kind = models.CharField(_("jenis"), max_length=15, choices=Kind.choices)
    scheduled_at = models.DateTimeField(_("waktu"))
    place = models.CharField(_("tempat"), max_length=300)
    notes = models.TextField(_("catatan untuk ASN"), blank=True)
    attendance = models.CharField(_("kehadiran"), max_length=10, choices=Attendance.choices, default=Attendance.PENDING)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = HearingQuerySet.as_manager()

    class Meta:
        ordering = ["scheduled_at", "pk"]
        verbose_name = _("panggilan")
        verbose_name_plural = _("panggilan")

    def __str__(self):
        return f"{self.get_kind_display()} {self.case}"


class StatementQuerySet(CaseScopedQuerySet):
    region_field = "case__region"
    owner_field = "case__employee__user"
    case_path = "case"


class Statement(models.Model):
    """The reported ASN's written statement (keterangan tertulis), with documents of their own."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="statements")
    text = models.TextField(_("keterangan"))
    by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    objects = StatementQuerySet.as_manager()

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("keterangan tertulis")
        verbose_name_plural = _("keterangan tertulis")

    def __str__(self):
        return f"keterangan {self.case}"


class CaseDocumentQuerySet(CaseScopedQuerySet):
    region_field = "case__region"
    owner_field = "case__employee__user"
    case_path = "case"


class CaseDocument(StoredFile):
    """A signed record of the case (BAP) or a document the ASN handed in with a statement."""

    class Kind(models.TextChoices):
        BAP_CLARIFICATION = "bap_clarification", _("BAP klarifikasi")
        BAP_EXAMINATION = "bap_examination", _("BAP pemeriksaan")
        STATEMENT = "statement", _("Lampiran keterangan ASN")

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="documents")
    kind = models.CharField(_("jenis"), max_length=20, choices=Kind.choices)
    hearing = models.ForeignKey(Hearing, null=True, blank=True, on_delete=models.SET_NULL, related_name="documents")
    statement = models.ForeignKey(Statement, null=True, blank=True, on_delete=models.CASCADE, related_name="documents")
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    objects = CaseDocumentQuerySet.as_manager()

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("dokumen kasus")
        verbose_name_plural = _("dokumen kasus")

    def __str__(self):
        return f"{self.get_kind_display()} {self.case}"
