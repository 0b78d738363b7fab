"""Settings for the test suite: fast hashing, an in-memory cache, no real e-mail."""

import os
import tempfile

from config.settings import *  # noqa: F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
# WhiteNoise's manifest storage needs collectstatic; tests serve files as they are.
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

# SQLite tests use a file, not shared-cache memory: concurrency tests (threads
# recording steps at once) need real locking with WAL and the busy timeout, as in
# production, where shared-cache memory databases fail at once with "table is locked".
# One file per process, so that two test runs on one machine never share it.
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":  # noqa: F405
    DATABASES["default"]["TEST"] = {  # noqa: F405
        "NAME": os.path.join(
            tempfile.gettempdir(), f"repairlocale-test-{os.getpid()}.sqlite3"
        )
    }

# Tasks run at once, in the test's own transaction.
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}

# Login lockouts are tested on their own (accounts/tests/test_lockout.py, which turns
# this back on); elsewhere client.login() has no request for django-axes to inspect.
AXES_ENABLED = False
