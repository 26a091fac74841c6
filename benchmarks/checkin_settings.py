"""Settings of the check-in benchmark (benchmarks/checkin.py): the portal's own, plus a URL module that adds the
baseline view. The baseline lives here only — never in the product's URLs.

Production mode (DEBUG off), served over plain HTTP on loopback: the HTTPS redirect and secure-only cookies are
off, and logins use a fast hasher (they are set-up, not what is measured).
"""

import warnings

from netralitas.settings import *  # noqa: F403
from netralitas.settings import STORAGES

# WhiteNoise looks for collected static files; the benchmark requests none.
warnings.filterwarnings("ignore", message="No directory at")

ROOT_URLCONF = "benchmarks.checkin_urls"
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
SECURE_SSL_REDIRECT = False
SESSION_COOKIE_SECURE = False
CSRF_COOKIE_SECURE = False
SECURE_HSTS_SECONDS = 0
STORAGES = {**STORAGES, "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}}
