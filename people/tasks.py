"""Celery adapters for people: they take ids and call the roster services."""

from celery import shared_task

from people.services import roster_imports


@shared_task(acks_late=True, ignore_result=True)
def roster_check_task(import_id: int) -> None:
    """Dry-run an uploaded roster file (errors or a preview summary)."""
    roster_imports.roster_import_check(import_id=import_id)


@shared_task(acks_late=True, ignore_result=True)
def roster_run_task(import_id: int, user_id: int | None = None) -> None:
    """Import a checked roster file all-or-nothing; a redelivered task finds it done and stops."""
    roster_imports.roster_import_run(import_id=import_id, user_id=user_id)


@shared_task(ignore_result=True)
def roster_requeue_stalled_task() -> int:
    """Periodic sweep (beat, every 5 min): queue again the imports whose task was lost."""
    stalled = roster_imports.roster_import_stalled()
    for import_id, step in stalled:
        (roster_check_task if step == "check" else roster_run_task).delay(import_id)
    return len(stalled)


@shared_task(ignore_result=True)
def retention_purge_task() -> dict:
    """Periodic (daily): remove personal data past each region's retention period."""
    from people.services.retention import retention_purge

    return retention_purge()
