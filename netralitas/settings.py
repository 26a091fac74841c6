"""Netralitas settings: one module, every value from the environment (django-environ).

Defaults give the embedded mode: SQLite under var/, Celery eager, mail written to var/mail/.
Production mode (DEBUG=0) requires SECRET_KEY and ALLOWED_HOSTS, and turns on HTTPS hardening.
"""

from pathlib import Path

import environ
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = Path(environ.Env().str("NETRALITAS_VAR_DIR", default=str(BASE_DIR / "var")))

VAR_DIR.mkdir(parents=True, exist_ok=True)

env = environ.Env()
# `make setup` writes .env for the local trial install (DEBUG=1 and a generated key); production sets
# the environment itself. NETRALITAS_ENV_FILE="" reads no file.
ENV_FILE = env.str("NETRALITAS_ENV_FILE", default=str(BASE_DIR / ".env"))
if ENV_FILE:
    environ.Env.read_env(ENV_FILE, overwrite=False)

# GENERAL
# Off unless asked for: a deployment that forgets DEBUG must not publish tracebacks or run on a dev key.
DEBUG = env.bool("DEBUG", default=False)
if DEBUG:
    SECRET_KEY = env.str("SECRET_KEY", default="insecure-dev-key-only-for-the-embedded-demo-mode")
else:
    SECRET_KEY = env.str("SECRET_KEY", default="")
    if len(SECRET_KEY) < 50:
        raise ImproperlyConfigured(
            "SECRET_KEY must be set (50+ random characters) when DEBUG=0 (the default). For a local trial install "
            "run `make setup` (it writes a git-ignored .env with DEBUG=1 and a generated key); in production set "
            "SECRET_KEY, e.g. from `python3 -c 'import secrets; print(secrets.token_urlsafe(50))'`, and ALLOWED_HOSTS."
        )
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["127.0.0.1", "localhost", "[::1]"] if DEBUG else [])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])
SITE_URL = env.str("SITE_URL", default="http://127.0.0.1:8000")

# APPS
INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "crispy_forms",
    "crispy_bootstrap5",
    "axes",
    "django_celery_beat",
    "core",
    "audit",
    "mailer",
    "documents",
    "people",
    "pledges",
    "violations",
    "sanctions",
    "dashboard",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "people.middleware.LanguageMiddleware",
    "people.middleware.RegionTimezoneMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "people.middleware.StaffSessionMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "netralitas.urls"
WSGI_APPLICATION = "netralitas.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "people.context_processors.roles",
            ],
        },
    },
]

# DATABASES
DATABASES = {"default": env.db("DATABASE_URL", default=f"sqlite:///{VAR_DIR / 'netralitas.sqlite3'}")}
DATABASES["default"]["ATOMIC_REQUESTS"] = False
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    DATABASES["default"]["CONN_MAX_AGE"] = env.int("CONN_MAX_AGE", default=60)
    DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # A write transaction takes SQLite's write lock at BEGIN and waits up to `timeout` seconds for it; a
    # deferred one upgrades its read lock mid-way and fails at once with "database is locked" under contention.
    DATABASES["default"]["OPTIONS"] = {
        **DATABASES["default"].get("OPTIONS", {}),
        "transaction_mode": "IMMEDIATE",
        "timeout": env.int("SQLITE_BUSY_TIMEOUT", default=20),
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# AUTH
AUTH_USER_MODEL = "people.User"
# core.tenancy reads staff roles through these (it sits below the people app).
TENANCY_REGION_MODEL = "people.Region"
TENANCY_MEMBERSHIP_MODEL = "people.Membership"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "people.backends.NetralitasBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"
PASSWORD_RESET_TIMEOUT = env.int("PASSWORD_RESET_TIMEOUT", default=3 * 24 * 3600)
# Staff sessions end when the browser closes or after this many idle hours (shared office PCs).
STAFF_SESSION_IDLE_HOURS = env.float("STAFF_SESSION_IDLE_HOURS", default=8)

# CLIENT ADDRESS: how many reverse proxies in front of the portal append to X-Forwarded-For (core/client.py)
TRUSTED_PROXY_COUNT = env.int("TRUSTED_PROXY_COUNT", default=0)
if TRUSTED_PROXY_COUNT < 0:
    raise ImproperlyConfigured("TRUSTED_PROXY_COUNT must be 0 (no proxy) or the number of proxies in front")

# django-axes: lock a username+IP pair after repeated failures
AXES_FAILURE_LIMIT = env.int("AXES_FAILURE_LIMIT", default=5)
AXES_COOLOFF_TIME = env.float("AXES_COOLOFF_HOURS", default=0.25)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_VERBOSE = False
# "alice", "ALICE", her email and her NIP count as one username for throttling.
AXES_USERNAME_CALLABLE = "people.backends.axes_username"
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"
# The client behind TRUSTED_PROXY_COUNT reverse proxies (0: REMOTE_ADDR), the same address the audit trail records.
AXES_CLIENT_IP_CALLABLE = "core.client.client_ip"

# I18N
LANGUAGE_CODE = "id"
LANGUAGES = [("id", _("Bahasa Indonesia")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Asia/Jakarta"
USE_I18N = True
USE_TZ = True

# STATIC AND MEDIA
STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(env.str("MEDIA_ROOT", default=str(VAR_DIR / "media")))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
        if DEBUG
        else "whitenoise.storage.CompressedManifestStaticFilesStorage"
    },
}
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024
ROSTER_MAX_UPLOAD_BYTES = env.int("ROSTER_MAX_UPLOAD_BYTES", default=30 * 1024 * 1024)
# A roster is refused before it is parsed further when it holds more data rows than a region has ASN, or
# when an XLSX's sheets or shared strings unpack to more than these sizes (a 30 MB upload can unpack to
# gigabytes). Parsing keeps the mapped cells of each row and the shared strings; raise all three together
# for a bigger file, and the worker's memory with them.
ROSTER_MAX_ROWS = env.int("ROSTER_MAX_ROWS", default=100_000)
ROSTER_XLSX_MAX_SHEET_BYTES = env.int("ROSTER_XLSX_MAX_SHEET_BYTES", default=256 * 1024 * 1024)
ROSTER_XLSX_MAX_STRINGS_BYTES = env.int("ROSTER_XLSX_MAX_STRINGS_BYTES", default=32 * 1024 * 1024)
# An import whose task shows no progress for this long is queued again (its task was lost with a
# broker or a worker); the import itself is idempotent, so a slow one re-queued by mistake is harmless.
ROSTER_STALL_MINUTES = env.int("ROSTER_STALL_MINUTES", default=15)

# DOCUMENTS: issued PDFs (documents app). Each region's signing key is a file here, readable by the portal
# alone (0600 in a 0700 directory), never in the database and never under MEDIA_ROOT.
DOCUMENT_KEYS_DIR = Path(env.str("DOCUMENT_KEYS_DIR", default=str(VAR_DIR / "keys")))
# The public verification page hashes an uploaded PDF (never parses or stores it), up to this size ...
DOCUMENT_UPLOAD_MAX_BYTES = env.int("DOCUMENT_UPLOAD_MAX_BYTES", default=20 * 1024 * 1024)
# ... and answers each client address at most this many look-ups (by code or upload) per window.
DOCUMENT_VERIFY_RATE_LIMIT = env.int("DOCUMENT_VERIFY_RATE_LIMIT", default=30)
DOCUMENT_VERIFY_RATE_WINDOW = env.int("DOCUMENT_VERIFY_RATE_WINDOW", default=600)

# CACHE: Redis when REDIS_URL is set (shared progress for Celery jobs), else process-local
REDIS_URL = env.str("REDIS_URL", default="")
if REDIS_URL:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": REDIS_URL}}
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

# CELERY: configured from the project's own REDIS_URL, never from CELERY_BROKER_URL (see STACK-NOTES)
CELERY_BROKER_URL = REDIS_URL or "memory://"
CELERY_RESULT_BACKEND = None
CELERY_TASK_ALWAYS_EAGER = not REDIS_URL
CELERY_TASK_EAGER_PROPAGATES = False
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_IGNORE_RESULT = True
CELERY_BROKER_TRANSPORT_OPTIONS = {"visibility_timeout": env.int("CELERY_VISIBILITY_TIMEOUT", default=3600)}
CELERY_TIMEZONE = TIME_ZONE
CELERY_BEAT_SCHEDULER = "django_celery_beat.schedulers:DatabaseScheduler"

# EMAIL: files under var/mail/ by default; EMAIL_URL=smtp://user:pass@host:port for a real server
EMAIL_URL = env.str("EMAIL_URL", default="")
if EMAIL_URL:
    globals().update(env.email_url_config(EMAIL_URL))  # EMAIL_BACKEND, EMAIL_HOST, EMAIL_PORT, ...
else:
    EMAIL_BACKEND = "django.core.mail.backends.filebased.EmailBackend"
    EMAIL_FILE_PATH = str(VAR_DIR / "mail")
DEFAULT_FROM_EMAIL = env.str("DEFAULT_FROM_EMAIL", default="Netralitas <noreply@netralitas.localhost>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
EMAIL_TIMEOUT = env.int("EMAIL_TIMEOUT", default=30)
# An outbox row in flight longer than this is presumed lost with its worker and is sent again.
MAILER_INFLIGHT_LEASE_SECONDS = env.int("MAILER_INFLIGHT_LEASE_SECONDS", default=300)
# Messages a region sends at most in any 24 h (SMTP providers cap daily sends), until its admin sets its own
# limit on the region settings page; 0 = unlimited. Stored on the region's row when it first sends.
MAILER_DEFAULT_DAILY_LIMIT = env.int("MAILER_DEFAULT_DAILY_LIMIT", default=2000)
if MAILER_DEFAULT_DAILY_LIMIT < 0:
    raise ImproperlyConfigured("MAILER_DEFAULT_DAILY_LIMIT must be 0 (unlimited) or a positive number of messages")

# FORMS
CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"

# SECURITY (production)
SESSION_COOKIE_HTTPONLY = True
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
if not DEBUG:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https") if env.bool("BEHIND_PROXY", default=True) else None
    SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=True)
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=31536000)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = env.bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", default=True)
    SECURE_HSTS_PRELOAD = env.bool("SECURE_HSTS_PRELOAD", default=False)
# HSTS preload is an opt-in commitment by the operator, not a default.
SILENCED_SYSTEM_CHECKS = ["security.W021"]

# LOGGING
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    # Request lines can carry a credential (an emailed link opened for the first time): see core/redaction.py.
    "filters": {"credentials": {"()": "core.redaction.RedactCredentialsFilter"}},
    "handlers": {
        "console": {"class": "logging.StreamHandler", "filters": ["credentials"]},
        "server": {"class": "logging.StreamHandler", "filters": ["credentials"], "formatter": "server"},
    },
    "formatters": {"server": {"format": "[{server_time}] {message}", "style": "{"}},
    "root": {"handlers": ["console"], "level": env.str("LOG_LEVEL", default="INFO")},
    "loggers": {
        "django.server": {"handlers": ["server"], "level": "INFO", "propagate": False},
        "weasyprint": {"level": "ERROR"},
        "fontTools": {"level": "ERROR"},
    },
}

# SCHEDULES: each app registers its periodic jobs with core.jobs.periodic() in AppConfig.ready()
# (django-celery-beat copies them into its tables, where staff may tune them in the admin).
CELERY_BEAT_SCHEDULE = {}
