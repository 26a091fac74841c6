"""Celery adapters for the outbox: they take ids and call mailer.services.

``email_send_task`` runs with late acknowledgement: a worker that dies mid-task leaves the
message unacknowledged for the broker to deliver again, and the row INFLIGHT for the sweep.
Either way the claim in ``services.email_send`` makes the second delivery harmless.
"""

from celery import shared_task

from . import services

# An ETA message held by a worker longer than the broker's visibility timeout is delivered again;
# longer backoffs are left to the periodic sweep, which reads next_attempt_at from the row.
BROKER_RETRY_MAX_SECONDS = 900


@shared_task(bind=True, acks_late=True, reject_on_worker_lost=True, max_retries=None, ignore_result=True)
def email_send_task(self, email_id: int) -> str:
    """Send one outbox row; a duplicate or retried delivery of this task sends nothing twice."""
    outcome = services.email_send(email_id=email_id)
    # Eager mode (no broker) would run the retry at once: leave the QUEUED row to the sweep instead.
    if outcome.status == "retry" and not self.request.is_eager and outcome.retry_in <= BROKER_RETRY_MAX_SECONDS:
        raise self.retry(countdown=outcome.retry_in)
    return outcome.status


@shared_task(ignore_result=True)
def email_dispatch_due_task() -> int:
    """Periodic sweep (beat, every 60 s): send rows that are due again or whose worker died mid-send."""
    ids = services.email_dispatch_due()
    for email_id in ids:
        email_send_task.delay(email_id)
    return len(ids)
