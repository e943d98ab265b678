"""Settings for bench/registration_burst.py: the project's own, plus a floor view."""

import os

from config.settings import *  # noqa: F403

ROOT_URLCONF = "bench.urls"

# Mail is written to files, so that the bench can count what the worker sent.
EMAIL_BACKEND = "django.core.mail.backends.filebased.EmailBackend"
EMAIL_FILE_PATH = os.environ["BENCH_MAIL_DIR"]
