"""Celery adapters for the outbox: they take ids and call mailer.services.

``email_send_task`` runs with late acknowledgement: a worker that dies mid-task leaves the
message unacknowledged for the broker to deliver again, and the row INFLIGHT for the sweep.
Either way the claim in ``services.email_send`` makes the second delivery harmless. The same holds
for ``email_send_batch_task``, which sends a chunk of rows (a bulk queue's chunk, or what the sweep
found due) over one SMTP connection, each row with its own claim.
"""

from celery import shared_task

from . import services
from .sending import SWEEP_BATCH_SIZE

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


@shared_task(acks_late=True, reject_on_worker_lost=True, ignore_result=True)
def email_send_batch_task(email_ids: list[int]) -> dict:
    """Send a chunk of outbox rows over one connection; a duplicate delivery of this task sends nothing twice.

    No retry of its own: a row that failed is QUEUED again with its backoff, and the sweep dispatches it.
    """
    return services.email_send_batch(email_ids=email_ids)


@shared_task(ignore_result=True)
def email_dispatch_due_task() -> int:
    """Periodic sweep (beat, every 60 s): send rows that are due again or whose worker died mid-send."""
    ids = services.email_dispatch_due()
    for start in range(0, len(ids), SWEEP_BATCH_SIZE):
        email_send_batch_task.delay(ids[start : start + SWEEP_BATCH_SIZE])
    return len(ids)
