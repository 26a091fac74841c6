"""Every periodic job names a task the worker knows, and every task follows the naming rule (core/jobs.py)."""

import re

from celery import current_app

from core.jobs import periodic_jobs
from netralitas.celery import app

PROJECT_APPS = ("core", "audit", "mailer", "documents", "people", "pledges", "violations", "sanctions", "dashboard")
# <app>.tasks.<entity>_<verb>_task, or <app>.<part>.tasks... for an app split in parts (pledges.apel).
TASK_NAME = re.compile(r"^(?P<app>\w+)(?:\.\w+)?\.tasks\.[a-z]+(?:_[a-z0-9]+)*_task$")


def test_every_scheduled_task_is_registered():
    app.loader.import_default_modules()
    schedule = app.conf.beat_schedule
    unknown = {name: job["task"] for name, job in schedule.items() if job["task"] not in app.tasks}
    assert not unknown, f"beat would send tasks no worker knows: {unknown}"
    assert {"mailer.tasks.email_dispatch_due_task", "people.tasks.roster_requeue_stalled_task"} <= {
        job["task"] for job in schedule.values()
    }
    assert {job.name for job in periodic_jobs()} == set(schedule)
    assert current_app._get_current_object() is app  # core.jobs.periodic registers on this app


def test_every_task_follows_the_naming_rule():
    app.loader.import_default_modules()
    ours = [name for name in app.tasks if name.split(".")[0] in PROJECT_APPS]
    assert ours, "no project task registered?"
    bad = [name for name in ours if not TASK_NAME.match(name)]
    assert not bad, f"tasks are named <app>.tasks.<entity>_<verb>_task: {bad}"
