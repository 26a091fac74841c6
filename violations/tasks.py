"""Celery adapters for the violations app: they take ids (or nothing) and call a service."""

from celery import shared_task

from .services import notify


@shared_task(ignore_result=True, acks_late=True)
def cases_remind_overdue_task() -> int:
    """Daily (beat): remind the officer and the region's BKD of each overdue case, once per case per day."""
    return notify.overdue_sweep()
