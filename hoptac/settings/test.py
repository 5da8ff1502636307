"""Test settings: fast hasher, locmem email, the test-only app with sample business models."""

import os

os.environ.setdefault("HOPTAC_ALLOW_DEFAULT_KEY", "1")
os.environ.setdefault("HOPTAC_MAX_CLASSIFICATION", "tuyet_mat")
os.environ.setdefault("ALLOWED_HOSTS", "*")

from .base import *  # noqa: F403
from .base import INSTALLED_APPS

TESTING = True
# A fast hasher for tests; test_security checks that the real settings use Argon2.
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
# Jobs run where they are enqueued, so a test sees their effect at once.
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend", "QUEUES": ["default"]}}
INSTALLED_APPS = [*INSTALLED_APPS, "core.tests.sampleapp"]
ROOT_URLCONF = "hoptac.urls_test"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.InMemoryStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
ALLOWED_HOSTS = ["*"]
# Static files from the apps' folders, as under runserver: tests run no collectstatic.
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True

if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":  # noqa: F405
    # A file, not memory: threads then lock as in production (tests of concurrent edits).
    (BASE_DIR / "test-artifacts").mkdir(exist_ok=True)  # noqa: F405
    DATABASES["default"]["TEST"] = {"NAME": str(BASE_DIR / "test-artifacts" / "test.sqlite3")}  # noqa: F405

# Rate limits off, whatever DEBUG says; the tests of the limits turn them on themselves.
RATELIMIT_ENABLE = False

# The test client speaks plain HTTP; the other production flags stay as in base.
SECURE_SSL_REDIRECT = False
