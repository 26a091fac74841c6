"""The weekly report (issue 11): every Monday, last week's figures of each Pemda that has a head, kept as a row
(:class:`WeeklyReport`), issued as a verifiable PDF through ``documents`` and announced to each head through
the outbox — once, with a link to the report's page (no attachment)."""

import datetime as dt
import zoneinfo
from itertools import groupby

from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from documents.kinds import DocumentKind, Rendered, letter_facts
from documents.services import document_issue_after_commit
from mailer.services import email_queue
from people import selectors as people_selectors
from people.models import Membership
from people.roles import Role

from . import figures
from .models import WeeklyReport

WEEKLY_REPORT = "dashboard.weekly_report"


def last_week(today: dt.date) -> dt.date:
    """The Monday of the week before the one ``today`` is in."""
    return figures.week_start(today) - dt.timedelta(weeks=1)


def weekly_figures(*, user, region, week_start: dt.date) -> dict:
    """The region's figures up to the week's Sunday, as ``user`` (a head of it) sees them, in a form a JSON column
    keeps: a province's report covers its kabupaten/kota too."""
    week_end = week_start + dt.timedelta(days=6)
    reach = people_selectors.regions_for(user=user, capability=figures.CAPABILITY)
    regions = [r for r in reach if r.pk == region.pk or r.parent_id == region.pk]
    ctx = figures.Context(user, [r.pk for r in regions], figures.Filter(date_to=week_end), today=week_end, links=False)
    week_reports = ctx.reports_weekly.get(week_start, 0)

    def cells(row):
        return [{"v": cell.value, "p": cell.percent} for cell in row]

    tables = figures.tables(ctx)
    if len(regions) > 1:
        tables = [figures.province_table(ctx, regions), *tables]
    return {
        "regions": [r.name for r in regions],
        "week_start": week_start.isoformat(),
        "week_end": week_end.isoformat(),
        "week_reports": week_reports,
        "headline": [{"label": str(s["label"]), "value": s["value"]} for s in figures.headline(ctx)],
        "watch": [{"label": item.label, "count": item.count} for item in figures.watch_list(ctx)],
        "tables": [
            {
                "title": t.title,
                "header": t.header,
                "rows": [cells(row) for row in t.rows],
                "footer": cells(t.footer) if t.footer else None,
                "empty": t.empty,
            }
            for t in tables
        ],
    }


def _heads():
    """Active heads with a membership of their own in a region, grouped by region."""
    memberships = (
        Membership.objects.filter(role=Role.HEAD, user__is_active=True)
        .select_related("user", "region")
        .order_by("region_id", "user_id")
    )
    for _region_id, group in groupby(memberships, key=lambda m: m.region_id):
        group = list(group)
        yield group[0].region, [m.user for m in group]


def weekly_report_issue(*, today: dt.date | None = None) -> list[WeeklyReport]:
    """Make last week's report of every Pemda that has a head, if it is not made yet (run hourly by beat: the
    first run of a Monday in the region's zone makes it, a later one catches up a missed Monday). Returns the
    reports made now. Safe to run twice at once: the (region, week) constraint lets one through."""
    made = []
    for region, heads in _heads():
        local_today = today or timezone.localdate(timezone=zoneinfo.ZoneInfo(region.timezone))
        week_start = last_week(local_today)
        if WeeklyReport.objects.filter(region=region, week_start=week_start).exists():
            continue
        with transaction.atomic():
            report, created = WeeklyReport.objects.get_or_create(
                region=region,
                week_start=week_start,
                defaults={
                    "figures": weekly_figures(user=heads[0], region=region, week_start=week_start),
                    "computed_at": timezone.now(),
                },
            )
            if not created:
                continue
            document_issue_after_commit(WEEKLY_REPORT, report)
            report.announced_to = sum(_announce(report, head) for head in heads)
            report.save(update_fields=["announced_to"])
        made.append(report)
    return made


def _announce(report: WeeklyReport, head) -> bool:
    """One email to a head: the week and a link to the report's page (after login); never the PDF itself."""
    if not head.email:
        return False
    email_queue(
        to=head.email,
        kind="dashboard_weekly_report",
        template="dashboard_weekly_report",
        context={
            "report": report,
            "figures": report.figures,
            "report_path": reverse("weekly_report_detail", kwargs={"weekly_report_id": report.pk}),
        },
        subject_obj=report,
        language=getattr(head, "language", "id") or "id",
        region=report.region,
        day=report.week_start,
    )
    return True


# --- the document -------------------------------------------------------------------------------------------------


def weekly_report_build(report: WeeklyReport) -> Rendered:
    number = f"000.5/{report.region.code.upper()}/LM-{report.week_start:%Y%m%d}"
    title = f"Laporan Mingguan Netralitas ASN {report.region.name} {report.week_start:%d-%m-%Y}"
    context = {"report": report, "figures": report.figures, "title": title, "number": number}
    return Rendered("dashboard/weekly_report_pdf.html", context, report.region, title, number)


def weekly_report_kind() -> DocumentKind:
    return DocumentKind(
        code=WEEKLY_REPORT,
        label=_("Laporan mingguan netralitas ASN"),
        model=WeeklyReport,
        build=weekly_report_build,
        public_facts=letter_facts,
    )
