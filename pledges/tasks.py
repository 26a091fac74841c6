"""Celery adapters for the pledges app: they take ids and call its services."""

from celery import shared_task


@shared_task(acks_late=True, ignore_result=True)
def ceremony_notify_task(ceremony_id: int) -> str | None:
    """Queue the apel notice that is due (invitation, reminder, moved, cancelled); a duplicate finds it claimed."""
    from pledges.services.apel_notices import ceremony_notify

    return ceremony_notify(ceremony_id=ceremony_id)


@shared_task(ignore_result=True)
def ceremony_notify_due_task() -> int:
    """Periodic (beat, every minute): one notice task per apel whose notice time has come."""
    from pledges.services.apel_notices import ceremony_notify_due

    due = ceremony_notify_due()
    for ceremony_id in due:
        ceremony_notify_task.delay(ceremony_id)
    return len(due)
