"""hoptac settings, read from the environment (never edit this file per deployment).

Environment: DATABASE_URL, SECRET_KEY, DEBUG, ALLOWED_HOSTS, EMAIL_*, HOPTAC_DEMO_PASSWORD,
HOPTAC_MAX_CLASSIFICATION, HOPTAC_AUDIT_KEY, HOPTAC_AUDIT_KEY_FROM_SECRET, HOPTAC_TASKS_IMMEDIATE,
HOPTAC_REMINDER_DAYS_BEFORE, HOPTAC_NUDGE_AFTER_DAYS, STATIC_ROOT, MEDIA_ROOT, DATABASE_REPLICA_URL,
HOPTAC_REPLICA_STICKY_SECONDS, HOPTAC_AUDIT_CHAINS, HOPTAC_ARTICLE_MAX_BYTES. A production
deployment takes them from one file, deploy/hoptac.env (docs/operations.md).
"""

import datetime
import json
import os
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent.parent

DEFAULT_SECRET_KEY = "django-insecure-hoptac-local-development-only"


def env_bool(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


DEBUG = env_bool("DEBUG", False)
TESTING = False
# An empty value (a blank line in an env file) counts as unset.
SECRET_KEY = os.environ.get("SECRET_KEY", "") or DEFAULT_SECRET_KEY
# HOPTAC_ALLOW_DEFAULT_KEY=1 marks a throwaway instance (tests, `make bench`): it may run with
# DEBUG off on the development keys.
ALLOW_DEFAULT_KEYS = env_bool("HOPTAC_ALLOW_DEFAULT_KEY")
if not DEBUG and SECRET_KEY == DEFAULT_SECRET_KEY and not ALLOW_DEFAULT_KEYS:
    raise ImproperlyConfigured(
        "SECRET_KEY must be set when DEBUG is off: the default key is for local development only."
    )

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost" if DEBUG else "")
if not DEBUG and not ALLOWED_HOSTS:
    # Django would start and then answer every request 400; say why at start-up instead.
    raise ImproperlyConfigured(
        "ALLOWED_HOSTS must be set when DEBUG is off (the host names this server answers to, "
        "comma-separated)."
    )

INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "rest_framework",
    "django_filters",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "django_htmx",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "axes",
    "django_ratelimit",
    "csp",
    "django_tasks",
    "django_tasks_db",
    "core",
    "access",
    "org",
    "partners",
    "instruments",
    "tracking",
    "cases",
    "events",
    "articles",
    "capacity",
    "search",
    "reports",
    "dashboard",
    "scale",
]

MIDDLEWARE = [
    # First and last: requests counted and timed around everything else (/metrics).
    "django_prometheus.middleware.PrometheusBeforeMiddleware",
    "core.middleware.RequestIdMiddleware",
    "django.middleware.security.SecurityMiddleware",
    # Static files before anything that reads the session or the database.
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "core.middleware.SessionRefreshMiddleware",
    "core.middleware.LanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "core.middleware.RequestContextMiddleware",
    # Reads of lists, reports, search and the dashboard on the replica, when there is one.
    "core.db_router.ReplicaReadsMiddleware",
    "org.middleware.SecondFactorMiddleware",
    "core.middleware.AnonymousRateLimitMiddleware",
    "csp.middleware.CSPMiddleware",
    "django_prometheus.middleware.PrometheusAfterMiddleware",
    # Last, as django-axes asks: it turns a lockout into the lockout page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "hoptac.urls"
WSGI_APPLICATION = "hoptac.wsgi.application"

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
                "core.context_processors.hoptac",
                "tracking.context_processors.notifications",
            ],
        },
    },
]

# Selects written in Python (a list's filters offer hundreds of units and agencies).
FORM_RENDERER = "core.renderers.FastSelectRenderer"

DATABASES = {
    "default": dj_database_url.config(default="sqlite:///{}".format(BASE_DIR / "db.sqlite3"), conn_max_age=60)
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL and a busy timeout let the dev server and a worker share the file. IMMEDIATE takes
    # the write lock when a transaction begins: a deferred one that read first fails at once
    # with "database is locked" when another request (a session save) wrote in between.
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {"timeout": 20, "init_command": "PRAGMA journal_mode=WAL;", "transaction_mode": "IMMEDIATE"}
    )
elif DATABASES["default"]["ENGINE"].startswith("django.db.backends.postgresql"):
    # The status queries (nested EXISTS over periods and reports) cross PostgreSQL's JIT cost
    # threshold, and compiling them costs far more than running them: measured 33 s with JIT,
    # 0.3 s without, for the demo's assignments.
    DATABASES["default"].setdefault("OPTIONS", {}).setdefault("options", "-c jit=off")
    # A kept connection is checked before each request, so workers recover by themselves
    # after the database restarts (the first request no longer fails on a dead socket).
    DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
# Optional read replica (docs/operations.md, "Read replica"): lists, reports, search and the
# dashboard read from it, except for a client that wrote in the last few seconds.
if os.environ.get("DATABASE_REPLICA_URL", ""):
    DATABASES["replica"] = {
        **dj_database_url.parse(os.environ["DATABASE_REPLICA_URL"], conn_max_age=60),
        "OPTIONS": dict(DATABASES["default"].get("OPTIONS", {})),
        "CONN_HEALTH_CHECKS": DATABASES["default"].get("CONN_HEALTH_CHECKS", False),
        "TEST": {"MIRROR": "default"},
    }
    DATABASE_ROUTERS = ["core.db_router.ReplicaRouter"]
HOPTAC_REPLICA_STICKY_SECONDS = int(os.environ.get("HOPTAC_REPLICA_STICKY_SECONDS", "") or "10")
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "org.User"
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"
AUTHENTICATION_BACKENDS = [
    # django-axes first, so a locked-out user is refused before the password is checked.
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 10},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "vi"
# Language names stay in their own language, untranslated, so each is recognisable.
LANGUAGES = [("vi", "Tiếng Việt"), ("en", "English")]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Asia/Ho_Chi_Minh"
USE_I18N = True
USE_TZ = True
DATE_INPUT_FORMATS = ["%d/%m/%Y", "%Y-%m-%d"]
FORMAT_MODULE_PATH = ["hoptac.formats"]

STATIC_URL = "static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", "") or BASE_DIR / "staticfiles")
MEDIA_URL = "media/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", "") or BASE_DIR / "media")
# Uploaded files: MEDIA_ROOT on disk by default, a volume every node mounts when there are
# several. HOPTAC_FILE_STORAGE names another Django storage class (S3-compatible storage
# through django-storages: docs/operations.md), HOPTAC_FILE_STORAGE_OPTIONS its options as JSON.
# Articles read for facts (articles.textio): a file above this size is refused before any
# parsing (HOPTAC_ARTICLE_MAX_BYTES, bytes; 10 MB by default).
HOPTAC_ARTICLE_MAX_BYTES = int(os.environ.get("HOPTAC_ARTICLE_MAX_BYTES", "") or 10 * 1024 * 1024)
STORAGES = {
    "default": {
        "BACKEND": os.environ.get("HOPTAC_FILE_STORAGE", "") or "django.core.files.storage.FileSystemStorage",
        "OPTIONS": json.loads(os.environ.get("HOPTAC_FILE_STORAGE_OPTIONS", "") or "{}"),
    },
    # With DEBUG off, whitenoise serves what `collectstatic` wrote: names carry a hash of the
    # content (cached for ever by browsers and proxies) and each file has a gzip copy.
    "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
        if DEBUG
        else "whitenoise.storage.CompressedManifestStaticFilesStorage"
    },
}

# Sessions end after 30 idle minutes and when the browser closes (DESIGN.md 4.6). The expiry
# moves at most once a minute (core.middleware.SessionRefreshMiddleware), not on every request.
SESSION_COOKIE_AGE = 30 * 60
SESSION_SAVE_EVERY_REQUEST = False
HOPTAC_SESSION_REFRESH_SECONDS = 60
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"
SESSION_COOKIE_SECURE = not DEBUG
CSRF_COOKIE_SECURE = not DEBUG
LANGUAGE_COOKIE_SECURE = not DEBUG
LANGUAGE_COOKIE_SAMESITE = "Lax"
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
if not DEBUG:
    SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", str(365 * 24 * 3600)))
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", True)
    SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
# Probes reach a node directly over plain HTTP: never redirected to HTTPS.
SECURE_REDIRECT_EXEMPT = [r"^health/", r"^metrics$"]
if env_bool("SECURE_PROXY_SSL", False):
    # Behind a TLS-terminating proxy that sets X-Forwarded-Proto.
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

# Content-Security-Policy: no inline script or style, every asset from this server.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    }
}

# The cache holds computed figures (core.figures) and the rate-limit counters only: nothing
# in it is the one copy of anything, so losing it costs recomputation (and resets the counts). Several nodes share Redis (REDIS_URL) so a figure
# computed on one is reused by all; without it each process keeps its own (the embedded
# default needs nothing). A Redis that is down makes the figures recomputed, never an error.
REDIS_URL = os.environ.get("REDIS_URL", "")
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django_redis.cache.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": "hoptac",
            "OPTIONS": {"SOCKET_CONNECT_TIMEOUT": 2, "SOCKET_TIMEOUT": 2, "IGNORE_EXCEPTIONS": True},
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "hoptac"}}

# Sessions stay in the database (Django's default, written at most once a minute for the
# idle timeout): every node reads the same rows, and a Redis restart signs nobody out.
SESSION_ENGINE = "django.contrib.sessions.backends.db"

# Lockout after 5 failed logins per user and address, for 15 minutes (django-axes). Failures
# are counted in the database, so every node sees the same count and lockout.
AXES_HANDLER = "axes.handlers.database.AxesDatabaseHandler"
AXES_FAILURE_LIMIT = 5
AXES_COOLOFF_TIME = datetime.timedelta(minutes=15)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "registration/lockout.html"
AXES_VERBOSE = False
# The client's address behind HOPTAC_PROXY_COUNT trusted proxies (the lockout, the rate limits
# and the audit log name the same address).
AXES_CLIENT_IP_CALLABLE = "core.middleware.client_ip"
OTP_TOTP_ISSUER = "hoptac"

# Rate limits per client address (django-ratelimit), on when DEBUG is off: requests without a
# signed-in user or token, and sign-in attempts. Counted in the cache, which every node shares
# when REDIS_URL is set. HOPTAC_PROXY_COUNT: the trusted reverse proxies in front (their
# X-Forwarded-For names the client). `make bench` and the test settings set HOPTAC_RATELIMIT.
RATELIMIT_ENABLE = env_bool("HOPTAC_RATELIMIT", not DEBUG)
HOPTAC_RATE_ANONYMOUS = os.environ.get("HOPTAC_RATE_ANONYMOUS", "120/m")
HOPTAC_RATE_LOGIN = os.environ.get("HOPTAC_RATE_LOGIN", "20/m")
HOPTAC_PROXY_COUNT = int(os.environ.get("HOPTAC_PROXY_COUNT", "0"))
RATELIMIT_IP_META_KEY = "core.middleware.client_ip"
RATELIMIT_VIEW = "core.error_views.rate_limited"
# django-ratelimit refuses the per-process LocMem cache; with one process (the embedded
# default) its counts are exact, so the check is silenced until REDIS_URL sets a shared cache.
SILENCED_SYSTEM_CHECKS = ["django_ratelimit.E003", "django_ratelimit.W001"]

EMAIL_BACKEND = os.environ.get(
    "EMAIL_BACKEND",
    "django.core.mail.backends.console.EmailBackend"
    if DEBUG
    else "django.core.mail.backends.smtp.EmailBackend",
)
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "25"))
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "hoptac@localhost")

REST_FRAMEWORK = {
    # Token first, so an anonymous API call is answered 401 with a WWW-Authenticate header.
    # Personal tokens (org.ApiToken) that expire and can be revoked, not DRF's authtoken.
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "org.api.authentication.ApiTokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_PAGINATION_CLASS": "core.api.pagination.StandardPagination",
    "PAGE_SIZE": 50,
    "DEFAULT_FILTER_BACKENDS": ["core.api.filters.VisibleFilterBackend"],
    "DEFAULT_SCHEMA_CLASS": "core.api.schema.HoptacAutoSchema",
    "EXCEPTION_HANDLER": "core.api.errors.exception_handler",
    "DATETIME_FORMAT": "iso-8601",
}
SPECTACULAR_SETTINGS = {
    "TITLE": "hoptac API",
    "DESCRIPTION": "API of hoptac, the international-cooperation information system.",
    "VERSION": "1.0.0",
    "OAS_VERSION": "3.0.3",
    "SERVE_INCLUDE_SCHEMA": False,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "COMPONENT_SPLIT_REQUEST": True,
    "ENUM_NAME_OVERRIDES": {
        "Classification": "access.choices.Classification",
        "SecretLevel": "core.models.SECRET_LEVELS",
        "UnitKind": "org.models.UnitKind",
        "AgencyKind": "partners.choices.AgencyKind",
        "BodyKind": "partners.choices.BodyKind",
        "BodyScope": "partners.choices.BodyScope",
        "MembershipStatus": "partners.choices.MembershipStatus",
        "RelationshipLevel": "partners.choices.RelationshipLevel",
        "Channel": "partners.choices.Channel",
        "Region": "partners.choices.Region",
        "CefrLevel": "capacity.choices.Cefr",
        "QualificationKind": "capacity.choices.QualificationKind",
        "PostingKind": "capacity.choices.PostingKind",
        "StaffLanguage": "capacity.choices.Language",
        "StageKind": "instruments.choices.StageKind",
        "TreatyWorkKind": "instruments.choices.TreatyWorkKind",
        "DeadlineTrigger": "instruments.choices.DeadlineTrigger",
    },
}

# The highest classification this instance may hold (DESIGN.md section 4.6). A production
# configuration sets it explicitly: classified data belongs on an isolated network.
_LEVELS = ("thuong", "mat", "toi_mat", "tuyet_mat")
HOPTAC_MAX_CLASSIFICATION = os.environ.get("HOPTAC_MAX_CLASSIFICATION", "tuyet_mat" if DEBUG else "")
if not HOPTAC_MAX_CLASSIFICATION:
    raise ImproperlyConfigured(
        "HOPTAC_MAX_CLASSIFICATION must be set when DEBUG is off (one of {}).".format(", ".join(_LEVELS))
    )
if HOPTAC_MAX_CLASSIFICATION not in _LEVELS:
    raise ImproperlyConfigured("HOPTAC_MAX_CLASSIFICATION must be one of {}.".format(", ".join(_LEVELS)))
# Key of the audit chain's HMAC; keep it when rotating SECRET_KEY, or the chain won't verify.
# A production instance sets its own. An instance whose chain was written before this rule,
# with the then documented default (SECRET_KEY as the key), sets HOPTAC_AUDIT_KEY_FROM_SECRET=1
# and keeps verifying (docs/operations.md, "Audit key and SECRET_KEY").
HOPTAC_AUDIT_KEY = os.environ.get("HOPTAC_AUDIT_KEY", "")
if not HOPTAC_AUDIT_KEY:
    if not DEBUG and not ALLOW_DEFAULT_KEYS and not env_bool("HOPTAC_AUDIT_KEY_FROM_SECRET"):
        raise ImproperlyConfigured(
            "HOPTAC_AUDIT_KEY must be set when DEBUG is off. An instance whose audit chain was "
            "written with SECRET_KEY as its key sets HOPTAC_AUDIT_KEY_FROM_SECRET=1 instead."
        )
    HOPTAC_AUDIT_KEY = SECRET_KEY
# Parallel audit chains (core.audit): concurrent appends each take a free chain instead of
# queueing on one lock; verify_audit walks them all. More chains than concurrent writers
# (web and worker processes together) buy nothing.
HOPTAC_AUDIT_CHAINS = int(os.environ.get("HOPTAC_AUDIT_CHAINS", "8"))
HOPTAC_DEMO_PASSWORD = os.environ.get("HOPTAC_DEMO_PASSWORD", "hoptac-demo")

# Logs on stderr (the journal or the container log), each line with the request id that the
# history records and the X-Request-ID header carries. LOG_FORMAT=json: one JSON object a line.
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"request_id": {"()": "core.logging.RequestIdFilter"}},
    "formatters": {
        "text": {"format": "%(asctime)s %(levelname)s %(name)s request_id=%(request_id)s %(message)s"},
        "json": {"()": "core.logging.JsonFormatter"},
    },
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "filters": ["request_id"],
            "formatter": "json" if os.environ.get("LOG_FORMAT", "") == "json" else "text",
        }
    },
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "") or "WARNING"},
}

# Prometheus metrics (/metrics) are readable from these addresses or networks only: the
# scraper's, never through the public proxy. /health/ready/ fails when the oldest job waiting
# in the background queue is older than HOPTAC_QUEUE_MAX_AGE seconds (no worker runs).
HOPTAC_METRICS_ALLOWED = env_list("HOPTAC_METRICS_ALLOWED", "127.0.0.1,::1")
HOPTAC_QUEUE_MAX_AGE = int(os.environ.get("HOPTAC_QUEUE_MAX_AGE", "") or "3600")

# The unit that answers obstacles and coordinates the tracking engine (Cục Đối ngoại), and
# how many working days it (then the leadership) has to answer an obstacle.
HOPTAC_COORDINATION_UNIT = os.environ.get("HOPTAC_COORDINATION_UNIT", "CDN")
HOPTAC_OBSTACLE_ANSWER_DAYS = int(os.environ.get("HOPTAC_OBSTACLE_ANSWER_DAYS", "5"))
# The Ministry leadership's unit: it owns escalated obstacles.
HOPTAC_LEADERSHIP_UNIT = os.environ.get("HOPTAC_LEADERSHIP_UNIT", "LDB")
# Instruments in force are announced this many days before they expire.
HOPTAC_EXPIRY_ALERT_DAYS = int(os.environ.get("HOPTAC_EXPIRY_ALERT_DAYS", "90"))

# Background jobs (reminders, digests, reports, imports) go through django-tasks. By default
# they are stored in the database and run by `manage.py db_worker` (more workers scale out);
# HOPTAC_TASKS_IMMEDIATE=1 runs each job in the process that enqueues it (a demo without a
# worker). django-tasks has no scheduler: a cron job or systemd timer runs
# `manage.py send_reminders --enqueue` once a day (README, "Background jobs").
TASKS = {
    "default": {
        "BACKEND": "django_tasks.backends.immediate.ImmediateBackend"
        if env_bool("HOPTAC_TASKS_IMMEDIATE", False)
        else "django_tasks_db.DatabaseBackend",
        "QUEUES": ["default"],
    }
}
# The daily round: "due soon" this many days before a due date; a nudge after this many days
# without a report on an open assignment.
HOPTAC_REMINDER_DAYS_BEFORE = int(os.environ.get("HOPTAC_REMINDER_DAYS_BEFORE", "3"))
HOPTAC_NUDGE_AFTER_DAYS = int(os.environ.get("HOPTAC_NUDGE_AFTER_DAYS", "30"))
# The unit responsible for protecting state secrets (Law 117/2025/QH15): a loss or disclosure
# recorded in hoptac is reported to it at once. The demo's default (the Ministry Office) is a
# placeholder; production names its unit by code.
HOPTAC_SECRETS_PROTECTION_UNIT = os.environ.get("HOPTAC_SECRETS_PROTECTION_UNIT", "VPB")
