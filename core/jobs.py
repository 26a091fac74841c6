"""Background work, one way for every app.

- :func:`enqueue_after_commit` queues a Celery task once the surrounding transaction commits (a rolled-back
  transaction queues nothing; outside a transaction it queues at once). Tasks take ids, never objects and
  never a credential.
- :func:`progress_set` / :func:`progress_get` report a long job's progress through the cache (Redis when
  configured), since the job's own rows stay invisible until it commits.
- :func:`periodic` registers a job for beat (and for the trial install's runner, ``manage.py run_periodic``).
  Apps register theirs in ``AppConfig.ready()``.

Task naming rule: a task is a thin adapter named ``<entity>_<verb>_task`` in ``<app>/tasks.py`` (so its full
name is ``<app>.tasks.<entity>_<verb>_task``); it calls the service ``<entity>_<verb>`` with ids, and
retries live in the task, rules in the service. tests/test_schedules.py checks the rule.
"""

from dataclasses import dataclass

from django.core.cache import cache
from django.db import transaction
from django.utils import timezone

PROGRESS_TTL = 24 * 3600


def enqueue_after_commit(task, *args, **kwargs) -> None:
    """``task.delay(*args, **kwargs)`` once the current transaction commits.

    Robust: with the broker down the request that committed still succeeds (the error is logged); every
    job queued this way has a sweep or a synchronous fallback that picks up what was never queued."""
    transaction.on_commit(lambda: task.delay(*args, **kwargs), robust=True)


def progress_key(job: str, job_id) -> str:
    return f"netralitas:job:{job}:{job_id}:progress"


def progress_set(job: str, job_id, *, phase: str, processed: int, total: int, **extra) -> None:
    """Record how far a job got (``job`` names the kind, e.g. "roster-import"); ``at`` marks a sign of life."""
    value = {"phase": phase, "processed": processed, "total": total, "at": timezone.now().timestamp(), **extra}
    cache.set(progress_key(job, job_id), value, PROGRESS_TTL)


def progress_get(job: str, job_id) -> dict:
    """{phase, processed, total, at, percent} or {} when the job has reported nothing."""
    value = dict(cache.get(progress_key(job, job_id)) or {})
    if value:
        total = value.get("total") or 0
        value["percent"] = round(100 * value.get("processed", 0) / total) if total else 0
    return value


def progress_clear(job: str, job_id) -> None:
    cache.delete(progress_key(job, job_id))


@dataclass(frozen=True)
class Periodic:
    name: str
    task: str  # the task's full name, e.g. "mailer.tasks.email_dispatch_due_task"
    seconds: float


_periodic: dict[str, Periodic] = {}


def periodic(name: str, task: str, *, seconds: float) -> None:
    """Run ``task`` every ``seconds``: beat (django-celery-beat copies it into its tables, where staff may
    tune it) and, in the trial install, ``manage.py run_periodic``."""
    from celery import current_app

    _periodic[name] = Periodic(name, task, seconds)
    current_app.conf.beat_schedule = {
        **(current_app.conf.beat_schedule or {}),
        name: {"task": task, "schedule": seconds},
    }


def periodic_jobs() -> list[Periodic]:
    return sorted(_periodic.values(), key=lambda p: p.name)
