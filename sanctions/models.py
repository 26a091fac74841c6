"""Sanction recommendations, the head's decision, its number, the allowance-cut schedule, prior sanctions.

The rules themselves live in ``sanctions/rules.py`` (a table, pure functions); these rows keep what the rules
answered for a case, what BKD proposed and why, what the head decided, the decision's number, the signed
original and its delivery — every change audited by the services.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.tenancy import RegionScopedQuerySet, direct_region_ids
from violations.models.reports import StoredFile

from . import rules

DEFAULT_NUMBER_FORMAT = "800.1.6.4/{nomor}/SK-HD/{tahun}"


def validate_number_format(value: str) -> None:
    if "{nomor}" not in value:
        raise ValidationError(_("Format nomor harus memuat {nomor} (nomor urut)."))
    try:
        value.format(nomor=1, tahun=2024, kode="x")
    except (KeyError, IndexError, ValueError):
        raise ValidationError(_("Gunakan hanya {nomor}, {tahun} dan {kode} di dalam kurung kurawal.")) from None


class SanctionSettingsQuerySet(RegionScopedQuerySet):
    pass


class SanctionSettings(models.Model):
    """A Pemda's own choices for sanctions (the region settings page, section "Sanksi")."""

    region = models.OneToOneField(
        "people.Region", on_delete=models.CASCADE, related_name="sanction_settings", verbose_name=_("Pemda")
    )
    tpp_cut = models.BooleanField(
        _("Pemda memotong TPP 25%"),
        default=False,
        help_text=_(
            "Jika tidak, untuk hukuman disiplin sedang dilaksanakan tindakan pengganti yang dilaporkan "
            "(penundaan kenaikan gaji berkala, penundaan kenaikan pangkat, penurunan pangkat, masing-masing 1 tahun)."
        ),
    )
    number_format = models.CharField(
        _("format nomor keputusan"),
        max_length=80,
        default=DEFAULT_NUMBER_FORMAT,
        validators=[validate_number_format],
        help_text=_("{nomor} = nomor urut per tahun, {tahun} = tahun, {kode} = kode Pemda."),
    )
    followup_working_days = models.PositiveSmallIntegerField(
        _("batas tindak lanjut PPK (hari kerja)"),
        default=14,
        help_text=_("Kasus terbukti yang belum diputus PPK sesudah sekian hari kerja diingatkan setiap hari."),
    )

    objects = SanctionSettingsQuerySet.as_manager()

    class Meta:
        verbose_name = _("pengaturan sanksi")
        verbose_name_plural = _("pengaturan sanksi")

    def __str__(self):
        return f"sanksi {self.region}"

    @classmethod
    def for_region(cls, region) -> "SanctionSettings":
        row, _created = cls.objects.get_or_create(region=region)
        return row

    def number(self, *, seq: int, year: int, region_code: str) -> str:
        return self.number_format.format(nomor=seq, tahun=year, kode=region_code)


class DecisionCounterQuerySet(RegionScopedQuerySet):
    pass


class DecisionCounter(models.Model):
    """The last decision number given in one region and year; locked (select_for_update) to give the next."""

    region = models.ForeignKey("people.Region", on_delete=models.CASCADE, related_name="+")
    year = models.PositiveSmallIntegerField()
    last = models.PositiveIntegerField(default=0)

    objects = DecisionCounterQuerySet.as_manager()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["region", "year"], name="decision_counter_unique")]

    def __str__(self):
        return f"{self.region_id}/{self.year}: {self.last}"


class PriorSanctionQuerySet(RegionScopedQuerySet):
    pass


class PriorSanction(models.Model):
    """A sanction an ASN received before the portal (or outside it), entered by BKD so a repeat offence climbs."""

    region = models.ForeignKey("people.Region", on_delete=models.PROTECT, related_name="+", verbose_name=_("Pemda"))
    employee = models.ForeignKey(
        "people.Employee", on_delete=models.PROTECT, related_name="prior_sanctions", verbose_name=_("pegawai")
    )
    measure = models.CharField(
        _("hukuman"), max_length=20, choices=[(m.code, f"{m.code} — {m.text}") for m in rules.MEASURES.values()]
    )
    decided_on = models.DateField(_("tanggal keputusan"))
    sk_number = models.CharField(_("nomor SK"), max_length=120)
    note = models.TextField(_("keterangan"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = PriorSanctionQuerySet.as_manager()

    class Meta:
        ordering = ["-decided_on", "-pk"]
        verbose_name = _("riwayat hukuman")
        verbose_name_plural = _("riwayat hukuman")
        constraints = [
            models.UniqueConstraint(fields=["employee", "sk_number"], name="prior_sanction_unique_sk"),
        ]

    def __str__(self):
        return f"{self.measure} {self.sk_number}"

    @property
    def measure_info(self) -> rules.Measure:
        return rules.MEASURES[self.measure]


class RecommendationQuerySet(RegionScopedQuerySet):
    """The subject of the case holds no staff capability on it; they read their decision once approved.
    ``sanction.approve`` is held only through a direct head membership of the case's region: a provincial
    membership reads its kabupaten's recommendations but does not decide them."""

    owner_field = "case__employee__user"
    owner_capabilities = frozenset({"sanction.own"})
    staff_excludes_owner = True

    def visible_to(self, user, capability: str):
        rows = super().visible_to(user, capability)
        if capability == "sanction.approve":
            rows = rows.filter(region_id__in=direct_region_ids(user, role="head"))
        if capability in self.owner_capabilities:
            rows = rows.filter(Q(status=SanctionRecommendation.Status.APPROVED) | ~Q(case__employee__user=user))
        return rows

    def pending(self):
        return self.filter(status=SanctionRecommendation.Status.PENDING)

    def approved(self):
        return self.filter(status=SanctionRecommendation.Status.APPROVED)

    def in_force_on(self, day):
        return self.approved().filter(starts_on__lte=day, ends_on__gte=day)


class SanctionRecommendation(models.Model):
    """BKD's recommendation to the head (telaahan) on a proven case; approved, it is the decision (SK)."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Menunggu keputusan PPK")
        APPROVED = "approved", _("Ditetapkan PPK")
        REJECTED = "rejected", _("Ditolak PPK")

    region = models.ForeignKey("people.Region", on_delete=models.PROTECT, related_name="+", verbose_name=_("Pemda"))
    case = models.ForeignKey("violations.Case", on_delete=models.PROTECT, related_name="sanction_recommendations")
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.PENDING)
    # What the rules answered (rules.Result.snapshot()): kept as it was, so the letter explains it for ever.
    rule_result = models.JSONField(_("hasil aturan"), default=dict)
    rule_level = models.CharField(_("tingkat menurut aturan"), max_length=12)
    rule_measures = models.JSONField(_("hukuman yang dapat dijatuhkan menurut aturan"), default=list)
    employment_type = models.CharField(_("jenis kepegawaian"), max_length=4)
    prior_measures = models.JSONField(_("riwayat hukuman dipertimbangkan"), default=list, blank=True)
    measure = models.CharField(_("hukuman yang diusulkan"), max_length=20)
    is_override = models.BooleanField(_("menyimpang dari aturan"), default=False)
    justification = models.TextField(_("alasan usulan"), blank=True)
    lhp_finding = models.TextField(_("temuan LHP"), blank=True)
    # Execution: for a 25% allowance cut, whether the region cuts its TPP or applies the interim measure.
    tpp_cut = models.BooleanField(_("TPP dipotong"), default=False)
    tukin_monthly = models.PositiveBigIntegerField(_("TPP per bulan (Rp)"), null=True, blank=True)
    proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+", verbose_name=_("pengusul")
    )
    proposed_at = models.DateTimeField(_("diusulkan"), default=timezone.now)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    decided_at = models.DateTimeField(_("diputus"), null=True, blank=True)
    decision_reason = models.TextField(_("catatan PPK"), blank=True)
    year = models.PositiveSmallIntegerField(null=True, blank=True)
    seq = models.PositiveIntegerField(null=True, blank=True)
    number = models.CharField(_("nomor keputusan"), max_length=120, blank=True)
    decided_on = models.DateField(_("tanggal keputusan"), null=True, blank=True)
    delivered_on = models.DateField(_("tanggal diterima ASN"), null=True, blank=True)
    delivered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    delivery_note = models.CharField(_("cara penyampaian"), max_length=300, blank=True)
    starts_on = models.DateField(_("berlaku mulai"), null=True, blank=True)
    ends_on = models.DateField(_("berakhir"), null=True, blank=True)
    end_notified_at = models.DateTimeField(null=True, blank=True)

    objects = RecommendationQuerySet.as_manager()

    class Meta:
        ordering = ["-proposed_at", "-pk"]
        verbose_name = _("rekomendasi sanksi")
        verbose_name_plural = _("rekomendasi sanksi")
        constraints = [
            models.UniqueConstraint(fields=["case"], condition=Q(status="pending"), name="one_pending_per_case"),
            models.UniqueConstraint(fields=["case"], condition=Q(status="approved"), name="one_decision_per_case"),
            models.UniqueConstraint(fields=["region", "year", "seq"], name="decision_number_unique"),
            models.CheckConstraint(
                condition=Q(is_override=False) | ~Q(justification=""), name="override_needs_justification"
            ),
        ]
        indexes = [models.Index(fields=["region", "status"]), models.Index(fields=["status", "ends_on"])]

    def __str__(self):
        return self.number or f"rekomendasi #{self.pk}"

    @property
    def measure_info(self) -> rules.Measure:
        return rules.MEASURES[self.measure]

    @property
    def rule_measure_infos(self) -> list[rules.Measure]:
        return [rules.MEASURES[c] for c in self.rule_measures if c in rules.MEASURES]

    @property
    def is_allowance_cut(self) -> bool:
        return self.measure_info.is_allowance_cut

    @property
    def executed_text(self) -> str:
        """What is actually applied: the cut, or (when the region does not cut its TPP) the interim measure."""
        info = self.measure_info
        if info.is_allowance_cut and not self.tpp_cut:
            return info.interim
        return info.text

    @property
    def executed_months(self) -> int | None:
        info = self.measure_info
        if info.is_allowance_cut and not self.tpp_cut:
            return 12
        return info.duration_months

    @property
    def monthly_cut(self) -> int:
        if self.is_allowance_cut and self.tpp_cut and self.tukin_monthly:
            return rules.monthly_cut(self.tukin_monthly)
        return 0

    @property
    def is_delivered(self) -> bool:
        return self.delivered_on is not None


class AllowanceCutQuerySet(RegionScopedQuerySet):
    pass


class AllowanceCut(models.Model):
    """One month of a 25% TPP cut: the finance office's schedule (per work unit, month by month)."""

    region = models.ForeignKey("people.Region", on_delete=models.PROTECT, related_name="+")
    recommendation = models.ForeignKey(SanctionRecommendation, on_delete=models.CASCADE, related_name="cuts")
    employee = models.ForeignKey("people.Employee", on_delete=models.PROTECT, related_name="+")
    work_unit = models.ForeignKey("people.WorkUnit", on_delete=models.PROTECT, related_name="+")
    month = models.DateField(_("bulan"))  # the first day of the month
    amount = models.PositiveBigIntegerField(_("jumlah dipotong (Rp)"))

    objects = AllowanceCutQuerySet.as_manager()

    class Meta:
        ordering = ["month", "pk"]
        constraints = [models.UniqueConstraint(fields=["recommendation", "month"], name="allowance_cut_month_unique")]
        indexes = [models.Index(fields=["region", "month"])]

    def __str__(self):
        return f"{self.employee_id} {self.month:%Y-%m} {self.amount}"


class SignedOriginalQuerySet(RegionScopedQuerySet):
    region_field = "recommendation__region"


class SignedOriginal(StoredFile):
    """The decision as the head signed it (wet ink scanned, or signed electronically, e.g. BSrE), uploaded by
    BKD; its SHA-256 is recorded beside the portal's PDF."""

    recommendation = models.ForeignKey(SanctionRecommendation, on_delete=models.PROTECT, related_name="originals")
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    objects = SignedOriginalQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("asli bertanda tangan")
        verbose_name_plural = _("asli bertanda tangan")

    def __str__(self):
        return f"asli {self.recommendation}"


class FollowupWarningQuerySet(RegionScopedQuerySet):
    region_field = "case__region"


class FollowupWarning(models.Model):
    """The day a late PPK decision was warned about: one row per case per day (the unique key claims it)."""

    case = models.ForeignKey("violations.Case", on_delete=models.CASCADE, related_name="+")
    day = models.DateField()
    created_at = models.DateTimeField(auto_now_add=True)

    objects = FollowupWarningQuerySet.as_manager()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["case", "day"], name="followup_warning_once_a_day")]

    def __str__(self):
        return f"{self.case_id} {self.day}"
