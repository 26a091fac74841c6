"""Celery application. The broker comes from settings (REDIS_URL), never from CELERY_* env vars."""

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "netralitas.settings")
# Celery lets CELERY_BROKER_URL in the environment override every setting; the project decides.
for _name in ("CELERY_BROKER_URL", "CELERY_RESULT_BACKEND"):
    os.environ.pop(_name, None)

app = Celery("netralitas")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
