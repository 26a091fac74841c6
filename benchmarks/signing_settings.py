"""Settings of the signing benchmark (benchmarks/signing.py): the check-in benchmark's (production mode on plain
HTTP, the baseline URL), with the tasks on a Redis queue of this run's own, so the signed PDFs wait for the one
worker the benchmark starts and nothing else on that Redis takes them."""

import os

from benchmarks.checkin_settings import *  # noqa: F403

CELERY_TASK_DEFAULT_QUEUE = os.environ.get("BENCH_QUEUE", "celery")
