"""The dashboard's background work: the weekly report (issue 11)."""

from celery import shared_task


@shared_task
def weekly_report_issue_task():
    from .weekly import weekly_report_issue

    weekly_report_issue()
