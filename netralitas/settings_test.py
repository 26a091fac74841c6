"""Test settings: the environment's settings with a fast password hasher and plain static files."""

import os

# The suite runs in the trial mode whether or not `make setup` wrote .env (pytest-django still
# sets DEBUG=False while a test runs).
os.environ.setdefault("DEBUG", "1")

from .settings import *  # noqa: E402, F403
from .settings import DATABASES, VAR_DIR  # noqa: E402

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
STORAGES["staticfiles"] = {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}  # noqa: F405
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
AXES_FAILURE_LIMIT = 5
MEDIA_ROOT = VAR_DIR / "test-media"
# Signing keys the tests generate (e.g. seed_demo in the browser tests) stay apart from the trial install's.
DOCUMENT_KEYS_DIR = VAR_DIR / "test-keys"
# A file-backed SQLite test database, so that a subprocess (a Celery worker) could open it too.
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"]["TEST"] = {"NAME": str(VAR_DIR / "test.sqlite3")}
# Serve static files from the finders: no collectstatic needed in tests.
WHITENOISE_AUTOREFRESH = True
WHITENOISE_USE_FINDERS = True
# Tasks run in the test process; the real-worker tests (tests/mailer/test_real_worker.py) start their own worker.
CELERY_TASK_ALWAYS_EAGER = True
