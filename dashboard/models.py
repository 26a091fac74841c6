"""The weekly report of a Pemda's figures (issue 11): one row per region and week, holding the figures as they
were computed (the PDF issued through ``documents`` reads them, so a re-issue shows the same numbers)."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from core.tenancy import RegionScopedQuerySet


class WeeklyReportQuerySet(RegionScopedQuerySet):
    pass


class WeeklyReport(models.Model):
    region = models.ForeignKey("people.Region", verbose_name=_("Pemda"), on_delete=models.PROTECT, related_name="+")
    week_start = models.DateField(_("minggu mulai"))  # a Monday; the report covers Monday to Sunday
    figures = models.JSONField(_("angka"), default=dict)
    computed_at = models.DateTimeField(_("dihitung pada"))
    announced_to = models.PositiveIntegerField(_("diumumkan kepada"), default=0)  # heads mailed (the outbox has them)

    objects = WeeklyReportQuerySet.as_manager()

    class Meta:
        ordering = ["-week_start", "region__name"]
        verbose_name = _("laporan mingguan")
        verbose_name_plural = _("laporan mingguan")
        constraints = [models.UniqueConstraint(fields=["region", "week_start"], name="weekly_report_unique")]

    def __str__(self):
        return f"laporan mingguan {self.region_id} {self.week_start:%Y-%m-%d}"

    @property
    def week_end(self):
        import datetime as dt

        return self.week_start + dt.timedelta(days=6)
