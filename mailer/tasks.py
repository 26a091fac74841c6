"""Celery adapters for the outbox: they take ids and call mailer.services.

``email_send_task`` runs with late acknowledgement: a worker that dies mid-task leaves the
message unacknowledged for the broker to deliver again, and the row INFLIGHT for the sweep.
Either way the claim in ``services.email_send`` makes the second delivery harmless. The same holds
for ``email_send_batch_task``, which sends a chunk of rows (a bulk queue's chunk, or what the sweep
found due) over one SMTP connection, each row with its own claim.
"""

import logging

from amqp.exceptions import NotFound
from celery import current_app, shared_task
from kombu.exceptions import ChannelError

from . import services
from .sending import SWEEP_BATCH_SIZE

log = logging.getLogger(__name__)

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
    ids = services.email_dispatch_due(backlog=broker_backlog())
    for start in range(0, len(ids), SWEEP_BATCH_SIZE):
        email_send_batch_task.delay(ids[start : start + SWEEP_BATCH_SIZE])
    return len(ids)


def broker_backlog() -> int:
    """Tasks waiting in the broker's default queue (what the outbox's tasks are sent to); 0 without a broker
    (eager mode) or when the broker cannot tell, so that the sweep errs on the side of dispatching."""
    app = current_app
    if app.conf.task_always_eager:
        return 0
    try:
        with app.connection_for_read() as connection:
            declared = connection.default_channel.queue_declare(queue=app.conf.task_default_queue, passive=True)
            return declared.message_count
    except (ChannelError, NotFound):  # no such queue (Redis drops an empty one): nothing waits
        return 0
    except Exception as exc:  # noqa: BLE001 — no answer is not a reason to stop recovering mail
        log.warning("outbox sweep: cannot read the broker's backlog: %s", exc)
        return 0
