"""Settings for the benches served by gunicorn: the project's own, plus a floor view."""

import os

from config.settings import *  # noqa: F403

ROOT_URLCONF = "bench.urls"

# Mail is kept, then delivered to files, so that the bench can count what the worker sent
# (or by SMTP where the bench sets EMAIL_HOST: bench/faults.py).
if os.environ.get("BENCH_MAIL_DIR"):
    MAIL_DELIVERY_BACKEND = "django.core.mail.backends.filebased.EmailBackend"
    EMAIL_FILE_PATH = os.environ["BENCH_MAIL_DIR"]

# The benches count the CPU of each PostgreSQL backend they use, and a backend that ends
# takes its count with it: the workers keep their connections for the whole run (the
# project's renew theirs every minute, one connect a minute per worker).
DATABASES["default"]["CONN_MAX_AGE"] = None  # noqa: F405

# Served with DEBUG off, pages need the manifest of collected static files: the benches
# collect them here (serving.gunicorn) rather than in the project's own directory.
STATIC_ROOT = VAR_DIR / "bench-static"  # noqa: F405
