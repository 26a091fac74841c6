"""Celery adapters for the sanctions app: they take ids (or nothing) and call a service."""

from celery import shared_task

from . import services


@shared_task(ignore_result=True, acks_late=True)
def sanctions_notify_ended_task() -> int:
    """Daily (beat): tell the region's BKD that a sanction ended, once per sanction."""
    return services.sanctions_end_sweep()


@shared_task(ignore_result=True, acks_late=True)
def decisions_warn_late_task() -> int:
    """Daily (beat): warn the head and BKD of proven cases whose PPK decision is late, once a day at most."""
    return services.followup_sweep()
