"""The prohibited-activity catalogue (shared/domain/catalogue.csv), versioned, and the suggester's word lists.

The catalogue is national data, the same for every Pemda: rows are versions of an entry (``code``); an edit
makes a new version and retires none of the old rows, so a case keeps the version it was judged under.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from core.tenancy import RegionScopedQuerySet


class Category(models.TextChoices):
    KODE_ETIK = "kode_etik", _("Pelanggaran kode etik")
    DISIPLIN_SEDANG = "disiplin_sedang", _("Disiplin sedang")
    DISIPLIN_BERAT = "disiplin_berat", _("Disiplin berat")
    PTDH = "ptdh", _("PTDH (anggota/pengurus partai)")


# Heavier last: several breaches found in one examination give one sanction, the heaviest.
CATEGORY_WEIGHT = {Category.KODE_ETIK: 1, Category.DISIPLIN_SEDANG: 2, Category.DISIPLIN_BERAT: 3, Category.PTDH: 4}


class Stage(models.TextChoices):
    BAKAL_CALON = "bakal_calon", _("Sebelum penetapan calon (bakal calon)")
    CALON = "calon", _("Sesudah penetapan calon (calon)")
    ANY = "any", _("Kapan saja")


class Confidence(models.TextChoices):
    CONFIRMED = "confirmed", _("Terkonfirmasi")
    SINGLE_SOURCE = "single_source", _("Satu sumber")
    DISPUTED_SEDANG = "disputed_one_source_says_sedang", _("Diperdebatkan (satu sumber: sedang)")
    DISPUTED_SPLIT = "disputed_split", _("Diperdebatkan (pembagian sebelum/sesudah penetapan)")
    UNCONFIRMED_CATEGORY = "unconfirmed_category", _("Kategori belum terkonfirmasi")
    UNCONFIRMED = "unconfirmed", _("Belum terkonfirmasi")


class ProhibitedActivityQuerySet(models.QuerySet):
    def current(self):
        """The entries in force: the newest version of each code that is not retired."""
        return self.filter(is_current=True, retired_at__isnull=True)


class ProhibitedActivity(models.Model):
    """One version of a catalogue entry. Never changed once a case uses it: an edit adds a version."""

    code = models.CharField(_("kode"), max_length=20)
    version = models.PositiveIntegerField(_("versi"), default=1)
    title = models.CharField(_("judul"), max_length=300)
    title_en = models.CharField(_("judul (Inggris)"), max_length=300, blank=True)
    description = models.TextField(_("uraian"), blank=True)
    legal_basis = models.CharField(_("dasar hukum"), max_length=300, blank=True)
    category = models.CharField(_("kategori"), max_length=20, choices=Category.choices)
    stage = models.CharField(_("tahap"), max_length=12, choices=Stage.choices, default=Stage.ANY)
    counterpart_code = models.CharField(
        _("padanan di tahap lain"), max_length=20, blank=True, help_text=_("Perbuatan yang sama di tahap lainnya.")
    )
    sanctions_allowed = models.JSONField(_("sanksi yang dapat dijatuhkan"), default=list, blank=True)
    confidence = models.CharField(_("keyakinan"), max_length=40, choices=Confidence.choices)
    is_current = models.BooleanField(_("versi berlaku"), default=True)
    retired_at = models.DateTimeField(_("dinonaktifkan"), null=True, blank=True)
    change_note = models.TextField(_("catatan perubahan"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    objects = ProhibitedActivityQuerySet.as_manager()

    class Meta:
        ordering = ["code", "-version"]
        verbose_name = _("entri katalog larangan")
        verbose_name_plural = _("katalog larangan")
        constraints = [
            models.UniqueConstraint(fields=["code", "version"], name="activity_code_version_unique"),
            models.UniqueConstraint(fields=["code"], condition=Q(is_current=True), name="activity_one_current"),
        ]

    def __str__(self):
        return f"{self.code} {self.title}"

    @property
    def is_confirmed(self) -> bool:
        return self.confidence == Confidence.CONFIRMED

    @property
    def is_retired(self) -> bool:
        return self.retired_at is not None

    def snapshot(self) -> dict:
        fields = ["code", "version", "title", "title_en", "description", "legal_basis", "category", "stage"]
        fields += ["counterpart_code", "sanctions_allowed", "confidence"]
        return {name: getattr(self, name) for name in fields}


class SuggestionRule(models.Model):
    """The words that point to one catalogue code (kept beside the catalogue, editable by its managers).

    ``rules`` holds lines ``<group>:<weight> = term | term | ...``; a group named ``core…`` must match for the
    entry to be suggested, other groups add context, ``not`` vetoes it. Terms are written as people write
    (``memasang spanduk``): the suggester stems and normalises them the same way as the text.
    """

    code = models.CharField(_("kode"), max_length=20, unique=True)
    rules = models.TextField(_("aturan kata kunci"))
    updated_at = models.DateTimeField(auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["code"]
        verbose_name = _("aturan saran katalog")
        verbose_name_plural = _("aturan saran katalog")

    def __str__(self):
        return self.code


class LexiconEntry(models.Model):
    """Slang, abbreviations and synonyms the suggester rewrites before matching ("timses" → "tim sukses")."""

    term = models.CharField(_("istilah"), max_length=80, unique=True)
    replacement = models.CharField(_("diganti dengan"), max_length=120)

    class Meta:
        ordering = ["term"]
        verbose_name = _("istilah/singkatan")
        verbose_name_plural = _("istilah dan singkatan")

    def __str__(self):
        return f"{self.term} → {self.replacement}"


class CatalogueProposalQuerySet(RegionScopedQuerySet):
    pass


class CatalogueProposal(models.Model):
    """A new entry proposed by staff for a case the catalogue does not cover; an admin accepts or rejects it."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Menunggu")
        ACCEPTED = "accepted", _("Diterima")
        REJECTED = "rejected", _("Ditolak")

    region = models.ForeignKey("people.Region", on_delete=models.PROTECT, related_name="+", verbose_name=_("Pemda"))
    title = models.CharField(_("judul"), max_length=300)
    description = models.TextField(_("uraian dan alasan"))
    legal_basis = models.CharField(_("dasar hukum (jika diketahui)"), max_length=300, blank=True)
    category = models.CharField(_("kategori yang diusulkan"), max_length=20, choices=Category.choices)
    stage = models.CharField(_("tahap"), max_length=12, choices=Stage.choices, default=Stage.ANY)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.PENDING)
    proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+", verbose_name=_("pengusul")
    )
    created_at = models.DateTimeField(auto_now_add=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    decision_note = models.TextField(_("catatan keputusan"), blank=True)
    entry = models.ForeignKey(
        ProhibitedActivity, null=True, blank=True, on_delete=models.PROTECT, related_name="+", verbose_name=_("entri")
    )

    objects = CatalogueProposalQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("usulan entri katalog")
        verbose_name_plural = _("usulan entri katalog")

    def __str__(self):
        return self.title
