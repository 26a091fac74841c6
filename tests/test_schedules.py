"""Every periodic job beat is told to run names a task the worker knows."""

from django.conf import settings

from netralitas.celery import app


def test_every_scheduled_task_is_registered():
    app.loader.import_default_modules()
    unknown = {name: job["task"] for name, job in settings.CELERY_BEAT_SCHEDULE.items() if job["task"] not in app.tasks}
    assert not unknown, f"beat would send tasks no worker knows: {unknown}"
    assert {"mailer.tasks.dispatch_due_emails", "people.tasks.roster_requeue_stalled_task"} <= {
        job["task"] for job in settings.CELERY_BEAT_SCHEDULE.values()
    }
