"""Elections and the dates that matter for neutrality (shared/domain/reference.md §6.1)."""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _


class ElectionQuerySet(models.QuerySet):
    def current_first(self):
        return self.order_by("-voting_day")


class Election(models.Model):
    """A national election (Pemilu, Pilkada serentak) or a later one. Not a Pemda's row: every region
    refers to the same election, so it is added by the platform's administrator (Django admin)."""

    class Kind(models.TextChoices):
        PEMILU = "pemilu", _("Pemilu (Presiden, DPR, DPD, DPRD)")
        PILKADA = "pilkada", _("Pilkada (gubernur, bupati, wali kota)")
        OTHER = "lainnya", _("Lainnya (mis. pemungutan suara ulang)")

    name = models.CharField(_("nama"), max_length=120)
    slug = models.SlugField(_("kode"), max_length=60, unique=True)
    kind = models.CharField(_("jenis"), max_length=10, choices=Kind.choices)
    candidates_fixed_on = models.DateField(
        _("penetapan calon"),
        help_text=_(
            "Sebelum tanggal ini mereka bakal calon (pelanggaran kode etik); sesudahnya calon (pelanggaran disiplin)."
        ),
    )
    campaign_start = models.DateField(_("awal kampanye"))
    campaign_end = models.DateField(_("akhir kampanye"))
    quiet_start = models.DateField(_("awal masa tenang"))
    quiet_end = models.DateField(_("akhir masa tenang"))
    voting_day = models.DateField(_("hari pemungutan suara"))
    notes = models.TextField(_("catatan"), blank=True, help_text=_("Sumber tanggal dan hal yang belum pasti."))
    is_active = models.BooleanField(_("aktif"), default=True)

    objects = ElectionQuerySet.as_manager()

    class Meta:
        ordering = ["-voting_day"]
        verbose_name = _("pemilihan")
        verbose_name_plural = _("pemilihan")

    def __str__(self):
        return self.name

    def clean(self):
        order = [
            ("candidates_fixed_on", self.candidates_fixed_on),
            ("campaign_start", self.campaign_start),
            ("campaign_end", self.campaign_end),
            ("quiet_start", self.quiet_start),
            ("quiet_end", self.quiet_end),
            ("voting_day", self.voting_day),
        ]
        for (_first, earlier), (field, later) in zip(order, order[1:], strict=False):
            if earlier and later and later < earlier:
                raise ValidationError({field: _("Tanggal ini tidak boleh sebelum tanggal tahap sebelumnya.")})

    def stage_on(self, day) -> str:
        """ "bakal_calon" before candidate fixing, "calon" from that day on (catalogue.csv's stages)."""
        return "calon" if day >= self.candidates_fixed_on else "bakal_calon"
