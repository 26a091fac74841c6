"""manage.py run_periodic — beat for the trial install: runs the registered periodic jobs in this process.

Without Redis (the embedded mode) there is no beat and tasks run eagerly. ``make run`` starts this beside
the web server, so reminders, sweeps and purges fire anyway. With a broker, run Celery beat instead.
"""

import signal
import time

from celery import current_app
from django.core.management.base import BaseCommand

from core.jobs import periodic_jobs

TICK_SECONDS = 5


class Command(BaseCommand):
    help = "Run the periodic jobs (core.jobs.periodic) when they are due, in this process (embedded mode)."

    def add_arguments(self, parser):
        parser.add_argument("--once", action="store_true", help="run every job once, then exit")

    def handle(self, *args, once: bool = False, **options):
        current_app.loader.import_default_modules()  # every app's tasks.py
        jobs = periodic_jobs()
        if once:
            for job in jobs:
                self._run(job)
            return
        stopping = []
        signal.signal(signal.SIGTERM, lambda *_: stopping.append(True))
        # The first run of each job a little after start, so the web server comes up first.
        due = {job.name: time.monotonic() + 10 for job in jobs}
        self.stdout.write(f"run_periodic: {len(jobs)} job(s): {', '.join(j.name for j in jobs)}")
        while not stopping:
            now = time.monotonic()
            for job in jobs:
                if now >= due[job.name]:
                    self._run(job)
                    due[job.name] = time.monotonic() + job.seconds
            time.sleep(TICK_SECONDS)

    def _run(self, job) -> None:
        try:
            result = current_app.tasks[job.task].apply().get(propagate=True)
        except Exception as exc:  # noqa: BLE001 — one failing job must not stop the others
            self.stderr.write(f"{job.name}: failed: {exc.__class__.__name__}: {exc}")
        else:
            if result:
                self.stdout.write(f"{job.name}: {result}")
